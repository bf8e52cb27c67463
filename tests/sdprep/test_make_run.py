"""`make run` serves like production where a user would notice: its own 404 page, compressed static files
with a long lifetime. The server below runs `sdprep.settings.local` (what `make run` uses) as uvicorn."""

import gzip
import json
import os
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from django.conf import settings

from sdprep.static_build import collect_static_if_stale
from tests.browser.conftest import AsgiServer

pytestmark = pytest.mark.django_db(transaction=True)


def make_run_env(static_root: Path) -> dict:
    keep = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    return {**keep, "DJANGO_SETTINGS_MODULE": "sdprep.settings.local", "STATIC_ROOT": str(static_root)}


@pytest.fixture(scope="module")
def make_run_server(tmp_path_factory, django_db_setup, django_db_blocker):
    # Tests keep out of the `.data/staticfiles` that `make run` uses: their own copy, kept between runs
    # and collected again only when static/ changes (as `make run` does).
    static_root = Path(settings.BASE_DIR) / ".data" / "test-staticfiles"
    collect_static_if_stale(static_root, env=make_run_env(static_root))
    server = AsgiServer(tmp_path_factory.mktemp("make-run-mail"), "make-run")
    server.env["DJANGO_SETTINGS_MODULE"] = "sdprep.settings.local"
    server.env["STATIC_ROOT"] = str(static_root)
    server.env.pop("DEBUG", None)
    server.static_root = static_root
    server.start()
    yield server
    server.stop()


def fetch(url: str, **headers) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_a_missing_page_gets_our_404_not_the_list_of_url_patterns(make_run_server):
    status, _, body = fetch(f"{make_run_server.url}/no/such/page/")
    text = body.decode()
    assert status == 404
    assert "We couldn't find that page" in text
    assert "URLconf" not in text and "teams/new/" not in text


def test_the_diagram_library_is_served_compressed_with_a_long_lifetime(make_run_server):
    manifest = json.loads((make_run_server.static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["vendor/mermaid.min.js"]
    status, headers, body = fetch(f"{make_run_server.url}/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert len(body) < 1_500_000 and b"mermaid" in gzip.decompress(body)[:5000].lower()
    max_age = int(headers["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600


def test_make_run_collects_static_files_only_when_they_changed(make_run_server):
    root = make_run_server.static_root
    assert collect_static_if_stale(root, env=make_run_env(root)) is False
