import pytest
from playwright.sync_api import expect

from tests.browser.test_library import sign_in

pytestmark = pytest.mark.browser


def test_a_keyboard_toggle_keeps_focus_and_updates_the_count(page, bob, content):
    sign_in(page, bob)
    page.goto("/library/dynamodb/")
    summary = page.locator("#studied-summary")
    expect(summary).to_contain_text("0 of")
    button = page.locator("#s-core-architecture").get_by_role("button", name="Mark studied")
    button.focus()
    page.keyboard.press("Enter")
    toggled = page.locator("#s-core-architecture").get_by_role("button", name="✓ Studied")
    expect(toggled).to_be_focused()
    expect(summary).to_contain_text("1 of")
    # htmx wires the swapped-in form up when it settles; a second press before then would post natively.
    expect(page.locator(".htmx-settling, .htmx-added")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(page.locator("#s-core-architecture").get_by_role("button", name="Mark studied")).to_be_focused()
    expect(summary).to_contain_text("0 of")


def test_arrow_keys_move_through_the_live_results(page, bob, content):
    sign_in(page, bob)
    page.goto("/library/")
    page.keyboard.press("/")
    page.keyboard.type("consis")
    results = page.locator("#search-dropdown a")
    expect(results.first).to_contain_text("Consisten")
    page.keyboard.press("ArrowDown")
    expect(results.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(results.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(results.nth(0)).to_be_focused()
    href = results.nth(0).get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    page.keyboard.press("/")
    page.keyboard.type("cold")
    expect(results.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(results).to_have_count(0)
    expect(page.locator("#site-search")).to_be_focused()
