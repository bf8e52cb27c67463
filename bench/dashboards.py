"""p95 server time of the personal dashboard and a 50-member team page on the benchmark database.

    SDPREP_DB_NAME=sdprep_bench .venv/bin/python bench/dashboards.py [--requests 200]

Needs `seed_demo --scale large` in that database (make bench builds it). Each request goes through the
whole Django stack (middleware, session, view, template) in this process, with DEBUG off; the time is
what the server spends, without the network. Prints a table and exits non-zero when a p95 is over 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sdprep.settings.local")
os.environ.setdefault("DEBUG", "false")

TARGET_MS = 100.0


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(client, url: str, n: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):  # warm the connection, the template cache and PostgreSQL's buffers
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the captured list is a view on a log that reset_queries() empties
    samples = []
    for _ in range(n):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "url": url,
        "n": n,
        "p50": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "p99": percentile(samples, 0.99),
        "max": max(samples),
        "queries": queries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from bench.pages import MANAGER, MEMBER, largest_managed_team
    from interviews.models import Mock, PracticeAttempt
    from teams.models import Membership

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    users, attempts, mocks = User.objects.count(), PracticeAttempt.objects.count(), Mock.objects.count()
    print(
        f"Database {settings.DATABASES['default']['NAME']}: "
        f"{users:,} users, {attempts:,} attempts, {mocks:,} mocks"
    )
    member, manager = User.objects.get(email=MEMBER), User.objects.get(email=MANAGER)
    team = largest_managed_team(manager)
    team_size = Membership.objects.filter(team_id=team).count()
    member_attempts = PracticeAttempt.objects.filter(user=member).count()

    member_client, manager_client = Client(), Client()
    member_client.force_login(member)
    manager_client.force_login(manager)
    level = member.target_level.code if member.target_level else "L6"
    results = [
        (
            "personal dashboard",
            f"member with {member_attempts} attempts",
            measure(member_client, f"/dashboard/{level}/", args.requests),
        ),
        (
            "team page",
            f"{team_size} members",
            measure(manager_client, f"/teams/{team}/?level={level}", args.requests),
        ),
        (
            "member drill-down",
            "one member",
            measure(manager_client, f"/teams/{team}/members/{member.pk}/?level={level}", args.requests),
        ),
    ]
    print(f"\n{'page':<20} {'data':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'queries':>8}")
    failed = False
    for name, data, r in results:
        flag = "" if r["p95"] < TARGET_MS else "  over target"
        failed |= bool(flag)
        print(
            f"{name:<20} {data:<28} {r['n']:>5} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
            f"{r['queries']:>8}{flag}"
        )
    print(f"\nTarget: p95 under {TARGET_MS:.0f} ms server time.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
