import pytest
from playwright.sync_api import expect

from progress.models import Note
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/")


def test_diagrams_render_as_svg_and_code_is_highlighted(page, bob, content):
    sign_in(page, bob)
    for slug in ("prime-video", "netflix", "uber"):
        page.goto(f"/library/{slug}/")
        diagrams = page.locator("pre.mermaid")
        expect(diagrams.first.locator("svg")).to_be_visible()
        for i in range(diagrams.count()):
            expect(diagrams.nth(i).locator("svg")).to_have_count(1)
    assert page.locator(".highlight span.k").count() > 0
    # The page fixture fails the test on any console error or CSP violation.


def test_filters_update_the_list_in_place_and_survive_back(page, bob, content):
    sign_in(page, bob)
    page.goto("/library/")
    expect(page.locator(".study-card")).to_have_count(10)
    page.select_option("#id_category", "databases")
    expect(page.locator(".study-card")).to_have_count(2)
    assert "category=databases" in page.url
    page.select_option("#id_group", "industry")
    expect(page.locator(".study-card")).to_have_count(0)
    expect(page.get_by_text("No case study matches these filters")).to_be_visible()
    page.go_back()
    expect(page.locator(".study-card")).to_have_count(2)
    assert "category=databases" in page.url and "group=industry" not in page.url
    page.go_back()
    expect(page.locator(".study-card")).to_have_count(10)


def test_live_search_from_the_header(page, bob, content):
    sign_in(page, bob)
    page.goto("/library/")
    page.keyboard.press("/")
    page.keyboard.type("consistent hashing")
    first = page.locator("#search-dropdown .search-result").first
    expect(first).to_contain_text("DynamoDB")
    expect(first.locator("mark").first).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=consistent+hashing")
    expect(page.locator(".search-result").first).to_contain_text("DynamoDB")


def test_studied_toggle_and_notes_autosave(page, bob, content, browser, asgi_server):
    sign_in(page, bob)
    page.goto("/library/dynamodb/")
    section = page.locator("#s-core-architecture")
    section.get_by_role("button", name="Mark studied").click()
    expect(section.get_by_role("button", name="✓ Studied")).to_be_visible()

    page.fill("#note-body", "## Hot partitions\n\n<script>alert(1)</script> **adaptive capacity**")
    expect(page.locator("#note-status")).to_have_text("Saved", timeout=5000)
    expect(page.locator("#note-preview strong")).to_have_text("adaptive capacity")
    assert Note.objects.get(user=bob).version == 1

    # A second tab, opened now, saves; the first tab's next save is refused and its text stays.
    other = page.context.new_page()
    other.goto("/library/dynamodb/")
    other.fill("#note-body", "from the second tab")
    expect(other.locator("#note-status")).to_have_text("Saved", timeout=5000)
    page.fill("#note-body", "from the first tab, now stale")
    expect(page.locator("#note-status")).to_contain_text("changed in another tab", timeout=5000)
    assert page.input_value("#note-body") == "from the first tab, now stale"
    assert Note.objects.get(user=bob).body == "from the second tab"
    page.reload()
    expect(page.locator("#s-core-architecture").get_by_role("button", name="✓ Studied")).to_be_visible()


def test_a_diagram_in_a_note_draws_in_the_preview_as_soon_as_it_is_saved(page, bob, content):
    sign_in(page, bob)
    page.goto("/library/dynamodb/")
    page.fill("#note-body", "My sketch:\n\n```mermaid\ngraph LR\n  Client --> Router --> Partition\n```")
    expect(page.locator("#note-status")).to_have_text("Saved", timeout=5000)
    expect(page.locator("#note-preview pre.mermaid svg")).to_be_visible(timeout=5000)
    expect(page.locator("#note-preview svg")).to_contain_text("Partition")
