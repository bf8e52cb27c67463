"""Live-sync propagation in mock rooms under load: candidate save acknowledged -> interviewer receives it.

    SDPREP_DB_NAME=sdprep_bench .venv/bin/python bench/livesync.py --base-url http://127.0.0.1:8000 \\
        --rooms 100 --seconds 30 [--json out.json]

Setup (in this process, Django ORM on the database the server uses): 2 x rooms active users (bench-live-N
users are created when there are not enough), `rooms` mocks started through the services (state live),
and one logged-in session per user, written straight into the session store. Each client sends its own
session cookie and a CSRF cookie it chose itself, with the same token in X-CSRFToken (what autosave.js
does with the form's token); every client first GETs its room page to check the session is accepted.

Load (asyncio + aiohttp, one ClientSession per user): each interviewer keeps the room's SSE stream open;
each candidate saves the scratchpad every 500 ms with the version from its previous save (a 409 makes it
re-read the version from the room page, counted as a conflict). Every save carries a unique marker
(room, sequence); the delay of a save is the time from its HTTP response arriving to the interviewer's
stream delivering the event with that marker (found in the raw bytes of the event, no JSON decoding).
An event that arrives before its save's response counts as 0 ms (`received_before_ack`). Both times are
taken on the client's one event loop, so its lag is included and reported (client_loop_lag_*): if it is
high, the client is part of the result. Samples from the 3 s warm-up are discarded. A save that was
acknowledged but not delivered within --lost-after seconds (default 5) is counted as lost, never dropped.
Mocks, sessions and the users this script created are deleted at the end (retried while the server holds
every database connection); mocks left by an interrupted run are tagged and deleted by the next run.

Besides the keys the caller reads, the JSON has the save round trip (save_p50_ms...), how many saves
started late because the previous one was still waiting (behind_ticks: the server is not keeping up),
conflicts, stream reconnects and the kinds of errors.

Cookie names are those of the server: BENCH_SESSION_COOKIE (default sessionid) and BENCH_CSRF_COOKIE
(default csrftoken). Exit code 0 whatever the latencies; 1 when the run itself broke (setup refused,
no save acknowledged, nothing ever delivered).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import string
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdprep.settings.local")
os.environ.setdefault("DEBUG", "false")

BENCH_EMAIL = "bench-live-{}@bench.sdprep.dev"
BENCH_DOMAIN = "@bench.sdprep.dev"
# Tags the mocks made here, so a run that could not clean up after itself is cleaned up by the next one.
BENCH_CALL_LINK = "https://bench.sdprep.dev/livesync"
WARMUP_SECONDS = 3.0
MARKER = re.compile(rb"LSYNC-(\d+)-(\d+)-END")
VERSION_INPUT = re.compile(r'id="scratchpad-form".*?name="version" value="(\d+)"', re.S)
CSRF_CHARS = string.ascii_letters + string.digits


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
    version: int = 0


@dataclass
class Stats:
    acks: dict = field(default_factory=dict)  # (room, seq) -> (t_sent, t_ack)
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


# ---------------------------------------------------------------------------------------------------------
# Setup and cleanup: synchronous Django, before and after the event loop runs.


def signed_in_session(user) -> str:
    """A session in the store that signs `user` in, as a login would; returns its key (the cookie value).
    Valid only for a server with this process's SECRET_KEY (the session carries the password hash's HMAC)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def setup(rooms: int, seed: int, created: dict) -> list[Room]:
    """Everything made here is recorded in `created` as it is made, so cleanup() also undoes a half setup."""
    import django

    django.setup()
    from django.db import connections
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from accounts.models import User
    from casestudies.models import Level, Question
    from interviews.models import Mock, MockEvent
    from interviews.services import mocks as services

    stale = Mock.objects.filter(call_link=BENCH_CALL_LINK).delete()[1].get("interviews.Mock", 0)
    if stale:
        print(f"Deleted {stale} mocks left behind by an earlier run")
    created_users: list[int] = created["users"]
    needed = 2 * rooms
    pool = list(
        User.objects.filter(is_active=True).exclude(email__endswith=BENCH_DOMAIN).values_list("pk", flat=True)
    )
    pks = random.Random(seed).sample(pool, min(needed, len(pool)))
    n = 0
    while len(pks) < needed:
        n += 1
        user, new = User.objects.get_or_create(email=BENCH_EMAIL.format(n), defaults={"is_active": True})
        if new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        created_users.append(user.pk)  # leftovers of an interrupted run are removed too
        pks.append(user.pk)
    users = User.objects.in_bulk(pks)
    people = [users[pk] for pk in pks]

    levels = [
        level for level in Level.objects.order_by("pk") if Question.objects.filter(levels=level).exists()
    ]
    if not levels:
        raise BenchBroke("no question is linked to a level: run `manage.py load_content` first")
    questions = {level.pk: list(Question.objects.filter(levels=level).order_by("pk")) for level in levels}

    session_keys: list[str] = created["sessions"]

    def login(user) -> str:
        session_keys.append(signed_in_session(user))
        return session_keys[-1]

    session_cookie = os.environ.get("BENCH_SESSION_COOKIE", "sessionid")
    csrf_cookie = os.environ.get("BENCH_CSRF_COOKIE", "csrftoken")
    result: list[Room] = []
    mock_ids: list[int] = created["mocks"]
    for i in range(rooms):
        interviewer, candidate = people[2 * i], people[2 * i + 1]
        level = levels[i % len(levels)]
        question = questions[level.pk][i % len(questions[level.pk])]
        mock, _invite = services.mock_create(
            user=interviewer,
            question=question,
            level=level,
            role="interviewer",
            scheduled_at=timezone.now(),
            call_link=BENCH_CALL_LINK,
            partner=candidate,
        )
        mock_ids.append(mock.pk)
        mock = services.mock_transition(mock=mock, user=interviewer, action="start")
        after = MockEvent.objects.filter(mock=mock).order_by("-id").values_list("id", flat=True).first()
        csrf = get_random_string(32, CSRF_CHARS)
        result.append(
            Room(
                index=i,
                mock_id=mock.pk,
                after=after or 0,
                interviewer_cookie=f"{session_cookie}={login(interviewer)}; {csrf_cookie}={csrf}",
                candidate_cookie=f"{session_cookie}={login(candidate)}; {csrf_cookie}={csrf}",
                csrf=csrf,
                room_path=reverse("interviews:mock", args=[mock.pk]),
                save_path=reverse("interviews:scratchpad", args=[mock.pk]),
                stream_path=reverse("interviews:mock_stream", args=[mock.pk]),
                version=mock.scratchpad_version,
            )
        )
    connections.close_all()  # hold no connection while the server is under load
    return result


def cleanup(created: dict) -> bool:
    """Retried: a server that is still holding every database connection can refuse us for a while."""
    from django.db import DatabaseError, OperationalError, connections

    for attempt in range(6):
        try:
            _cleanup(created)
            return True
        except OperationalError as exc:
            connections.close_all()
            print(f"cleanup: the database refused ({str(exc).strip()[-60:]}); retrying", file=sys.stderr)
            time.sleep(5 * (attempt + 1))
        except DatabaseError as exc:
            print(f"cleanup: {type(exc).__name__}: {str(exc).strip()[:200]}", file=sys.stderr)
            break
    left = ", ".join(f"{len(v)} {k}" for k, v in created.items() if v)
    print(
        f"cleanup failed: {left} left behind. The next run deletes leftover mocks (call_link "
        f"{BENCH_CALL_LINK}) and the {BENCH_DOMAIN} users it reuses; sessions expire by themselves.",
        file=sys.stderr,
    )
    return False


def _cleanup(created: dict) -> None:
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.db import connections

    from accounts.models import User
    from interviews.models import Mock

    # Each step empties its list once done, so a retry, or the message when giving up, is about what is left.
    Mock.objects.filter(pk__in=created["mocks"]).delete()
    created["mocks"] = []
    engine = import_module(settings.SESSION_ENGINE)
    for key in created["sessions"]:
        engine.SessionStore(session_key=key).delete()
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        UserSession.objects.filter(session_key__in=created["sessions"]).delete()
    created["sessions"] = []
    User.objects.filter(pk__in=created["users"]).delete()
    created["users"] = []
    connections.close_all()


# ---------------------------------------------------------------------------------------------------------
# Load: one asyncio loop, one aiohttp session per user.


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


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


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
                            if not record or b"\nevent: scratchpad\n" not in block:
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
            data = {"version": str(room.version), **scratchpad_text(room.index, seq)}
            stats.saves_sent += 1
            t_sent = loop.time()
            try:
                async with session.post(url, data=data, headers=headers, timeout=timeout) as resp:
                    body = await resp.read()
                    status = resp.status
                t_ack = loop.time()
                if status == 200:
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

    def summary(self) -> dict:
        stats, args = self.stats, self.args
        delays, save_ms, lost, late, early = [], [], 0, 0, 0
        window = 0
        for key, (t_sent, t_ack) in stats.acks.items():
            if t_ack < self.measure_from or t_sent >= self.end:
                continue  # warm-up
            window += 1
            save_ms.append((t_ack - t_sent) * 1000)
            t_recv = stats.recvs.get(key)
            if t_recv is None:
                lost += 1
                continue
            delay = t_recv - t_ack
            if delay > args.lost_after:
                lost += 1
                late += 1
                continue
            if delay < 0:
                early += 1  # the stream delivered it before the save's response arrived: 0 ms
            delays.append(max(delay, 0.0) * 1000)
        delays.sort()
        save_ms.sort()
        lag = sorted(stats.loop_lag)
        return {
            "rooms": len(self.rooms),
            "clients": 2 * len(self.rooms),
            "seconds": args.seconds,
            "saves": window,
            "received": len(delays),
            "lost": lost,
            "errors": stats.errors,
            "p50_ms": round(percentile(delays, 0.50), 1),
            "p95_ms": round(percentile(delays, 0.95), 1),
            "p99_ms": round(percentile(delays, 0.99), 1),
            "max_ms": round(delays[-1], 1) if delays else float("nan"),
            # Details, to tell where the time goes.
            "late": late,
            "lost_after_s": args.lost_after,
            "received_before_ack": early,
            "conflicts": stats.conflicts,
            "error_kinds": stats.error_kinds,
            "stream_reconnects": stats.stream_errors,
            "duplicates": stats.duplicates,
            "saves_sent_total": stats.saves_sent,
            "behind_ticks": stats.behind_ticks,
            "saves_per_second": round(window / args.seconds, 1),
            "save_p50_ms": round(percentile(save_ms, 0.50), 1),
            "save_p95_ms": round(percentile(save_ms, 0.95), 1),
            "save_p99_ms": round(percentile(save_ms, 0.99), 1),
            "client_loop_lag_p99_ms": round(percentile(lag, 0.99) * 1000, 1),
            "client_loop_lag_max_ms": round(lag[-1] * 1000, 1) if lag else 0.0,
        }


def print_table(result: dict) -> None:
    rows = [
        ("rooms / clients", f"{result['rooms']} / {result['clients']}"),
        ("measured seconds", f"{result['seconds']:g} (after {WARMUP_SECONDS:g} s warm-up)"),
        ("saves acknowledged", f"{result['saves']} ({result['saves_per_second']}/s)"),
        ("received", str(result["received"])),
        (f"lost (never or >{result['lost_after_s']:g} s)", f"{result['lost']} (late {result['late']})"),
        ("errors", f"{result['errors']} {result['error_kinds'] or ''}".strip()),
        ("409 conflicts", str(result["conflicts"])),
        ("ack -> receive p50", f"{result['p50_ms']} ms"),
        ("ack -> receive p95", f"{result['p95_ms']} ms"),
        ("ack -> receive p99", f"{result['p99_ms']} ms"),
        ("ack -> receive max", f"{result['max_ms']} ms"),
        ("received before ack", str(result["received_before_ack"])),
        (
            "save round trip p50/p95/p99",
            f"{result['save_p50_ms']} / {result['save_p95_ms']} / {result['save_p99_ms']} ms",
        ),
        ("saves started late", str(result["behind_ticks"])),
        (
            "client loop lag p99/max",
            f"{result['client_loop_lag_p99_ms']} / {result['client_loop_lag_max_ms']} ms",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    print("Live sync: candidate save acknowledged -> interviewer's stream receives it")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured time, after a 3 s warm-up")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between a candidate's saves")
    parser.add_argument("--lost-after", type=float, default=5.0, help="a save not received by then is lost")
    parser.add_argument("--candidate-streams", action="store_true", help="candidates keep a stream open too")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the summary to this file")
    args = parser.parse_args()

    created: dict = {"mocks": [], "sessions": [], "users": []}
    status = 0
    try:
        started = time.perf_counter()
        rooms = setup(args.rooms, args.seed, created)
        print(
            f"Setup: {len(rooms)} live mocks, {2 * len(rooms)} sessions "
            f"in {time.perf_counter() - started:.1f} s"
        )

        async def load() -> dict:
            run = Run(args, rooms)
            await run.run()
            return run.summary()

        result = asyncio.run(load())
        print_table(result)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
        if result["saves"] == 0 or result["received"] == 0:
            raise BenchBroke("no save was acknowledged or nothing was ever received")
    except BenchBroke as exc:
        print(f"livesync: the run broke: {exc}", file=sys.stderr)
        status = 1
    finally:
        if any(created.values()) and not cleanup(created):
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
