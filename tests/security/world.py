"""One small world with every kind of object, and the five people the authorization matrix asks.

- owner (bob): member of the team, candidate in both mocks, owner of the attempts, the note, a slot;
- manager (alice): manages bob's team; not in his mocks;
- outsider (charlie): signed in, related to nothing;
- staff (root): Django staff and superuser, who still may not read members' private work in the app;
- anonymous: no session.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.db import connection
from django.utils import timezone

from casestudies.models import CaseStudy, Level, Question
from interviews.models import Mock, PracticeAttempt, Slot
from interviews.services import mocks as mock_services
from interviews.services import practice as practice_services
from progress import services as progress_services
from teams import services as team_services
from teams.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.interviews import scheduled_mock
from tests.factories.teams import team_with

ROLES = ("anonymous", "outsider", "owner", "manager", "staff")

# Written by every request on purpose, or by the throttled "last seen" stamp: not state the user changed.
BOOKKEEPING_TABLES = {
    "django_session",
    "accounts_signedinsession",
    "usersessions_usersession",
    "sdprep_cache",
}


def build_world() -> SimpleNamespace:
    """Needs the shipped content loaded (the `content` fixture)."""
    owner = UserFactory(email="bob@example.com", display_name="Bob Member")
    manager = UserFactory(email="alice@example.com", display_name="Alice Manager")
    outsider = UserFactory(email="charlie@example.com", display_name="Charlie Outsider")
    interviewer = UserFactory(email="dave@example.com", display_name="Dave Interviewer")
    staff = UserFactory(email="root@example.com", display_name="Root", is_staff=True, is_superuser=True)

    team = team_with(manager=manager, members=[owner])
    team_invite = team_services.invite_create(team=team, by=manager, role=Membership.Role.MEMBER)

    level = Level.objects.get(code="L6")
    case_study = CaseStudy.objects.order_by("number").first()
    section = case_study.sections.order_by("order").first()
    question = Question.objects.filter(levels=level).order_by("slug").first()
    progress_services.note_save(user=owner, case_study=case_study, body="bob's private note", version=0)

    attempt = practice_services.attempt_start(user=owner, question=question)
    finished = practice_services.attempt_start(
        user=owner, question=Question.objects.filter(levels=level).order_by("slug")[1]
    )
    finished.status = PracticeAttempt.Status.FINISHED
    finished.finished_at = timezone.now()
    finished.save(update_fields=["status", "finished_at"])

    live, _ = scheduled_mock(interviewer=interviewer, candidate=owner)
    mock_services.mock_transition(mock=live, user=interviewer, action="start")
    done, _ = scheduled_mock(interviewer=interviewer, candidate=owner)
    for action in ("start", "end"):
        mock_services.mock_transition(mock=done, user=interviewer, action=action)
    open_mock, mock_invite = scheduled_mock(interviewer=interviewer)
    soon = timezone.now() + datetime.timedelta(days=2)
    slot = mock_services.slot_create(user=owner, kind=Slot.Kind.BE_INTERVIEWED, level=level, starts_at=soon)
    others_slot = mock_services.slot_create(
        user=interviewer, kind=Slot.Kind.INTERVIEW, level=level, starts_at=soon
    )

    return SimpleNamespace(
        people={"owner": owner, "manager": manager, "outsider": outsider, "staff": staff},
        interviewer=interviewer,
        team=team,
        team_invite=team_invite,
        team_token=team_services.invite_token(team_invite),
        case_study=case_study,
        section=section,
        question=question,
        attempt=attempt,
        finished_attempt=finished,
        live_mock=Mock.objects.get(pk=live.pk),
        done_mock=Mock.objects.get(pk=done.pk),
        open_mock=open_mock,
        mock_token=mock_invite.token,
        slot=slot,
        others_slot=others_slot,
        level=level,
    )


@dataclass
class Writes:
    """Rows inserted, updated and deleted so far in this transaction, per table (PostgreSQL's own
    counters): a request changed nothing when the counters after it equal those before it."""

    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def take(cls) -> Writes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
                " WHERE schemaname = 'public'"
            )
            return cls({t: n for t, n in cursor.fetchall() if t not in BOOKKEEPING_TABLES})

    def tables_written_since(self, before: Writes) -> list[str]:
        return sorted(t for t, n in self.counts.items() if before.counts.get(t, 0) != n)
