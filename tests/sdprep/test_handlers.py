"""sdprep.handlers: a sync view's request runs in one hop to a reused pool thread, its database
connection closed before the thread is handed back; an async view keeps Django's own path."""

import asyncio
import threading

import pytest
from django.db import connection

from sdprep.handlers import OneHopASGIHandler

pytestmark = pytest.mark.django_db(transaction=True)


def get(app, *paths: str) -> list[tuple[int, bytes]]:
    """GETs one after another through the ASGI application, in-process and on one event loop, as a
    server would send them: each answer's status and body."""

    async def each():
        LOOP_THREADS.append(threading.get_ident())
        return [await one(app, path) for path in paths]

    # On a thread of its own: the browser tests leave an event loop running in this one (Playwright).
    answers = []
    runner = threading.Thread(target=lambda: answers.extend(asyncio.run(each())))
    runner.start()
    runner.join(30)
    return answers


LOOP_THREADS: list[int] = []  # the threads whose event loop ran the requests


async def one(app, path: str) -> tuple[int, bytes]:
    sent, done = [], asyncio.Event()

    async def receive():
        if not sent:
            sent.append(None)
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # the handler listens for a disconnect while it works
        return {"type": "http.disconnect"}

    messages = []

    async def send(message):
        messages.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body"):
            done.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    return messages[0]["status"], b"".join(m.get("body", b"") for m in messages[1:])


@pytest.fixture
def served(monkeypatch):
    """Each call of the one-hop path: its thread, and whether it left a connection open."""
    calls, serve = [], OneHopASGIHandler.serve

    def spy(self, request):
        try:
            return serve(self, request)
        finally:
            calls.append((threading.get_ident(), connection.connection is not None))

    monkeypatch.setattr(OneHopASGIHandler, "serve", spy)
    return calls


def test_sync_views_are_served_in_one_reused_thread_that_keeps_no_connection(served):
    app = OneHopASGIHandler()
    answers = get(app, "/healthz", "/healthz", "/healthz")
    assert answers == [(200, b'{"status": "ok"}')] * 3  # the view read the database each time
    threads = {thread for thread, _ in served}
    assert len(served) == 3 and len(threads) == 1  # one pooled thread, reused: none started per request
    assert not threads & set(LOOP_THREADS)  # a pooled thread, not the event loop's
    assert not any(kept for _, kept in served)  # each connection went back before the thread did


def test_a_page_that_is_not_found_takes_the_sync_path_too(served):
    [(status, _)] = get(OneHopASGIHandler(), "/no-such-page/")
    assert status == 404 and len(served) == 1


def test_async_views_keep_djangos_async_path(served):
    [(status, _)] = get(OneHopASGIHandler(), "/practice/mocks/999999/stream/")
    assert status == 404  # the stream view's own answer to a visitor who is not signed in
    assert served == []
