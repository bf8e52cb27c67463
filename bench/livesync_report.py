"""The report of bench/livesync.py: the summary of a finished run (the JSON it writes) and its table."""

from __future__ import annotations

from livesync_rooms import WARMUP_SECONDS


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(run) -> dict:
    """The JSON result of a finished Run: the latencies measured after the warm-up, and the details."""
    stats, args = run.stats, run.args
    delays, save_ms, lost, late, early = [], [], 0, 0, 0
    by_kind = {"text": [], "board": []}  # delivery delays per kind of save
    window = 0
    for key, (t_sent, t_ack) in stats.acks.items():
        if t_ack < run.measure_from or t_sent >= run.end:
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
        by_kind["board" if key in stats.board_keys else "text"].append(delays[-1])
    delays.sort()
    save_ms.sort()
    for values in by_kind.values():
        values.sort()
    lag = sorted(stats.loop_lag)
    return {
        "rooms": len(run.rooms),
        "clients": 2 * len(run.rooms),
        "seconds": args.seconds,
        "saves": window,
        "received": len(delays),
        "lost": lost,
        "errors": stats.errors,
        "p50_ms": round(percentile(delays, 0.50), 1),
        "p95_ms": round(percentile(delays, 0.95), 1),
        "p99_ms": round(percentile(delays, 0.99), 1),
        "max_ms": round(delays[-1], 1) if delays else float("nan"),
        # Scratchpad saves and whiteboard deltas apart (the targets differ: 100 and 150 ms).
        "text_received": len(by_kind["text"]),
        "text_p95_ms": round(percentile(by_kind["text"], 0.95), 1),
        "board_received": len(by_kind["board"]),
        "board_p95_ms": round(percentile(by_kind["board"], 0.95), 1),
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
