"""Every main page of sdprep with data that makes it realistic: the one list the accessibility gate (axe in
Chromium, tests/browser/test_accessibility.py) and the markup gate (html5lib, tests/security/test_markup.py)
both walk.

`build_world()` writes the data through the services, as a user would; `PAGES` says who opens each page
and how its URL is made from the world. Personas: bob studies, practises and is the candidate; alice
manages his team and interviews him; "anonymous" is signed out.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

ANONYMOUS, MEMBER, MANAGER = "anonymous", "bob", "alice"


@dataclass
class World:
    bob: object
    alice: object
    study: object  # a case study bob has studied, bookmarked and written a note on
    question: object  # a question bob has practised
    attempt: object  # in progress, with text and a hint shown
    finished: object  # finished and self-assessed
    live_mock: object  # alice interviews bob: live, scratchpad, notes and a draft scorecard
    done_mock: object  # completed, scorecard submitted, scratchpad history for the replay
    mock_invite: object  # alice's open invite that bob has not accepted yet
    team: object  # alice manages bob and charlie
    team_join_token: str  # an invite to charlie's team, for alice


@dataclass(frozen=True)
class Page:
    name: str
    who: str
    path: Callable[[World], str]
    status: int = 200
    reauth: bool = False  # allauth asks for the password again first

    def url(self, world: World) -> str:
        return self.path(world)


def _url(name: str, *args) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[arg(w) if callable(arg) else arg for arg in args])


def _pk(attr: str) -> Callable[[World], int]:
    return lambda w: getattr(w, attr).pk


PAGES = [
    Page("home (signed out)", ANONYMOUS, _url("home")),
    Page("home (signed in)", MEMBER, _url("home")),
    Page("sign in", ANONYMOUS, _url("account_login")),
    Page("sign up", ANONYMOUS, _url("account_signup")),
    Page("password reset", ANONYMOUS, _url("account_reset_password")),
    Page("library index", MEMBER, _url("casestudies:library")),
    Page("case-study detail", MEMBER, lambda w: w.study.get_absolute_url()),
    Page("search with results", MEMBER, lambda w: reverse("search") + "?q=consistent+hashing"),
    Page("question bank", MEMBER, _url("interviews:bank")),
    Page("reviews due", MEMBER, _url("interviews:reviews")),
    Page("question detail", MEMBER, lambda w: reverse("interviews:question", args=[w.question.slug])),
    Page("practice attempt", MEMBER, _url("interviews:attempt", _pk("attempt"))),
    Page("self-assessment", MEMBER, _url("interviews:finish", _pk("attempt"))),
    Page("attempt result", MEMBER, _url("interviews:result", _pk("finished"))),
    Page("mock list", MEMBER, _url("interviews:mocks")),
    Page("new mock", MEMBER, _url("interviews:mock_new")),
    Page("slot board", MEMBER, _url("interviews:slots")),
    Page("mock invite", MEMBER, lambda w: reverse("interviews:invite", args=[w.mock_invite.token])),
    Page("mock room (candidate)", MEMBER, _url("interviews:mock", _pk("live_mock"))),
    Page("mock room (interviewer)", MANAGER, _url("interviews:mock", _pk("live_mock"))),
    Page("scorecard draft", MANAGER, _url("interviews:scorecard", _pk("live_mock"))),
    Page("scorecard", MEMBER, _url("interviews:scorecard", _pk("done_mock"))),
    Page("replay", MEMBER, _url("interviews:mock_replay", _pk("done_mock"))),
    Page("dashboard L6", MEMBER, _url("dashboard:level", "L6")),
    Page("dashboard L7", MEMBER, _url("dashboard:level", "L7")),
    Page("teams list", MANAGER, _url("teams:list")),
    Page("team page", MANAGER, _url("team_reports:team", _pk("team"))),
    Page("member drill-down", MANAGER, _url("team_reports:member", _pk("team"), lambda w: w.bob.pk)),
    Page("team people", MANAGER, _url("teams:manage", _pk("team"))),
    Page("team join", MANAGER, lambda w: reverse("teams:join", args=[w.team_join_token])),
    Page("what managers see", MEMBER, _url("team_reports:visibility")),
    Page("profile", MEMBER, _url("profile:edit")),
    Page("email settings", MEMBER, _url("account_email")),
    Page("MFA index", MEMBER, _url("mfa_index")),
    Page("confirm access", MEMBER, _url("account_reauthenticate")),
    Page("MFA authenticator setup", MEMBER, _url("mfa_activate_totp"), reauth=True),
    Page("sessions list", MEMBER, _url("usersessions_list")),
    Page("password change", MEMBER, _url("account_change_password")),
    Page("404 (signed out)", ANONYMOUS, lambda w: "/no/such/page/", status=404),
    Page("404 (signed in)", MEMBER, lambda w: "/library/no-such-study/", status=404),
]


def build_world() -> World:
    """The data every page in PAGES needs, written through the services (about a second with the content)."""
    from django.core.management import call_command

    from casestudies.models import CaseStudy, Level, Question, RubricDimension
    from interviews import services as practice
    from interviews.services import mocks, scorecards
    from progress import services as progress
    from teams import services as teams
    from tests.factories.accounts import UserFactory
    from tests.factories.interviews import history_bulk, scheduled_mock
    from tests.factories.teams import team_with

    for order, code in enumerate(("L6", "L7")):
        Level.objects.get_or_create(code=code, defaults={"name": code, "order": order})
    call_command("load_content", stdout=io.StringIO())
    l6 = Level.objects.get(code="L6")
    bob = UserFactory(
        email="bob@example.com",
        display_name="Bob Member",
        target_level=l6,
        interview_date=timezone.localdate() + datetime.timedelta(weeks=6),
    )
    alice = UserFactory(email="alice@example.com", display_name="Alice Manager", target_level=l6)
    charlie = UserFactory(email="charlie@example.com", display_name="Charlie Member")

    # Study state: sections studied, a bookmark and a note with some Markdown.
    study = CaseStudy.objects.get(slug="dynamodb")
    for section in study.sections.order_by("order")[:3]:
        progress.studied_section_set(user=bob, section=section, studied=True)
    progress.bookmark_set(user=bob, case_study=study, bookmarked=True)
    progress.note_save(
        user=bob, case_study=study, body="Quorums: **R + W > N**.\n\n- hinted handoff", version=0
    )

    # Practice: history for the charts, one finished attempt with its review, one in progress.
    history_bulk(user=bob, attempts=12, mocks=2, interviewer=alice)
    question = Question.objects.filter(levels=l6).exclude(hints=[]).order_by("slug").first()
    dimensions = list(RubricDimension.objects.filter(levels=l6))
    finished = practice.attempt_start(user=bob, question=question)
    practice.attempt_save(attempt=finished, answer={"requirements": "Reads in **ms**"}, version=1)
    finished.refresh_from_db()
    checklist = list(question.checklist.filter(level=l6)[:2])
    practice.attempt_finish(
        attempt=finished,
        checked=checklist,
        ratings={d: 2 + i % 2 for i, d in enumerate(dimensions)},
        now=timezone.now() - datetime.timedelta(days=30),  # long enough ago to be due for review now
    )
    attempt = practice.attempt_start(user=bob, question=question)
    practice.attempt_save(
        attempt=attempt, answer={"design": "Shard by `user_id`", "api": "GET /x"}, version=1
    )
    practice.attempt_reveal_hint(attempt=attempt)

    # Mocks: one live, one completed with a submitted scorecard, one invite not yet accepted.
    live_mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    mocks.mock_transition(mock=live_mock, user=alice, action="start")
    mocks.scratchpad_save(
        mock=live_mock, user=bob, content={"requirements": "100M users, **p99**"}, version=1
    )
    mocks.notes_save(mock=live_mock, user=alice, notes="Clear requirements.", version=1)
    ratings = {d.slug: {"score": 3, "evidence": "Named the trade-off."} for d in dimensions}
    scorecards.scorecard_save(
        mock=live_mock, user=alice, ratings=ratings, signal="hire", feedback="", version=1
    )
    live_mock.refresh_from_db()

    done_mock, _ = scheduled_mock(interviewer=alice, candidate=bob, question=question)
    mocks.mock_transition(mock=done_mock, user=alice, action="start")
    for version, text in enumerate(["Cache", "Cache the **hot keys**"], start=1):
        mocks.scratchpad_save(mock=done_mock, user=bob, content={"design": text}, version=version)
    mocks.mock_transition(mock=done_mock, user=alice, action="end")
    scorecards.scorecard_save(
        mock=done_mock, user=alice, ratings=ratings, signal="hire", feedback="Strong on caching.", version=1
    )
    scorecards.scorecard_save(
        mock=done_mock, user=alice, ratings=ratings, signal="hire", feedback="Strong.", version=2, submit=True
    )
    done_mock.refresh_from_db()
    scorecards.scorecard_rate(mock=done_mock, user=bob, usefulness=4, comment="Useful.")
    _pending, mock_invite = scheduled_mock(interviewer=alice, level_code="L7")
    mocks.slot_create(
        user=charlie, kind="interview", level=l6, starts_at=timezone.now() + datetime.timedelta(days=2)
    )

    # Teams: alice manages bob and charlie and has an open invite; charlie invites alice to his own team.
    team = team_with(manager=alice, members=[bob, charlie], name="Payments platform")
    teams.invite_create(team=team, by=alice, role="member")
    other = team_with(manager=charlie, name="Search infra")
    join_token = teams.invite_token(teams.invite_create(team=other, by=charlie, role="member"))
    return World(
        bob=bob,
        alice=alice,
        study=study,
        question=question,
        attempt=attempt,
        finished=finished,
        live_mock=live_mock,
        done_mock=done_mock,
        mock_invite=mock_invite,
        team=team,
        team_join_token=join_token,
    )
