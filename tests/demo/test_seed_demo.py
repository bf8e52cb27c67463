import dataclasses
import datetime
import io
import random
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from fsrs import Card

from accounts.models import User
from casestudies.models import Question
from demo import builder
from demo.builder.content import content_load
from demo.builder.plan import Clock, people_plan
from interviews.events import scratchpad_frames
from interviews.models import AttemptRating, Mock, MockEvent, PracticeAttempt, Scorecard
from interviews.services.scorecards import scorecard_problems
from progress.models import ReviewCard, StudiedSection
from teams.models import Membership, Team

READY = (
    "Demo data ready. Sign in as a member: member@demo.sdprep.dev / sdprep-demo "
    "\u2014 or as a manager: manager@demo.sdprep.dev / sdprep-demo"
)


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def demo_users():
    return User.objects.filter(email__endswith="@demo.sdprep.dev")


def table_counts() -> dict[str, int]:
    models = [User, Team, Membership, PracticeAttempt, AttemptRating, ReviewCard, Mock, Scorecard]
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def small(content):
    return seed()


def test_small_ends_with_the_two_sign_ins(small):
    assert small.strip().splitlines()[-1] == READY


@pytest.mark.parametrize("email", [builder.MEMBER_EMAIL, builder.MANAGER_EMAIL])
def test_both_sign_ins_authenticate_with_a_verified_primary_address(small, email):
    user = authenticate(None, email=email, password=builder.PASSWORD)

    assert user is not None and user.email == email
    assert EmailAddress.objects.get(user=user, primary=True).verified


def test_the_member_signs_in_through_the_login_page(small, client):
    response = client.post(
        reverse("account_login"), {"login": builder.MEMBER_EMAIL, "password": builder.PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=builder.MEMBER_EMAIL).pk


def test_small_has_two_teams_run_by_the_demo_manager(small):
    assert 12 <= demo_users().count() <= 20
    managers = Membership.objects.filter(role=Membership.Role.MANAGER)
    assert Team.objects.count() == 2
    assert sorted(managers.values_list("team__name", "user__email")) == [
        ("Payments Platform", builder.MANAGER_EMAIL),
        ("Search Infrastructure", builder.MANAGER_EMAIL),
    ]
    assert all(team.memberships.filter(role="member").count() >= 5 for team in Team.objects.all())


def test_the_demo_member_is_an_l6_in_team_one_five_weeks_from_the_interview(small):
    member = User.objects.select_related("target_level").get(email=builder.MEMBER_EMAIL)
    membership = Membership.objects.select_related("team").get(user=member)

    assert member.target_level.code == "L6"
    assert abs((member.interview_date - timezone.now().date()).days - 35) <= 1
    assert (membership.team.name, membership.role) == ("Payments Platform", "member")


def _average(attempts) -> float:
    return AttemptRating.objects.filter(attempt__in=attempts).aggregate(avg=Avg("score"))["avg"]


def test_self_ratings_rise_over_time(small):
    rated = PracticeAttempt.objects.filter(ratings__isnull=False).distinct().order_by("started_at")
    third = rated.count() // 3
    assert _average(rated[:third]) + 0.3 < _average(rated[2 * third :])

    member_rated = rated.filter(user__email=builder.MEMBER_EMAIL)
    member_third = member_rated.count() // 3
    assert member_third >= 10
    assert _average(member_rated[:member_third]) < _average(member_rated[2 * member_third :])


def test_most_finished_attempts_are_self_assessed_and_some_are_still_open(small):
    finished = PracticeAttempt.objects.filter(status="finished")
    rated = finished.filter(ratings__isnull=False).distinct().count()
    assert rated / finished.count() > 0.7
    assert not finished.filter(finished_at__isnull=True).exists()
    assert finished.filter(finished_at__gt=timezone.now()).count() == 0
    still_open = PracticeAttempt.objects.filter(status="in_progress")
    assert still_open.exists() and not still_open.filter(finished_at__isnull=False).exists()


def test_activity_is_uneven_across_people_weeks_and_categories(small):
    per_user = sorted(demo_users().annotate(n=Count("practice_attempts")).values_list("n", flat=True))
    assert per_user[-1] >= 5 * max(per_user[0], 1)
    member_attempts = PracticeAttempt.objects.filter(user__email=builder.MEMBER_EMAIL)
    starts = member_attempts.values_list("started_at", flat=True)
    mondays = {started.date() - datetime.timedelta(days=started.weekday()) for started in starts}
    weeks_of_history = (max(mondays) - min(mondays)).days // 7 + 1
    assert weeks_of_history >= 11 and len(mondays) < weeks_of_history  # with quiet weeks
    by_category = Counter(member_attempts.values_list("question__category__slug", flat=True))
    assert max(by_category.values()) >= 3 * min(by_category.values())
    assert StudiedSection.objects.filter(user__email=builder.MEMBER_EMAIL).count() >= 10


def test_review_cards_follow_the_finished_attempts(small):
    finished = Counter(
        PracticeAttempt.objects.filter(status="finished").values_list("user_id", "question_id")
    )
    cards = list(ReviewCard.objects.all())

    assert {(c.user_id, c.question_id): c.reviews for c in cards} == dict(finished)
    assert all(Card.from_dict(c.state).due == c.due for c in cards)


def test_completed_mocks_have_submitted_scorecards_and_the_rest_do_not(small):
    completed = Mock.objects.filter(state=Mock.State.COMPLETED).select_related("scorecard", "level")
    states = Counter(Mock.objects.values_list("state", flat=True))

    assert states["completed"] > Mock.objects.count() / 2
    assert states["cancelled"] + states["no_show"] >= 2
    for mock in completed:
        assert mock.scorecard.submitted_at <= timezone.now()
        assert scorecard_problems(mock, mock.scorecard) == []
    assert not Scorecard.objects.exclude(mock__state="completed").exists()
    assert not Mock.objects.filter(state="no_show", no_show_user__isnull=True).exists()
    upcoming = Mock.objects.filter(state="scheduled")
    assert upcoming.filter(candidate__email=builder.MEMBER_EMAIL).count() >= 2
    assert not upcoming.filter(scheduled_at__lte=timezone.now()).exists()


def test_a_completed_mock_of_the_member_can_be_replayed(small):
    mock = Mock.objects.filter(
        candidate__email=builder.MEMBER_EMAIL, state="completed", events__kind="scratchpad"
    ).first()
    frames = scratchpad_frames(mock_id=mock.pk)

    assert len(frames) >= 3
    assert frames[-1]["html"]["requirements"] or frames[-1]["html"]["design"]
    times = list(MockEvent.objects.filter(mock=mock).order_by("id").values_list("created_at", flat=True))
    assert times == sorted(times)


def test_new_rows_after_seeding_get_fresh_ids(small):
    """COPY wrote explicit ids from reserved blocks; the sequences must be past them."""
    user = User.objects.create_user("new@example.com", "a-long-password")
    team = Team.objects.create(name="New", created_by=user)
    question = Question.objects.filter(levels__code="L6").first()
    attempt = PracticeAttempt.objects.create(
        user=user, question=question, level=question.levels.first(), duration=datetime.timedelta(minutes=5)
    )

    assert user.pk > demo_users().order_by("-pk").first().pk
    assert team.pk > 2 and attempt.pk > 420


def test_seeding_twice_is_refused_and_changes_nothing(small):
    before = table_counts()

    with pytest.raises(CommandError, match="already"):
        seed()

    assert table_counts() == before


def test_only_if_empty_is_a_no_op_the_second_time(content):
    assert READY in seed(only_if_empty=True)
    before = table_counts()

    output = seed(only_if_empty=True)

    assert output.strip() == "Demo data not loaded: the database already has teams."
    assert table_counts() == before


def test_only_if_empty_leaves_a_database_with_teams_alone(content, alice):
    Team.objects.create(name="Real team", created_by=alice)

    assert "already has teams" in seed(only_if_empty=True)
    assert not demo_users().exists()


def test_without_content_it_refuses_and_says_to_load_it(db):
    with pytest.raises(CommandError, match="load_content"):
        seed()
    assert not demo_users().exists()


def test_the_large_copy_path_at_a_tiny_size(content):
    scale = dataclasses.replace(builder.LARGE, users=200, teams=4, attempts=2000, mocks=200)
    drawn: list[str] = []

    counts = builder.build(scale, progress=builder.Progress(drawn.append))

    assert demo_users().count() == 200 and EmailAddress.objects.filter(verified=True).count() == 200
    assert Team.objects.count() == 4 and Membership.objects.count() == 200
    sizes = Team.objects.annotate(
        managers=Count("memberships", filter=Q(memberships__role="manager")), size=Count("memberships")
    ).values_list("size", "managers")
    assert list(sizes) == [(50, 1)] * 4
    member_team = Membership.objects.get(user__email=builder.MEMBER_EMAIL).team
    assert member_team.memberships.get(role="manager").user.email == builder.MANAGER_EMAIL
    assert PracticeAttempt.objects.count() == 2000 and Mock.objects.count() == 200
    assert Scorecard.objects.count() == Mock.objects.filter(state="completed").count() == counts["scorecards"]
    assert AttemptRating.objects.count() == counts["ratings"]
    finished = PracticeAttempt.objects.filter(status="finished").count()
    rated = PracticeAttempt.objects.filter(ratings__isnull=False).distinct().count()
    assert 0.15 < rated / finished < 0.35
    # Each rated attempt is scored on exactly the dimensions its question exercises at its level.
    assessed = content_load().assessed
    for attempt in PracticeAttempt.objects.filter(ratings__isnull=False).distinct()[:50]:
        wanted = {pk for pk, _slug in assessed[(attempt.question_id, attempt.level_id)]}
        assert set(attempt.ratings.values_list("dimension_id", flat=True)) == wanted
    expected = sum(
        len(assessed[key])
        for key in PracticeAttempt.objects.filter(ratings__isnull=False)
        .distinct()
        .values_list("question_id", "level_id")
    )
    assert AttemptRating.objects.count() == expected < rated * 6
    assert "2,000/2,000" in "".join(drawn) and "100.0%" in "".join(drawn)


def test_the_plan_is_reproducible_from_the_seed(content):
    content_snapshot, clock = content_load(), Clock(timezone.now())

    def plan(seed: str):
        people = people_plan(builder.SMALL, content_snapshot, random.Random(seed), clock, 1)
        return [(p.email, p.attempts, p.mocks, p.level_id) for p in people]

    assert plan("a") == plan("a")
    assert plan("a") != plan("b")
