"""The manager's team page, member drill-down, CSV and the member's "what managers see" page."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casestudies.models import CaseStudy, Level, Question
from interviews.models import Mock, PracticeAttempt, Scorecard
from progress.models import Note
from teams.models import Membership, Team
from tests.factories.accounts import UserFactory
from tests.factories.interviews import history_bulk

pytestmark = pytest.mark.django_db

SECRETS = [
    "SECRET-NOTE-7f3a",
    "SECRET-ANSWER-19bc",
    "SECRET-SCRATCH-55de",
    "SECRET-FEEDBACK-0a1b",
    "SECRET-EVIDENCE-c2d3",
    "SECRET-IVNOTES-e4f5",
    "SECRET-DRAFT-aa77",
    "SECRET-RATING-COMMENT-bb88",
]


def _team(manager, *members, name="Platform"):
    team = Team.objects.create(name=name, created_by=manager)
    Membership.objects.create(team=team, user=manager, role=Membership.Role.MANAGER)
    for member in members:
        Membership.objects.create(team=team, user=member, role=Membership.Role.MEMBER)
    return team


@pytest.fixture
def team(team, content):
    """The personas' team (alice manages, bob is a member), with the content loaded."""
    return team


def _urls(team, member):
    return [
        reverse("team_reports:team", args=[team.pk]),
        reverse("team_reports:member", args=[team.pk, member.pk]),
        reverse("team_reports:export", args=[team.pk]),
    ]


def test_manager_sees_the_heatmap_with_each_member(client, alice, bob, team):
    history_bulk(user=bob, attempts=12, mocks=2, interviewer=alice)
    client.force_login(alice)
    response = client.get(reverse("team_reports:team", args=[team.pk]), {"level": "L6"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bob Member" in html and "Alice Manager" in html
    report = response.context
    bob_row = next(r for r in report["rows"] if r.user == bob)
    assert bob_row.stats.questions_practised > 0
    assert bob_row.stats.mocks_30d + bob_row.stats.mocks_done >= 2
    assert any(cell["share"] > 0 for cell in bob_row.coverage)
    assert bob_row.weakest


@pytest.mark.parametrize("who", ["charlie", "bob"])
def test_outsiders_and_members_cannot_read_reports(client, request, alice, bob, team, who):
    client.force_login(request.getfixturevalue(who))
    before = (Membership.objects.count(), Team.objects.count())
    for url in _urls(team, bob)[1:]:
        assert client.get(url).status_code == 404, url
    team_page = client.get(_urls(team, bob)[0])
    if who == "bob":
        assert team_page["Location"] == reverse("teams:manage", args=[team.pk])
    else:
        assert team_page.status_code == 404
    assert (Membership.objects.count(), Team.objects.count()) == before


def test_anonymous_is_sent_to_sign_in(client, bob, team):
    for url in [*_urls(team, bob), reverse("team_reports:visibility")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_a_manager_cannot_reach_a_member_of_another_team(client, alice, bob, charlie, team):
    other = _team(charlie, UserFactory(email="dana@example.com"), name="Other")
    dana = other.memberships.get(role=Membership.Role.MEMBER).user
    client.force_login(alice)
    assert client.get(reverse("team_reports:member", args=[team.pk, dana.pk])).status_code == 404
    assert client.get(reverse("team_reports:member", args=[other.pk, dana.pk])).status_code == 404
    assert client.get(reverse("team_reports:team", args=[other.pk])).status_code == 404


def test_unknown_level_is_404(client, alice, team):
    client.force_login(alice)
    assert client.get(reverse("team_reports:team", args=[team.pk]), {"level": "L99"}).status_code == 404


def _private_content(bob, alice):
    level = Level.objects.get(code="L6")
    Note.objects.create(user=bob, case_study=CaseStudy.objects.first(), body=SECRETS[0])
    question = Question.objects.filter(levels=level).first()
    PracticeAttempt.objects.create(
        user=bob, question=question, level=level, duration=question.duration, answer={"design": SECRETS[1]}
    )
    history_bulk(user=bob, attempts=3, mocks=1, interviewer=alice)
    mock = Mock.objects.filter(candidate=bob).first()
    mock.scratchpad = {"design": SECRETS[2]}
    mock.interviewer_notes = SECRETS[5]
    mock.save()
    Scorecard.objects.filter(mock=mock).update(
        feedback=SECRETS[3],
        ratings={"trade-offs": {"score": 1, "evidence": SECRETS[4]}},
        usefulness=4,
        usefulness_comment=SECRETS[7],
    )
    draft_mock = Mock.objects.create(
        question=question,
        level=level,
        interviewer=alice,
        candidate=bob,
        created_by=alice,
        scheduled_at=mock.scheduled_at,
        state=Mock.State.FEEDBACK,
    )
    Scorecard.objects.create(mock=draft_mock, feedback=SECRETS[6], ratings={"evolution": {"score": 2}})


def test_private_writing_never_reaches_a_manager_page_or_the_csv(client, alice, bob, team):
    _private_content(bob, alice)
    client.force_login(alice)
    pages = [
        client.get(reverse("team_reports:team", args=[team.pk]), {"level": "L6"}),
        client.get(reverse("team_reports:member", args=[team.pk, bob.pk]), {"level": "L6"}),
        client.get(reverse("team_reports:export", args=[team.pk]), {"level": "L6"}),
    ]
    client.force_login(bob)
    pages.append(client.get(reverse("team_reports:visibility"), {"level": "L6"}))
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (response.request["PATH_INFO"], secret)
    # The drill-down does show the aggregates.
    assert "Coverage by category" in pages[1].content.decode()


def test_leaving_a_team_removes_the_managers_view_at_once(client, alice, bob, team):
    client.force_login(alice)
    member_url = reverse("team_reports:member", args=[team.pk, bob.pk])
    assert client.get(member_url).status_code == 200
    Membership.objects.filter(team=team, user=bob).delete()
    assert client.get(member_url).status_code == 404
    assert "Bob Member" not in client.get(reverse("team_reports:team", args=[team.pk])).content.decode()
    assert (
        "bob@example.com" not in client.get(reverse("team_reports:export", args=[team.pk])).content.decode()
    )


def test_csv_has_one_row_per_member_and_defuses_formulas(client, alice, bob, team):
    bob.display_name = '=HYPERLINK("http://evil")'
    bob.save()
    history_bulk(user=bob, attempts=5)
    client.force_login(alice)
    response = client.get(reverse("team_reports:export", args=[team.pk]), {"level": "L7"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="team-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["member", "email", "role"]
    assert len(rows) == 3
    names = {row[0] for row in rows[1:]}
    assert '\'=HYPERLINK("http://evil")' in names
    assert all(row[3] == "L7" for row in rows[1:])


def test_what_managers_see_lists_the_managers(client, alice, bob, team):
    client.force_login(bob)
    html = client.get(reverse("team_reports:visibility")).content.decode()
    assert "Alice Manager" in html and "Platform" in html
    Membership.objects.filter(team=team, user=bob).delete()
    html = client.get(reverse("team_reports:visibility")).content.decode()
    assert "No manager can see anything about you" in html


def _team_page_queries(client, team) -> int:
    url = reverse("team_reports:team", args=[team.pk])
    client.get(url)  # the session's first request also records it (usersessions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"level": "L6"}).status_code == 200
    return len(queries)


def test_team_page_queries_do_not_grow_with_members_or_attempts(client, alice, bob, content):
    small_team = _team(alice, bob)
    history_bulk(user=bob, attempts=10)
    client.force_login(alice)
    small = _team_page_queries(client, small_team)

    many = UserFactory.create_batch(49)
    big_team = _team(alice, bob, *many, name="Big")
    history_bulk(user=many[0], attempts=10_000, mocks=30, interviewer=alice)
    large = _team_page_queries(client, big_team)
    # Session with its user (1), the team (1), the level (1), memberships (1), the content's stamp (1; its
    # map is cached after the first request), member aggregates (5), the level tabs (1), the
    # navigation's due-review count (1).
    assert small == large == 12


def test_a_level_with_a_nul_byte_is_a_404_on_every_report(client, alice, bob, team):
    # PostgreSQL cannot compare a NUL byte: ?level= used to fail with a 500 (tests/security/test_fuzz.py).
    client.force_login(alice)
    for url in [*_urls(team, bob), reverse("team_reports:visibility")]:
        assert client.get(url, {"level": "L6\x00"}).status_code == 404, url
