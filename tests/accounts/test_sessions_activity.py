"""The sessions list's "last seen" is refreshed at most every five minutes, not on every request."""

import pytest
from allauth.usersessions.models import UserSession
from django.urls import reverse

from accounts.middleware import UserSessionActivityMiddleware

pytestmark = pytest.mark.django_db


def test_last_seen_is_refreshed_at_most_every_five_minutes(client, bob, levels):
    client.force_login(bob)
    client.get(reverse("home"))
    session = UserSession.objects.get(user=bob)
    first_seen = session.last_seen_at

    client.get(reverse("home"))
    session.refresh_from_db()
    assert session.last_seen_at == first_seen  # within the interval: no write

    # Pretend the last refresh was six minutes ago.
    stored = client.session
    stored[UserSessionActivityMiddleware.KEY] -= 6 * 60
    stored.save()
    client.get(reverse("home"))
    session.refresh_from_db()
    assert session.last_seen_at > first_seen
    assert UserSession.objects.filter(user=bob).count() == 1
