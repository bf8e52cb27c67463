"""A manager builds a team, a member joins by link and practises, and the manager's heatmap shows it."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from casestudies.models import Question
from teams.models import Membership, Team
from tests.browser.test_library import sign_in
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.browser


def test_manager_invites_member_practises_heatmap_shows_it(page, browser, asgi_server, bob, content):
    # A manager with no team yet (alice, the persona, already manages bob's).
    sign_in(page, UserFactory(email="dana@example.com", display_name="Dana Manager"))
    page.goto("/teams/")
    expect(page.get_by_text("You are not in a team yet")).to_be_visible()
    page.get_by_label("Team name").fill("Payments platform")
    page.get_by_role("button", name="Create the team").click()
    team = Team.objects.get(name="Payments platform")
    page.goto(f"/teams/{team.pk}/people/")
    page.get_by_role("button", name="Create the invite").click()
    link = page.locator("input.invite-link").first.input_value()
    assert "/teams/join/" in link

    # Bob, in his own browser, follows the link, joins, and practises a question at L6.
    member = browser.new_context(base_url=asgi_server, viewport={"width": 390, "height": 844})
    bob_page = member.new_page()
    sign_in(bob_page, bob)
    bob_page.goto(link)
    expect(bob_page.get_by_text("Never your notes", exact=False)).to_be_visible()
    bob_page.get_by_role("button", name="Join Payments platform").click()
    assert Membership.objects.filter(team=team, user=bob, role="member").exists()

    question = Question.objects.filter(levels__code="L6", category__name="Databases").order_by("slug").first()
    bob_page.goto(reverse("interviews:question", args=[question.slug]))
    bob_page.get_by_role("button", name="Start practice").click()
    bob_page.wait_for_url("**/practice/attempts/*/")
    bob_page.fill("#answer_requirements", "Single-digit ms reads at any scale")
    expect(bob_page.locator("#attempt-status")).to_have_text("Saved", timeout=5000)
    bob_page.get_by_role("link", name="Finish and self-assess").click()
    bob_page.wait_for_url("**/finish/")
    for fieldset in bob_page.locator("fieldset.rubric-dimension").all():
        fieldset.locator(".anchor").nth(2).click()
    bob_page.get_by_role("button", name="Finish the attempt").click()
    bob_page.wait_for_url("**/result/")
    member.close()

    page.goto(f"/teams/{team.pk}/?level=L6")
    row = page.locator("table.heatmap tbody tr", has_text="Bob Member")
    expect(row).to_be_visible()
    headings = [t.strip() for t in page.locator("table.heatmap thead th").all_text_contents()]
    databases = headings.index("Databases")
    cell = row.locator("th, td").nth(databases)
    expect(cell).not_to_have_text("0%")
    assert "heat-0" not in cell.get_attribute("class")
    expect(row.locator("time")).to_have_text("now")  # last active
    # The CSV carries the same aggregates.
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    assert "Bob Member" in Path(download.value.path()).read_text()
