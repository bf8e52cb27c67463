"""The profile page's reliability line (read side): shown on every render, refused saves included."""

import pytest
from django.urls import reverse

from interviews.models import Mock
from tests.factories.interviews import history_bulk, scheduled_mock

pytestmark = pytest.mark.django_db

URL = reverse("profile:edit")
LINE = "Mock interviews: <strong>2</strong> completed · <strong>1</strong> no-show"


@pytest.fixture
def record(alice, bob, content):
    """Bob completed two mocks and missed one."""
    history_bulk(user=bob, attempts=0, mocks=2, interviewer=alice)
    missed, _ = scheduled_mock(interviewer=alice, candidate=bob)
    Mock.objects.filter(pk=missed.pk).update(state=Mock.State.NO_SHOW, no_show_user=bob)


def _post(client, bob, **overrides):
    data = {"version": bob.profile_version, "display_name": "Bob B.", "time_zone": "UTC", **overrides}
    return client.post(URL, data)


def test_the_form_shows_the_reliability_line(client_bob, record):
    response = client_bob.get(URL)
    assert response.status_code == 200
    assert LINE in response.content.decode()


def test_a_rejected_save_still_shows_the_reliability_line(client_bob, bob, record):
    response = _post(client_bob, bob, time_zone="Mars/Olympus_Mons")
    assert response.status_code == 422
    assert LINE in response.content.decode()


def test_a_stale_save_still_shows_the_reliability_line(client_bob, bob, record):
    assert _post(client_bob, bob).status_code == 302  # another tab saved first
    response = _post(client_bob, bob, display_name="From the old tab")  # still at the old version
    assert response.status_code == 409
    assert LINE in response.content.decode()
