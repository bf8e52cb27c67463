"""Browser tests: Playwright driving Debian's Chromium against the real ASGI server (uvicorn).

The server runs in its own process on the pytest-created test database, so these tests use
`transactional_db` (their data must be committed to be seen) and read mail from files.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(settings.BASE_DIR)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return path if Path(path).exists() else shutil.which("chromium")


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    if os.environ.get("SDPREP_REQUIRE_BROWSER"):
        raise pytest.UsageError("SDPREP_REQUIRE_BROWSER is set but no Chromium was found (CHROMIUM_PATH)")
    skip = pytest.mark.skip(reason="Chromium not found: set CHROMIUM_PATH or apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    host = quote(db["HOST"] or "localhost", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{host}{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def mail_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("mail")


class AsgiServer:
    """One uvicorn process serving sdprep against the test database."""

    def __init__(self, mail_dir: Path, name: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = mail_dir.parent / f"uvicorn-{name}.log"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "sdprep.settings.test",
            "DATABASE_URL": database_url(),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(mail_dir),
            "CONN_MAX_AGE": "0",
            "PYTHONUNBUFFERED": "1",
        }
        self.process = None

    def start(self) -> None:
        log = open(self.log_path, "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "sdprep.asgi:application",
                "--port",
                str(self.port),
                "--lifespan",
                "off",
                "--timeout-graceful-shutdown",
                "1",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=1)  # noqa: S310
                return
            except OSError as exc:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise RuntimeError(f"uvicorn did not start: {self.log_path.read_text()}") from exc
                time.sleep(0.2)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, open streams and connections cut as by a crash or the OOM killer."""
        self.process.kill()
        self.process.wait(10)


@pytest.fixture(scope="session")
def asgi_servers(django_db_setup, django_db_blocker, mail_dir):
    """Two app processes on two ports, one database: what a load balancer without sticky sessions sees."""
    servers = [AsgiServer(mail_dir, "a"), AsgiServer(mail_dir, "b")]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def asgi_server(asgi_servers) -> str:
    return asgi_servers[0].url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, asgi_server, transactional_db):
    from django.core.cache import cache

    # The database cache is not a model table, so flushing between tests leaves allauth's
    # rate-limit counters behind unless cleared here.
    cache.clear()
    context = browser.new_context(base_url=asgi_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # 4xx answers are expected in some flows; CSP violations and script errors never are.
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.console_errors = errors  # a test that provokes errors on purpose may clear its own
    yield page
    context.close()
    assert not errors, f"JavaScript errors or CSP violations in the browser: {errors}"


@pytest.fixture
def outbox(mail_dir):
    """The messages the server wrote, oldest first, as text."""

    def read() -> list[str]:
        files = sorted(mail_dir.glob("*.log"), key=lambda f: f.stat().st_mtime)
        return [f.read_text() for f in files]

    for f in mail_dir.glob("*.log"):
        f.unlink()
    return read
