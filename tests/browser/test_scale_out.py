"""Three app processes behind nginx (configured from deploy/nginx.conf.template, the compose file's copy):
a whole mock in two browsers while one process is SIGKILLed and restarted, then all three restarted one by
one. Nothing is lost, both sides end identical, and nginx answered no request with a 5xx."""

import os
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from interviews.models import Mock
from tests.browser.conftest import AsgiServer, free_port
from tests.browser.nginx import Nginx, nginx_path, retried, server_errors
from tests.browser.rooms import (
    ADD_BOX,
    SCENE,
    create_mock,
    draw_with_the_mouse,
    open_context,
    submit_scorecard,
    wait_for_board,
    wait_until_converged,
)

pytestmark = pytest.mark.browser

# Records when each EventSource opens, fails and receives an event (Date.now(), ms), for the recovery time.
STREAM_LOG = """(() => {
  const Native = window.EventSource;
  window.sdprepStreamLog = [];
  const log = (what, kind) => window.sdprepStreamLog.push([what, Date.now(), kind || ""]);
  window.EventSource = function (url, options) {
    const source = new Native(url, options);
    source.addEventListener("open", () => log("open"));
    source.addEventListener("error", () => log("error"));
    ["timer", "scratchpad", "joined", "created", "board"].forEach((kind) =>
      source.addEventListener(kind, () => log("event", kind)));
    return source;
  };
  window.EventSource.prototype = Native.prototype;
})()"""


@pytest.fixture(scope="module")
def cluster(asgi_servers, mail_dir, tmp_path_factory):
    """The two session servers plus a third, and nginx in front of them on a port of its own."""
    if not nginx_path():
        if os.environ.get("SDPREP_REQUIRE_BROWSER"):
            pytest.fail("SDPREP_REQUIRE_BROWSER is set but nginx is not installed (.ci/run installs it)")
        pytest.skip("nginx not found: apt-get install nginx")
    third = AsgiServer(mail_dir, "c")
    third.start()
    servers = [*asgi_servers, third]
    proxy = Nginx(tmp_path_factory.mktemp("nginx"), free_port(), [f"127.0.0.1:{s.port}" for s in servers])
    proxy.start()
    yield proxy, servers
    proxy.stop()
    third.stop()
    for server in asgi_servers:  # the session's servers outlive this module: leave them running
        if server.process.poll() is not None:
            server.start()


def open_person(browser, proxy, user):
    context, page, errors = open_context(browser, proxy.url, user)
    page.add_init_script(STREAM_LOG)
    page.streams = []  # X-Upstream of each stream response nginx started, latest last
    page.on("response", lambda r: "/stream/" in r.url and page.streams.append(r.header_value("x-upstream")))
    return context, page, errors


def recovery(page, since_ms: float) -> dict:
    """From `since_ms` (the kill): when the stream failed, reopened, and the first event after that came."""
    log = [entry for entry in page.evaluate("window.sdprepStreamLog") if entry[1] >= since_ms]
    error = next(t for what, t, _ in log if what == "error")
    opened = next(t for what, t, _ in log if what == "open" and t >= error)
    first = next(t for what, t, _ in log if what == "event" and t >= opened)
    return {"failed": error - since_ms, "reopened": opened - since_ms, "first_event": first - since_ms}


def type_and_see(candidate, interviewer, section: str, text: str) -> None:
    candidate.fill(f"#answer_{section}", text)
    expect(candidate.locator("#pad-status")).to_have_text("Saved", timeout=10_000)
    expect(interviewer.locator(f"[data-section={section}]")).to_have_text(text, timeout=10_000)


def test_static_files_come_from_nginx_with_a_long_cache_lifetime(cluster):
    proxy, _servers = cluster
    with urllib.request.urlopen(f"{proxy.url}/static/js/room.js", timeout=5) as response:  # noqa: S310
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert b"EventSource" in response.read()
    assert not any("/static/" in e["request"] for e in proxy.log())  # not proxied: no access log line


def test_a_whole_mock_through_nginx_while_processes_die_and_restart(
    browser, cluster, transactional_db, alice, bob, content
):
    proxy, servers = cluster
    ctx_a, interviewer, errors_a = open_person(browser, proxy, alice)
    ctx_b, candidate, errors_b = open_person(browser, proxy, bob)

    link = create_mock(interviewer)
    candidate.goto(link)
    candidate.click("text=Accept the invite")
    candidate.wait_for_url("**/practice/mocks/*/")
    mock = Mock.objects.get()
    start = interviewer.get_by_role("button", name="Start the mock")
    expect(start).to_be_enabled(timeout=5000)
    start.click()
    expect(candidate.locator("#room-state")).to_have_text("Live", timeout=5000)
    wait_for_board(interviewer)
    wait_for_board(candidate)
    both = [interviewer, candidate]

    type_and_see(candidate, interviewer, "requirements", "Reads dominate: 100 to 1")
    draw_with_the_mouse(candidate, 420, 160)
    wait_until_converged(both, 1)
    expect(candidate.locator("#board-status")).to_have_text("Saved")

    # SIGKILL the process serving the candidate's stream, at a quiet moment (no save in flight).
    victim = next(s for s in servers if candidate.streams[-1] == f"127.0.0.1:{s.port}")
    hit = [p for p in both if p.streams[-1] == candidate.streams[-1]]
    killed_at = time.time() * 1000
    victim.kill()
    interviewer.evaluate(ADD_BOX, [700, "Cache"])  # reaches the candidate once their stream is back
    type_and_see(candidate, interviewer, "api", "GET /feed?cursor= (written while a process was dead)")
    wait_until_converged(both, 3)
    recovered = [recovery(p, killed_at) for p in hit]
    victim.start()

    interviewer.click("text=Next phase")
    expect(candidate.locator("#phase-label")).to_have_text("Requirements")

    # Rolling restart: each process in turn stops (SIGTERM; open streams get 1 s) and comes back.
    for i, server in enumerate(servers):
        server.stop()
        type_and_see(candidate, interviewer, "design", f"Fan-out on write, restart {i + 1} of 3")
        server.start()
    interviewer.evaluate(ADD_BOX, [420, "Load balancer"])
    scene = wait_until_converged(both, 5)

    stored = Mock.objects.get(pk=mock.pk)
    texts = {key: candidate.input_value(f"#answer_{key}") for key in stored.scratchpad}
    assert texts == stored.scratchpad
    assert {key: interviewer.inner_text(f"[data-section={key}]") for key in texts} == texts
    assert sorted(
        [k, v["version"], v["versionNonce"], v.get("isDeleted", False)] for k, v in stored.board.items()
    ) == [list(e) for e in scene]
    assert [p.locator("#room").get_attribute("data-transport") for p in both] == ["stream", "stream"]

    interviewer.click("text=End the mock")
    expect(candidate.locator("#room-state")).to_have_text("Feedback", timeout=5000)
    submit_scorecard(interviewer, "Calm under a dying server.")
    expect(candidate.locator("#room-state")).to_have_text("Completed", timeout=5000)
    candidate.click("text=See the scorecard")
    expect(candidate.get_by_text("Calm under a dying server.")).to_be_visible()
    candidate.goto(f"/practice/mocks/{mock.pk}/replay/")
    wait_for_board(candidate)
    assert sorted(e[0] for e in candidate.evaluate(SCENE)) == sorted(stored.board)
    expect(candidate.locator("#replay-view")).to_contain_text("restart 3 of 3")

    log = proxy.log()
    print(
        f"\nscale-out: {len(log)} requests through nginx, {len(server_errors(log))} answered 5xx, "
        f"{sum(retried(log).values())} passed on to another process; "
        f"after the SIGKILL, the {len(recovered)} browser(s) on it (ms since the kill): {recovered}"
    )
    assert server_errors(log) == []
    assert recovered and all(r["first_event"] > 0 for r in recovered)
    ctx_a.close()
    ctx_b.close()
    assert not errors_a and not errors_b, (errors_a, errors_b)
