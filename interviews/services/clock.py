"""The room's phase clock and the interviewer's kit: phases timed from server time, auto-advance,
"time to move on", and curveballs. Called inside `mock_transition`'s transaction, on the locked mock."""

import datetime

from django.core.exceptions import ValidationError

from interviews.events import event_append
from interviews.models import Mock, MockEvent
from sdprep.errors import DomainError


class KitRefused(DomainError):
    """A phase or curveball action that does not apply right now."""

    status = 409


def _seconds(delta: datetime.timedelta) -> int:
    return round(delta.total_seconds())


def timer_payload(mock: Mock, now: datetime.datetime | None = None) -> dict:
    """What both participants' clocks run from: the mock's and the phase's time left, by the server."""
    key, label, minutes = mock.phase
    return {
        "state": mock.state,
        "remaining": _seconds(mock.remaining(now)),
        "paused": mock.paused_at is not None,
        "phase_index": mock.phase_index,
        "phase": label,
        "phase_key": key,
        "phase_planned": minutes * 60,
        "phase_remaining": _seconds(mock.phase_remaining(now)),
        "phase_last": mock.phase_index >= len(mock.phases) - 1,
        "auto_advance": mock.auto_advance,
    }


def phase_next(mock: Mock, now: datetime.datetime, *, auto: bool = False) -> dict:
    """Close the current phase and open the next; returns how long the closed one took against plan.

    By hand, the next phase starts now. Auto-advance starts it where the plan says the last one ended,
    so a browser that asks a few seconds late does not stretch the plan."""
    if mock.phase_index >= len(mock.phases) - 1:
        raise KitRefused("This is the last phase; end the mock instead.")
    _key, label, minutes = mock.phase
    planned = datetime.timedelta(minutes=minutes)
    ended_at = mock.phase_started + planned if auto else mock.elapsed(now)
    closed = {
        "from": label,
        "took": _seconds(ended_at - mock.phase_started),
        "planned": _seconds(planned),
        "auto": auto,
    }
    mock.phase_index += 1
    mock.phase_started = ended_at
    return closed


def phases_due(mock: Mock, now: datetime.datetime) -> list[dict]:
    """With auto-advance on, every phase whose planned time is up moves on (none while paused)."""
    closed = []
    if not mock.auto_advance or mock.paused_at is not None:
        return closed
    while mock.phase_index < len(mock.phases) - 1 and mock.phase_remaining(now) <= datetime.timedelta():
        closed.append(phase_next(mock, now, auto=True))
    return closed


def nudge(mock: Mock) -> None:
    """The calm "time to move on" the candidate sees only when the interviewer sends it."""
    event_append(mock, "nudge", {"phase": mock.phase[1], "next": _next_label(mock)})


def _next_label(mock: Mock) -> str:
    return mock.phases[mock.phase_index + 1][1] if mock.phase_index < len(mock.phases) - 1 else ""


def curveball_throw(mock: Mock, index: str, elapsed: datetime.timedelta) -> None:
    """Post one of the question's requirement changes to both screens and the log, once."""
    curveballs = mock.question.curveballs
    if not index.isdigit() or not 0 <= int(index) < len(curveballs):
        raise ValidationError("Choose one of this question's curveballs.")  # bad input: a 422
    number = int(index)
    thrown = MockEvent.objects.filter(mock=mock, kind="curveball", payload__index=number)
    if thrown.exists():
        raise KitRefused("That curveball is already on the candidate's screen.")
    event_append(
        mock,
        "curveball",
        {
            "index": number,
            "text": curveballs[number]["text"],
            "phase": mock.phase[1],
            "at": _seconds(elapsed),
        },
    )
