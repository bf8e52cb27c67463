"""The raw event stream, read over HTTP from the real ASGI server."""

import socket
import time
from urllib.parse import urlparse

import pytest
from django.test import Client

from interviews.services import mocks as services
from tests.factories.interviews import scheduled_mock

pytestmark = pytest.mark.browser


def open_stream(server_url: str, path: str, user) -> tuple[int, socket.socket, str]:
    """GET the stream over a raw socket (it never ends); return status, socket and what came with the head."""
    client = Client()
    client.force_login(user)
    url = urlparse(server_url)
    sock = socket.create_connection((url.hostname, url.port), timeout=0.5)
    cookie = client.cookies["sessionid"].value
    sock.sendall(
        f"GET {path} HTTP/1.1\r\nHost: {url.hostname}\r\nCookie: sessionid={cookie}\r\n\r\n".encode()
    )
    head = read_for(sock, 1.0)
    return int(head.split(" ", 2)[1]), sock, head


def read_for(sock: socket.socket, seconds: float) -> str:
    chunks, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


def test_the_candidates_stream_carries_the_scratchpad_and_never_the_interviewers_side(
    asgi_server, transactional_db, alice, bob, charlie, content
):
    mock, _invite = scheduled_mock(interviewer=alice, candidate=bob)
    question = mock.question
    services.mock_transition(mock=mock, user=alice, action="start")
    path = f"/practice/mocks/{mock.pk}/stream/"

    status, sock, _head = open_stream(asgi_server, path, charlie)
    sock.close()
    assert status == 404

    status, stream, first = open_stream(asgi_server, path, bob)
    assert status == 200 and "content-type: text/event-stream" in first.lower()
    assert "event: timer" in first and '"state": "live"' in first  # the log so far, from the start

    services.notes_save(mock=mock, user=alice, notes="PRIVATE-NOTE-XYZ", version=1)
    services.scratchpad_save(mock=mock, user=bob, content={"design": "Consistent **hashing**"}, version=1)
    live = read_for(stream, 2.0)
    stream.close()
    assert "event: scratchpad" in live and "Consistent **hashing**" in live
    for secret in ["PRIVATE-NOTE-XYZ", *question.hints, *question.follow_ups]:
        assert secret not in first + live
