import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import SignedInSession as Session
from casestudies.models import Question
from interviews.models import PracticeAttempt
from tests.browser.test_library import sign_in

pytestmark = pytest.mark.browser


def start(page, question, user):
    sign_in(page, user)
    page.goto(reverse("interviews:question", args=[question.slug]))
    page.get_by_role("button", name="Start practice").click()
    page.wait_for_url("**/practice/attempts/*/")
    return PracticeAttempt.objects.get(question=question)


def test_autosave_survives_reload_and_going_offline(page, bob, content):
    question = Question.objects.filter(kind="architecture").first()
    attempt = start(page, question, bob)
    expect(page.locator(".timer-clock")).not_to_have_text("--:--")

    page.fill("#answer_requirements", "Reads dominate: 100:1")
    page.fill("#answer_design", "```mermaid\ngraph LR\n  A[Client] --> B[API]\n```")
    expect(page.locator("#attempt-status")).to_have_text("Saved", timeout=5000)
    expect(page.locator("#preview-design svg")).to_have_count(1, timeout=5000)  # mermaid in the live preview

    page.reload()
    assert page.input_value("#answer_requirements") == "Reads dominate: 100:1"
    expect(page.locator("#preview-design svg")).to_have_count(1, timeout=5000)

    page.context.set_offline(True)
    page.fill("#answer_deep_dive", "Typed while offline")
    expect(page.locator("#attempt-status")).to_contain_text("Offline", timeout=6000)
    page.context.set_offline(False)
    expect(page.locator("#attempt-status")).to_have_text("Saved", timeout=10000)
    # The live preview's request failed while offline, as it should; htmx logs that as an error.
    page.console_errors[:] = [e for e in page.console_errors if not e.startswith("htmx:")]
    attempt.refresh_from_db()
    assert attempt.answer["deep_dive"] == "Typed while offline"
    assert attempt.answer["requirements"] == "Reads dominate: 100:1"


def test_a_stale_tab_is_refused(page, bob, content):
    question = Question.objects.filter(kind="architecture").first()
    attempt = start(page, question, bob)
    other = page.context.new_page()
    other.goto(attempt.get_absolute_url())
    page.fill("#answer_requirements", "first tab")
    expect(page.locator("#attempt-status")).to_have_text("Saved", timeout=5000)
    other.fill("#answer_requirements", "second tab, loaded before the first saved")
    expect(other.locator("#attempt-status")).to_contain_text("saved from another tab", timeout=5000)
    assert other.input_value("#answer_requirements") == "second tab, loaded before the first saved"
    attempt.refresh_from_db()
    assert attempt.answer["requirements"] == "first tab"


def test_a_tab_whose_session_ended_keeps_its_text_and_saves_after_signing_in_again(page, bob, content):
    question = Question.objects.filter(kind="architecture").first()
    attempt = start(page, question, bob)
    status = page.locator("#attempt-status")
    page.fill("#answer_requirements", "typed while signed in")
    expect(status).to_have_text("Saved", timeout=5000)

    Session.objects.all().delete()  # the idle limit passes while the tab stays open
    page.fill("#answer_requirements", "typed after the session ended")
    expect(status).to_contain_text("Signed out", timeout=6000)  # never a false "Saved"
    attempt.refresh_from_db()
    assert attempt.answer["requirements"] == "typed while signed in"
    # The live preview's request was sent to sign-in too; htmx logs that as an error.
    page.console_errors.clear()

    sign_in(page.context.new_page(), bob)  # another tab; the first one's next try goes through
    expect(status).to_have_text("Saved", timeout=15000)
    attempt.refresh_from_db()
    assert attempt.answer["requirements"] == "typed after the session ended"
    page.console_errors[:] = [e for e in page.console_errors if not e.startswith("htmx:")]


def test_hints_calculator_and_finish(page, bob, content):
    question = Question.objects.filter(kind="estimation", levels__code="L6").first()
    attempt = start(page, question, bob)
    page.get_by_role("button", name="Reveal a hint").click()
    expect(page.locator("#hints li")).to_have_count(1)
    page.fill("[data-calc=dau]", "1000000")
    page.fill("[data-calc=reads]", "10")
    times, divide = "\u00d7", "\u00f7"
    expect(page.locator("#calc-working")).to_contain_text(
        f"Reads/s average = DAU {times} reads {divide} 86,400"
        f" = 1,000,000 {times} 10 {divide} 86,400 = 116 req/s"
    )
    page.get_by_role("button", name="Insert into Estimates").click()
    assert "Reads/s average" in page.input_value("#answer_estimates")

    page.get_by_role("link", name="Finish and self-assess").click()
    page.wait_for_url("**/finish/")
    attempt.refresh_from_db()
    assert "Reads/s average" in attempt.answer["estimates"]  # saved before leaving
    for fieldset in page.locator("fieldset.rubric-dimension").all():
        fieldset.locator(".anchor").nth(2).click()
    page.locator(".check-row input").first.check()
    page.get_by_role("button", name="Finish the attempt").click()
    page.wait_for_url("**/result/")
    expect(page.get_by_text("What they actually did")).to_be_visible()
    expect(page.locator(".checklist-result .done")).to_have_count(1)
