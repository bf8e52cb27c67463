"""allauth's forms, as this project configures them: clear errors and a 4xx for bad input."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User


def signup(client, **overrides):
    data = {
        "email": "new@example.com",
        "password1": "a-long-passphrase-1",
        "password2": "a-long-passphrase-1",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def test_sign_up_sends_a_verification_email(client, db):
    response = signup(client)
    assert response.status_code == 302
    assert User.objects.filter(email="new@example.com").exists()
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": ""}, b"This field is required"),
        ({"email": "not-an-email"}, b"Enter a valid email address"),
        ({"email": ("x" * 250) + "@example.com"}, b"Enter a valid email address"),
        ({"password2": "something-else-1"}, b"You must type the same password each time"),
        ({"password1": "short", "password2": "short"}, b"too short"),
        # Valid to EmailValidator, not to IDNA: sending the verification was a 500 (test_fuzz found it).
        ({"email": "new@example.com\u202e"}, b"mail cannot carry"),
    ],
)
def test_sign_up_rejects_bad_input(client, db, overrides, message):
    response = signup(client, **overrides)
    assert response.status_code == 422
    assert message in response.content
    assert not User.objects.exists()


def test_sign_up_with_a_taken_email_is_refused_clearly(client, bob):
    response = signup(client, email="BOB@example.com")
    assert response.status_code == 422
    assert b"already registered with this email" in response.content
    assert User.objects.filter(email__iexact="bob@example.com").count() == 1
    assert b'value="BOB@example.com"' in response.content  # what was typed is kept


def test_password_reset_mails_a_link(client, bob):
    response = client.post(reverse("account_reset_password"), {"email": bob.email})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_password_reset_for_an_unknown_address_says_so(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert response.status_code == 422


def test_sign_in_with_a_wrong_password_is_a_422(client, bob):
    response = client.post(reverse("account_login"), {"login": bob.email, "password": "wrong"})
    assert response.status_code == 422
    assert b"not correct" in response.content


def test_sign_in_with_an_unverified_email_asks_for_verification(client, db):
    from tests.factories.accounts import PASSWORD, UserFactory

    user = UserFactory(email="unverified@example.com", verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_wrong_totp_code_is_a_422(client, bob, password):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(bob, generate_totp_secret())
    response = client.post(reverse("account_login"), {"login": bob.email, "password": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    assert response.status_code == 422
    assert b"Incorrect code" in response.content
    assert "_auth_user_id" not in client.session


def test_adding_an_address_mail_cannot_carry_is_refused_clearly(client_bob, bob):
    # The verification email to it was a 500 (found by tests/security/test_fuzz.py).
    response = client_bob.post(
        reverse("account_email"), {"email": "second@example.com\u202e", "action_add": ""}
    )
    assert response.status_code == 422 and b"mail cannot carry" in response.content
    assert list(bob.emailaddress_set.values_list("email", flat=True)) == [bob.email]
