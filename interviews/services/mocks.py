"""Writes for peer mocks. Each change and its event-log row commit together, then NOTIFY wakes streams."""

import datetime
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from casestudies.models import Level, Question
from interviews.calendar import send_mock_confirmation
from interviews.events import event_append, scratchpad_payload
from interviews.models import Mock, MockEvent, MockInvite, Scorecard, Slot
from interviews.selectors.mocks import pick_question
from interviews.services import clock
from interviews.services.clock import timer_payload
from interviews.services.practice import reject_nul, sections_cleaned
from sdprep.errors import DomainError
from sdprep.versioning import StaleVersion

INVITE_LIFETIME = datetime.timedelta(days=14)
SCRATCHPAD_MAX_BYTES = 200_000
NOTES_MAX_LENGTH = 50_000
NO_SHOW_AFTER = datetime.timedelta(minutes=10)


class IllegalTransition(DomainError):
    """The room is not in a state where this can happen (or this person may not do it)."""

    status = 409


def _notify_both(mock: Mock, base_url: str) -> None:
    """Both participants get the time, their role and a calendar file, once the booking has committed."""
    transaction.on_commit(lambda: send_mock_confirmation(mock, base_url))


def mock_locked(mock: Mock) -> Mock:
    return Mock.objects.select_for_update().get(pk=mock.pk)


def mock_locked_for(user, pk: int) -> Mock:
    """The mock, locked for this transaction, if `user` takes part in it; 404 for anyone else, as the
    room's pages answer. The room's saves read nothing before it: the lock is their one read."""
    mock = Mock.objects.select_for_update().filter(Q(interviewer=user) | Q(candidate=user), pk=pk).first()
    if mock is None:
        raise Http404("No such mock.")
    return mock


def role_required(mock: Mock, user, role: str) -> None:
    if mock.role_of(user) != role:
        raise PermissionDenied(f"Only the {role} can do that.")


@transaction.atomic
def mock_create(
    *,
    user,
    question: Question,
    level: Level,
    role: str,
    scheduled_at,
    duration_minutes: int = 60,
    call_link: str = "",
    partner=None,
    base_url: str = "",
) -> tuple[Mock, MockInvite]:
    """Create a mock with the user in `role`; the other seat goes to `partner` (a teammate booked
    straight away, and both are emailed) or to whoever accepts the returned invite."""
    if role not in ("interviewer", "candidate"):
        raise ValidationError("Choose whether you interview or are interviewed.")
    if partner is not None and partner.pk == user.pk:
        raise ValidationError("Pick someone else as your partner.")
    mock = Mock(
        question=question,
        level=level,
        created_by=user,
        scheduled_at=scheduled_at,
        duration_minutes=duration_minutes,
        call_link=call_link,
        **{role: user},
    )
    mock.full_clean()
    mock.save()
    other = "candidate" if role == "interviewer" else "interviewer"
    invite = MockInvite.objects.create(mock=mock, role=other, expires_at=timezone.now() + INVITE_LIFETIME)
    event_append(mock, "created", {"state": mock.state})
    if partner is not None:
        setattr(mock, other, partner)
        mock.save(update_fields=[other])
        # The seat is taken: the link is spent, so it cannot seat a third person.
        invite.accepted_at, invite.accepted_by = timezone.now(), partner
        invite.save(update_fields=["accepted_at", "accepted_by"])
        event_append(mock, "joined", {"role": other})
        _notify_both(mock, base_url)
    return mock, invite


@transaction.atomic
def invite_accept(*, token: str, user, base_url: str = "") -> Mock:
    """Take the invite's seat; both participants are emailed."""
    invite = MockInvite.objects.select_for_update().select_related("mock").filter(token=token).first()
    if invite is None:
        raise MockInvite.DoesNotExist
    mock = mock_locked(invite.mock)
    if invite.accepted_at is not None:
        raise IllegalTransition("This invite has already been accepted.")
    if invite.expires_at < timezone.now():
        raise IllegalTransition("This invite has expired; ask for a new link.")
    if mock.role_of(user):
        raise IllegalTransition("You are already in this mock; send the link to your partner.")
    if mock.state != Mock.State.SCHEDULED:
        raise IllegalTransition("This mock is no longer open.")
    setattr(mock, invite.role, user)
    mock.save(update_fields=[invite.role])
    invite.accepted_at, invite.accepted_by = timezone.now(), user
    invite.save(update_fields=["accepted_at", "accepted_by"])
    event_append(mock, "joined", {"role": invite.role})
    _notify_both(mock, base_url)
    return mock


TRANSITIONS = {
    # action: (states it may happen in, who)
    "start": ({Mock.State.SCHEDULED}, "interviewer"),
    "pause": ({Mock.State.LIVE}, "interviewer"),
    "resume": ({Mock.State.LIVE}, "interviewer"),
    "next_phase": ({Mock.State.LIVE}, "interviewer"),
    "auto_on": ({Mock.State.LIVE}, "interviewer"),
    "auto_off": ({Mock.State.LIVE}, "interviewer"),
    "advance_due": ({Mock.State.LIVE}, None),  # a clock reached zero with auto-advance on: either side
    "nudge": ({Mock.State.LIVE}, "interviewer"),
    "curveball": ({Mock.State.LIVE}, "interviewer"),
    "end": ({Mock.State.LIVE}, "interviewer"),
    "cancel": ({Mock.State.SCHEDULED}, None),  # either participant
    "no_show": ({Mock.State.SCHEDULED}, None),  # either participant, about the other
}
# Kit actions that post their own event and leave the timer as it is.
_KIT_ONLY = {"nudge", "curveball"}


@transaction.atomic
def mock_transition(*, mock: Mock, user, action: str, now=None, choice: str = "") -> Mock:
    mock, now = mock_locked(mock), now or timezone.now()
    if action not in TRANSITIONS:
        raise IllegalTransition(f"Unknown action '{action}'.")
    states, who = TRANSITIONS[action]
    if mock.role_of(user) is None:
        raise PermissionDenied("Only participants can change the room.")
    if who and mock.role_of(user) != who:
        raise IllegalTransition(f"Only the {who} can {action.replace('_', ' ')} the mock.")
    if mock.state not in states:
        raise IllegalTransition(
            f"You cannot {action.replace('_', ' ')} a mock that is {mock.get_state_display().lower()}."
        )
    if action in _KIT_ONLY:
        if action == "nudge":
            clock.nudge(mock)
        else:
            clock.curveball_throw(mock, choice, mock.elapsed(now))
        return mock
    closed = []
    if action == "start":
        if not (mock.interviewer_id and mock.candidate_id):
            raise IllegalTransition("The mock starts once both participants have joined.")
        mock.state, mock.started_at = Mock.State.LIVE, now
        Scorecard.objects.get_or_create(mock=mock)  # the interviewer scores as they go
    elif action == "pause" and mock.paused_at is None:
        mock.paused_at = now
    elif action == "resume" and mock.paused_at is not None:
        mock.paused_total += now - mock.paused_at
        mock.paused_at = None
    elif action == "next_phase":
        closed = [clock.phase_next(mock, now)]
    elif action in ("auto_on", "auto_off"):
        mock.auto_advance = action == "auto_on"
    elif action == "advance_due":
        closed = clock.phases_due(mock, now)
        if not closed:
            return mock  # not due (or another tab got there first): nothing changes, nothing is logged
    elif action == "end":
        if mock.paused_at is not None:
            mock.paused_total += now - mock.paused_at
            mock.paused_at = None
        mock.state, mock.ended_at = Mock.State.FEEDBACK, now
        Scorecard.objects.get_or_create(mock=mock)
    elif action == "cancel":
        mock.state = Mock.State.CANCELLED
    elif action == "no_show":
        if now < mock.scheduled_at + NO_SHOW_AFTER:
            raise IllegalTransition("You can mark a no-show ten minutes after the start time.")
        if mock.other(user) is None:
            raise IllegalTransition("Nobody accepted the invite; cancel the mock instead.")
        mock.state, mock.no_show_user = Mock.State.NO_SHOW, mock.other(user)
    mock.save()
    payload = timer_payload(mock, now)
    if closed:
        payload["phases_closed"] = closed  # the timings, for the log and the replay
    event_append(mock, "timer", payload)
    return mock


@transaction.atomic
def scratchpad_save(*, mock: Mock, user, content: dict[str, str], version: int) -> Mock:
    mock = mock_locked_for(user, mock.pk)
    role_required(mock, user, "candidate")
    if mock.state != Mock.State.LIVE:
        raise IllegalTransition("The scratchpad is open while the mock is live.")
    if mock.scratchpad_version != version:
        raise StaleVersion
    cleaned = sections_cleaned(content)
    if len(json.dumps(cleaned).encode()) > SCRATCHPAD_MAX_BYTES:
        raise ValidationError(f"The scratchpad is over {SCRATCHPAD_MAX_BYTES // 1000} KB.")
    mock.scratchpad, mock.scratchpad_version = cleaned, version + 1
    mock.save(update_fields=["scratchpad", "scratchpad_version"])
    event_append(mock, "scratchpad", scratchpad_payload(cleaned, mock.scratchpad_version))
    return mock


@transaction.atomic
def notes_save(*, mock: Mock, user, notes: str, version: int) -> Mock:
    mock = mock_locked_for(user, mock.pk)
    role_required(mock, user, "interviewer")
    if len(notes) > NOTES_MAX_LENGTH:
        raise ValidationError(f"Notes are limited to {NOTES_MAX_LENGTH:,} characters.")
    reject_nul(notes)
    if mock.notes_version != version:
        raise StaleVersion
    mock.interviewer_notes, mock.notes_version = notes, version + 1
    mock.save(update_fields=["interviewer_notes", "notes_version"])
    # Timestamped for the replay, and only ever read on the interviewer's side.
    event_append(
        mock, "notes", {"text": notes, "version": mock.notes_version}, MockEvent.Audience.INTERVIEWER
    )
    return mock


@transaction.atomic
def mock_swap_roles(*, mock: Mock, user) -> Mock:
    """The reverse mock for the same pair, with a question new to the new candidate."""
    mock = mock_locked(mock)
    if mock.role_of(user) is None:
        raise PermissionDenied("Only participants can swap roles.")
    if mock.state not in (Mock.State.FEEDBACK, Mock.State.COMPLETED):
        raise IllegalTransition("Swap roles once the mock has ended.")
    question = (
        pick_question(level=mock.level, candidate=mock.interviewer, exclude=mock.question) or mock.question
    )
    swapped = Mock.objects.create(
        question=question,
        level=mock.level,
        interviewer=mock.candidate,
        candidate=mock.interviewer,
        created_by=user,
        scheduled_at=timezone.now(),
        duration_minutes=mock.duration_minutes,
        call_link=mock.call_link,
        swapped_from=mock,
    )
    event_append(swapped, "created", {"state": swapped.state})
    return swapped


@transaction.atomic
def slot_create(*, user, kind: str, level: Level, starts_at, duration_minutes: int = 60) -> Slot:
    if starts_at < timezone.now():
        raise ValidationError("Offer a time in the future.")
    slot = Slot(user=user, kind=kind, level=level, starts_at=starts_at, duration_minutes=duration_minutes)
    slot.full_clean()
    slot.save()
    return slot


@transaction.atomic
def slot_book(*, slot, user, base_url: str = "") -> Mock:
    """Book someone's open slot: the mock is created with both roles filled, and both are emailed."""
    slot = Slot.objects.select_for_update().get(pk=slot.pk)
    if slot.user_id == user.pk:
        raise IllegalTransition("This is your own slot: someone else books it.")
    if slot.booked_mock_id:
        raise IllegalTransition("Someone booked this slot a moment ago.")
    if slot.starts_at < timezone.now():
        raise IllegalTransition("This slot has already started.")
    interviewer, candidate = (slot.user, user) if slot.kind == Slot.Kind.INTERVIEW else (user, slot.user)
    question = pick_question(level=slot.level, candidate=candidate)
    if question is None:
        raise IllegalTransition("There is no question at this level yet.")
    mock = Mock.objects.create(
        question=question,
        level=slot.level,
        interviewer=interviewer,
        candidate=candidate,
        created_by=user,
        scheduled_at=slot.starts_at,
        duration_minutes=slot.duration_minutes,
    )
    slot.booked_mock = mock
    slot.save(update_fields=["booked_mock"])
    event_append(mock, "created", {"state": mock.state})
    _notify_both(mock, base_url)
    return mock


@transaction.atomic
def slot_withdraw(*, slot, user) -> None:
    if slot.user_id != user.pk:
        raise PermissionDenied("Only the person who offered a slot can withdraw it.")
    if slot.booked_mock_id:
        raise IllegalTransition("This slot is booked: cancel the mock instead.")
    slot.delete()
