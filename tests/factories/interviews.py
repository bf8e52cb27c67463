import datetime

from django.utils import timezone

from casestudies.models import Level, Question
from interviews.services import mocks as services


def scheduled_mock(*, interviewer, candidate=None, level_code: str = "L6", **overrides):
    """A mock that `interviewer` created, accepted by `candidate` when given: (mock, invite)."""
    level = Level.objects.get(code=level_code)
    fields = {
        "question": Question.objects.filter(levels=level).order_by("slug").first(),
        "scheduled_at": timezone.now() + datetime.timedelta(hours=1),
        **overrides,
    }
    mock, invite = services.mock_create(user=interviewer, level=level, role="interviewer", **fields)
    if candidate is not None:
        services.invite_accept(token=invite.token, user=candidate)
        mock.refresh_from_db()
    return mock, invite


def history_bulk(
    *, user, level_code: str = "L6", attempts: int = 10, mocks: int = 0, interviewer=None, days: int = 84
):
    """`attempts` finished, self-rated practice attempts and `mocks` completed mocks with submitted
    scorecards for `user`, spread over the last `days` days, inserted in bulk (10,000 take seconds)."""
    import itertools
    import random

    from casestudies.models import RubricDimension
    from interviews.models import AttemptRating, Mock, PracticeAttempt, Scorecard

    rng = random.Random(attempts * 7 + mocks)
    level = Level.objects.get(code=level_code)
    questions = list(Question.objects.filter(levels=level).order_by("slug"))
    dimensions = list(RubricDimension.objects.filter(levels=level))
    # Scores only on the dimensions each question exercises, as the self-assessment asks.
    assessed = {q.pk: [d for d in dimensions if q.exercises(d)] or dimensions for q in questions}
    now = timezone.now()
    cycle = itertools.cycle(questions)
    made = []
    for i in range(attempts):
        finished = now - datetime.timedelta(minutes=rng.randrange(days * 24 * 60))
        made.append(
            PracticeAttempt(
                user=user,
                question=next(cycle),
                level=level,
                status=PracticeAttempt.Status.FINISHED,
                started_at=finished - datetime.timedelta(minutes=45),
                duration=datetime.timedelta(minutes=45),
                finished_at=finished,
                answer={"design": f"private answer {i}"},
                fsrs_rating=3,
            )
        )
    made = PracticeAttempt.objects.bulk_create(made, batch_size=2000)
    AttemptRating.objects.bulk_create(
        [
            AttemptRating(attempt=a, dimension=d, score=rng.randint(1, 4))
            for a in made
            for d in assessed[a.question_id]
        ],
        batch_size=5000,
    )
    if mocks:
        interviewer = interviewer or user.__class__.objects.create_user(email=f"iv{rng.random()}@example.com")
        mock_rows = []
        for _ in range(mocks):
            ended = now - datetime.timedelta(minutes=rng.randrange(days * 24 * 60))
            mock_rows.append(
                Mock(
                    question=next(cycle),
                    level=level,
                    interviewer=interviewer,
                    candidate=user,
                    created_by=interviewer,
                    scheduled_at=ended - datetime.timedelta(hours=1),
                    started_at=ended - datetime.timedelta(hours=1),
                    ended_at=ended,
                    state=Mock.State.COMPLETED,
                    scratchpad={"design": "private scratchpad"},
                    interviewer_notes="private interviewer notes",
                )
            )
        mock_rows = Mock.objects.bulk_create(mock_rows, batch_size=2000)
        Scorecard.objects.bulk_create(
            [
                Scorecard(
                    mock=m,
                    ratings={
                        d.slug: {"score": rng.randint(1, 4), "evidence": "private evidence"}
                        for d in assessed[m.question_id]
                    },
                    signal="hire",
                    feedback="private written feedback",
                    submitted_at=m.ended_at,
                )
                for m in mock_rows
            ],
            batch_size=2000,
        )
    from interviews.services.rubric_totals import rubric_totals_rebuild

    rubric_totals_rebuild()  # a bulk load bypasses the services that keep the totals current
    return made
