"""Valid HTML on every main page: the server's own response body, parsed by html5lib, has no parse error
and no id used twice."""

from collections import Counter

import html5lib
import pytest
from django.db import transaction
from django.urls import reverse
from html5lib.constants import E

from tests.factories.accounts import PASSWORD
from tests.pages import ANONYMOUS, PAGES, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def html_errors(html: str) -> list[str]:
    """html5lib's parse errors, each with its line and that line of the source, then any duplicate id."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    tree = parser.parse(html)
    lines = html.splitlines()
    found = []
    for (line, col), code, data in parser.errors:
        message = E.get(code, code) % (data or {})
        source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        found.append(f"line {line}, col {col}: {message}\n    {source[:200]}")
    ids = Counter(element.get("id") for element in tree.iter() if element.get("id"))
    found += [f'id="{name}" is used {count} times' for name, count in ids.items() if count > 1]
    return found


def test_html_errors_finds_invalid_nesting_and_duplicate_ids():
    errors = html_errors("<!DOCTYPE html><html lang=en><title>x</title>\n<p><div>a</p></div>\n")
    assert errors and all(e.startswith("line 2") for e in errors), errors
    page = '<!DOCTYPE html><html lang=en><title>x</title><p id="a">ok</p><svg><g id="a"></g></svg>'
    assert html_errors(page) == ['id="a" is used 2 times']
    assert html_errors("<!DOCTYPE html><html lang=en><title>x</title><p id=a>ok</p>") == []


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_is_valid_html(page, db, world, client):
    if page.who != ANONYMOUS:
        user = getattr(world, page.who)
        # Signed in through the form, as in a browser: allauth records how the session authenticated.
        response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:500]
    if page.reauth:
        response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:500]
    response = client.get(page.url(world))
    assert response.status_code == page.status, (
        page.url(world),
        response.status_code,
        response.get("Location"),
    )
    assert response["Content-Type"].startswith("text/html")
    errors = html_errors(response.content.decode())
    print(f"\n{page.name}: {len(errors)} html5lib errors")
    assert not errors, f"{page.name} ({page.url(world)}) is not valid HTML:\n" + "\n".join(errors)
