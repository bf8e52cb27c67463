"""Live room updates across processes: PostgreSQL LISTEN/NOTIFY is the bus.

Each app process keeps ONE listening connection and wakes the streams it serves for a mock
when a NOTIFY for that mock arrives. Streams then read the event log, which is the source of
truth, so a missed or merged notification never loses anything.
"""

import asyncio
import logging

import psycopg
from django.conf import settings

log = logging.getLogger(__name__)
CHANNEL = "sdprep_mock"


def _conninfo() -> dict:
    db = settings.DATABASES["default"]
    info = {"dbname": db["NAME"], "user": db.get("USER") or None, "password": db.get("PASSWORD") or None}
    if db.get("HOST"):
        info["host"] = db["HOST"]
    if db.get("PORT"):
        info["port"] = db["PORT"]
    return {k: v for k, v in info.items() if v is not None}


class Listener:
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
