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

The load (the simulated rooms) is in livesync_rooms.py, the summary and the table in livesync_report.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import string
import sys
import time
from pathlib import Path

from livesync_report import print_table, summary
from livesync_rooms import BenchBroke, Room, Run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdprep.settings.local")
os.environ.setdefault("DEBUG", "false")

BENCH_EMAIL = "bench-live-{}@bench.sdprep.dev"
BENCH_DOMAIN = "@bench.sdprep.dev"
# Tags the mocks made here, so a run that could not clean up after itself is cleaned up by the next one.
BENCH_CALL_LINK = "https://bench.sdprep.dev/livesync"
CSRF_CHARS = string.ascii_letters + string.digits


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
                board_path=reverse("interviews:mock_board", args=[mock.pk]),
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="the running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--rooms", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured time, after a 3 s warm-up")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between a candidate's saves")
    parser.add_argument("--lost-after", type=float, default=5.0, help="a save not received by then is lost")
    parser.add_argument("--candidate-streams", action="store_true", help="candidates keep a stream open too")
    parser.add_argument(
        "--board-every",
        type=int,
        default=2,
        help="every Nth save is a whiteboard delta (a new element) instead of a scratchpad save; 0: none",
    )
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
            return summary(run)

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
