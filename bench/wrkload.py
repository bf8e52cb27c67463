"""Drive one URL with wrk (Debian's C load generator) and bench/wrk_report.lua; read its JSON line back.

10 connections on 2 threads; a warm-up run of BENCH_WARMUP seconds (each worker compiles its templates
and opens its database connection), then BENCH_SECONDS measured. BENCH_CONNECTIONS, BENCH_THREADS,
BENCH_WARMUP and BENCH_SECONDS override the defaults.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
MARKER = "BENCH_JSON "
FALLBACK = Path("/usr/bin/wrk")  # Debian's, when PATH does not have it
INSTALL = "wrk is not installed: `make bench` drives the pages with it. Install it: `apt-get install wrk`."


def settings() -> dict:
    return {
        "connections": int(os.environ.get("BENCH_CONNECTIONS", "10")),
        "threads": int(os.environ.get("BENCH_THREADS", "2")),
        "warmup_s": int(os.environ.get("BENCH_WARMUP", "2")),
        "seconds": int(os.environ.get("BENCH_SECONDS", "8")),
    }


def wrk_binary() -> str:
    """wrk's path; a clear SystemExit when it is missing."""
    found = shutil.which("wrk") or (str(FALLBACK) if FALLBACK.exists() else None)
    if not found:
        raise SystemExit(INSTALL)
    return found


def wrk_version() -> str:
    """The first line wrk prints about itself, e.g. "wrk debian/4.1.0-3+b2 [epoll]"."""
    out = subprocess.run([wrk_binary(), "--version"], capture_output=True, text=True, check=False)
    first = (out.stdout or out.stderr).splitlines()[0]
    return first.split(" Copyright")[0].strip()


def parse_report(output: str) -> dict:
    """The BENCH_JSON line wrk_report.lua prints in done(), with `errors_total` (socket errors plus
    responses that are not 2xx/3xx) added. ValueError when the output has no such line."""
    for line in output.splitlines():
        if line.startswith(MARKER):
            report = json.loads(line[len(MARKER) :])
            report["errors_total"] = sum(report["errors"].values())
            return report
    raise ValueError(f"wrk printed no {MARKER.strip()} line:\n{output[-2000:]}")


def check_answer(url: str, cookie: str) -> None:
    """One request, redirects not followed: the page must answer 200 to this cookie before it is timed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        status = connection.getresponse().status
    finally:
        connection.close()
    if status != 200:
        raise SystemExit(f"{path} answered {status}, not 200, before its measurement (signed out?).")


def run_wrk(url: str, cookie: str = "", seconds: int | None = None) -> dict:
    """wrk against `url` for `seconds` (BENCH_SECONDS by default) with the signed-in `cookie`."""
    config = settings()
    seconds = config["seconds"] if seconds is None else seconds
    command = [
        *(wrk_binary(), "-t", str(config["threads"]), "-c", str(config["connections"])),
        *("-d", f"{seconds}s", "--timeout", "10s", "-s", str(SCRIPT), url),
    ]
    out = subprocess.run(
        command, env={**os.environ, "BENCH_COOKIE": cookie}, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"wrk failed on {url} ({out.returncode}): {out.stderr.strip()}")
    return parse_report(out.stdout)


def measure(url: str, cookie: str = "") -> dict:
    """Check the answer, warm up (BENCH_WARMUP s, discarded), then the measured run."""
    check_answer(url, cookie)
    warmup = settings()["warmup_s"]
    if warmup > 0:
        run_wrk(url, cookie, warmup)
    return run_wrk(url, cookie)
