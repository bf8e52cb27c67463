"""The checks of bench/loadtest.py after the run: what locust recorded (the endpoints, the failures sorted
into 5xx and the rest), and every write the simulated users logged as acknowledged, looked up in the
database once the server has stopped.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from stack import aggregated_stats

VERSIONED = {"note", "attempt", "scratchpad", "mock_notes"}


def locust_results(prefix: Path) -> dict:
    """The aggregate, the endpoints, and the failures sorted into 5xx and the rest."""
    stats = aggregated_stats(prefix)
    endpoints = []
    with open(f"{prefix}_stats.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["Name"] != "Aggregated":
                endpoints.append(
                    {
                        "name": f"{row['Type']} {row['Name']}",
                        "requests": int(row["Request Count"]),
                        "failures": int(row["Failure Count"]),
                        "p50_ms": float(row["50%"]) if row["50%"] != "N/A" else None,
                        "p95_ms": float(row["95%"]) if row["95%"] != "N/A" else None,
                    }
                )
    server_errors, other = 0, Counter()
    with open(f"{prefix}_failures.csv", newline="") as f:
        for row in csv.DictReader(f):
            n = int(row["Occurrences"])
            status = re.search(r"HTTP (\d{3})", row["Error"])
            if status and status.group(1).startswith("5"):
                server_errors += n
            else:
                other[f"{row['Method']} {row['Name']}: {row['Error'][:120]}"] += n
    with open(f"{prefix}_exceptions.csv", newline="") as f:
        exceptions = [f"{row['Count']} x {row['Message'][:200]}" for row in csv.DictReader(f)]
    return {
        **stats,
        "http_5xx": server_errors,
        "other_failures": sum(other.values()),
        "other_failure_kinds": dict(other.most_common(10)),
        "scenario_exceptions": exceptions,
        "endpoints": endpoints,
    }


# ---------------------------------------------------------------------------------------------------------
# Verification: every acknowledged write, looked up in the database after the server has stopped.


def read_acks(logs: Path) -> tuple[list[dict], Counter]:
    acks, conflicts = [], Counter()
    for path in sorted(logs.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            if record["kind"] == "conflict":
                conflicts[record["field"]] += 1
            else:
                acks.append(record)
    return acks, conflicts


def stored(kind: str, ids: list) -> dict:
    """(version, value) in the database for each object id of a versioned kind."""
    from interviews.models import Mock, PracticeAttempt
    from progress.models import Note

    if kind == "attempt":
        rows = PracticeAttempt.objects.filter(pk__in=ids).values_list("pk", "version", "answer")
    elif kind == "scratchpad":
        rows = Mock.objects.filter(pk__in=ids).values_list("pk", "scratchpad_version", "scratchpad")
    elif kind == "mock_notes":
        rows = Mock.objects.filter(pk__in=ids).values_list("pk", "notes_version", "interviewer_notes")
    else:  # note: "user:slug"
        rows = (
            (f"{user}:{slug}", version, body)
            for user, slug, version, body in Note.objects.values_list(
                "user_id", "case_study__slug", "version", "body"
            )
        )
    return {pk: (version, value) for pk, version, value in rows}


def _done(kind: str, acks: dict) -> set:
    """Of the objects a one-off write (start, finish, end, scorecard) was acknowledged for, those the
    database holds in the acknowledged state."""
    from django.db.models import Count

    from interviews.models import Mock, PracticeAttempt, Scorecard

    if kind == "attempt_start":
        rows = PracticeAttempt.objects.filter(pk__in=acks).values_list("pk", "user_id")
        return {pk for pk, user in rows if user == acks[pk]["value"]}
    if kind == "finish":
        rows = (
            PracticeAttempt.objects.filter(pk__in=acks, status=PracticeAttempt.Status.FINISHED)
            .annotate(rated=Count("ratings"))
            .values_list("pk", "rated")
        )
        return {pk for pk, rated in rows if rated == acks[pk]["value"]}
    if kind == "mock_end":
        states = [Mock.State.FEEDBACK, Mock.State.COMPLETED]
        return set(Mock.objects.filter(pk__in=acks, state__in=states).values_list("pk", flat=True))
    if kind == "scorecard":
        rows = Scorecard.objects.filter(
            mock__in=acks, submitted_at__isnull=False, mock__state=Mock.State.COMPLETED
        ).values_list("mock_id", "signal")
        return {pk for pk, signal in rows if signal == acks[pk]["value"]}
    raise ValueError(f"unknown write kind {kind!r}")


def verify(acks: list[dict]) -> tuple[int, list[str]]:
    """Returns (objects checked, what is missing)."""
    from progress.models import StudiedSection

    missing: list[str] = []
    newest: dict[tuple, dict] = {}  # (kind, id) -> the acknowledged write with the highest version
    last_toggle: dict[str, dict] = {}
    once: dict[str, dict] = defaultdict(dict)  # kind -> {id: ack}
    for ack in acks:
        kind, key = ack["kind"], ack["id"]
        if kind in VERSIONED:
            if (kind, key) not in newest or ack["version"] > newest[kind, key]["version"]:
                newest[kind, key] = ack
        elif kind == "studied":
            if key not in last_toggle or ack["seq"] > last_toggle[key]["seq"]:
                last_toggle[key] = ack
        else:
            once[kind][key] = ack

    by_kind = defaultdict(list)
    for kind, key in newest:
        by_kind[kind].append(key)
    for kind, keys in by_kind.items():
        rows = stored(kind, keys)
        for key in keys:
            ack = newest[kind, key]
            version, value = rows.get(key, (None, None))
            if version is None or version < ack["version"]:
                missing.append(f"{kind} {key}: acknowledged version {ack['version']}, stored {version}")
            elif version == ack["version"] and value != ack["value"]:
                missing.append(f"{kind} {key}: version {version} holds other text than was acknowledged")

    studied = {
        f"{user}:{section}" for user, section in StudiedSection.objects.values_list("user_id", "section_id")
    }
    for key, ack in last_toggle.items():
        if (key in studied) != ack["value"]:
            missing.append(f"studied {key}: acknowledged {ack['value']}, stored {key in studied}")

    for kind, acked in once.items():
        for key in sorted(acked.keys() - _done(kind, acked)):
            missing.append(f"{kind} {key}: acknowledged, not in the database as acknowledged")
    checked = len(newest) + len(last_toggle) + sum(len(acked) for acked in once.values())
    return checked, missing
