"""Reads for peer mocks.

Access helpers are selectors named `<object>_for_<who>(*, user, pk)`: they return the object when the
user may see it and raise Http404 otherwise, so a view calls them and needs no wrapping.
"""

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from casestudies.models import Question, RubricDimension
from interviews.models import Mock, MockEvent, PracticeAttempt, Slot
from progress.models import RubricTotal
from teams.models import Membership


def mock_for_participant(*, user, pk: int) -> Mock:
    """The mock if the user takes part in it; 404 for everyone else."""
    mock = (
        Mock.objects.select_related("question__category", "level", "interviewer", "candidate")
        .filter(Q(interviewer=user) | Q(candidate=user), pk=pk)
        .first()
    )
    if mock is None:
        raise Http404("No such mock.")
    return mock


def slot_for_owner(*, user, pk: int) -> Slot:
    """The user's own slot; 404 for anyone else's."""
    slot = Slot.objects.filter(pk=pk, user_id=user.pk).first()
    if slot is None:
        raise Http404("No such slot.")
    return slot


def slot_for_booking(*, pk: int) -> Slot:
    """Any slot on the board (the board is open to every signed-in user); 404 if it is gone."""
    slot = Slot.objects.filter(pk=pk).first()
    if slot is None:
        raise Http404("No such slot.")
    return slot


def mocks_for_user(*, user) -> list[Mock]:
    """My mocks as candidate and as interviewer, newest first, with scorecards: 1 query."""
    return list(
        Mock.objects.filter(Q(interviewer=user) | Q(candidate=user))
        .select_related("question", "level", "interviewer", "candidate", "scorecard")
        .order_by("-scheduled_at")
    )


def pick_question(*, level, candidate=None, exclude=None):
    """A question at the level the candidate has not done: from the kinds that exercise their weakest
    rubric dimension (self-assessments and mock scores), else from their least-practised category."""
    questions = Question.objects.filter(levels=level)
    if exclude is not None:
        questions = questions.exclude(pk=exclude.pk)
    if candidate is None:
        return questions.order_by("?").first()
    done = PracticeAttempt.objects.filter(user=candidate).values("question_id")
    mocked = Mock.objects.filter(candidate=candidate).values("question_id")
    fresh = questions.exclude(pk__in=done).exclude(pk__in=mocked)
    questions = fresh if fresh.exists() else questions
    # The running totals the scoring services keep: self-assessments and mock scorecards together.
    weakest = (
        RubricTotal.objects.filter(user=candidate, level=level)
        .values("dimension")
        .annotate(average=Sum("score_sum") * 1.0 / Sum("score_count"))
        .order_by("average", "dimension__order")
        .first()
    )
    if weakest:
        kinds = RubricDimension.objects.get(pk=weakest["dimension"]).question_kinds
        targeted = questions.filter(kind__in=kinds).order_by("slug").first()
        if targeted:
            return targeted
    practised = dict(
        PracticeAttempt.objects.filter(user=candidate)
        .values("question__category_id")
        .annotate(n=Count("id"))
        .values_list("question__category_id", "n")
    )
    return min(questions.order_by("slug"), key=lambda q: practised.get(q.category_id, 0), default=None)


def open_slots(*, now=None) -> list:
    """Future, unbooked slots, soonest first, with who offered them: 1 query."""
    return list(
        Slot.objects.filter(booked_mock__isnull=True, starts_at__gte=now or timezone.now())
        .select_related("user", "level")
        .order_by("starts_at")[:200]
    )


def teammates_of(*, user):
    """People who share a team with the user, to book a mock with straight away (a queryset)."""
    teams = Membership.objects.filter(user_id=user.pk).values("team_id")
    return (
        User.objects.filter(memberships__team_id__in=teams, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("display_name", "email")
    )


def probes_by_phase(question: Question, phases: list[tuple[str, str, int]], current: str) -> list[dict]:
    """The question's hints and follow-ups grouped by the phase they fit, the current phase's group
    first, then the plan's order; untagged ones last, under "Any phase"."""
    probes = question.probes()
    groups = [
        {"key": key, "label": label, "probes": [p for p in probes if p["phase"] == key]}
        for key, label, _minutes in phases
    ]
    untagged = [p for p in probes if p["phase"] not in {key for key, _label, _minutes in phases}]
    if untagged:
        groups.append({"key": "", "label": "Any phase", "probes": untagged})
    for group in groups:
        group["current"] = group["key"] == current
    return sorted(groups, key=lambda group: not group["current"])


def curveballs_thrown(*, mock_id: int) -> dict[int, dict]:
    """Index -> what was posted (text, phase, mock time), for the interviewer's panel and the candidate."""
    rows = MockEvent.objects.filter(mock_id=mock_id, kind="curveball").order_by("id")
    return {payload["index"]: payload for payload in rows.values_list("payload", flat=True)}


def phase_timings(mock: Mock, timeline: list[dict]) -> list[dict]:
    """How long each phase took against its plan, from the log's timer events (their closed phases),
    then the phase the mock ended in."""
    rows = [
        closed
        for event in timeline
        if event["kind"] == "timer"
        for closed in event["payload"].get("phases_closed", ())
    ]
    if mock.started_at:
        rows.append(
            {
                "from": mock.phase[1],
                "took": round((mock.elapsed() - mock.phase_started).total_seconds()),
                "planned": mock.phase[2] * 60,
                "auto": False,
                "last": True,
            }
        )
    for row in rows:
        row["over"] = row["took"] - row["planned"]
    return rows
