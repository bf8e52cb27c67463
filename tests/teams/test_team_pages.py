import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_opening_the_create_address_shows_the_form_rather_than_a_blank_405(charlie):
    client = Client()
    client.force_login(charlie)
    response = client.get(reverse("teams:create"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Create a team" in body and f'action="{reverse("teams:create")}"' in body
