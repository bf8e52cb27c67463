"""The level dashboard: coverage, rubric, activity, readiness, suggestions, plan, and its query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudy, Level, Question, RubricDimension
from dashboards.selectors.personal import dashboard_for_user
from dashboards.selectors.stats import READINESS, content_map, level_stats
from interviews.models import Mock
from interviews.selectors import rubric_for_question
from interviews.services.practice import attempt_finish, attempt_start
from progress.models import StudiedSection
from tests.factories.interviews import history_bulk, scheduled_mock

pytestmark = pytest.mark.django_db

URL = reverse("dashboard:level", args=["L6"])


def _study_half(user, case_study):
    sections = list(case_study.sections.order_by("order"))
    StudiedSection.objects.bulk_create(
        (StudiedSection(user=user, section=s) for s in sections[: (len(sections) + 1) // 2]),
        ignore_conflicts=True,
    )


def _finish_practice(user, question, score=3):
    attempt = attempt_start(user=user, question=question)
    dims = rubric_for_question(question, attempt.level)
    return attempt_finish(attempt=attempt, checked=[], ratings={d: score for d in dims})


def test_anonymous_is_sent_to_sign_in(client, content):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_home_redirects_to_target_level(client_bob, bob, content):
    bob.target_level = Level.objects.get(code="L7")
    bob.save()
    response = client_bob.get(reverse("dashboard:home"))
    assert response["Location"] == reverse("dashboard:level", args=["L7"])


def test_unknown_level_is_404(client_bob, content):
    assert client_bob.get(reverse("dashboard:level", args=["L9"])).status_code == 404


def test_empty_dashboard_explains_itself(client_bob, content):
    response = client_bob.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No scores yet at L6" in html
    assert "Set your interview date" in html
    assert "Formula" in html


def test_coverage_counts_studied_practised_and_mocked(bob, alice, content):
    level = Level.objects.get(code="L6")
    dynamo = CaseStudy.objects.get(slug__contains="dynamo")
    _study_half(bob, dynamo)
    databases = dynamo.categories.first()
    question = Question.objects.filter(levels=level, category=databases).order_by("slug").first()
    _finish_practice(bob, question)
    history_bulk(user=bob, attempts=0, mocks=1, interviewer=alice)

    data = dashboard_for_user(user=bob, level=level)
    row = next(r for r in data["coverage"] if r["category"] == databases)
    assert row["studied"] == 1
    assert row["practised"] == 1
    assert data["stats"].mocks_done == 1
    assert data["stats"].studied_case_studies == {dynamo.pk}


def test_a_case_study_counts_only_once_half_its_sections_are_studied(bob, content):
    level = Level.objects.get(code="L6")
    dynamo = CaseStudy.objects.get(slug__contains="dynamo")
    first = dynamo.sections.order_by("order").first()
    StudiedSection.objects.create(user=bob, section=first)
    assert dashboard_for_user(user=bob, level=level)["stats"].studied_case_studies == set()
    _study_half(bob, dynamo)
    assert dashboard_for_user(user=bob, level=level)["stats"].studied_case_studies == {dynamo.pk}


def test_readiness_follows_the_written_formula(bob, alice, content):
    level = Level.objects.get(code="L6")
    _study_half(bob, CaseStudy.objects.order_by("number").first())
    questions = Question.objects.filter(levels=level).order_by("slug")[:5]
    for question in questions:
        _finish_practice(bob, question, score=3)
    history_bulk(user=bob, attempts=0, mocks=0)
    # Only the dimensions these questions exercise have a score (3); the others count as 1.
    scored = {d.slug for q in questions for d in rubric_for_question(q, level)}
    dimensions = RubricDimension.objects.filter(levels=level).count()

    data = dashboard_for_user(user=bob, level=level)
    total = CaseStudy.objects.count()
    expected = 100 * (
        READINESS.study_weight * (1 / total)
        + READINESS.practice_weight * (5 / READINESS.practice_target)
        + READINESS.mock_weight * 0
        + READINESS.rubric_weight * (len(scored) * (3 - 1) / (3 * dimensions))
    )
    assert data["readiness"].score == round(expected)
    # With no mock yet, a mock is what raises the score most.
    assert data["readiness"].raisers[0]["kind"] == "mock"


def test_rubric_trend_and_weakest_dimension(bob, alice, content):
    level = Level.objects.get(code="L6")
    # Three questions of one kind, none with its own list: scored on the same dimensions.
    questions = list(Question.objects.filter(levels=level, kind="scaling", dimension_slugs=[])[:3])
    for question, score in zip(questions, [1, 2, 4], strict=True):
        _finish_practice(bob, question, score=score)
    data = dashboard_for_user(user=bob, level=level)
    trend = data["rubric"]["trend"]
    assert [p["average"] for p in trend] == [1, 2, 4]
    assert all(p["kind"] == "self" for p in trend)
    assert data["rubric"]["average"] == pytest.approx(7 / 3)


def test_mock_scores_join_the_rubric_averages(bob, alice, content):
    level = Level.objects.get(code="L6")
    history_bulk(user=bob, attempts=0, mocks=3, interviewer=alice)
    data = dashboard_for_user(user=bob, level=level)
    assert [p["kind"] for p in data["rubric"]["trend"]] == ["mock"] * 3
    mocks = [m.question for m in Mock.objects.filter(candidate=bob).select_related("question")]
    for row in data["rubric"]["rows"]:
        exercised = sum(1 for q in mocks if row["dimension"] in rubric_for_question(q, level))
        assert (row["mock"][1] if row["mock"] else 0) == exercised == row["count"]


def test_activity_calendar_counts_days_in_the_users_time_zone(bob, content):
    level = Level.objects.get(code="L6")
    question = Question.objects.filter(levels=level).first()
    attempt = _finish_practice(bob, question)
    # 23:30 UTC yesterday is already today in Tokyo.
    now = timezone.now().replace(hour=12, minute=0)
    late = (now - datetime.timedelta(days=1)).replace(hour=23, minute=30)
    attempt.finished_at = late
    attempt.save(update_fields=["finished_at"])
    with timezone.override("Asia/Tokyo"):
        data = dashboard_for_user(user=bob, level=level, now=now)
    days = {d["date"]: d["count"] for week in data["activity"]["weeks"] for d in week}
    assert days[timezone.localtime(late, timezone.get_fixed_timezone(9 * 60)).date()] == 1
    assert data["activity"]["active_days"] == 1
    assert len(data["activity"]["weeks"]) == 12


def test_suggestions_ask_for_a_mock_until_one_is_booked(bob, alice, content):
    level = Level.objects.get(code="L6")
    assert dashboard_for_user(user=bob, level=level)["suggestions"]["mock_due"] is True
    scheduled_mock(interviewer=alice, candidate=bob)
    assert dashboard_for_user(user=bob, level=level)["suggestions"]["mock_due"] is False


def test_suggested_questions_exercise_the_weakest_dimension_and_are_new(bob, content):
    level = Level.objects.get(code="L6")
    done = Question.objects.filter(levels=level).order_by("slug").first()
    _finish_practice(bob, done, score=2)
    suggestions = dashboard_for_user(user=bob, level=level)["suggestions"]
    kinds = suggestions["weakest"].question_kinds
    assert suggestions["questions"]
    assert all(q.kind in kinds and q.pk != done.pk for q in suggestions["questions"])


def test_countdown_plan_covers_every_unstudied_case_study_once(bob, content):
    level = Level.objects.get(code="L6")
    bob.interview_date = timezone.localdate() + datetime.timedelta(days=20)
    bob.save()
    _study_half(bob, CaseStudy.objects.order_by("number").first())
    plan = dashboard_for_user(user=bob, level=level)["plan"]
    assert plan["weeks"] == 3
    planned = [cs["slug"] for week in plan["plan"] for cs in week["case_studies"]]
    assert sorted(planned) == sorted(CaseStudy.objects.order_by("number")[1:].values_list("slug", flat=True))
    assert plan["plan"][-1]["final"]


def test_no_plan_for_a_past_interview_date(bob, content):
    bob.interview_date = timezone.localdate() - datetime.timedelta(days=1)
    bob.save()
    assert dashboard_for_user(user=bob, level=Level.objects.get(code="L6"))["plan"] is None


def test_level_stats_for_many_users_in_five_queries(django_assert_num_queries, alice, bob, charlie, content):
    level = Level.objects.get(code="L6")
    history_bulk(user=bob, attempts=5)
    content_shape = content_map(level)
    with django_assert_num_queries(5):
        stats = level_stats(user_ids=[alice.pk, bob.pk, charlie.pk], level=level, content=content_shape)
    assert stats[bob.pk].questions_practised == 5
    assert stats[alice.pk].questions_practised == 0
    assert stats[bob.pk].last_active is not None


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_query_budget_is_the_same_with_10_and_10000_attempts(client_bob, bob, alice, content):
    history_bulk(user=bob, attempts=10, mocks=2, interviewer=alice)
    client_bob.get(URL)  # the first request of a session also records it (allauth's usersessions)
    small = _count_queries(client_bob)
    history_bulk(user=bob, attempts=9990, mocks=50, interviewer=alice)
    large = _count_queries(client_bob)
    # Session with its user (1), the level (1), the dashboard selector (12: the content's stamp 1, its
    # map cached after the first request, member aggregates 5, trend, activity, due count and list,
    # suggestions 2), the level tabs (1).
    assert small == large == 15


def test_running_rubric_totals_match_a_rebuild_from_the_score_tables(bob, alice, content):
    from interviews.services import mocks as mock_services
    from interviews.services import scorecards as scorecard_services
    from interviews.services.rubric_totals import rubric_totals_rebuild
    from progress.models import RubricTotal

    level = Level.objects.get(code="L6")
    # Questions of one kind with no list of their own exercise the same dimensions.
    scaling = Question.objects.filter(levels=level, kind="scaling", dimension_slugs=[])
    for question, score in zip(scaling[:3], [1, 3, 4], strict=True):
        _finish_practice(bob, question, score=score)
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob, question=scaling[3])
    for action in ("start", "end"):
        mock_services.mock_transition(mock=mock, user=alice, action=action)
    dims = rubric_for_question(scaling[3], level)
    ratings = {d.slug: {"score": 2, "evidence": ""} for d in dims}
    scorecard_services.scorecard_save(
        mock=mock, user=alice, ratings=ratings, signal="hire", feedback="Good.", version=1, submit=True
    )

    def snapshot():
        return sorted(
            RubricTotal.objects.values_list(
                "user_id", "level_id", "dimension_id", "source", "score_sum", "score_count"
            )
        )

    kept = snapshot()
    assert ("self", 8, 3) in {(s, total, n) for *_, s, total, n in kept}
    assert ("mock", 2, 1) in {(s, total, n) for *_, s, total, n in kept}
    rubric_totals_rebuild()
    assert snapshot() == kept
    stats = dashboard_for_user(user=bob, level=level)["stats"]
    assert stats.rubric(dims[0].slug) == pytest.approx((8 + 2) / 4)


def test_a_level_code_with_a_nul_byte_is_a_404_not_a_500(client_bob, content):
    # PostgreSQL cannot compare a NUL byte: the lookup used to fail with a 500 (tests/security/test_fuzz.py).
    response = client_bob.get("/dashboard/L6%00/")
    assert response.status_code == 404 and b"couldn't find that page" in response.content
