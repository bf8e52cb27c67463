"""The room's save path: the lock is its one read, and the event row and its notification are one
statement that commits with the change."""

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.events import CHANNEL
from interviews.models import MockEvent
from interviews.services import mocks
from tests.factories.interviews import scheduled_mock


@pytest.fixture
def live_mock(content, alice, bob):
    mock, _ = scheduled_mock(interviewer=alice, candidate=bob)
    return mocks.mock_transition(mock=mock, user=alice, action="start")


def save(client, mock, text, version):
    url = reverse("interviews:scratchpad", args=[mock.pk])
    return client.post(url, {"answer_requirements": text, "version": version})


def test_a_scratchpad_save_reads_the_room_once_and_logs_with_its_notification(client, live_mock, bob):
    client.force_login(bob)
    client.get(live_mock.get_absolute_url())  # the session's first request
    with CaptureQueriesContext(connection) as captured:
        response = save(client, live_mock, "Reads dominate", live_mock.scratchpad_version)
    assert response.status_code == 200, response.content
    sql = [q["sql"] for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    mock_reads = [s for s in sql if 'FROM "interviews_mock"' in s]
    assert len(mock_reads) == 1 and "FOR UPDATE" in mock_reads[0]
    [notify] = [s for s in sql if "pg_notify" in s]
    assert notify.startswith("WITH e AS (INSERT INTO")
    event = MockEvent.objects.filter(mock=live_mock).latest("id")
    assert event.kind == "scratchpad" and event.audience == "both"
    assert event.payload["content"]["requirements"] == "Reads dominate" and event.created_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_notification_reaches_a_listener_when_the_save_commits(client, live_mock, bob):
    listener = psycopg.connect(**connection.get_connection_params(), autocommit=True)
    try:
        listener.execute(f"LISTEN {CHANNEL}")
        client.force_login(bob)
        assert save(client, live_mock, "Fan-out on write", live_mock.scratchpad_version).status_code == 200
        heard = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
        assert heard == [str(live_mock.pk)]
    finally:
        listener.close()


def test_an_outsider_hears_404_whatever_they_send(client, live_mock, charlie):
    client.force_login(charlie)
    assert save(client, live_mock, "mine now", live_mock.scratchpad_version).status_code == 404
    url = reverse("interviews:mock_board", args=[live_mock.pk])
    assert client.post(url, "{not json", content_type="application/json").status_code == 404
    assert client.post(url, '{"elements": []}', content_type="application/json").status_code == 404
