import time

import pytest
from playwright.sync_api import expect

from interviews.models import Mock
from tests.browser.rooms import create_mock, open_context, submit_scorecard

pytestmark = pytest.mark.browser


def clock_seconds(text: str) -> int:
    parts = [int(p) for p in text.replace("-", "").split(":")]
    return sum(value * 60**i for i, value in enumerate(reversed(parts)))


def test_a_whole_mock_across_two_server_processes(
    browser, asgi_servers, transactional_db, alice, bob, content
):
    server_a, server_b = asgi_servers
    ctx_a, interviewer, errors_a = open_context(browser, server_a.url, alice)
    ctx_b, candidate, errors_b = open_context(browser, server_b.url, bob)

    # Alice schedules the mock on server A and sends the link; Bob accepts on server B.
    link = create_mock(interviewer)
    candidate.goto(link.replace(server_a.url, server_b.url))
    candidate.click("text=Accept the invite")
    candidate.wait_for_url("**/practice/mocks/*/")
    mock = Mock.objects.get()
    assert mock.candidate == bob

    # Alice's page notices Bob joining by itself (the "joined" event); she starts; Bob's page follows.
    start = interviewer.get_by_role("button", name="Start the mock")
    expect(start).to_be_enabled(timeout=5000)
    start.click()
    expect(candidate.locator("#room-state")).to_have_text("Live", timeout=5000)
    expect(candidate.locator("#answer_design")).to_be_editable()

    # Both browsers show the same remaining time (within a second), also after a reload.
    expect(interviewer.locator("#room-state")).to_have_text("Live")
    candidate.reload()
    a, b = (
        clock_seconds(interviewer.inner_text("#timer .timer-clock")),
        clock_seconds(candidate.inner_text("#timer .timer-clock")),
    )
    assert abs(a - b) <= 1, (a, b)

    # Bob types on server B; Alice, streaming from server A, sees it.
    candidate.fill("#answer_design", "Shard the **hot keys** across partitions")
    typed = time.monotonic()
    expect(interviewer.locator("[data-section=design] strong")).to_have_text("hot keys", timeout=5000)
    delay = time.monotonic() - typed
    print(f"\nlive sync: the interviewer saw the text {delay:.2f} s after typing (incl. 0.4 s before a save)")
    assert interviewer.locator("#room").get_attribute("data-transport") == "stream"
    assert delay < 1.5, delay

    # A diagram draws in Bob's own preview and on Alice's side as it arrives, without a reload.
    candidate.fill("#answer_api", "```mermaid\ngraph LR\n  Client --> Shard\n```")
    expect(candidate.locator("#preview-api svg")).to_have_count(1, timeout=5000)
    expect(interviewer.locator("[data-section=api] svg")).to_have_count(1, timeout=5000)

    # Phase advance reaches the candidate.
    interviewer.click("text=Next phase")
    expect(candidate.locator("#phase-label")).to_have_text("Requirements")

    # Server A (Alice's) stops; Bob keeps typing; Alice reconnects to server B and misses nothing.
    server_a.stop()
    try:
        candidate.fill("#answer_deep_dive", "Written while server A was down")
        expect(candidate.locator("#pad-status")).to_have_text("Saved", timeout=5000)
        interviewer.goto(f"{server_b.url}/practice/mocks/{mock.pk}/")
        expect(interviewer.locator("[data-section=deep_dive]")).to_contain_text(
            "Written while server A was down"
        )
        expect(interviewer.locator("[data-section=design] strong")).to_have_text("hot keys")
    finally:
        server_a.start()

    # Alice ends the mock and submits the scorecard; Bob sees it and rates it.
    interviewer.click("text=End the mock")
    expect(candidate.locator("#room-state")).to_have_text("Feedback", timeout=5000)
    submit_scorecard(interviewer, "Strong partitioning; say more about capacity.")
    expect(candidate.locator("#room-state")).to_have_text("Completed", timeout=5000)
    candidate.click("text=See the scorecard")
    expect(candidate.get_by_text("Strong partitioning")).to_be_visible()
    assert "Hire" in candidate.content()
    candidate.check("input[name=usefulness][value='5']")
    candidate.click("text=Save my rating")
    expect(candidate.get_by_text("You rated it 5 / 5")).to_be_visible()

    # Swap roles: the reverse mock for the same pair, with a new question.
    candidate.goto(f"/practice/mocks/{mock.pk}/")
    candidate.click("text=Swap roles")
    candidate.wait_for_url("**/practice/mocks/*/")
    swapped = Mock.objects.exclude(pk=mock.pk).get()
    assert (swapped.interviewer, swapped.candidate) == (bob, alice) and swapped.question != mock.question
    expect(candidate.get_by_text("You are the interviewer")).to_be_visible()

    ctx_a.close()
    ctx_b.close()
    assert not errors_a and not errors_b, (errors_a, errors_b)


def test_the_room_falls_back_to_polling_when_streaming_is_blocked(
    browser, asgi_servers, transactional_db, alice, bob, content
):
    from interviews.services import mocks as services
    from tests.factories.interviews import scheduled_mock

    server = asgi_servers[0]
    mock, _invite = scheduled_mock(interviewer=alice, candidate=bob)
    services.mock_transition(mock=mock, user=alice, action="start")
    ctx_a, interviewer, errors_a = open_context(browser, server.url, alice)
    ctx_b, candidate, errors_b = open_context(browser, server.url, bob)
    interviewer.route("**/stream/**", lambda route: route.abort())  # a proxy that blocks event streams
    interviewer.goto(f"/practice/mocks/{mock.pk}/")
    candidate.goto(f"/practice/mocks/{mock.pk}/")
    expect(interviewer.locator("#room")).to_have_attribute("data-transport", "polling", timeout=20_000)
    candidate.fill("#answer_requirements", "Polled **through**")
    expect(interviewer.locator("[data-section=requirements] strong")).to_have_text("through", timeout=5000)
    ctx_a.close()
    ctx_b.close()
    assert not errors_a and not errors_b
