"""The read side on a streaming replica, with read-your-writes.

With DATABASE_REPLICA_URL set there is a second database alias, "replica". Nothing reads it unless asked:
a read-side view (dashboards, team reports, library, search) is decorated with `replica_reads`, and inside
it the router sends reads to the replica. Every write, and every read anywhere else (sessions, the live
room, forms), goes to the primary. A replica lags a little, so a browser that has just written (any POST,
PUT, PATCH or DELETE: RecentWriteMiddleware stamps a cookie) reads from the primary for
DATABASE_REPLICA_PIN_SECONDS afterwards and sees its own change at once.
"""

import contextvars
import functools
import time
from contextlib import contextmanager

from django.conf import settings

REPLICA = "replica"
COOKIE = "sdprep_wrote"
_reading_replica = contextvars.ContextVar("sdprep_reading_replica", default=False)


@contextmanager
def read_replica():
    """Reads inside go to the replica (when one is configured)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def wrote_recently(request) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(COOKIE, ""))
    except ValueError:
        return False
    return time.time() - wrote_at < settings.DATABASE_REPLICA_PIN_SECONDS


def replica_reads(view):
    """A read-only view whose reads may come from the replica, unless this browser wrote a moment ago."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if wrote_recently(request):
            return view(request, *args, **kwargs)
        with read_replica():
            return view(request, *args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        # Explicit: without it Django writes an object back to the alias it was read from (the replica).
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary's WAL, migrations included


class RecentWriteMiddleware:
    """Stamps the time of a browser's last write in a cookie, for `replica_reads`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if REPLICA in settings.DATABASES and request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            response.set_cookie(
                COOKIE,
                f"{time.time():.3f}",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
