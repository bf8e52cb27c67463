"""Personas, as in healthchecks' tests: alice manages, bob is a member, charlie is an outsider."""

import pytest
from django.core.cache import caches

from casestudies.models import Level
from teams.models import Team
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.teams import team_with


@pytest.fixture(autouse=True)
def _fresh_fragments():
    """The per-process content cache (casestudies.cache, interviews.fragments) starts empty in each test:
    a test's content must not be answered from what an earlier test left."""
    caches["fragments"].clear()


@pytest.fixture
def levels(db):
    # Transactional (browser) tests flush the tables a data migration filled, so tests ask for these.
    l6, _ = Level.objects.get_or_create(
        code="L6", defaults={"name": "L6 — Senior engineer / engineering manager", "order": 0}
    )
    l7, _ = Level.objects.get_or_create(
        code="L7", defaults={"name": "L7 — Principal engineer / senior manager", "order": 1}
    )
    return {"L6": l6, "L7": l7}


@pytest.fixture
def bob(db):
    """A member of alice's team."""
    return UserFactory(email="bob@example.com", display_name="Bob Member")


@pytest.fixture
def alice(db, bob):
    """Manages the team "Platform", whose member is bob (the `team` fixture)."""
    alice = UserFactory(email="alice@example.com", display_name="Alice Manager")
    team_with(manager=alice, members=[bob], name="Platform")
    return alice


@pytest.fixture
def team(alice):
    """Alice's team: alice manages it, bob is its member."""
    return Team.objects.get(memberships__user=alice, name="Platform")


@pytest.fixture
def charlie(db):
    """Signed in, and in no team, mock or attempt of alice's or bob's."""
    return UserFactory(email="charlie@example.com", display_name="Charlie Outsider")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def client_bob(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def content(db, levels):
    """The shipped content, imported."""
    import io

    from django.core.management import call_command

    call_command("load_content", stdout=io.StringIO())
