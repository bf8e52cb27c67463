"""Every response carries the security headers; production adds HSTS."""

import json

import pytest
from django.test import Client

from tests.browser.conftest import database_url
from tests.sdprep.test_production_settings import REQUIRED, manage
from tests.security.matrix import expected_for, path_of
from tests.security.urls import routes
from tests.security.world import ROLES, build_world


def csp_directives(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def header_problems(response) -> list[str]:
    problems = []
    csp = csp_directives(response)
    if csp.get("script-src") != ["'self'"]:
        problems.append(f"script-src {csp.get('script-src')}")
    if csp.get("default-src") != ["'self'"] or csp.get("object-src") != ["'none'"]:
        problems.append(f"default-src/object-src {csp}")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {csp.get('frame-ancestors')}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("nosniff")
    if response.get("Referrer-Policy") != "same-origin":
        problems.append(f"Referrer-Policy {response.get('Referrer-Policy')}")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options {response.get('X-Frame-Options')}")
    return problems


@pytest.mark.parametrize("role", ["anonymous", "owner"])
def test_every_url_answers_with_the_security_headers(content, role):
    world = build_world()
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    problems = []
    for route in routes():
        if route.name.startswith("<unnamed admin/"):
            continue
        _method, kwargs, expected = expected_for(route.name)
        if expected[ROLES.index(role)] == "stream":
            continue
        path = path_of(route.name, kwargs, world)
        response = client.get(path)
        problems += [f"GET {path} ({response.status_code}): {p}" for p in header_problems(response)]
    assert not problems, "\n".join(problems)


def test_a_page_that_fails_carries_them_too(client, bob, levels):
    client.force_login(bob)
    assert header_problems(client.get("/no/such/page/")) == []
    assert header_problems(client.post("/", {})) == []  # 405


# Pages without templates: production's static storage needs collectstatic, which a fresh clone lacks.
PROBE = """
import json
from django.test import Client
c = Client()
out = {}
for path in ("/healthz", "/bench/hello/"):
    r = c.get(path, secure=True)
    out[path] = [r.status_code, r.get("Strict-Transport-Security"), r.get("Content-Security-Policy")]
r = c.get("/healthz")
out["plain"] = [r.status_code, r.get("Location")]
print(json.dumps(out))
"""


def test_production_sends_hsts_over_https_and_redirects_plain_http(db):
    result = manage(
        "shell", "-c", PROBE, **{**REQUIRED, "ALLOWED_HOSTS": "testserver"}, DATABASE_URL=database_url()
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    for path in ("/healthz", "/bench/hello/"):
        status, hsts, csp = out[path]
        assert status == 200
        assert hsts == "max-age=31536000; includeSubDomains; preload"
        assert "frame-ancestors 'none'" in csp
    assert out["plain"] == [301, "https://testserver/healthz"]
