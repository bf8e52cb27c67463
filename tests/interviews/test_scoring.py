"""Scores only where they apply: a question is scored on the dimensions it exercises, "not assessed"
counts nowhere, and one low score is not a weakness."""

import importlib

from django.db import connection
from django.urls import reverse

from casestudies.models import Level, Question, RubricDimension
from dashboards.selectors.personal import dashboard_for_user
from dashboards.selectors.team import team_report
from interviews.selectors import rubric_for_question
from interviews.services.mocks import mock_transition
from interviews.services.practice import attempt_finish, attempt_start
from interviews.services.rubric_totals import rubric_totals_rebuild
from progress.models import RubricTotal
from tests.factories.interviews import history_bulk, scheduled_mock


def _estimation(level):
    return Question.objects.filter(levels=level, kind="estimation").order_by("slug").first()


def _slugs(question, level) -> set[str]:
    return {d.slug for d in rubric_for_question(question, level)}


def test_a_question_is_scored_on_its_own_dimensions_or_its_kinds(content):
    l6 = Level.objects.get(code="L6")
    scaling = Question.objects.filter(levels=l6, kind="scaling", dimension_slugs=[]).first()
    assert _slugs(scaling, l6) == {"component-depth", "problem-solving", "trade-offs"}
    estimation = _estimation(l6)
    assert "team-leadership" not in _slugs(estimation, l6)
    at_l6 = set(RubricDimension.objects.filter(levels=l6).values_list("slug", flat=True))
    assert _slugs(estimation, l6) == (set(estimation.dimension_slugs) & at_l6 or {"problem-solving"})


def test_self_assessment_asks_only_for_the_questions_dimensions(client_bob, bob, content):
    """A member with only estimation practice is never told their weakest is Team leadership."""
    l6 = Level.objects.get(code="L6")
    attempt = attempt_start(user=bob, question=_estimation(l6))
    url = reverse("interviews:finish", args=[attempt.pk])
    page = client_bob.get(url).content.decode()
    assessed = _slugs(attempt.question, l6)
    assert "score_problem-solving" in page and "score_team-leadership" not in page
    # A forged score on a dimension the question does not exercise is not kept.
    data = {f"score_{slug}": "2" for slug in assessed}
    response = client_bob.post(url, {**data, "score_team-leadership": "1"})
    assert response.status_code == 302
    totals = RubricTotal.objects.filter(user=bob).values_list("dimension__slug", "score_count")
    assert set(totals) == {(slug, 1) for slug in assessed}

    dashboard = dashboard_for_user(user=bob, level=l6)
    assert not any(row["weakest"] for row in dashboard["rubric"]["rows"])
    row = next(r for r in dashboard["rubric"]["rows"] if r["dimension"].slug == "problem-solving")
    assert (row["count"], row["enough"]) == (1, False)
    page = client_bob.get(reverse("dashboard:level", args=["L6"])).content.decode()
    assert "not enough evidence" in page and "badge-weak" not in page


def test_three_scores_make_enough_evidence_for_a_weakest_dimension(bob, alice, team, content):
    l6 = Level.objects.get(code="L6")
    for question in Question.objects.filter(levels=l6, kind="estimation")[:3]:
        attempt = attempt_start(user=bob, question=question)
        ratings = {d: 1 if d.slug == "problem-solving" else 3 for d in rubric_for_question(question, l6)}
        attempt_finish(attempt=attempt, checked=[], ratings=ratings)
    rubric = dashboard_for_user(user=bob, level=l6)["rubric"]["rows"]
    assert [row["dimension"].slug for row in rubric if row["weakest"]] == ["problem-solving"]
    rows = {row.user.pk: row for row in team_report(team=team, level=l6)["rows"]}
    assert rows[bob.pk].weakest == "Problem solving"
    assert rows[alice.pk].weakest == ""


def test_not_assessed_is_accepted_on_a_scorecard_and_counts_nowhere(client, alice, bob, content):
    l6 = Level.objects.get(code="L6")
    scaling = Question.objects.filter(levels=l6, kind="scaling", dimension_slugs=[]).first()
    mock = scheduled_mock(interviewer=alice, candidate=bob, question=scaling)[0]
    for action in ("start", "end"):
        mock = mock_transition(mock=mock, user=alice, action=action)
    dimensions = rubric_for_question(scaling, l6)
    assert len(dimensions) >= 2
    skipped, *scored = dimensions
    client.force_login(alice)
    url = reverse("interviews:scorecard", args=[mock.pk])
    page = client.get(url).content.decode()
    assert "Not assessed" in page and "team-leadership" not in page
    data = {"version": mock.scorecard.version, "signal": "hire", "feedback": "Good.", "submit": "1"}
    data.update({f"score_{d.slug}": "3" for d in scored})
    data[f"score_{skipped.slug}"] = "na"
    assert client.post(url, data).status_code == 302
    mock.scorecard.refresh_from_db()
    assert mock.scorecard.ratings[skipped.slug] == {"score": None, "not_assessed": True, "evidence": ""}
    totals = dict(
        RubricTotal.objects.filter(user=bob, source="mock").values_list("dimension__slug", "score_count")
    )
    assert totals == {d.slug: 1 for d in scored}

    # The candidate reads each score with the anchor it means, and "not assessed" as such.
    client.force_login(bob)
    view = client.get(url).content.decode()
    anchor = next(a for a in scored[0].level_anchors if a.score == 3)
    assert anchor.text in view and "Not assessed" in view


def test_a_scorecard_with_nothing_assessed_is_refused(client, alice, bob, content):
    mock = scheduled_mock(interviewer=alice, candidate=bob)[0]
    for action in ("start", "end"):
        mock = mock_transition(mock=mock, user=alice, action=action)
    ratings = {
        d.slug: {"score": None, "not_assessed": True} for d in rubric_for_question(mock.question, mock.level)
    }
    client.force_login(alice)
    data = {"version": 1, "signal": "hire", "feedback": "Fine.", "submit": "1"}
    data.update({f"score_{slug}": "na" for slug in ratings})
    response = client.post(reverse("interviews:scorecard", args=[mock.pk]), data)
    assert response.status_code == 422 and b"Score at least one dimension" in response.content
    assert b"Fine." in response.content  # what was typed is kept


def test_the_backfill_migration_counts_only_assessed_scores(bob, alice, content):
    """Old data scored every dimension; the frozen SQL of the migration keeps only those that apply,
    and agrees with today's rebuild."""
    from interviews.models import AttemptRating

    l6 = Level.objects.get(code="L6")
    history_bulk(user=bob, attempts=20, mocks=4, interviewer=alice)
    # As before the rule: every L6 dimension scored on one estimation attempt.
    attempt = attempt_start(user=bob, question=_estimation(l6))
    attempt.status, attempt.fsrs_rating = "finished", 3
    attempt.save()
    AttemptRating.objects.bulk_create(
        AttemptRating(attempt=attempt, dimension=d, score=1)
        for d in RubricDimension.objects.filter(levels=l6)
    )
    migration = importlib.import_module("interviews.migrations.0009_totals_assessed_only")
    with connection.cursor() as cursor:
        cursor.execute(migration.REBUILD)
    migrated = sorted(
        RubricTotal.objects.values_list("user_id", "dimension_id", "source", "score_sum", "score_count")
    )
    leadership = RubricDimension.objects.get(slug="team-leadership")
    forced = [t for t in migrated if t[1] == leadership.pk and t[2] == "self"]
    expected_leadership = (
        AttemptRating.objects.filter(
            dimension=leadership, attempt__question__kind="leadership", attempt__question__dimension_slugs=[]
        ).count()
        + AttemptRating.objects.filter(
            dimension=leadership, attempt__question__dimension_slugs__contains=["team-leadership"]
        ).count()
    )
    assert sum(t[4] for t in forced) == expected_leadership  # the forced 1 is not among them
    rubric_totals_rebuild()
    assert (
        sorted(
            RubricTotal.objects.values_list("user_id", "dimension_id", "source", "score_sum", "score_count")
        )
        == migrated
    )
