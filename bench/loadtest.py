"""`make loadtest`: simulated users across the study, practice and mock flows, then every acknowledged write
is looked up in the database.

1. Rebuilds the database `sdprep_loadtest` in the embedded PostgreSQL (drop, create, migrate,
   load_content) and fills it with the demo builder at 220 people (password: the demo's).
2. Gives each simulated user a person of its own: a signed-in session written to the session store, and
   for the mock flow a mock per interviewer/candidate pair, created and started through the services.
   The list goes to locust in a file (LOADTEST_PERSONAS).
3. Starts the production configuration (bench/run.py's server) and runs bench/loadtest_locustfile.py
   headless: LOADTEST_USERS users (200), 20 started per second, for LOADTEST_SECONDS (120).
4. Stops the server and checks each write the users logged as acknowledged (a 2xx, or the redirect a
   form answers on success): versioned autosaves are at or past the newest acknowledged version, with its
   text when at it; studied toggles are in their last acknowledged state; attempts, finishes, ended mocks
   and submitted scorecards exist.
5. Prints a summary, writes bench/results/loadtest.json, and exits 1 on any 5xx, any missing write, or a
   run that broke (no requests, no writes, errors in the scenario itself).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from livesync import signed_in_session
from loadtest_checks import locust_results, read_acks, verify
from stack import (
    RESULTS,
    SECRET_KEY,
    database_url,
    embedded,
    free_port,
    machine,
    manage,
    production_env,
    run_locust,
    start_server,
    step,
    stop_server,
    warm_up,
    workers,
)

DB = "sdprep_loadtest"
USERS = int(os.environ.get("LOADTEST_USERS", "200"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "120"))
SPAWN_RATE = int(os.environ.get("LOADTEST_SPAWN_RATE", "20"))
PEOPLE = max(220, USERS + 20)
# Shares of the simulated users per flow; the rest study. Mock users come in pairs.
PRACTICE_SHARE, MOCK_SHARE = 0.3, 0.3
WARM_UP_PATHS = ["/library/", "/practice/", "/search/?q=cache"]


def recreate_database() -> None:
    import psycopg

    config = embedded(DB)
    with psycopg.connect(
        host=config["HOST"], port=config["PORT"], user=config["USER"], dbname="postgres", autocommit=True
    ) as conn:
        # DB is a constant identifier; FORCE ends the connections a previous, interrupted run left.
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    manage(DB, "migrate", "--verbosity", "0")
    manage(DB, "load_content", quiet=True)


def django_setup() -> None:
    """This process uses the database through the ORM too, with the server's SECRET_KEY: the sessions it
    writes must be valid for the server."""
    os.environ.update(
        SDPREP_DB_NAME=DB,
        DJANGO_SETTINGS_MODULE="sdprep.settings.local",
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
    )
    import django

    django.setup()


def flow_counts(users: int) -> dict[str, int]:
    if users < 4:
        raise SystemExit("LOADTEST_USERS must be at least 4: a mock pair, a practiser and a studier.")
    mock = max(2, int(users * MOCK_SHARE) // 2 * 2)
    practice = max(1, int(users * PRACTICE_SHARE))
    return {"study": users - mock - practice, "practice": practice, "mock": mock}


def build_people() -> None:
    """The small demo scaled to PEOPLE: two teams, and a practice and mock history for everyone."""
    from dataclasses import replace

    from demo import builder

    small = builder.SCALES["small"]
    ratio = PEOPLE / small.users
    builder.build(
        replace(small, users=PEOPLE, attempts=round(small.attempts * ratio), mocks=round(small.mocks * ratio))
    )


def personas(counts: dict[str, int]) -> list[dict]:
    """One person per simulated user, each signed in; mock users in (interviewer, candidate) pairs with
    their mock started."""
    from django.conf import settings
    from django.db import connections
    from django.utils import timezone

    from accounts.models import User
    from casestudies.models import Level, Question
    from interviews.selectors import pick_question
    from interviews.services import mocks as services

    people = list(User.objects.filter(is_active=True).order_by("pk")[:USERS])
    if len(people) < USERS:
        raise SystemExit(f"{USERS} users asked for, the database has {len(people)}.")
    fallback = Level.objects.filter(pk__in=Question.objects.values("levels")).order_by("pk").first()
    result, flows = [], ["study"] * counts["study"] + ["practice"] * counts["practice"]
    for user, flow in zip(people, flows, strict=False):
        result.append({"flow": flow, "user": user.pk, "session": signed_in_session(user), "mock": None})
    pairs = people[len(flows) :]
    for interviewer, candidate in zip(pairs[::2], pairs[1::2], strict=True):
        level = candidate.target_level or fallback
        question = pick_question(level=level, candidate=candidate)
        if question is None:
            level, question = fallback, pick_question(level=fallback, candidate=candidate)
        mock, _invite = services.mock_create(
            user=interviewer,
            question=question,
            level=level,
            role="interviewer",
            scheduled_at=timezone.now(),
            partner=candidate,
        )
        services.mock_transition(mock=mock, user=interviewer, action="start")
        for user, role in ((interviewer, "interviewer"), (candidate, "candidate")):
            result.append(
                {"flow": role, "user": user.pk, "session": signed_in_session(user), "mock": mock.pk}
            )
    for persona in result:
        persona["cookie"] = settings.SESSION_COOKIE_NAME
    connections.close_all()  # hold no connection while the server is under load
    return result


class CpuWatch:
    """System-wide CPU use, sampled every two seconds while the load runs (the machine is shared)."""

    def __init__(self) -> None:
        import psutil

        self.psutil = psutil
        self.samples: list[float] = []
        self.stop = threading.Event()
        psutil.cpu_percent()  # the first call only sets the reference point
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.wait(2.0):
            self.samples.append(self.psutil.cpu_percent())

    def tree_seconds(self, pid: int) -> float:
        """CPU seconds used so far by a process and its children (the server's workers)."""
        root = self.psutil.Process(pid)
        total = 0.0
        for proc in [root, *root.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except self.psutil.Error:
                continue
            total += times.user + times.system
        return total

    def database_seconds(self) -> float:
        """CPU seconds of the PostgreSQL backends connected to DB (the server's pooled connections)."""
        total = 0.0
        for proc in self.psutil.process_iter(["cmdline", "cpu_times"]):
            cmdline, times = proc.info["cmdline"] or [], proc.info["cpu_times"]
            if times and cmdline and cmdline[0].startswith(f"postgres: postgres {DB} "):
                total += times.user + times.system
        return total

    def finish(self) -> dict:
        self.stop.set()
        self.thread.join()
        samples = self.samples or [0.0]
        return {
            "cores": os.cpu_count(),
            "system_busy_avg_pct": round(sum(samples) / len(samples), 1),
            "system_busy_max_pct": round(max(samples), 1),
            "load_avg_1m_at_end": round(os.getloadavg()[0], 2),
        }


def load(base: str, server_pid: int, people: list[dict], counts: dict, tmp: Path) -> dict:
    """Run locust (its statistics go to tmp/locust_*.csv); returns the CPU it and the server used."""
    personas_file, logs = tmp / "personas.json", tmp / "acks"
    personas_file.write_text(json.dumps(people))
    logs.mkdir()
    env = {
        "LOADTEST_PERSONAS": str(personas_file),
        "LOADTEST_LOG_DIR": str(logs),
        "LOADTEST_SECONDS": str(SECONDS),
        **{f"LOADTEST_{flow.upper()}_USERS": str(n) for flow, n in counts.items()},
    }
    watch = CpuWatch()
    server_before = watch.tree_seconds(server_pid)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    with open(tmp / "locust.log", "w") as output:
        run_locust(
            "bench/loadtest_locustfile.py", base, USERS, SPAWN_RATE, SECONDS, tmp / "locust", env, output
        )
    wall = time.monotonic() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = watch.finish()
    cpu["server_cpu_s"] = round(watch.tree_seconds(server_pid) - server_before, 1)
    cpu["database_cpu_s"] = round(watch.database_seconds(), 1)
    cpu["locust_cpu_s"] = round(
        children.ru_utime + children.ru_stime - children_before.ru_utime - children_before.ru_stime, 1
    )
    cpu["wall_s"] = round(wall, 1)
    return cpu


def summary(result: dict) -> str:
    r, cpu = result, result["cpu"]
    ms = " / ".join(f"{r[k]:.0f}" if r[k] is not None else "-" for k in ("p50_ms", "p95_ms", "p99_ms"))
    lines = [
        f"users                      {r['users']} ({', '.join(f'{n} {f}' for f, n in r['flows'].items())})",
        f"duration                   {r['duration_s']} s (+ ramp-up at {SPAWN_RATE}/s)",
        f"requests                   {r['requests']:,} ({r['rps']:.1f} req/s)",
        f"latency p50 / p95 / p99    {ms} ms",
        f"5xx responses              {r['http_5xx']}",
        f"other failures             {r['other_failures']}",
        f"409 conflicts (expected)   {sum(r['conflicts'].values())} {dict(r['conflicts']) or ''}".rstrip(),
        f"writes acknowledged        {r['writes_acknowledged']:,} ({dict(r['writes_by_kind'])})",
        f"objects checked            {r['objects_checked']:,}",
        f"missing writes             {len(r['missing_writes'])}",
        f"CPU ({cpu['cores']} cores, shared)      system busy {cpu['system_busy_avg_pct']}% avg, "
        f"{cpu['system_busy_max_pct']}% max; in {cpu['wall_s']} s the server used {cpu['server_cpu_s']} "
        f"CPU-s, its database connections {cpu['database_cpu_s']}, locust {cpu['locust_cpu_s']}; "
        f"load average {cpu['load_avg_1m_at_end']}",
    ]
    for kind, n in r["other_failure_kinds"].items():
        lines.append(f"  failure: {n} x {kind}")
    for line in r["scenario_exceptions"]:
        lines.append(f"  scenario exception: {line}")
    for line in r["missing_writes"][:20]:
        lines.append(f"  missing: {line}")
    return "\n".join(lines)


def endpoint_table(endpoints: list[dict]) -> str:
    lines = [f"{'endpoint':<44} {'requests':>9} {'failures':>9} {'p50 ms':>7} {'p95 ms':>7}"]
    for e in sorted(endpoints, key=lambda e: -e["requests"]):
        p50 = f"{e['p50_ms']:.0f}" if e["p50_ms"] is not None else "-"
        p95 = f"{e['p95_ms']:.0f}" if e["p95_ms"] is not None else "-"
        lines.append(f"{e['name']:<44} {e['requests']:>9,} {e['failures']:>9} {p50:>7} {p95:>7}")
    return "\n".join(lines)


def main() -> int:
    started = time.monotonic()
    phases: dict[str, float] = {}
    marks = [started]

    def lap(name: str) -> None:
        marks.append(time.monotonic())
        phases[name] = round(marks[-1] - marks[-2], 1)

    tmp = Path(tempfile.mkdtemp(prefix="sdprep-loadtest-"))
    counts = flow_counts(USERS)
    step(f"Rebuilding the database {DB}: migrate, load_content, {PEOPLE} demo people")
    recreate_database()
    django_setup()
    build_people()
    step(f"Signing {USERS} users in and starting {counts['mock'] // 2} mocks")
    people = personas(counts)
    lap("database_s")

    env = production_env(database_url(DB))
    port, n_workers = free_port(), workers()
    step(f"Starting the production configuration: uvicorn, {n_workers} workers, port {port}")
    server_log = open(tmp / "server.log", "w")  # noqa: SIM115 (closed with the server, below)
    server = start_server(env, port, n_workers, server_log)
    base = f"http://127.0.0.1:{port}"
    try:
        interviewer = next(p for p in people if p["flow"] == "interviewer")
        # Each worker compiles its templates and opens its connections before the clock starts.
        warm = [(path, people[0]) for path in WARM_UP_PATHS]
        warm.append((f"/practice/mocks/{interviewer['mock']}/", interviewer))
        for path, persona in warm:
            warm_up(base, path, f"{persona['cookie']}={persona['session']}")
        lap("server_start_s")
        step(
            f"locust: {USERS} users ({counts['study']} study, {counts['practice']} practice, "
            f"{counts['mock']} mock), {SPAWN_RATE}/s, {SECONDS} s"
        )
        cpu = load(base, server.pid, people, counts, tmp)
    finally:
        stop_server(server)
        server_log.close()
    lap("load_s")

    step("Checking every acknowledged write in the database")
    stats = locust_results(tmp / "locust")
    acks, conflicts = read_acks(tmp / "acks")
    checked, missing = verify(acks)
    result = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": machine(),
        "server": f"uvicorn, {n_workers} workers, sdprep.settings.production",
        "users": USERS,
        "flows": counts,
        "duration_s": SECONDS,
        **{k: v for k, v in stats.items() if k != "endpoints"},
        "conflicts": dict(conflicts),
        "writes_acknowledged": len(acks),
        "writes_by_kind": dict(Counter(a["kind"] for a in acks)),
        "objects_checked": checked,
        "missing_writes": missing,
        "cpu": cpu,
        "endpoints": stats["endpoints"],
    }
    broke = not stats["requests"] or not acks or stats["scenario_exceptions"]
    lap("verify_s")
    result["phases"] = phases
    result["total_s"] = round(time.monotonic() - started)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "loadtest.json").write_text(json.dumps(result, indent=2) + "\n")
    print()
    print(endpoint_table(stats["endpoints"]))
    print()
    print(summary(result))
    if broke or result["http_5xx"] or missing:
        print(f"\nSee what locust and the server logged: {tmp / 'locust.log'}, {tmp / 'server.log'}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    took = ", ".join(f"{name[:-2].replace('_', ' ')} {t:g} s" for name, t in phases.items())
    print(f"\nWrote bench/results/loadtest.json in {result['total_s']} s ({took}). {result['machine']}.")
    return 1 if result["http_5xx"] or missing or broke else 0


if __name__ == "__main__":
    sys.exit(main())
