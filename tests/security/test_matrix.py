"""The authorization matrix (its table and rules are in tests/security/matrix.py)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.matrix import MATRIX, expected_for, outcome_matches, path_of, send
from tests.security.urls import routes
from tests.security.world import ROLES, build_world


def test_every_url_has_a_row_and_every_row_a_url():
    names = {route.name for route in routes()}
    unlisted = []
    for name in sorted(names):
        try:
            expected_for(name)
        except KeyError:
            unlisted.append(name)
    assert not unlisted, f"URLs without a row in tests/security/matrix.py MATRIX: {unlisted}"
    stale = sorted(set(MATRIX) - names)
    assert not stale, f"rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(content, role):
    """Each visitor gets what its row says; refusals and GETs write nothing."""
    world = build_world()
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    column = ROLES.index(role)
    problems: list[str] = []
    checked = 0
    for route in routes():
        if route.name.startswith("<unnamed admin/"):
            continue  # the admin's catch-all and object shortcuts, reached through the named pages
        method, kwargs, expected = expected_for(route.name)
        want = expected[column]
        if want == "stream":
            continue
        path = path_of(route.name, kwargs, world)
        if method != "GET":
            response, written = send(client, "GET", path)
            if written:
                problems.append(f"GET {path} as {role} wrote to {written}")
        response, written = send(client, method, path)
        checked += 1
        if not outcome_matches(want, response, route.name):
            where = response.get("Location", "")
            problems.append(f"{method} {path} as {role}: expected {want}, got {response.status_code} {where}")
        elif written and (method == "GET" or want in ("login", "404")):
            problems.append(f"{method} {path} as {role} wrote to {written}")
    assert not problems, "\n".join(problems)
    assert checked > 150


def test_the_write_check_sees_a_write(content):
    """The matrix's write check is not blind: a request that changes something is seen doing so."""
    world = build_world()
    client = Client()
    client.force_login(world.people["owner"])
    path = reverse("progress:toggle_studied", kwargs={"section_id": world.section.pk})
    response, written = send(client, "POST", path, {"on": "1"})
    assert response.status_code == 302 and written == ["progress_studiedsection"]
