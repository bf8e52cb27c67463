"""The interviewer's kit in two real browsers: a curveball thrown mid-mock reaches the candidate's screen,
a phase change moves both clocks and the interviewer's probes, and auto-advance moves on by itself."""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from casestudies.models import Question
from interviews.models import Mock
from interviews.services import mocks as mock_services
from tests.browser.test_board import open_room
from tests.factories.interviews import scheduled_mock

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("SDPREP_SCREENSHOTS", Path(settings.BASE_DIR) / ".data" / "screenshots"))
MINUTES = "\u2032"  # the prime after a phase's planned minutes


def test_a_curveball_and_a_phase_change_reach_both_sides(
    browser, asgi_server, transactional_db, alice, bob, content
):
    question = Question.objects.filter(levels__code="L6", kind="architecture").order_by("slug").first()
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob, question=question)
    mock_services.mock_transition(mock=mock, user=alice, action="start")
    ctx_a, interviewer, errors_a, _away = open_room(browser, asgi_server, alice, mock)
    ctx_b, candidate, errors_b, _away = open_room(browser, asgi_server, bob, mock)

    # Both see the phase plan with Intro lit and its own countdown; only the interviewer has the kit.
    for page in (interviewer, candidate):
        expect(page.locator(".phase-plan li.current")).to_have_text(f"Intro 5{MINUTES}")
        expect(page.locator("#phase-label")).to_have_text("Intro")
        expect(page.locator("#phase-timer .timer-clock")).to_have_text(re.compile(r"^[45]:[0-5]\d$"))
    assert candidate.locator(".curveballs").count() == 0 and candidate.locator(".probes").count() == 0
    curveball = question.curveballs[0]
    expect(interviewer.locator(".curveball").first).to_contain_text(curveball["text"])

    # The interviewer moves on: both clocks and bars follow; the probes for Requirements come first.
    interviewer.get_by_role("button", name="Next phase").click()
    for page in (interviewer, candidate):
        expect(page.locator("#phase-label")).to_have_text("Requirements")
        expect(page.locator(".phase-plan li.current")).to_have_text(f"Requirements 8{MINUTES}")
    expect(interviewer.locator(".probe-group").first).to_have_attribute("data-probe-phase", "requirements")
    expect(interviewer.locator(".probe-group[open]")).to_have_count(1)

    # The curveball: thrown once, it appears on the candidate's screen and stays after a reload.
    interviewer.locator("button[data-action=curveball][data-curveball='0']").click()
    expect(candidate.locator("#kit-banner")).to_contain_text("Requirement change: " + curveball["text"])
    expect(candidate.locator("#curveball-list")).to_contain_text(curveball["text"])
    expect(interviewer.locator("button[data-curveball='0']")).to_have_text("Thrown in Requirements")
    expect(interviewer.locator("button[data-curveball='0']")).to_be_disabled()
    interviewer.get_by_role("button", name="Time to move on").click()
    expect(candidate.locator("#kit-banner")).to_contain_text("time to move on to estimates")

    SHOTS.mkdir(parents=True, exist_ok=True)
    interviewer.screenshot(path=str(SHOTS / "kit-interviewer.png"), full_page=True)
    candidate.screenshot(path=str(SHOTS / "kit-candidate.png"), full_page=True)
    candidate.reload()
    expect(candidate.locator("#curveball-list")).to_contain_text(curveball["text"])
    assert curveball["answers"]["L6"] not in candidate.content()

    # Auto-advance: the interviewer switches it on; when Requirements runs out, both move to Estimates.
    interviewer.locator("#auto-advance").check()
    expect(interviewer.locator("#phase-timer")).to_have_attribute("data-auto", "true")
    mock.refresh_from_db()
    # Eight minutes pass in the database (the mock started 8 minutes earlier), not in the test.
    Mock.objects.filter(pk=mock.pk).update(started_at=mock.started_at - datetime.timedelta(minutes=8))
    interviewer.reload()
    for page in (interviewer, candidate):
        expect(page.locator("#phase-label")).to_have_text("Estimates", timeout=8000)
    mock.refresh_from_db()
    assert mock.phase[0] == "estimates" and mock.auto_advance

    assert errors_a == [] and errors_b == []
    ctx_a.close()
    ctx_b.close()


def test_the_scorecard_sets_anchors_and_examples_side_by_side(page, alice, bob, content):
    from tests.browser.test_library import sign_in

    mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    for action in ("start", "end"):
        mock_services.mock_transition(mock=mock, user=alice, action=action)
    sign_in(page, alice)
    page.goto(reverse("interviews:scorecard", args=[mock.pk]))
    grid = page.locator(".anchor-grid").first
    expect(grid.locator(".anchor")).to_have_count(5)  # four scores and "not assessed"
    expect(grid.locator(".anchor-example")).to_have_count(4)
    boxes = [grid.locator(".anchor").nth(i).bounding_box() for i in range(4)]
    assert len({round(b["y"]) for b in boxes}) == 1  # side by side on a laptop
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "kit-scorecard.png"), full_page=True)
