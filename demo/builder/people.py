"""Users (each with a verified primary address, so they can sign in), teams and memberships."""

import datetime
import itertools
import random

from allauth.account.models import EmailAddress

from accounts.models import User
from demo.builder import text
from demo.builder.plan import Clock, Person
from demo.builder.writer import Writer
from teams.models import Membership, Team

USER_FIELDS = [
    "id", "email", "password", "display_name", "target_level", "interview_date", "time_zone",
    "date_joined", "last_login",
]  # fmt: skip


def _user_row(p: Person, password_hash: str, rng: random.Random, clock: Clock) -> tuple:
    last_login = min(p.weeks[-1] + datetime.timedelta(days=rng.uniform(0, 7)), clock.now)
    return (
        p.id,
        p.email,
        password_hash,
        p.name,
        p.level_id,
        p.interview_date,
        p.time_zone,
        p.joined,
        last_login,
    )


def users_write(writer: Writer, people: list[Person], password_hash: str, rng: random.Random, clock: Clock):
    rows = (_user_row(p, password_hash, rng, clock) for p in people)
    writer.copy(User, USER_FIELDS, rows, stage="users", total=len(people))
    writer.copy(
        EmailAddress,
        ["user", "email", "verified", "primary"],
        ((p.id, p.email, True, True) for p in people),
        stage="email addresses",
        total=len(people),
    )


def _team_names(count: int, rng: random.Random) -> list[str]:
    combos = [f"{a} {b}" for a, b in itertools.product(*text.TEAM_WORDS)]
    rng.shuffle(combos)
    names = [*text.FIXED_TEAM_NAMES, *(n for n in combos if n not in text.FIXED_TEAM_NAMES)]
    return [
        names[i] if i < len(names) else f"{names[i % len(names)]} {i // len(names) + 1}" for i in range(count)
    ]


def teams_write(writer: Writer, people: list[Person], team_count: int, rng: random.Random, clock: Clock):
    """Teams created by their managers, then every manager's and member's membership."""
    first = writer.reserve_ids(Team, team_count)
    bosses = {team: p for p in people for team in p.manages}
    created = {t: bosses[t].joined + datetime.timedelta(days=rng.uniform(0, 5)) for t in range(team_count)}
    names = _team_names(team_count, rng)
    writer.copy(
        Team,
        ["id", "name", "created_by", "created_at"],
        ((first + t, names[t], bosses[t].id, created[t]) for t in range(team_count)),
        stage="teams",
        total=team_count,
    )
    seats = [(t, p, Membership.Role.MANAGER) for p in people for t in p.manages]
    seats += [(p.team, p, Membership.Role.MEMBER) for p in people if p.team is not None]

    def joined(team: int, person: Person) -> datetime.datetime:
        start = max(created[team], person.joined)
        return min(start + datetime.timedelta(days=rng.uniform(0, 3)), clock.now)

    writer.copy(
        Membership,
        ["team", "user", "role", "joined_at"],
        ((first + t, p.id, role.value, joined(t, p)) for t, p, role in seats),
        stage="memberships",
        total=len(seats),
    )
