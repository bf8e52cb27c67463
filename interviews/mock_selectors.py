"""Reads for peer mocks."""

from django.db.models import Q

from interviews.models import Mock, MockEvent
from sdprep.markdown import render_user_markdown


def mock_for_participant(*, user, pk: int) -> Mock:
    """The mock if the user takes part in it; DoesNotExist otherwise (the view turns it into a 404)."""
    return Mock.objects.select_related("question__category", "level", "interviewer", "candidate").get(
        Q(interviewer=user) | Q(candidate=user), pk=pk
    )


def events_after(*, mock_id: int, role: str, after: int, limit: int = 200) -> list[dict]:
    """The log after an id, as the role may see it: the candidate never receives interviewer-only events."""
    events = MockEvent.objects.filter(mock_id=mock_id, id__gt=after)
    if role != "interviewer":
        events = events.exclude(audience=MockEvent.Audience.INTERVIEWER)
    result = []
    for event in events.order_by("id")[:limit]:
        payload = dict(event.payload)
        if event.kind == "scratchpad":
            payload["html"] = {
                key: render_user_markdown(text) for key, text in payload.get("content", {}).items()
            }
        result.append({"id": event.pk, "kind": event.kind, "payload": payload})
    return result


def scratchpad_history(*, mock_id: int) -> list[dict]:
    """Every scratchpad save in order, rendered: the frames of the replay."""
    events = MockEvent.objects.filter(mock_id=mock_id, kind="scratchpad").order_by("id")
    return [
        {
            "created_at": event.created_at.isoformat(),
            "payload": {
                "html": {
                    key: render_user_markdown(text) for key, text in event.payload.get("content", {}).items()
                }
            },
        }
        for event in events
    ]


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
    from django.db.models import Count, Sum

    from casestudies.models import Question, RubricDimension
    from interviews.models import PracticeAttempt
    from progress.models import RubricTotal

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


def reliability_for(*, user) -> dict:
    """The profile's reliability line: mocks completed and no-shows (2 queries)."""
    from django.db.models import Q

    return {
        "completed": Mock.objects.filter(
            Q(interviewer=user) | Q(candidate=user), state=Mock.State.COMPLETED
        ).count(),
        "no_shows": Mock.objects.filter(no_show_user=user).count(),
    }


def open_slots(*, now=None) -> list:
    """Future, unbooked slots, soonest first, with who offered them: 1 query."""
    from django.utils import timezone

    from interviews.models import Slot

    return list(
        Slot.objects.filter(booked_mock__isnull=True, starts_at__gte=now or timezone.now())
        .select_related("user", "level")
        .order_by("starts_at")[:200]
    )


def teammates_of(*, user):
    """People who share a team with the user, to book a mock with straight away (a queryset)."""
    from accounts.models import User
    from teams.models import Membership

    teams = Membership.objects.filter(user_id=user.pk).values("team_id")
    return (
        User.objects.filter(memberships__team_id__in=teams, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("display_name", "email")
    )
