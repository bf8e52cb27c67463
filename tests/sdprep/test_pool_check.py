"""The pool's check on each connection it hands out (sdprep.postgresql): no round trip for a live idle
connection, the full check for one the server has closed."""

import time

import psycopg
import pytest
from django.db import connection

from sdprep.postgresql.base import quiet

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw():
    conn = psycopg.connect(**connection.get_connection_params(), autocommit=True)
    yield conn
    conn.close()


def test_an_open_idle_connection_is_quiet(raw):
    raw.execute("SELECT 1").fetchall()
    assert quiet(raw)


def test_a_connection_whose_backend_was_terminated_is_not(raw):
    pid = raw.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while quiet(raw) and time.monotonic() < deadline:  # the server's goodbye arrives asynchronously
        time.sleep(0.01)
    assert not quiet(raw)
    with pytest.raises(psycopg.OperationalError):
        raw.execute("SELECT 1")


def test_a_connection_inside_a_transaction_or_closed_is_not(raw):
    raw.execute("BEGIN")
    assert not quiet(raw)
    raw.execute("ROLLBACK")
    raw.close()
    assert not quiet(raw)
