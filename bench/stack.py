"""What `make bench` and `make loadtest` share: the benchmark databases, the production configuration and
the servers that run it, locust for the multi-step load test.

One function per server builds its command line (`uvicorn_command`, `granian_command`); `SERVER` names the
one the page table uses, the one `make run` and the Dockerfile use: switching is one line.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import re
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
SECRET_KEY = "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
SDPREP_APP = "sdprep.asgi:application"
BARE_APP = "bench.bare.asgi:application"


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


def bare_env() -> dict:
    """The bare Django project (bench/bare): no database, no middleware, its own settings."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}


def collect_static(env: dict) -> None:
    """collectstatic into .data/staticfiles when it is stale (make run's rule: sdprep/static_build.py).
    Both the production server and the page probe (local settings, DEBUG off) read its manifest."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from sdprep.static_build import collect_static_if_stale

    collect_static_if_stale(ROOT / ".data" / "staticfiles", env)


def uvicorn_command(app: str, port: int, n_workers: int) -> list[str]:
    """The Dockerfile's server (and `make run`'s, in-process): uvicorn, `n_workers` processes."""
    return [
        *(PYTHON, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", str(n_workers), "--lifespan", "off", "--no-access-log", "--log-level", "warning"),
        *("--timeout-graceful-shutdown", "2"),
    ]


def granian_command(app: str, port: int, n_workers: int) -> list[str]:
    """granian (Rust HTTP, ASGI without lifespan: Django answers none), `n_workers` processes."""
    return [
        *(PYTHON, "-m", "granian", "--interface", "asginl", "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", str(n_workers), "--no-access-log", "--log-level", "warning"),
        *("--workers-kill-timeout", "2", app),
    ]


SERVERS = {"uvicorn": uvicorn_command, "granian": granian_command}
SERVER = "uvicorn"  # the server of the page table: the one the Dockerfile runs


def start_server(
    env: dict,
    port: int,
    n_workers: int,
    output=None,
    *,
    server: str = SERVER,
    app: str = SDPREP_APP,
    health: str = "/healthz",
) -> subprocess.Popen:
    """`app` under `server` on `port`; what it logs goes to `output` (an open file; else here)."""
    if app == SDPREP_APP:
        collect_static(env)
    process = subprocess.Popen(
        SERVERS[server](app, port, n_workers),
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=output,
        stderr=output,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{health}", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit(f"{server} serving {app} did not answer {health} within 60 s.")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def run_locust(
    locustfile: str, base: str, users: int, rate: int, seconds: int, prefix: Path, env: dict, output=None
) -> None:
    """locust headless with `locustfile` against `base`; its statistics go to `prefix`_stats.csv etc.,
    what it prints to `output` (an open file; discarded by default)."""
    subprocess.run(
        [
            *(PYTHON, "-m", "locust", "-f", locustfile, "--headless", "-u", str(users), "-r", str(rate)),
            *("-t", f"{seconds}s", "--host", base, "--csv", str(prefix), "--only-summary"),
            *("--loglevel", "ERROR", "--stop-timeout", "2"),
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


def warm_up(base: str, path: str, cookie: str) -> None:
    """Each worker process compiles templates and opens its connection before the clock starts."""
    deadline = time.monotonic() + WARMUP
    # base is this script's own http://127.0.0.1 server.
    request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
    while time.monotonic() < deadline:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            if response.status != 200:
                raise SystemExit(f"{path} answered {response.status} during the warm-up.")


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    return f"{platform.system()} {platform.machine()}, {cpus} cores{mem}, Python {platform.python_version()}"


def machine_info() -> dict:
    """The machine as data: cores, memory, CPU model, Python, and the load when the run started."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    meminfo = Path("/proc/meminfo")
    mem_gib = round(int(meminfo.read_text().split()[1]) / 1024 / 1024, 1) if meminfo.exists() else None
    return {
        "summary": machine(),
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "cpu_model": model or platform.processor(),
        "os": f"{platform.system()} {platform.release()} {platform.machine()}",
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
