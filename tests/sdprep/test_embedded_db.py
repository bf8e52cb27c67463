"""`make run`'s lifecycle and the embedded database's rules, exercised as real processes."""

import os
import signal
import subprocess
import sys
import time
import urllib.request

import psutil
import pytest
from django.conf import settings

from tests.browser.conftest import database_url, free_port


def postgres_processes(pgdata) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(attrs=["name", "cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if proc.info["name"] == "postgres" and str(pgdata) in cmdline:
            found.append(proc)
    return found


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(extra)
    return env


@pytest.mark.slow
def test_run_serves_sign_in_and_ctrl_c_leaves_no_postgres(tmp_path):
    pgdata = tmp_path / "pg"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sdprep.run"],
        cwd=settings.BASE_DIR,
        env=clean_env(SDPREP_PGDATA=str(pgdata), PORT=str(port), SEED_DEMO="0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as a terminal gives `make run`
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2) as r:
                    assert r.status == 200
                    assert b"Sign In" in r.read()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "make run did not serve the sign-in page in 120 s"
                time.sleep(0.5)
        assert postgres_processes(pgdata), "the embedded PostgreSQL should be running"

        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        output = process.communicate(timeout=60)[0].decode()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)

    for step in ("Starting the embedded PostgreSQL", "Applying database migrations", "Serving sdprep at"):
        assert step in output
    deadline = time.monotonic() + 15
    while postgres_processes(pgdata) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not postgres_processes(pgdata), "Ctrl-C left a PostgreSQL process behind"
    assert (pgdata / "PG_VERSION").exists(), "the data directory is kept between runs"


def test_with_database_url_set_nothing_is_started(tmp_path, db):
    pgdata = tmp_path / "pg"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection; print(connection.settings_dict['NAME'])",
        ],
        cwd=settings.BASE_DIR,
        env=clean_env(SDPREP_PGDATA=str(pgdata), DATABASE_URL=database_url()),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == settings.DATABASES["default"]["NAME"]
    assert not pgdata.exists(), "an embedded server was initialised although DATABASE_URL was set"


def test_a_dead_process_does_not_keep_the_server_alive(tmp_path):
    """A `manage.py` killed with SIGKILL leaves its pid in pgserver's handle list; we prune it."""
    from sdprep.embedded_db import _prune_dead_handles

    (tmp_path / ".handle_pids.json").write_text(f"[{os.getpid()}, 999999999]")
    _prune_dead_handles(tmp_path)
    assert (tmp_path / ".handle_pids.json").read_text() == f"[{os.getpid()}]"
