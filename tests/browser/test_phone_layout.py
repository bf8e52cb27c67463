"""At 390 px (a phone), no main page is wider than the screen and nothing in a card overlaps."""

import os

import pytest

from tests.browser.test_library import sign_in
from tests.factories.interviews import history_bulk, scheduled_mock

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/dashboard/",
    "/library/",
    "/library/spotify/",
    "/practice/",
    "/practice/mocks/",
    "/practice/reviews/",
    "/search/?q=consistent+hashing",
]
SHOTS = os.environ.get("SDPREP_SHOTS", "")  # a folder to keep the screenshots in, when set


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def test_no_main_page_is_wider_than_a_phone(phone, bob, alice, content):
    history_bulk(user=bob, attempts=6, mocks=2, interviewer=alice)
    scheduled_mock(interviewer=alice, candidate=bob)
    sign_in(phone, bob)
    too_wide = {}
    for i, path in enumerate(PAGES):
        phone.goto(path)
        phone.wait_for_load_state("networkidle")
        if SHOTS:
            phone.screenshot(path=f"{SHOTS}/phone-{i}.png", full_page=True)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[path] = width
    assert too_wide == {}


def test_fact_values_do_not_overlap_their_labels_on_a_phone(phone, bob, content):
    sign_in(phone, bob)
    phone.goto("/library/")
    overlaps = phone.evaluate(
        """() => {
          const out = [];
          for (const card of document.querySelectorAll('.study-card')) {
            for (const e of card.querySelectorAll('dt, dd'))
              if (e.scrollWidth > e.clientWidth + 1) out.push(e.textContent.trim() + ' runs out of its box');
            const boxes = [...card.querySelectorAll('dt, dd')]
              .map(e => [e.textContent.trim(), e.getBoundingClientRect()]);
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const [a, r] = boxes[i], [b, s] = boxes[j];
              const apart = r.right - 1 <= s.left || s.right - 1 <= r.left
                || r.bottom - 1 <= s.top || s.bottom - 1 <= r.top;
              if (!apart)
                out.push(a + ' / ' + b);
            }
          }
          return out;
        }"""
    )
    assert overlaps == []


def test_the_header_search_placeholder_fits_its_box_on_a_phone(phone, bob, content):
    sign_in(phone, bob)
    phone.goto("/library/")
    phone.locator("#nav-toggle").click()  # on a phone the search sits in the menu
    box = phone.locator("#site-search")
    fits = box.evaluate(
        """el => {
          const c = document.createElement('canvas').getContext('2d');
          const st = getComputedStyle(el);
          c.font = st.font;
          const room = el.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
          return c.measureText(el.placeholder).width <= room;
        }"""
    )
    assert box.is_visible() and fits
