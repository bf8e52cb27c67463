"""`make bench`: every main page and live sync under load, against the stack's own ceiling.

1. Builds (once, then reuses) two databases in the embedded PostgreSQL: `sdprep_bench` with
   `seed_demo --scale large` and `sdprep_bench_small` with the small demo data.
2. Counts each page's SQL queries in both (bench/pages.py), and signs the demo users in.
3. Starts the production configuration: uvicorn with the Dockerfile's worker count, production settings.
4. Drives each page with locust (headless) at 10 concurrent users: a warm-up, then a fixed time.
   The "hello" view, which does no work, is measured the same way: the ceiling.
5. Measures live-sync propagation with 100 rooms (bench/livesync.py).
6. Prints a table and writes bench/results/latest.json.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"
USERS = int(os.environ.get("BENCH_USERS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
ROOMS = int(os.environ.get("BENCH_ROOMS", "100"))
SECRET_KEY = "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
LARGE, SMALL = "sdprep_bench", "sdprep_bench_small"
TARGETS = {"ratio": 0.25, "p95_ms": 100.0, "live_p95_ms": 250.0}


def step(message: str) -> None:
    print(f"\033[1;34m==>\033[0m {message}", flush=True)


def progress(message: str) -> None:
    print(f"\r\033[K    {message}", end="", flush=True)


def workers() -> int:
    match = re.search(r"WEB_CONCURRENCY=(\d+)", (ROOT / "Dockerfile").read_text())
    return int(match.group(1)) if match else 4


def manage(db: str, *args: str, quiet: bool = False) -> None:
    env = {
        **os.environ,
        "SDPREP_DB_NAME": db,
        "DJANGO_SETTINGS_MODULE": "sdprep.settings.local",
        "DEBUG": "false",
    }
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=out)


def build_database(db: str, scale: str) -> None:
    manage(db, "migrate", "--verbosity", "0")
    manage(db, "load_content", quiet=True)
    manage(db, "seed_demo", "--scale", scale, "--only-if-empty")


def probe_pages(db: str) -> dict:
    env = {**os.environ, "SDPREP_DB_NAME": db, "SECRET_KEY": SECRET_KEY, "DEBUG": "false"}
    out = subprocess.run(
        [PYTHON, "bench/pages.py"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def embedded(db: str) -> dict:
    """Start (or join) the embedded server with `db` in it; returns Django's database settings for it."""
    os.environ["SDPREP_DB_NAME"] = db
    sys.path.insert(0, str(ROOT))
    from sdprep import embedded_db

    return embedded_db.start()  # this process holds the server open until it exits


def database_url(db: str) -> str:
    """The embedded server's socket, as a URL the production settings accept."""
    from urllib.parse import quote

    config = embedded(db)
    return f"postgres://{config['USER']}@{quote(config['HOST'], safe='')}:{config['PORT']}/{config['NAME']}"


def production_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sdprep.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def collect_static(env: dict) -> None:
    """collectstatic (most of a minute: it compresses every file), unless its manifest in STATIC_ROOT is
    newer than every file in static/ and than the last dependency install (the packages' own files)."""
    manifest = ROOT / ".data" / "staticfiles" / "staticfiles.json"
    sources = [*(ROOT / "static").rglob("*"), Path(sys.prefix) / ".installed"]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources if p.exists()):
        return
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )


def start_server(env: dict, port: int, n_workers: int, output=None) -> subprocess.Popen:
    """The production configuration on `port`; what it logs goes to `output` (an open file; else here)."""
    collect_static(env)
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "uvicorn",
            "sdprep.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(n_workers),
            "--lifespan",
            "off",
            "--no-access-log",
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "2",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=output,
        stderr=output,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("The production server did not answer /healthz within 60 s.")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=15)


def run_locust(
    locustfile: str, base: str, users: int, rate: int, seconds: int, prefix: Path, env: dict, output=None
) -> None:
    """locust headless with `locustfile` against `base`; its statistics go to `prefix`_stats.csv etc.,
    what it prints to `output` (an open file; discarded by default)."""
    subprocess.run(
        [
            PYTHON,
            "-m",
            "locust",
            "-f",
            locustfile,
            "--headless",
            "-u",
            str(users),
            "-r",
            str(rate),
            "-t",
            f"{seconds}s",
            "--host",
            base,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "ERROR",
            "--stop-timeout",
            "2",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
        stdout=output or subprocess.DEVNULL,
        stderr=output or subprocess.DEVNULL,
    )


def aggregated_stats(prefix: Path) -> dict:
    """The "Aggregated" row of a locust run's statistics; its percentiles are None when nothing was sent."""
    with open(f"{prefix}_stats.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == "Aggregated")
    sent = row["50%"] != "N/A"
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        **{f"p{q}_ms": float(row[f"{q}%"]) if sent else None for q in (50, 95, 99)},
    }


def locust(base: str, path: str, cookie: str, seconds: int, prefix: Path) -> dict:
    run_locust(
        "bench/locustfile.py",
        base,
        USERS,
        USERS,
        seconds,
        prefix,
        {"BENCH_PATH": path, "BENCH_COOKIE": cookie},
    )
    stats = aggregated_stats(prefix)
    if stats["p50_ms"] is None:
        raise SystemExit(f"locust made no request to {path} in {seconds} s: is the server answering?")
    return stats


def warm_up(base: str, path: str, cookie: str) -> None:
    """Each worker process compiles templates and opens its connection before the clock starts."""
    deadline = time.monotonic() + WARMUP
    # base is this script's own http://127.0.0.1 server.
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    while time.monotonic() < deadline:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status} during the warm-up.")


def live_sync(base: str, env: dict, tmp: Path) -> dict:
    out = tmp / "livesync.json"
    live_env = {**env, "DJANGO_SETTINGS_MODULE": "sdprep.settings.production"}
    subprocess.run(
        [
            PYTHON,
            "bench/livesync.py",
            "--base-url",
            base,
            "--rooms",
            str(ROOMS),
            "--seconds",
            str(SECONDS * 2),
            "--json",
            str(out),
        ],
        cwd=ROOT,
        env=live_env,
        check=True,
    )
    return json.loads(out.read_text())


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    return f"{platform.system()} {platform.machine()}, {cpus} cores{mem}, Python {platform.python_version()}"


def table(result: dict) -> str:
    lines = [
        f"{'page':<20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'q small':>8} {'q large':>8}"
        f" {'vs hello':>9}  targets",
    ]
    for page in result["pages"]:
        ok = page["name"].startswith("hello") or (
            page["ratio"] >= TARGETS["ratio"]
            and page["p95_ms"] < TARGETS["p95_ms"]
            and page["queries_small"] == page["queries_large"]
            and page["failures"] == 0
        )
        lines.append(
            f"{page['name']:<20} {page['rps']:>8.1f} {page['p50_ms']:>8.0f} {page['p95_ms']:>8.0f} "
            f"{page['p99_ms']:>8.0f} {page['queries_small']:>8} {page['queries_large']:>8} "
            f"{page['ratio']:>8.0%}  {'met' if ok else 'MISSED'}"
        )
    live = result.get("live_sync")
    if live:
        ok = live["p95_ms"] < TARGETS["live_p95_ms"] and not live.get("lost")
        lines.append(
            f"\nlive sync, {live['rooms']} rooms / {live['clients']} clients: p50 {live['p50_ms']:.0f} ms, "
            f"p95 {live['p95_ms']:.0f} ms, p99 {live['p99_ms']:.0f} ms, "
            f"{live['received']} of {live['saves']} saves received, {live.get('lost', 0)} lost  "
            f"{'met' if ok else 'MISSED'}"
        )
    return "\n".join(lines)


def main() -> int:
    started = time.monotonic()
    tmp = RESULTS / "tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)

    step(f"Benchmark databases: {LARGE} (seed_demo --scale large, built once) and {SMALL}")
    build_database(SMALL, "small")
    build_database(LARGE, "large")
    step("Counting SQL queries per page at small and at large scale")
    small, large = probe_pages(SMALL), probe_pages(LARGE)

    url = database_url(LARGE)
    env = production_env(url)
    port, n_workers = free_port(), workers()
    step(f"Starting the production configuration: uvicorn, {n_workers} workers, port {port}")
    server = start_server(env, port, n_workers)
    base = f"http://127.0.0.1:{port}"
    pages = []
    try:
        total = len(large["pages"])
        for i, page in enumerate(large["pages"], start=1):
            cookie = large["cookies"][page["who"]]
            progress(f"[{i}/{total}] {page['name']}: warm-up {WARMUP} s, then {USERS} users for {SECONDS} s")
            warm_up(base, page["path"], cookie)
            stats = locust(base, page["path"], cookie, SECONDS, tmp / f"page{i}")
            queries_small = next(p["queries"] for p in small["pages"] if p["name"] == page["name"])
            pages.append({**page, **stats, "queries_small": queries_small, "queries_large": page["queries"]})
        print()
        hello = pages[0]["rps"] or 1.0
        for page in pages:
            page["ratio"] = page["rps"] / hello
        step(f"Live sync: {ROOMS} rooms, {ROOMS * 2} clients, the candidate typing every 500 ms")
        live = live_sync(base, env, tmp)
    finally:
        stop_server(server)

    result = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "server": f"uvicorn, {n_workers} workers, sdprep.settings.production",
        "load": f"locust headless, {USERS} users per page, {WARMUP} s warm-up, {SECONDS} s measured",
        "data": f"{large['users']:,} users (seed_demo --scale large)",
        "targets": TARGETS,
        "pages": [{k: v for k, v in p.items() if k not in ("who", "queries")} for p in pages],
        "live_sync": live,
        "duration_s": round(time.monotonic() - started),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(table(result))
    print(f"\nWrote bench/results/latest.json in {result['duration_s']} s. {result['machine']}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
