import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from dashboards.views.profile import STALE_PROFILE_MESSAGE

URL = reverse("profile:edit")


def form_data(user, **overrides):
    data = {
        "version": user.profile_version,
        "display_name": "Bob B.",
        "target_level": "L7",
        "interview_date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "time_zone": "America/New_York",
    }
    data.update(overrides)
    return data


def test_it_requires_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_shows_the_form(client_bob, levels):
    response = client_bob.get(URL)
    assert response.status_code == 200
    assert b"Target level" in response.content
    assert b'name="version"' in response.content


def test_it_saves_the_profile(client_bob, bob, levels):
    response = client_bob.post(URL, form_data(bob))
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.display_name == "Bob B."
    assert bob.target_level.code == "L7"
    assert bob.time_zone == "America/New_York"
    assert bob.profile_version == 2


def test_requests_run_in_the_users_time_zone(rf, bob):
    from django.http import HttpResponse

    from accounts.middleware import UserTimezoneMiddleware

    bob.time_zone = "Asia/Tokyo"
    request = rf.get("/")
    request.user = bob
    response = UserTimezoneMiddleware(lambda r: HttpResponse(timezone.get_current_timezone_name()))(request)
    assert response.content == b"Asia/Tokyo"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"display_name": "x" * 81}, b"at most 80 characters"),
        ({"interview_date": "not-a-date"}, b"Enter a valid date"),
        ({"interview_date": "2001-01-01"}, b"cannot be in the past"),
        ({"interview_date": "2999-01-01"}, b"within the next three years"),
        ({"time_zone": "Mars/Olympus_Mons"}, b"Select a valid choice"),
        ({"target_level": "L99"}, b"Select a valid choice"),
        ({"version": "abc"}, b"Enter a whole number"),
        ({"time_zone": ""}, b"This field is required"),
    ],
)
def test_it_rejects_bad_input_and_keeps_what_was_typed(client_bob, bob, levels, overrides, message):
    response = client_bob.post(URL, form_data(bob, **{"display_name": "Typed name", **overrides}))
    assert response.status_code == 422
    assert message in response.content
    if "display_name" not in overrides:
        assert b'value="Typed name"' in response.content
    bob.refresh_from_db()
    assert bob.profile_version == 1
    assert bob.display_name == "Bob Member"


def test_a_stale_tab_is_refused_and_keeps_the_edit(client_bob, bob, levels):
    stale = form_data(bob, display_name="From the old tab")
    client_bob.post(URL, form_data(bob, display_name="From the new tab"))

    response = client_bob.post(URL, stale)

    assert response.status_code == 409
    assert STALE_PROFILE_MESSAGE.encode() in response.content.replace(b"&#x27;", b"'")
    assert b'value="From the old tab"' in response.content
    bob.refresh_from_db()
    assert bob.display_name == "From the new tab"
    # The re-rendered form carries the current version, so saving again goes through.
    assert f'name="version" value="{bob.profile_version}"'.encode() in response.content
    assert client_bob.post(URL, form_data(bob, display_name="From the old tab")).status_code == 302


def test_it_edits_only_the_signed_in_user(client_bob, bob, charlie, levels):
    client_bob.post(URL, {**form_data(bob), "email": charlie.email, "id": charlie.pk})
    charlie.refresh_from_db()
    assert charlie.display_name == "Charlie Outsider"


def test_users_are_created_with_lowercase_email(db):
    user = User.objects.create_user("Dana@Example.COM", "pw-long-enough")
    assert user.email == "dana@example.com"
