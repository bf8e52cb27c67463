"""Demo data for seed_demo: plan people in memory, then COPY every table inside one transaction.

Every stage draws from its own seeded random.Random, so a run is reproducible and changing one
stage does not reshuffle the others.
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from demo.builder.content import NoContent, content_load
from demo.builder.mocks import mocks_write
from demo.builder.people import teams_write, users_write
from demo.builder.plan import (
    DEMO_DOMAIN,
    LARGE,
    MANAGER_EMAIL,
    MEMBER_EMAIL,
    PASSWORD,
    SCALES,
    SMALL,
    Clock,
    Scale,
    people_plan,
)
from demo.builder.practice import practice_write
from demo.builder.progress import Progress
from demo.builder.study import study_write
from demo.builder.writer import Writer
from interviews.services.rubric_totals import rubric_totals_rebuild
from progress.models import RubricTotal
from teams.models import Team

__all__ = [
    "LARGE",
    "MANAGER_EMAIL",
    "MEMBER_EMAIL",
    "PASSWORD",
    "SCALES",
    "SEED",
    "SMALL",
    "NoContent",
    "Progress",
    "Scale",
    "SeedRefused",
    "build",
    "not_empty_reason",
]

SEED = 2024


class SeedRefused(Exception):
    """Building would clash with what the database already holds."""


def _demo_users_exist() -> bool:
    return User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}").exists()


def not_empty_reason() -> str | None:
    """Why --only-if-empty should leave this database alone, or None when it is empty of demo data."""
    if Team.objects.exists():
        return "the database already has teams"
    if _demo_users_exist():
        return f"users with @{DEMO_DOMAIN} addresses already exist"
    return None


def _rng(seed: int, stage: str) -> random.Random:
    return random.Random(f"{seed}:{stage}")


def build(
    scale: Scale, *, seed: int = SEED, progress: Progress | None = None, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Build the demo data at `scale`; returns rows written per table. Raises NoContent, SeedRefused."""
    content = content_load()
    if _demo_users_exist():
        raise SeedRefused(
            f"Demo data is already here (users with @{DEMO_DOMAIN} addresses); seed_demo adds to a "
            "database without it and wipes nothing. Use a fresh database, or --only-if-empty to skip."
        )
    clock = Clock(now or timezone.now())
    password_hash = make_password(PASSWORD)  # once: hashing per user would take minutes
    writer = Writer(progress or Progress())
    with transaction.atomic():
        people = people_plan(
            scale, content, _rng(seed, "people"), clock, writer.reserve_ids(User, scale.users)
        )
        users_write(writer, people, password_hash, _rng(seed, "users"), clock)
        teams_write(writer, people, scale.teams, _rng(seed, "teams"), clock)
        practice_write(writer, people, content, scale, _rng(seed, "practice"), clock)
        study_write(writer, people, content, _rng(seed, "study"), clock)
        mocks_write(writer, people, content, scale, _rng(seed, "mocks"), clock)
        writer.check_constraints()
        writer.progress.stage("rubric totals", 1)
        writer.counts["rubric totals"] = rubric_totals_rebuild()
        writer.tables.append(RubricTotal._meta.db_table)
        writer.progress.finish(1)
        writer.analyze()
    return writer.counts
