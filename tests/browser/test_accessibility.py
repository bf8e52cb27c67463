"""axe-core in Chromium on every main page (tests/pages.py): no serious or critical violation.

One test walks every page, so the data is built once (the `page` fixture flushes the database after each
test): signed out first, then as bob, then as alice, in the one `page` whose console the fixture watches
for script errors and CSP violations. It prints a line per page and fails at the end with every
serious or critical violation it saw, so one run shows all there is to fix.
"""

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_library import sign_in
from tests.factories.accounts import PASSWORD
from tests.pages import ANONYMOUS, MANAGER, MEMBER, PAGES, build_world

pytestmark = pytest.mark.browser

IMPACTS = ("critical", "serious", "moderate", "minor")
BLOCKING = {"critical", "serious"}
# Checked again on a phone, and in the dark colour scheme: the pages with the most kinds of component.
PHONE = {
    "home (signed in)",
    "case-study detail",
    "practice attempt",
    "mock room (candidate)",
    "dashboard L6",
    "team page",
}
DARK = {
    "home (signed out)",
    "sign in",
    "case-study detail",
    "question bank",
    "practice attempt",
    "attempt result",
    "mock list",
    "mock room (interviewer)",
    "dashboard L6",
    "team page",
}
DESKTOP, PHONE_VIEWPORT = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def axe_violations(page) -> list[dict]:
    # Axe().run injects axe with page.evaluate, which the page's CSP (script-src 'self') does not govern.
    return Axe().run(page).response["violations"]


def describe(violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    more = f" (+{len(violation['nodes']) - 5} more)" if len(violation["nodes"]) > 5 else ""
    first = violation["nodes"][0]
    why = first.get("failureSummary", "").replace("\n", "\n      ")
    detail = f"\n      first: {first['html'][:160]}\n      {why}"
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {nodes}{more}{detail}"


def summary(name: str, violations: list[dict]) -> str:
    counts = Counter(v["impact"] for v in violations)
    cells = "  ".join(f"{impact} {counts[impact]}" for impact in IMPACTS)
    ids = ", ".join(sorted({v["id"] for v in violations}))
    return f"{name:<40} {cells}" + (f"  [{ids}]" if ids else "")


def other_looks(page, name: str) -> list[tuple[str, list[dict]]]:
    """axe again on a phone and in dark mode, for the pages listed there; the page is left as it was."""
    runs = []
    if name in PHONE:
        page.set_viewport_size(PHONE_VIEWPORT)
        runs.append((f"{name} (phone)", axe_violations(page)))
        page.set_viewport_size(DESKTOP)
    if name in DARK:
        page.emulate_media(color_scheme="dark")
        runs.append((f"{name} (dark)", axe_violations(page)))
        page.emulate_media(color_scheme="light")
    return runs


def sign_out(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")


def test_the_gate_sees_a_violation(page, transactional_db):
    page.goto("/accounts/login/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')")
    assert "label" in {v["id"] for v in axe_violations(page) if v["impact"] in BLOCKING}


def test_no_serious_or_critical_axe_violation_on_any_main_page(page, asgi_server):
    assert not (PHONE | DARK) - {p.name for p in PAGES}, "PHONE and DARK must name pages in PAGES"
    world = build_world()
    failures, lines = [], []
    for who in (ANONYMOUS, MEMBER, MANAGER):
        if who != ANONYMOUS:
            sign_in(page, getattr(world, who))
        for entry in (p for p in PAGES if p.who == who):
            url = entry.url(world)
            response = page.goto(url)
            if entry.reauth and "/reauthenticate/" in page.url:
                page.fill("input[name=password]", PASSWORD)
                page.click("main form button[type=submit]")
                page.wait_for_url(f"**{url}")
                response = None
            assert response is None or response.status == entry.status, (entry.name, url, response.status)
            assert page.url.endswith(url), f"{entry.name}: {url} ended at {page.url}"
            runs = [(entry.name, axe_violations(page)), *other_looks(page, entry.name)]
            for name, violations in runs:
                lines.append(summary(name, violations))
                failures += [f"{name} ({url}): {describe(v)}" for v in violations if v["impact"] in BLOCKING]
        if who != ANONYMOUS:
            sign_out(page)
    print("\naxe violations by impact, per page\n" + "\n".join(lines))
    assert not failures, "serious or critical axe violations:\n" + "\n".join(failures)
