"""The home page greets a first sign-in with "Welcome", and every later one with "Welcome back"."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in_and_open_home(user) -> str:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(reverse("home")).content.decode()


def test_the_first_sign_in_is_welcomed_and_later_ones_welcomed_back():
    user = UserFactory(email="new@example.com", display_name="Nadia New")
    assert user.last_login is None

    first = sign_in_and_open_home(user)
    assert "Welcome, <strong>Nadia New</strong>" in first and "Welcome back" not in first

    later = sign_in_and_open_home(user)
    assert "Welcome back, <strong>Nadia New</strong>" in later
