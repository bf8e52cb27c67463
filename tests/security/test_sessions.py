"""Sessions end when idle and at an absolute age; sign-in gets a new key; a new password ends the rest."""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.middleware import SessionLifetimeMiddleware, UserSessionActivityMiddleware
from accounts.models import SignedInSession as Session
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

PRIVATE = reverse("interviews:mocks")


def signed_in(client, user) -> Client:
    client.force_login(user)
    assert client.get(PRIVATE).status_code == 200
    return client


def backdate(client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = int(time.time()) - seconds
    session.save()


def sign_in_page_after(client, response) -> str:
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    return client.get(response["Location"]).content.decode()


def test_limits_are_set_and_the_cookie_lasts_no_longer_than_the_idle_limit():
    assert 0 < settings.SESSION_IDLE_TIMEOUT <= settings.SESSION_ABSOLUTE_LIFETIME
    assert settings.SESSION_COOKIE_AGE <= settings.SESSION_IDLE_TIMEOUT
    assert settings.SESSION_ABSOLUTE_LIFETIME <= 60 * 60 * 24 * 30


def test_an_idle_session_is_signed_out_with_a_reason(client, bob, levels):
    signed_in(client, bob)
    backdate(client, UserSessionActivityMiddleware.KEY, settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(PRIVATE).status_code == 200  # just inside the limit
    backdate(client, UserSessionActivityMiddleware.KEY, settings.SESSION_IDLE_TIMEOUT + 1)
    page = sign_in_page_after(client, client.get(PRIVATE))
    assert "without activity" in page
    assert client.get(PRIVATE).status_code == 302  # and it stays signed out


def test_a_busy_session_still_ends_at_its_absolute_lifetime(client, bob, levels):
    signed_in(client, bob)
    backdate(client, SessionLifetimeMiddleware.SIGNED_IN_AT, settings.SESSION_ABSOLUTE_LIFETIME - 60)
    assert client.get(PRIVATE).status_code == 200
    backdate(client, SessionLifetimeMiddleware.SIGNED_IN_AT, settings.SESSION_ABSOLUTE_LIFETIME + 1)
    backdate(client, UserSessionActivityMiddleware.KEY, 0)  # active right now
    page = sign_in_page_after(client, client.get(PRIVATE))
    assert "after signing in" in page


def test_signing_in_issues_a_new_session_key(client, bob, levels):
    # A session planted before sign-in (session fixation) must not become the signed-in one.
    planted = client.session
    planted["planted"] = True
    planted.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = planted.session_key
    response = client.post(reverse("account_login"), {"login": bob.email, "password": PASSWORD})
    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    assert client.get(PRIVATE).status_code == 200
    assert SessionLifetimeMiddleware.SIGNED_IN_AT in client.session


def test_changing_the_password_ends_every_other_session(bob, levels):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        response = device.post(reverse("account_login"), {"login": bob.email, "password": PASSWORD})
        assert response.status_code == 302
        assert device.get(PRIVATE).status_code == 200
    new = "a-brand-new-passphrase-42"
    response = laptop.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302, response.content.decode()[:800]
    assert laptop.get(PRIVATE).status_code == 200  # the session that changed it goes on
    response = phone.get(PRIVATE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
