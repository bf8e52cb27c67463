"""Writes for peer mocks. Each change and its event-log row commit together, then NOTIFY wakes streams."""

import datetime
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from casestudies.models import Level, Question, RubricDimension
from interviews.calendar import send_mock_confirmation
from interviews.events import event_append, scratchpad_payload
from interviews.models import Mock, MockEvent, MockInvite, Scorecard, Slot
from interviews.selectors.mocks import pick_question
from interviews.services.practice import reject_nul, sections_cleaned
from progress.models import RubricTotal
from progress.services import review_cards_make_due, rubric_totals_add
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


def _locked(mock: Mock) -> Mock:
    return Mock.objects.select_for_update().get(pk=mock.pk)


def _require_role(mock: Mock, user, role: str) -> None:
    if mock.role_of(user) != role:
        raise PermissionDenied(f"Only the {role} can do that.")


def timer_payload(mock: Mock) -> dict:
    return {
        "state": mock.state,
        "remaining": round(mock.remaining().total_seconds()),
        "paused": mock.paused_at is not None,
        "phase_index": mock.phase_index,
        "phase": mock.phase[1],
    }


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
    mock = _locked(invite.mock)
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
    "end": ({Mock.State.LIVE}, "interviewer"),
    "cancel": ({Mock.State.SCHEDULED}, None),  # either participant
    "no_show": ({Mock.State.SCHEDULED}, None),  # either participant, about the other
}


@transaction.atomic
def mock_transition(*, mock: Mock, user, action: str, now=None) -> Mock:
    mock, now = _locked(mock), now or timezone.now()
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
        if mock.phase_index >= len(mock.phases) - 1:
            raise IllegalTransition("This is the last phase; end the mock instead.")
        mock.phase_index += 1
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
    event_append(mock, "timer", timer_payload(mock))
    return mock


@transaction.atomic
def scratchpad_save(*, mock: Mock, user, content: dict[str, str], version: int) -> Mock:
    mock = _locked(mock)
    _require_role(mock, user, "candidate")
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
    mock = _locked(mock)
    _require_role(mock, user, "interviewer")
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
def scorecard_save(
    *, mock: Mock, user, ratings: dict, signal: str, feedback: str, version: int, submit: bool = False
) -> Scorecard:
    """Save the interviewer's draft (during or after the mock); with submit (after it), check it is
    complete and show it to the candidate."""
    mock = _locked(mock)
    _require_role(mock, user, "interviewer")
    if mock.state not in (Mock.State.LIVE, Mock.State.FEEDBACK):
        raise IllegalTransition("The scorecard is open from the start of the mock until it is submitted.")
    if submit and mock.state != Mock.State.FEEDBACK:
        raise IllegalTransition("Submit the scorecard after ending the mock; until then it is a draft.")
    scorecard = Scorecard.objects.select_for_update().get(mock=mock)
    if scorecard.version != version:
        raise StaleVersion
    scorecard.ratings, scorecard.signal, scorecard.feedback = ratings, signal, feedback
    scorecard.version = version + 1
    if submit:
        errors = scorecard_problems(mock, scorecard)
        if errors:
            raise ValidationError(errors)
        scorecard.submitted_at = timezone.now()
        mock.state = Mock.State.COMPLETED
        mock.save(update_fields=["state"])
        _weak_dimensions_due(mock, ratings, scorecard.submitted_at)
        _scores_to_totals(mock, ratings)
        event_append(mock, "timer", timer_payload(mock))
    scorecard.save()
    return scorecard


def _scores_to_totals(mock: Mock, ratings: dict) -> None:
    dimensions = dict(RubricDimension.objects.filter(levels=mock.level).values_list("slug", "pk"))
    scores = {dimensions[slug]: entry["score"] for slug, entry in ratings.items() if slug in dimensions}
    rubric_totals_add(user=mock.candidate, level=mock.level, source=RubricTotal.Source.MOCK, scores=scores)


def _weak_dimensions_due(mock: Mock, ratings: dict, now) -> None:
    """Dimensions scored 1 or 2 bring the candidate's questions that exercise them back for review."""
    weak = {slug: entry["score"] for slug, entry in ratings.items() if (entry or {}).get("score") in (1, 2)}
    if not weak:
        return
    dimensions = list(RubricDimension.objects.filter(slug__in=weak).order_by("order"))
    kinds = sorted({k for d in dimensions for k in d.question_kinds})
    scored = ", ".join(f"{d.name} scored {weak[d.slug]}" for d in dimensions)
    review_cards_make_due(
        user=mock.candidate,
        level=mock.level,
        kinds=kinds,
        question=mock.question,
        now=now,
        reason=f"{scored} in your mock",
    )


def scorecard_problems(mock: Mock, scorecard: Scorecard) -> list[str]:
    problems = []
    for dimension in RubricDimension.objects.filter(levels=mock.level):
        entry = scorecard.ratings.get(dimension.slug) or {}
        score = entry.get("score")
        if score not in (1, 2, 3, 4):
            problems.append(f"Score {dimension.name} from 1 to 4.")
        elif score in (1, 4) and not str(entry.get("evidence", "")).strip():
            problems.append(f"A {score} on {dimension.name} needs evidence: say what you saw.")
    if scorecard.signal not in {"strong_no_hire", "no_hire", "hire", "strong_hire"}:
        problems.append("Choose an overall signal.")
    if not scorecard.feedback.strip():
        problems.append("Write feedback for the candidate.")
    return problems


@transaction.atomic
def scorecard_rate(*, mock: Mock, user, usefulness: int, comment: str) -> Scorecard:
    mock = _locked(mock)
    _require_role(mock, user, "candidate")
    if mock.state != Mock.State.COMPLETED:
        raise IllegalTransition("You can rate the feedback once the scorecard is submitted.")
    if usefulness not in range(1, 6):
        raise ValidationError("Rate the feedback's usefulness from 1 to 5.")
    scorecard = Scorecard.objects.select_for_update().get(mock=mock)
    scorecard.usefulness, scorecard.usefulness_comment = usefulness, comment
    scorecard.save(update_fields=["usefulness", "usefulness_comment"])
    return scorecard


@transaction.atomic
def mock_swap_roles(*, mock: Mock, user) -> Mock:
    """The reverse mock for the same pair, with a question new to the new candidate."""
    mock = _locked(mock)
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
