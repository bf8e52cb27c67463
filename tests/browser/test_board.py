"""The whiteboard in a real browser: two people draw on one board and converge, the replay rebuilds it,
the solo board survives a reload and refuses a stale tab, and nothing is fetched from off the machine."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from casestudies.models import Question
from interviews.models import Mock, PracticeAttempt
from interviews.services import mocks as mock_services
from interviews.services import practice as practice_services
from tests.browser.rooms import ADD_BOX, SCENE, draw_with_the_mouse, wait_until_converged
from tests.browser.test_library import sign_in
from tests.factories.interviews import scheduled_mock

pytestmark = pytest.mark.browser


def watch_requests(page) -> list[str]:
    """Every URL the page asks for that is not on this machine."""
    away: list[str] = []
    page.on(
        "request",
        lambda r: away.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None,
    )
    return away


def open_room(browser, server, user, mock):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    away = watch_requests(page)
    sign_in(page, user)
    page.goto(reverse("interviews:mock", args=[mock.pk]))
    expect(page.locator("#board")).to_have_attribute("data-ready", "true")
    return context, page, errors, away


def test_two_people_draw_on_one_board_and_the_replay_rebuilds_it(
    browser, asgi_server, transactional_db, alice, bob, content
):
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    mock_services.mock_transition(mock=mock, user=alice, action="start")
    ctx_a, interviewer, errors_a, away_a = open_room(browser, asgi_server, alice, mock)
    ctx_b, candidate, errors_b, away_b = open_room(browser, asgi_server, bob, mock)

    both = [interviewer, candidate]
    # Each side draws in turn, then both edit the same box a moment apart.
    draw_with_the_mouse(candidate, 420, 160)
    candidate.evaluate(ADD_BOX, [420, "Load balancer"])
    wait_until_converged(both, 3)  # a box, and a labelled box (box + text)
    interviewer.evaluate(ADD_BOX, [700, "Cache"])
    wait_until_converged(both, 5)
    move = """(dx) => { const b = window.sdprepBoard, els = b.getElements();
      const box = els.find((e) => e.type === "rectangle" && !e.boundElements?.length);
      b.setElements(els.map((e) => e.id === box.id ? {...e, x: e.x + dx, version: e.version + 1,
        versionNonce: Math.floor(Math.random() * 2 ** 31)} : e)); }"""
    candidate.evaluate(move, 30)
    interviewer.evaluate(move, -30)
    wait_until_converged(both, 5)
    stored = Mock.objects.get(pk=mock.pk).board
    assert sorted(
        [k, v["version"], v["versionNonce"], v.get("isDeleted", False)] for k, v in stored.items()
    ) == [list(e) for e in interviewer.evaluate(SCENE)]

    mock_services.mock_transition(mock=mock, user=alice, action="end")
    expect(candidate.locator("#room-state")).to_have_text("Feedback")  # the room reloads itself: let it
    candidate.goto(reverse("interviews:mock_replay", args=[mock.pk]))
    expect(candidate.locator("#board")).to_have_attribute("data-ready", "true")
    live = sorted(stored)
    assert sorted(e[0] for e in candidate.evaluate(SCENE)) == live  # the end: the whole board
    candidate.locator("#replay-slider").evaluate(
        "(s) => { s.value = '0'; s.dispatchEvent(new Event('input')); }"
    )
    assert candidate.evaluate(SCENE) == []  # the start: nothing drawn yet
    expect(candidate.locator("#replay-marks li").first).to_have_text("Intro")

    assert away_a == [] and away_b == [], "requests left the machine"
    assert errors_a == [] and errors_b == []
    ctx_a.close()
    ctx_b.close()


def test_the_solo_board_survives_a_reload_and_refuses_a_stale_tab(page, bob, content):
    away = watch_requests(page)
    sign_in(page, bob)
    attempt = practice_services.attempt_start(user=bob, question=Question.objects.order_by("slug").first())
    page.goto(reverse("interviews:attempt", args=[attempt.pk]))
    expect(page.locator("#board")).to_have_attribute("data-ready", "true")
    other = page.context.new_page()
    other.goto(reverse("interviews:attempt", args=[attempt.pk]))
    expect(other.locator("#board")).to_have_attribute("data-ready", "true")

    draw_with_the_mouse(page, 420, 120)
    expect(page.locator("#board-status")).to_have_text("Saved")
    page.reload()
    expect(page.locator("#board")).to_have_attribute("data-ready", "true")
    assert len(page.evaluate(SCENE)) == 1

    other.evaluate(ADD_BOX, [400, "Stale"])
    expect(other.locator("#board-error")).to_contain_text("another tab")
    assert len(PracticeAttempt.objects.get(pk=attempt.pk).board) == 1  # not merged silently
    assert away == []


def test_mermaid_in_a_section_becomes_shapes_and_the_library_has_our_shapes(page, bob, content):
    away = watch_requests(page)
    sign_in(page, bob)
    attempt = practice_services.attempt_start(user=bob, question=Question.objects.order_by("slug").first())
    page.goto(reverse("interviews:attempt", args=[attempt.pk]))
    expect(page.locator("#board")).to_have_attribute("data-ready", "true")
    page.fill(
        "#answer_design",
        "Sketch:\n\n```mermaid\nflowchart LR\n  C[Client] --> L[Load balancer] --> S[Service]\n```\n",
    )

    page.click("[data-board-mermaid]")

    expect(page.locator("#board-status")).to_have_text("Saved", timeout=20_000)
    texts = page.evaluate(
        "() => window.sdprepBoard.getElements().filter((e) => e.type === 'text').map((e) => e.text)"
    )
    assert {"Client", "Load balancer", "Service"} <= set(texts)
    assert (
        sum(1 for e in PracticeAttempt.objects.get(pk=attempt.pk).board.values() if e["type"] == "arrow") == 2
    )
    names = page.evaluate("() => window.sdprepBoardLibrary(window.SdprepBoard).map((item) => item.name)")
    assert {"Load balancer", "Cache", "Queue / stream", "Database", "CDN", "Search index", "Worker"} <= set(
        names
    )
    assert away == []
