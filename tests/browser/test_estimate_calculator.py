"""The back-of-envelope calculator on an estimation attempt: every step shown, 3 significant figures."""

import os

import pytest
from playwright.sync_api import expect

from casestudies.models import Question
from tests.browser.test_practice import start

pytestmark = pytest.mark.browser

TIMES, DIVIDE, MINUS = "\u00d7", "\u00f7", "\u2212"
SHOTS = os.environ.get("SDPREP_SHOTS", "")  # a folder to keep the screenshot in, when set


def open_calculator(page, user):
    question = Question.objects.filter(kind="estimation").first()
    start(page, question, user)
    return page.locator("#calculator")


def fill(calculator, values):
    for label, value in values.items():
        calculator.get_by_label(label, exact=True).fill(value)


def test_every_step_is_shown_to_three_significant_figures_and_inserted(page, bob, content):
    calculator = open_calculator(page, bob)
    fill(
        calculator,
        {
            "Daily active users": "100,000,000",
            "Reads per user per day": "60",
            "Writes per user per day": "10",
            "Read item size (bytes)": "2000",
            "Write item size (bytes)": "500",
            "Peak ÷ average": "3",
            "Cache hit ratio (%)": "90",
            "Replication factor": "3",
            "Retention (days)": "30",
        },
    )
    steps = calculator.locator("#calc-working li")
    expected = [
        f"Reads/s average = DAU {TIMES} reads {DIVIDE} 86,400 = 100,000,000 {TIMES} 60 {DIVIDE} 86,400"
        " = 69,400 req/s",
        f"Reads/s peak = average {TIMES} peak factor = 69,400 {TIMES} 3 = 208,000 req/s",
        f"Writes/s average = DAU {TIMES} writes {DIVIDE} 86,400 = 100,000,000 {TIMES} 10 {DIVIDE} 86,400"
        " = 11,600 req/s",
        f"Writes/s peak = 11,600 {TIMES} 3 = 34,700 req/s",
        f"Database reads/s at peak = peak reads {TIMES} (1 {MINUS} cache hit ratio)"
        f" = 208,000 {TIMES} (1 {MINUS} 90%) = 20,800 req/s",
        f"Read bandwidth at peak = 208,000 req/s {TIMES} 2 KB = 417 MB/s",
        f"Write bandwidth at peak = 34,700 req/s {TIMES} 500 B = 17.4 MB/s",
        f"Storage per day = DAU {TIMES} writes {TIMES} write size = 1,000,000,000 {TIMES} 500 B = 500 GB",
        f"Storage over retention = per day {TIMES} days {TIMES} replicas"
        f" = 500 GB {TIMES} 30 {TIMES} 3 = 45.0 TB",
    ]
    for line in expected:
        expect(steps.filter(has_text=line)).to_have_count(1)
    expect(calculator).not_to_contain_text("NaN")

    page.fill("#answer_estimates", "My own numbers first.")
    calculator.get_by_role("button", name="Insert into Estimates").click()
    inserted = page.input_value("#answer_estimates")
    assert inserted.startswith("My own numbers first.\n\n```\n")
    for line in expected:
        assert line + "\n" in inserted
    expect(page.locator("#answer_estimates")).to_be_focused()


def test_a_seventh_of_requests_writing_shows_as_fourteen_point_three_percent(page, bob, content):
    calculator = open_calculator(page, bob)
    fill(calculator, {"Reads per user per day": "6", "Writes per user per day": "1"})
    share = calculator.locator("#calc-working li").first
    expect(share).to_have_text(f"Write share = writes {DIVIDE} (reads + writes) = 1 {DIVIDE} (6 + 1) = 14.3%")
    expect(calculator).not_to_contain_text("14.28")


def test_bad_input_is_named_beside_its_field_and_never_shown_as_nan(page, bob, content):
    calculator = open_calculator(page, bob)
    insert = calculator.get_by_role("button", name="Insert into Estimates")
    cases = {
        "Daily active users": ("", "Enter a number."),
        "Reads per user per day": ("-5", "Must be 0 or more."),
        "Read item size (bytes)": ("two KB", "Not a number: use digits, e.g. 1,000."),
        "Cache hit ratio (%)": ("150", "Must be between 0 and 100."),
        "Peak ÷ average": ("0.5", "Must be 1 or more."),
    }
    for label, (typed, message) in cases.items():
        field = calculator.get_by_label(label, exact=True)
        field.fill(typed)
        expect(field).to_have_attribute("aria-invalid", "true")
        error = calculator.locator("#" + field.get_attribute("aria-describedby").split()[0])
        expect(error).to_have_text(message)
        assert field.input_value() == typed  # what the user typed stays
    expect(calculator).not_to_contain_text("NaN")
    expect(calculator.locator(".calc-blocked")).to_have_text("Fix the marked 5 fields to see the working.")
    expect(insert).to_be_disabled()
    if SHOTS:
        calculator.scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/calculator-errors.png")

    for label in cases:
        calculator.get_by_label(label, exact=True).fill("2")
    expect(calculator.locator("[aria-invalid=true]")).to_have_count(0)
    expect(insert).to_be_enabled()
    expect(calculator.locator("#calc-working li:not(.calc-blocked)")).to_have_count(10)

    fill(calculator, {"Reads per user per day": "0", "Writes per user per day": "0"})
    expect(calculator).to_contain_text("Reads and writes cannot both be 0.")
    expect(insert).to_be_disabled()


def test_the_calculator_is_usable_from_the_keyboard(page, bob, content):
    calculator = open_calculator(page, bob)
    dau = calculator.get_by_label("Daily active users", exact=True)
    dau.focus()
    page.keyboard.press("Tab")
    expect(calculator.get_by_label("Reads per user per day", exact=True)).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    expect(calculator.locator("#calc-working li").first).to_contain_text("14.3%")
    if SHOTS:
        calculator.screenshot(path=f"{SHOTS}/calculator.png")
        page.screenshot(path=f"{SHOTS}/calculator-page.png")
