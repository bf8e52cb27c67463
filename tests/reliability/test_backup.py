"""`make backup` and `make restore`: a seeded database survives a round trip through a backup file.

The round trip runs on a database of its own on the same PostgreSQL as the test database (named
after it), reached with DATABASE_URL as a deployment would; the backups go to a temporary folder.
"""

import re
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

from tests.browser.conftest import database_url
from tests.reliability.conftest import clean_env, private_postgres_server

pytestmark = pytest.mark.slow

# Runs in a `manage.py shell`: the schema, the shipped content and the small demo (18 people, 2 teams).
SEED = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_content", verbosity=0)
call_command("seed_demo", scale="small", verbosity=0)
"""


def run(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def make(target: str, *variables: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # `-o` treats the install stamp as up to date: a test never reinstalls the virtual environment.
    return run("make", "--no-print-directory", "-o", ".venv/.installed", target, *variables, env=env)


def row_counts(url: str) -> dict[str, int]:
    """Rows in every table of the public schema."""
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        count = sql.SQL("SELECT count(*) FROM {}")
        return {table: conn.execute(count.format(sql.Identifier(table))).fetchone()[0] for table in tables}


@pytest.fixture(params=["embedded", "postgres16"])
def scratch_database(request, db):
    """(DATABASE_URL, name) of an empty database, dropped afterwards: beside the test database, or on a
    private PostgreSQL 16 (docker-compose.yml's version: the clients must match an older server).

    `db`, not only `django_db_setup`: pytest-django renames the settings' database to the test one
    only when a collected test asks for database access.
    """
    if request.param == "postgres16":
        with private_postgres_server(16) as pg:
            yield pg.create_database("sdprep"), "sdprep"
        return
    name = f"{settings.DATABASES['default']['NAME']}_backup"
    server_url = database_url().rsplit("/", 1)[0]
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield f"{server_url}/{name}", name
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(drop)


def test_a_seeded_database_round_trips_through_make_backup_and_make_restore(scratch_database, tmp_path):
    url, name = scratch_database
    env = clean_env(DATABASE_URL=url)
    seeded = run(sys.executable, "manage.py", "shell", "-c", SEED, env=env)
    assert seeded.returncode == 0, seeded.stderr
    before = row_counts(url)
    assert before["accounts_user"] >= 18 and before["interviews_practiceattempt"] > 0, before

    backup = make("backup", f"BACKUP_DIR={tmp_path}", env=env)
    assert backup.returncode == 0, backup.stderr
    [dump] = tmp_path.glob("*.dump")
    assert re.fullmatch(r"sdprep-\d{8}-\d{6}\.dump", dump.name)
    assert not list(tmp_path.glob("*.partial"))
    assert f"Backed up the database '{name}'" in backup.stdout and str(dump) in backup.stdout

    # The disaster: every row gone, and a table dropped as a bad migration would.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("TRUNCATE {} CASCADE").format(sql.SQL(", ").join(sql.Identifier(t) for t in before))
        )
        conn.execute("DROP TABLE interviews_mockevent CASCADE")
    damaged = row_counts(url)
    assert "interviews_mockevent" not in damaged and not any(damaged.values())

    restore = make("restore", f"FILE={dump}", env=env)
    assert restore.returncode == 0, restore.stderr
    assert f"Restored {dump} into the database '{name}'" in restore.stdout
    assert row_counts(url) == before

    # A second restore over intact data (what --clean is for) changes nothing either.
    again = run(sys.executable, "manage.py", "restore_db", str(dump), env=env)
    assert again.returncode == 0, again.stderr
    assert row_counts(url) == before


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(db, tmp_path):
    env = clean_env(DATABASE_URL=database_url())
    before = row_counts(database_url())

    nothing = make("restore", env=env)
    assert nothing.returncode != 0
    assert "make restore needs the backup to restore: make restore FILE=" in nothing.stderr

    missing = make("restore", f"FILE={tmp_path / 'missing.dump'}", env=env)
    assert missing.returncode != 0
    assert f"No backup file at {tmp_path / 'missing.dump'}: nothing was restored." in missing.stderr

    not_a_dump = tmp_path / "notes.dump"
    not_a_dump.write_text("SELECT 1;")
    refused = run(sys.executable, "manage.py", "restore_db", str(not_a_dump), env=env)
    assert refused.returncode != 0
    assert "is not a pg_dump custom-format backup" in refused.stderr
    assert "Traceback" not in missing.stderr + refused.stderr
    assert row_counts(database_url()) == before
