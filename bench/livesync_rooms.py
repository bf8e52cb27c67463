"""The load of bench/livesync.py: one asyncio loop, one aiohttp session per user. Interviewers keep the
room's stream open, candidates autosave the scratchpad and draw on the whiteboard (every --board-every
th save is a board delta: one new element whose id carries the marker); Stats collects what is timed
(see livesync.py).
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import sys
from dataclasses import dataclass, field
from urllib.parse import urlsplit

WARMUP_SECONDS = 3.0
MARKER = re.compile(rb"LSYNC-(\d+)-(\d+)-END")
VERSION_INPUT = re.compile(r'id="scratchpad-form".*?name="version" value="(\d+)"', re.S)


class BenchBroke(Exception):
    """The run itself failed (as opposed to missing a latency target)."""


@dataclass
class Room:
    index: int
    mock_id: int
    after: int  # the last event id at setup: the stream starts after it
    interviewer_cookie: str
    candidate_cookie: str
    csrf: str
    room_path: str  # URL paths, from reverse() at setup
    save_path: str
    stream_path: str
    board_path: str = ""
    version: int = 0


@dataclass
class Stats:
    acks: dict = field(default_factory=dict)  # (room, seq) -> (t_sent, t_ack)
    board_keys: set = field(default_factory=set)  # the (room, seq) that were whiteboard deltas
    recvs: dict = field(default_factory=dict)  # (room, seq) -> t_received
    samples: int = 0
    saves_sent: int = 0
    conflicts: int = 0
    errors: int = 0
    error_kinds: dict = field(default_factory=dict)
    stream_errors: int = 0
    duplicates: int = 0
    behind_ticks: int = 0  # a save started late because the previous one was still in flight
    loop_lag: list = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def matched(self, key) -> None:
        if key in self.acks and key in self.recvs:
            self.samples += 1


def board_element(room: int, seq: int) -> dict:
    """One new rectangle, as Excalidraw sends it, whose id carries the marker the stream is searched for."""
    return {
        "id": f"LSYNC-{room}-{seq}-END",
        "type": "rectangle",
        "version": 1,
        "versionNonce": random.randrange(2**31),
        "x": (seq % 20) * 40,
        "y": (seq // 20 % 20) * 30,
        "width": 120,
        "height": 60,
        "angle": 0,
        "strokeColor": "#1e1e1e",
        "backgroundColor": "transparent",
        "isDeleted": False,
        "index": f"a{seq:06d}",
    }


def scratchpad_text(room: int, seq: int) -> dict[str, str]:
    """What a candidate has typed by save `seq`: 0.5-0.8 KB of markdown in five sections, and the marker."""
    words = " ".join(f"word{k}" for k in range(seq % 40))
    return {
        "answer_requirements": (
            "## Functional\n- users post short messages\n- followers see a home timeline\n"
            "- search by hashtag\n\n## Non-functional\n- p99 read under 200 ms\n- 99.95% available\n"
        ),
        "answer_estimates": "- 300 M DAU, 2 posts/day: ~7k writes/s, peaks 20k/s\n- reads 100x writes\n",
        "answer_api": "`POST /posts {text}` -> `201 {id}`\n\n`GET /timeline?cursor=` -> page of 50\n",
        "answer_design": (
            "Write path: API -> posts table (sharded by user id) -> fan-out service -> timeline cache.\n\n"
            "Read path: timeline cache first, merge celebrity posts at read time.\n\n"
            f"{words}\n\nLSYNC-{room}-{seq}-END\n"
        ),
        "answer_deep_dive": "",
        "answer_trade_offs": "Fan-out on write for most users; on read for accounts over 1 M followers.\n",
        "answer_evolution": "",
    }


class Run:
    def __init__(self, args, rooms: list[Room]) -> None:
        import aiohttp

        self.aiohttp = aiohttp
        self.args = args
        self.rooms = rooms
        self.base = args.base_url.rstrip("/")
        parts = urlsplit(self.base)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.stats = Stats()
        self.loop = asyncio.get_running_loop()
        self.t0 = 0.0
        self.measure_from = 0.0
        self.end = 0.0
        self.sessions: list = []
        self.stop_streams = asyncio.Event()

    def session(self, cookie: str):
        aiohttp = self.aiohttp
        s = aiohttp.ClientSession(
            cookie_jar=aiohttp.DummyCookieJar(),  # fixed cookies: nothing the server sets can mix them up
            headers={"Cookie": cookie},
            connector=aiohttp.TCPConnector(limit=4),
        )
        self.sessions.append(s)
        return s

    async def preflight(self, session, room: Room, role: str) -> None:
        url = self.base + room.room_path
        for attempt in range(3):  # a 5xx may be the server struggling under the setup burst: retry
            async with session.get(url, allow_redirects=False) as resp:
                body = await resp.text()
            if resp.status < 500:
                break
            await asyncio.sleep(1 + attempt)
        if resp.status != 200:
            hint = (
                " (is BENCH_SESSION_COOKIE the server's session cookie name?)" if resp.status == 302 else ""
            )
            raise BenchBroke(f"GET {url} as the {role} answered {resp.status}{hint}")
        if f'data-role="{role}"' not in body:
            raise BenchBroke(f"GET {url}: the page does not show the {role}'s room")
        if role == "candidate":
            match = VERSION_INPUT.search(body)
            if not match:
                raise BenchBroke(f"GET {url}: no scratchpad form with a version for the candidate")
            room.version = int(match.group(1))

    async def reread_version(self, session, room: Room) -> None:
        async with session.get(self.base + room.room_path, allow_redirects=False) as resp:
            match = VERSION_INPUT.search(await resp.text()) if resp.status == 200 else None
        if match:
            room.version = int(match.group(1))

    async def stream(self, session, room: Room, connected: asyncio.Event, record: bool = True) -> None:
        """An EventSource: reconnects with Last-Event-ID like a browser does. Only the interviewer's
        stream (`record`) times the scratchpad events; a candidate's just listens, as the browser does."""
        aiohttp, stats, loop = self.aiohttp, self.stats, self.loop
        url = self.base + room.stream_path
        last_id = room.after
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=40)
        while not self.stop_streams.is_set():
            headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
            if last_id:
                headers["Last-Event-ID"] = str(last_id)
            try:
                async with session.get(url, headers=headers, timeout=timeout, allow_redirects=False) as resp:
                    if resp.status != 200:
                        raise aiohttp.ClientResponseError(resp.request_info, (), status=resp.status)
                    connected.set()
                    buf = b""
                    async for chunk in resp.content.iter_any():
                        now = loop.time()
                        buf += chunk
                        while (cut := buf.find(b"\n\n")) >= 0:
                            block, buf = buf[:cut], buf[cut + 2 :]
                            if block.startswith(b"id: "):
                                last_id = int(block[4 : block.index(b"\n")])
                            timed = b"\nevent: scratchpad\n" in block or b"\nevent: board\n" in block
                            if not record or not timed:
                                continue
                            match = MARKER.search(block)  # the raw content comes before the html
                            if match:
                                key = (int(match.group(1)), int(match.group(2)))
                                if key in stats.recvs:
                                    stats.duplicates += 1
                                else:
                                    stats.recvs[key] = now
                                    stats.matched(key)
                    raise aiohttp.ClientPayloadError("stream ended")
            except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
                if self.stop_streams.is_set():
                    return
                stats.stream_errors += 1
                stats.error(f"stream: {type(exc).__name__} {getattr(exc, 'status', '')}".strip())
                await asyncio.sleep(1)  # the server's `retry: 1000`

    async def candidate(self, session, room: Room, offset: float) -> None:
        aiohttp, stats, loop = self.aiohttp, self.stats, self.loop
        url = self.base + room.save_path
        headers = {
            "X-CSRFToken": room.csrf,
            "Accept": "application/json",
            "Origin": self.origin,
            "Referer": self.base + room.room_path,
        }
        timeout = aiohttp.ClientTimeout(total=10)
        interval = self.args.interval
        next_at = self.t0 + offset
        seq = 0
        while True:
            delay = next_at - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if loop.time() >= self.end:
                return
            seq += 1
            board = bool(self.args.board_every) and seq % self.args.board_every == 0
            stats.saves_sent += 1
            t_sent = loop.time()
            try:
                if board:
                    stats.board_keys.add((room.index, seq))
                    post = session.post(
                        self.base + room.board_path,
                        json={"elements": [board_element(room.index, seq)]},
                        headers=headers,
                        timeout=timeout,
                    )
                else:
                    data = {"version": str(room.version), **scratchpad_text(room.index, seq)}
                    post = session.post(url, data=data, headers=headers, timeout=timeout)
                async with post as resp:
                    body = await resp.read()
                    status = resp.status
                t_ack = loop.time()
                if status == 200:
                    if not board:
                        room.version = json.loads(body)["version"]
                    key = (room.index, seq)
                    stats.acks[key] = (t_sent, t_ack)
                    stats.matched(key)
                elif status == 409:
                    stats.conflicts += 1
                    await self.reread_version(session, room)
                else:
                    stats.error(f"save: HTTP {status}")
            except (aiohttp.ClientError, TimeoutError, ValueError, KeyError) as exc:
                stats.error(f"save: {type(exc).__name__}")
            next_at += interval
            if next_at < loop.time():  # the save took longer than the interval: do not send a burst
                stats.behind_ticks += 1
                next_at = loop.time()

    async def monitor_lag(self) -> None:
        """How late the client's own loop wakes up: if this grows, the client is the bottleneck."""
        while not self.stop_streams.is_set():
            t = self.loop.time()
            await asyncio.sleep(0.05)
            self.stats.loop_lag.append(self.loop.time() - t - 0.05)

    async def progress(self) -> None:
        tty = sys.stderr.isatty()
        last_print = 0.0
        while not self.stop_streams.is_set():
            now = self.loop.time()
            phase = "warm-up" if now < self.measure_from else "measure" if now < self.end else "draining"
            line = (
                f"  {now - self.t0:5.1f}s {phase:8} saves {self.stats.saves_sent:6d}  "
                f"samples {self.stats.samples:6d}  conflicts {self.stats.conflicts}  "
                f"errors {self.stats.errors}"
            )
            if tty:
                sys.stderr.write("\r" + line)
                sys.stderr.flush()
            elif now - last_print >= 5:
                print(line, file=sys.stderr, flush=True)
                last_print = now
            await asyncio.sleep(0.5)
        if tty:
            sys.stderr.write("\n")

    async def run(self) -> None:
        args, loop = self.args, self.loop
        interviewers = [self.session(room.interviewer_cookie) for room in self.rooms]
        candidates = [self.session(room.candidate_cookie) for room in self.rooms]
        try:
            gate = asyncio.Semaphore(20)

            async def check(session, room, role):
                async with gate:
                    await self.preflight(session, room, role)

            try:
                await asyncio.gather(
                    *(check(s, r, "interviewer") for s, r in zip(interviewers, self.rooms, strict=True)),
                    *(check(s, r, "candidate") for s, r in zip(candidates, self.rooms, strict=True)),
                )
            except (self.aiohttp.ClientError, TimeoutError) as exc:
                raise BenchBroke(
                    f"cannot load the room pages from {self.base}: {type(exc).__name__}: {exc}"
                ) from exc
            connected = [asyncio.Event() for _ in self.rooms]
            streams = [
                asyncio.create_task(self.stream(s, r, c))
                for s, r, c in zip(interviewers, self.rooms, connected, strict=True)
            ]
            if args.candidate_streams:  # the candidate's browser also listens (timer events)
                streams += [
                    asyncio.create_task(self.stream(s, r, asyncio.Event(), record=False))
                    for s, r in zip(candidates, self.rooms, strict=True)
                ]
            try:
                await asyncio.wait_for(asyncio.gather(*(c.wait() for c in connected)), timeout=30)
            except TimeoutError as exc:
                open_ = sum(c.is_set() for c in connected)
                raise BenchBroke(f"only {open_}/{len(connected)} streams opened within 30 s") from exc
            helpers = [asyncio.create_task(self.monitor_lag()), asyncio.create_task(self.progress())]
            self.t0 = loop.time()
            self.measure_from = self.t0 + WARMUP_SECONDS
            self.end = self.measure_from + args.seconds
            # Candidates spread evenly over the interval, as real typists would be.
            rng = random.Random(args.seed)
            await asyncio.gather(
                *(
                    self.candidate(s, r, rng.uniform(0, args.interval))
                    for s, r in zip(candidates, self.rooms, strict=True)
                )
            )
            # Drain: wait until every acknowledged save has arrived, or --lost-after has passed.
            deadline = loop.time() + args.lost_after
            while loop.time() < deadline and any(k not in self.stats.recvs for k in self.stats.acks):
                await asyncio.sleep(0.05)
            self.stop_streams.set()
            for task in streams + helpers:
                task.cancel()
            await asyncio.gather(*streams, *helpers, return_exceptions=True)
        finally:
            await asyncio.gather(*(s.close() for s in self.sessions), return_exceptions=True)
