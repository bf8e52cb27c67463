"""Faults under real processes: an app server killed mid-burst, PostgreSQL restarted under a running server.

Both start uvicorn with `tests.browser.conftest.AsgiServer`. A save the client was told succeeded
must be in the database whatever happens to the app process afterwards; a database restart must
not need an app restart (the connection pool checks what it hands out).
"""

import contextlib
import http.client
import json
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.conf import settings

from casestudies.models import Category
from interviews.models import Mock, PracticeAttempt
from interviews.services import mocks as mock_services
from interviews.services import practice as practice_services
from tests.browser.conftest import AsgiServer
from tests.factories.casestudies import questions_bulk
from tests.factories.interviews import scheduled_mock
from tests.reliability.conftest import CONNECTION_ERRORS, HttpVisitor, session_key_for

pytestmark = pytest.mark.slow

ACKS_BEFORE_KILL = 60  # acknowledged saves across all editors before the SIGKILL


class AckCounter:
    def __init__(self, target: int):
        self.target, self.count, self.lock, self.reached = target, 0, threading.Lock(), threading.Event()

    def add(self) -> None:
        with self.lock:
            self.count += 1
            if self.count >= self.target:
                self.reached.set()


@dataclass
class Editor:
    """One tab autosaving as fast as the server answers, each save sent with the version the last one made.

    `stored()` reads (version, text) back from the database; the text travels in the design section.
    """

    name: str
    path: str
    version: int
    stored: Callable[[], tuple[int, str]]
    # The newest save answered 2xx, as (version it created, text); the save whose connection broke,
    # as (version it would have created, text).
    acked: tuple[int, str] | None = None
    unanswered: tuple[int, str] | None = None
    refusals: list[tuple[int, bytes]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.first_version = self.version

    def form(self, text: str, version: int) -> dict[str, str]:
        return {"version": str(version), "answer_requirements": self.name, "answer_design": text}

    def burst(self, visitor: HttpVisitor, counter: AckCounter, deadline: float) -> None:
        n = 0
        while time.monotonic() < deadline:
            n += 1
            # A few KB, as a real answer: the write is not free.
            text = f"{self.name} save {n}: " + "consistent hashing, quorum reads. " * 80
            try:
                status, body = visitor.post(self.path, self.form(text, self.version))
            except CONNECTION_ERRORS:
                self.unanswered = (self.version + 1, text)
                return
            if status != 200:
                self.refusals.append((status, body[:300]))
                return
            created = json.loads(body)["version"]
            assert created == self.version + 1, (self.name, created, self.version)
            self.acked, self.version = (created, text), created
            counter.add()


def attempt_editor(attempt: PracticeAttempt) -> Editor:
    def stored():
        row = PracticeAttempt.objects.get(pk=attempt.pk)
        return row.version, row.answer.get("design", "")

    return Editor(f"attempt-{attempt.pk}", f"/practice/attempts/{attempt.pk}/save/", attempt.version, stored)


def scratchpad_editor(mock: Mock) -> Editor:
    def stored():
        row = Mock.objects.get(pk=mock.pk)
        return row.scratchpad_version, row.scratchpad.get("design", "")

    return Editor(
        f"mock-{mock.pk}", f"/practice/mocks/{mock.pk}/scratchpad/", mock.scratchpad_version, stored
    )


def test_every_acknowledged_autosave_survives_a_killed_app_server(
    transactional_db, levels, alice, bob, tmp_path
):
    Category.objects.create(name="Faults", slug="faults")
    editors = [
        attempt_editor(practice_services.attempt_start(user=bob, question=question))
        for question in questions_bulk(4)
    ]
    mock, _invite = scheduled_mock(interviewer=alice, candidate=bob)
    mock_services.mock_transition(mock=mock, user=alice, action="start")
    editors.append(scratchpad_editor(Mock.objects.get(pk=mock.pk)))

    server = AsgiServer(tmp_path / "mail", "killed")
    server.start()
    visitor = HttpVisitor(server.url, session_key_for(bob))
    counter = AckCounter(ACKS_BEFORE_KILL)
    deadline = time.monotonic() + 120
    threads = [
        threading.Thread(target=editor.burst, args=(visitor, counter, deadline), daemon=True)
        for editor in editors
    ]
    try:
        for thread in threads:
            thread.start()
        assert counter.reached.wait(90), f"only {counter.count} saves acknowledged in 90 s"
        server.process.send_signal(signal.SIGKILL)  # no graceful shutdown: what the OOM killer does
        server.process.wait(10)
        for thread in threads:
            thread.join(60)
            assert not thread.is_alive(), "an editor kept going after its server died"

        for editor in editors:
            assert not editor.refusals, (editor.name, editor.refusals)
            assert editor.unanswered, f"{editor.name} stopped before the server died"
            version, text = editor.stored()
            acked_version = editor.acked[0] if editor.acked else editor.first_version
            if version != acked_version:
                # Only the save in flight can have been committed without its answer reaching the client.
                assert (version, text) == editor.unanswered, (
                    f"{editor.name}: v{acked_version} acknowledged, v{version} stored"
                )
            elif editor.acked:
                assert text == editor.acked[1], f"{editor.name}: v{version} holds unacknowledged text"
        assert counter.count >= ACKS_BEFORE_KILL

        server.start()  # a fresh process on the same port, as a supervisor would
        for editor in editors:
            version, _text = editor.stored()
            status, body = visitor.post(editor.path, editor.form("after the restart", version))
            assert status == 200, (editor.name, status, body[:300])
            assert json.loads(body)["version"] == version + 1
            assert editor.stored() == (version + 1, "after the restart")
    finally:
        server.stop()


# (signed in?, path, what the page must show). The library and /healthz read the database.
PAGES = [
    (False, "/accounts/login/", b"Sign In"),
    (True, "/library/", b"Case-study library"),
    (True, "/healthz", b'"ok"'),
]

# Runs in a `manage.py shell` against the private database: migrations, a signed-in user, and a live
# mock with that user as candidate and a second signed-in user as interviewer. Prints them as JSON.
PREPARE = """
import json
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from accounts.models import User
from casestudies.models import Category
from interviews.services import mocks as mock_services
from tests.factories.casestudies import questions_bulk
from tests.factories.interviews import scheduled_mock
call_command("migrate", verbosity=0)
def signed_in(email):
    user = User.objects.create_user(email=email, password="unused-in-this-test-42")
    client = Client()
    client.force_login(user)
    return user, client.cookies[settings.SESSION_COOKIE_NAME].value
user, user_session = signed_in("restart@example.com")
interviewer, interviewer_session = signed_in("interviewer@example.com")
Category.objects.create(name="Faults", slug="faults")
questions_bulk(1)
mock, _invite = scheduled_mock(interviewer=interviewer, candidate=user)
mock_services.mock_transition(mock=mock, user=interviewer, action="start")
mock.refresh_from_db()
print(json.dumps({"user": user_session, "interviewer": interviewer_session, "mock": mock.pk,
                  "scratchpad_version": mock.scratchpad_version}))
"""


@pytest.fixture
def pooled_server(private_postgres, tmp_path):
    """uvicorn with production settings and the pool on a private PostgreSQL, and what PREPARE made."""
    server = AsgiServer(tmp_path / "mail", "pooled")
    server.env.update(
        DJANGO_SETTINGS_MODULE="tests.reliability.pooled_settings",  # production, pool included
        DATABASE_URL=private_postgres.create_database("sdprep"),
        SECRET_KEY="restart-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        # A busy process's pool: with five or more idle connections, one check per checkout with
        # psycopg_pool's backoff between them outwaited the pool timeout after a restart (a 500).
        DB_POOL_MIN_SIZE="8",
    )
    prepared = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PREPARE],
        cwd=settings.BASE_DIR,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert prepared.returncode == 0, prepared.stderr
    world = json.loads(prepared.stdout.strip().splitlines()[-1])
    server.start()
    try:
        yield server, world
    finally:
        server.stop()


def get_each_page(visitors: dict[bool, HttpVisitor], rounds: int = 1) -> list[tuple[str, int, float]]:
    """(path, status, seconds) per request, in order; a page whose marker is missing counts as status 0."""
    results = []
    for _ in range(rounds):
        for signed_in, path, marker in PAGES:
            started = time.monotonic()
            status, body = visitors[signed_in].get(path)
            results.append(
                (path, status if marker in body or status != 200 else 0, time.monotonic() - started)
            )
    return results


def assert_all_ok(results: list[tuple[str, int, float]], when: str, within: float = 5) -> None:
    failed = [(path, status) for path, status, _seconds in results if status != 200]
    assert not failed, f"{when}: {failed}"
    slow = [(path, round(seconds, 1)) for path, _status, seconds in results if seconds > within]
    assert not slow, f"{when}, answered after more than {within} s: {slow}"


def test_a_postgresql_restart_needs_no_app_restart(private_postgres, pooled_server):
    server, world = pooled_server
    visitors = {False: HttpVisitor(server.url), True: HttpVisitor(server.url, world["user"])}
    assert_all_ok(get_each_page(visitors, rounds=2), "before the restart")

    private_postgres.restart()
    assert_all_ok(get_each_page(visitors, rounds=4), "after PostgreSQL restarted")

    private_postgres.stop()
    for _poll in range(2):  # as a load balancer polls it: the outage lasts a while
        started = time.monotonic()
        status, body = visitors[False].get("/healthz")
        down_seconds = time.monotonic() - started
        assert status == 503, body
        assert json.loads(body) == {"status": "unavailable", "error": "The database did not answer."}
        # HEALTHZ_DB_TIMEOUT (2 s), not the pool's 10 s request timeout; the rest is a busy machine.
        assert down_seconds < 6, f"/healthz took {down_seconds:.1f} s to say the database is down"

    private_postgres.start()
    assert_all_ok(get_each_page(visitors, rounds=2), "after PostgreSQL came back")
    assert server.process.poll() is None, "the app server died"


class EventReader:
    """An EventSource without a browser: reads the mock's stream in a thread, and reconnects a second
    after the server closes it, sending Last-Event-ID, as browsers do. Records (kind, data, arrival)."""

    def __init__(self, base_url: str, session_key: str, mock_pk: int):
        url = urlparse(base_url)
        self.host, self.port = url.hostname, url.port
        self.cookie, self.path = f"sessionid={session_key}", f"/practice/mocks/{mock_pk}/stream/"
        self.events: list[tuple[str, str, float]] = []
        self.last_id, self.reconnects, self.stopped = "0", 0, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stopped.is_set():
            with contextlib.suppress(CONNECTION_ERRORS):  # the server closed the stream
                self.read_one_connection()
            self.reconnects += 1
            time.sleep(1)

    def read_one_connection(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("GET", self.path, headers={"Cookie": self.cookie, "Last-Event-ID": self.last_id})
            response = conn.getresponse()
            assert response.status == 200, response.status
            kind = data = None
            while not self.stopped.is_set():
                line = response.fp.readline()
                if not line:
                    return
                line = line.decode().rstrip("\n")
                if line.startswith("id: "):
                    self.last_id = line[4:]
                elif line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif not line and kind:
                    self.events.append((kind, data, time.monotonic()))
                    kind = data = None
        finally:
            conn.close()

    def wait_for(self, needle: str, timeout: float) -> float:
        """Seconds until a scratchpad event carrying `needle` arrived (AssertionError after `timeout`)."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            for kind, data, arrived in self.events:
                if kind == "scratchpad" and needle in data:
                    return max(0.0, arrived - started)
            time.sleep(0.02)
        raise AssertionError(f"{needle!r} did not arrive in {timeout} s; got {[e[:2] for e in self.events]}")


def test_a_live_room_keeps_streaming_across_a_postgresql_restart(private_postgres, pooled_server):
    """The listener's LISTEN connection dies with the database; it must reconnect by itself. A stream
    also re-reads the log every 15 s, so an arrival within 5 s is the listener's NOTIFY path working."""
    server, world = pooled_server
    candidate = HttpVisitor(server.url, world["user"])
    reader = EventReader(server.url, world["interviewer"], world["mock"])
    reader.thread.start()
    path, version = f"/practice/mocks/{world['mock']}/scratchpad/", world["scratchpad_version"]

    def save(text: str) -> None:
        nonlocal version
        status, body = candidate.post(path, {"version": str(version), "answer_design": text})
        assert status == 200, (status, body[:300])
        version = json.loads(body)["version"]

    try:
        time.sleep(1)  # the stream is open and the listener is listening
        save("before the restart")
        assert reader.wait_for("before the restart", timeout=5) < 5

        private_postgres.restart()
        time.sleep(2)  # the listener notices, backs off a second, and listens again
        for n in range(3):
            save(f"after the restart {n}")
            seconds = reader.wait_for(f"after the restart {n}", timeout=10)
            assert seconds < 5, f"save {n} reached the interviewer {seconds:.1f} s after it was acknowledged"
        assert server.process.poll() is None, "the app server died"
    finally:
        reader.stopped.set()
