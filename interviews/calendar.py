"""Calendar files and emails for mocks (console email locally, SMTP in production)."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from icalendar import Calendar, Event

from interviews.models import Mock


def mock_ics(mock: Mock, base_url: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//sdprep//mock interviews//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"mock-{mock.pk}@sdprep")
    event.add("summary", f"sdprep {mock.level.code} mock interview")
    event.add("dtstart", mock.scheduled_at)
    event.add("dtend", mock.scheduled_at + datetime.timedelta(minutes=mock.duration_minutes))
    event.add("dtstamp", mock.created_at)
    room = f"{base_url}{reverse('interviews:mock', args=[mock.pk])}"
    event.add("url", room)
    event.add("description", f"Room: {room}" + (f"\nCall: {mock.call_link}" if mock.call_link else ""))
    if mock.call_link:
        event.add("location", mock.call_link)
    calendar.add_component(event)
    return calendar.to_ical()


def send_mock_confirmation(mock: Mock, base_url: str) -> None:
    """Both participants get the time, their role, the room link and an .ics file."""
    for user, role in ((mock.interviewer, "interviewer"), (mock.candidate, "candidate")):
        if user is None:
            continue
        local = mock.scheduled_at.astimezone(_zone(user.time_zone))
        when = f"{local:%a %d %b, %H:%M} ({user.time_zone})"
        message = EmailMessage(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Mock interview on {when}",
            body=(
                f"You are the {role} in a {mock.duration_minutes}-minute {mock.level.code} mock.\n"
                f"When: {local:%A %d %B %Y, %H:%M} ({user.time_zone})\n"
                f"Room: {base_url}{reverse('interviews:mock', args=[mock.pk])}\n"
            ),
            to=[user.email],
        )
        message.attach(f"sdprep-mock-{mock.pk}.ics", mock_ics(mock, base_url), "text/calendar")
        message.send(fail_silently=True)


def _zone(name: str):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC
