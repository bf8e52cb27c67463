import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from tests.factories.accounts import UserFactory


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    ["casestudy", "category", "level", "question", "rubricdimension", "frameworkitem", "commonquestion"],
)
def test_every_content_model_has_an_admin(staff_client, content, model):
    assert staff_client.get(reverse(f"admin:casestudies_{model}_changelist")).status_code == 200


def test_an_admin_edit_shows_on_the_site_at_once(staff_client, content):
    study = CaseStudy.objects.get(slug="slack")
    response = staff_client.get(reverse("admin:casestudies_casestudy_change", args=[study.pk]))
    assert response.status_code == 200 and b"Sections" in response.content
    study.title = "Slack, edited"
    study.save()
    assert b"Slack, edited" in staff_client.get(study.get_absolute_url()).content


def test_outsiders_cannot_reach_the_admin(client_bob, content):
    # Signed in but not staff: the admin does not exist for them (see sdprep/admin.py).
    assert client_bob.get(reverse("admin:casestudies_casestudy_changelist")).status_code == 404
    assert client_bob.get(reverse("admin:login")).status_code == 404
