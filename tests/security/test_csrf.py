"""Every URL refuses a state-changing request that lacks the CSRF token, and writes nothing.

Walked from the URL configuration, like the authorization matrix, with the visitor the matrix allows
in (so the refusal is the token's, not the permission's). A GET never changes state: the matrix checks
that for every URL and visitor.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.matrix import expected_for, path_of, send
from tests.security.urls import routes
from tests.security.world import ROLES, build_world

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def allowed_role(expected: list[str]) -> str:
    """The first visitor the matrix lets through, signed-in visitors first."""
    for role in (*ROLES[1:], ROLES[0]):
        if expected[ROLES.index(role)] not in ("login", "404"):
            return role
    return "owner"


def test_every_unsafe_request_without_a_token_is_refused(content):
    world = build_world()
    clients = {}
    problems, checked = [], 0
    for route in routes():
        if route.name.startswith("<unnamed admin/"):
            continue
        _method, kwargs, expected = expected_for(route.name)
        role = allowed_role(expected)
        if role not in clients:
            clients[role] = Client(enforce_csrf_checks=True)
            if role != "anonymous":
                clients[role].force_login(world.people[role])
        path = path_of(route.name, kwargs, world)
        for method in UNSAFE:
            response, written = send(clients[role], method, path, {"on": "1", "name": "x"})
            checked += 1
            if response.status_code != 403 or written:
                problems.append(f"{method} {path} as {role}: {response.status_code}, wrote {written}")
    assert not problems, "\n".join(problems)
    assert checked > 600


@pytest.mark.parametrize("header", [True, False])
def test_the_same_request_with_the_token_goes_through(content, header):
    """The control: what the refusal above was about is the token, in a header (htmx) or the form."""
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["owner"])
    client.get(reverse("casestudies:detail", kwargs={"slug": world.case_study.slug}))
    token = client.cookies["csrftoken"].value
    path = reverse("progress:toggle_studied", kwargs={"section_id": world.section.pk})
    if header:
        response, written = send(client, "POST", path, {"on": "1"}, headers={"X-CSRFToken": token})
    else:
        response, written = send(client, "POST", path, {"on": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and written == ["progress_studiedsection"]
