"""The live room's event log, in one place: append, notify, read, stream.

A change and its event row commit in one transaction; `pg_notify` on the same connection is delivered
at commit to every app process LISTENing (one listening connection per process), which wakes the
streams it serves for that mock. Streams then read the log, the source of truth, so a missed or merged
notification never loses anything. What an event shows is rendered once, when it is written, and
stored in its payload: streams, polling and replay send what is stored.
"""

import asyncio
import functools
import json
import logging
from collections.abc import AsyncIterator, Callable

import psycopg
from django.conf import settings
from django.db import connection

from interviews.models import Mock, MockEvent
from sdprep.markdown import render_user_markdown

log = logging.getLogger(__name__)
CHANNEL = "sdprep_mock"
KEEP_ALIVE_SECONDS = 15
APPENDED = ("mock", "kind", "audience", "payload", "created_at")  # the columns event_append writes


def event_append(mock: Mock, kind: str, payload: dict, audience: str = MockEvent.Audience.BOTH) -> MockEvent:
    """Call inside the transaction that makes the change. The row and its notification go in one
    statement (one round trip on the room's hottest path, the saves)."""
    event = MockEvent(mock=mock, kind=kind, payload=payload, audience=audience)
    fields = [MockEvent._meta.get_field(name) for name in APPENDED]
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(_append_statement(), [*values, CHANNEL, str(mock.pk)])
        event.pk = cursor.fetchone()[0]
    event._state.adding, event._state.db = False, connection.alias
    return event


@functools.cache
def _append_statement() -> str:
    quote = connection.ops.quote_name
    meta = MockEvent._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in APPENDED)
    # Only the model's own quoted names go into the text; every value is bound.
    insert = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608
    returning = f"RETURNING {quote(meta.pk.column)} AS id"
    return f"WITH e AS ({insert} {returning}) SELECT e.id, pg_notify(%s, %s) FROM e"  # noqa: S608


def scratchpad_payload(content: dict[str, str], version: int) -> dict:
    """The scratchpad event: the text and its HTML, rendered here and never again."""
    html = {key: render_user_markdown(text) for key, text in content.items()}
    return {"content": content, "html": html, "version": version}


def events_after(*, mock_id: int, role: str | None, after: int, limit: int = 200) -> list[dict]:
    """The log after an id, as the role may see it: the candidate never receives interviewer-only events."""
    events = MockEvent.objects.filter(mock_id=mock_id, id__gt=after)
    if role != "interviewer":
        events = events.exclude(audience=MockEvent.Audience.INTERVIEWER)
    rows = events.order_by("id").values_list("id", "kind", "payload")[:limit]
    return [{"id": pk, "kind": kind, "payload": payload} for pk, kind, payload in rows]


def scratchpad_frames(*, mock_id: int) -> list[dict]:
    """Every scratchpad save in order, as stored: the frames of the replay."""
    rows = MockEvent.objects.filter(mock_id=mock_id, kind="scratchpad").order_by("id")
    return [
        {"at": at.isoformat(), "html": payload["html"]}
        for at, payload in rows.values_list("created_at", "payload")
    ]


# The scratchpad's saves come as frames (scratchpad_frames).
REPLAYED_KINDS = ("board", "timer", "notes", "curveball")


def replay_timeline(*, mock_id: int, role: str | None) -> list[dict]:
    """What the replay folds over time beside the scratchpad frames, as stored, for the role: board
    deltas, phase and state changes, curveballs, and (for the interviewer only) the notes as saved."""
    rows = MockEvent.objects.filter(mock_id=mock_id, kind__in=REPLAYED_KINDS)
    if role != "interviewer":
        rows = rows.exclude(audience=MockEvent.Audience.INTERVIEWER)
    fields = ("id", "kind", "created_at", "payload")
    return [
        {"id": pk, "kind": kind, "at": at.isoformat(), "payload": payload}
        for pk, kind, at, payload in rows.order_by("id").values_list(*fields)
    ]


def last_event_id(*, mock_id: int) -> int:
    return MockEvent.objects.filter(mock_id=mock_id).order_by("-id").values_list("id", flat=True).first() or 0


def sse(event: dict) -> str:
    return f"id: {event['id']}\nevent: {event['kind']}\ndata: {json.dumps(event['payload'])}\n\n"


async def sse_stream(
    *, mock_id: int, after: int, read: Callable[..., "asyncio.Future[list[dict]]"]
) -> AsyncIterator[str]:
    """Everything after `after`, then live as it happens; `read(after=...)` returns the next events."""
    wake = listener.subscribe(mock_id)
    try:
        yield "retry: 1000\n\n"
        while True:
            wake.clear()
            for event in await read(after=after):
                after = event["id"]
                yield sse(event)
            try:
                await asyncio.wait_for(wake.wait(), timeout=KEEP_ALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"
    finally:
        listener.unsubscribe(mock_id, wake)


def _conninfo() -> dict:
    db = settings.DATABASES["default"]
    info = {"dbname": db["NAME"], "user": db.get("USER") or None, "password": db.get("PASSWORD") or None}
    if db.get("HOST"):
        info["host"] = db["HOST"]
    if db.get("PORT"):
        info["port"] = db["PORT"]
    return {k: v for k, v in info.items() if v is not None}


class Listener:
    """One LISTEN connection per process; wakes the streams waiting on a mock."""

    def __init__(self) -> None:
        self._waiters: dict[int, set[asyncio.Event]] = {}
        self._task: asyncio.Task | None = None

    def subscribe(self, mock_id: int) -> asyncio.Event:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())
        event = asyncio.Event()
        self._waiters.setdefault(mock_id, set()).add(event)
        return event

    def unsubscribe(self, mock_id: int, event: asyncio.Event) -> None:
        waiters = self._waiters.get(mock_id)
        if waiters:
            waiters.discard(event)
            if not waiters:
                del self._waiters[mock_id]

    def _wake(self, mock_ids) -> None:
        for mock_id in mock_ids:
            for event in self._waiters.get(mock_id, ()):
                event.set()

    async def _run(self) -> None:
        while self._waiters:
            try:
                async with await psycopg.AsyncConnection.connect(**_conninfo(), autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    # After a (re)connect, anything may have happened meanwhile: everyone re-reads the log.
                    self._wake(list(self._waiters))
                    async for notify in conn.notifies():
                        if notify.payload.isdigit():
                            self._wake([int(notify.payload)])
            except (psycopg.Error, OSError) as exc:
                log.warning("live listener lost its connection (%s); reconnecting", exc)
                self._wake(list(self._waiters))
                await asyncio.sleep(1)


listener = Listener()
