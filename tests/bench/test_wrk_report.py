"""`make bench`'s wrk report: the Lua script's JSON line and how bench/wrkload.py reads it (no timings)."""

from __future__ import annotations

import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import wrkload

SAMPLE = """Running 8s test @ http://127.0.0.1:41234/bench/hello/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    43.21ms   12.02ms 180.44ms   81.20%
  2311 requests in 8.01s, 1.21MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    288.51
Transfer/sec:    155.02KB
BENCH_JSON {"requests":2311,"duration_s":8.010,"rps":288.51,"p50_ms":41.100,"p95_ms":66.250,\
"p99_ms":90.010,"mean_ms":43.210,"max_ms":180.440,"redirects":0,\
"errors":{"connect":0,"read":1,"write":0,"timeout":2,"status":3}}
"""


def test_parse_report_reads_the_json_line_among_wrks_own_output():
    report = wrkload.parse_report(SAMPLE)
    assert report["requests"] == 2311
    assert report["rps"] == pytest.approx(288.51)
    assert (report["p50_ms"], report["p95_ms"], report["p99_ms"]) == (41.1, 66.25, 90.01)
    assert report["errors"] == {"connect": 0, "read": 1, "write": 0, "timeout": 2, "status": 3}
    assert report["errors_total"] == 6


def test_parse_report_without_the_line_says_what_wrk_printed():
    with pytest.raises(ValueError, match="no BENCH_JSON line") as raised:
        wrkload.parse_report("unable to connect to 127.0.0.1:1 Connection refused\n")
    assert "Connection refused" in str(raised.value)


def test_missing_wrk_stops_with_the_install_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(wrkload, "FALLBACK", tmp_path / "wrk")
    with pytest.raises(SystemExit, match="apt-get install wrk"):
        wrkload.wrk_binary()


class Handler(BaseHTTPRequestHandler):
    """/ok answers 200 when the bench cookie came, /login 302, /broken 500; records the cookies seen."""

    cookies: list[str] = []

    def do_GET(self):
        Handler.cookies.append(self.headers.get("Cookie", ""))
        status = {"/ok": 200, "/login": 302, "/broken": 500}[self.path]
        if self.path == "/ok" and self.headers.get("Cookie") != "sessionid=abc":
            status = 403
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # wrk closes its connections mid-request when its time is up


@pytest.fixture
def local_server():
    server = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")
@pytest.mark.parametrize(
    ("path", "redirects", "status_errors"),
    [("/ok", False, False), ("/login", True, False), ("/broken", False, True)],
)
def test_the_lua_script_sends_the_cookie_and_counts_redirects_and_errors(
    local_server, monkeypatch, path, redirects, status_errors
):
    monkeypatch.setenv("BENCH_CONNECTIONS", "2")
    monkeypatch.setenv("BENCH_THREADS", "1")
    Handler.cookies.clear()
    report = wrkload.run_wrk(local_server + path, "sessionid=abc", seconds=1)
    assert report["requests"] > 0
    assert set(Handler.cookies) == {"sessionid=abc"}
    assert (report["redirects"] > 0) is redirects
    assert (report["errors"]["status"] > 0) is status_errors
    assert report["p50_ms"] <= report["p95_ms"] <= report["p99_ms"]


def test_check_answer_refuses_a_redirect_before_timing(local_server):
    with pytest.raises(SystemExit, match="answered 302"):
        wrkload.check_answer(local_server + "/login", "sessionid=abc")
    wrkload.check_answer(local_server + "/ok", "sessionid=abc")
