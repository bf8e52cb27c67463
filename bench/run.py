"""`make bench`: every main page and live sync under load, against sdprep's own hello and bare Django's.

1. Checks wrk is installed (`apt-get install wrk`), builds (once, then reuses) two databases in the
   embedded PostgreSQL: `sdprep_bench` with `seed_demo --scale large` and `sdprep_bench_small` with the
   small demo data, counts each page's SQL queries in both (bench/pages.py) and signs the demo users in.
2. For each server (bench/stack.py SERVERS: uvicorn, granian), with the Dockerfile's worker count: the
   bare Django project of bench/bare (no middleware, no database: the framework's ceiling), then sdprep in
   its production configuration and its signed-in /bench/hello/ (the stack's ceiling).
3. Under the server the Dockerfile runs (stack.SERVER), every page, driven by wrk (bench/wrkload.py,
   bench/wrk_report.lua): 10 connections, 2 threads, a 2 s warm-up, then 8 s measured; peak memory of
   each worker sampled throughout (bench/memory.py).
4. Live sync with 100 rooms on the same server (bench/livesync.py).
5. Writes bench/results/latest.json and the README's Performance table (bench/report.py); prints both.

Environment: BENCH_CONNECTIONS, BENCH_THREADS, BENCH_WARMUP, BENCH_SECONDS (wrk); BENCH_PAGES (comma-
separated parts of page names to keep, e.g. "hello,library"); BENCH_SERVERS (e.g. "uvicorn"); BENCH_ROOMS
(0 skips live sync) and BENCH_LIVE_SECONDS; BENCH_NO_README=1 leaves the README alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report, stack, wrkload
from bench.memory import WorkerMemory

ROOMS = int(os.environ.get("BENCH_ROOMS", "100"))
LIVE_SECONDS = int(os.environ.get("BENCH_LIVE_SECONDS", "20"))
LARGE, SMALL = "sdprep_bench", "sdprep_bench_small"
TARGETS = {"ratio": 0.25, "p95_ms": 100.0, "hello_vs_bare": 0.5, "live_p95_ms": 100.0}
HELLO = "hello (ceiling)"


def chosen(names: list[str], variable: str) -> list[str]:
    """The names that contain one of the comma-separated parts of $variable (all of them when unset)."""
    parts = [p.strip().lower() for p in os.environ.get(variable, "").split(",") if p.strip()]
    return [n for n in names if not parts or any(p in n.lower() for p in parts)]


def server_order() -> list[str]:
    """The servers to compare, the page table's server last (it stays up for the pages and live sync)."""
    names = chosen(list(stack.SERVERS), "BENCH_SERVERS")
    if stack.SERVER not in names:
        names.append(stack.SERVER)
    return [n for n in names if n != stack.SERVER] + [stack.SERVER]


def measure_bare(server: str, n_workers: int) -> dict:
    """Bare Django's hello under `server`: the framework's ceiling on this machine."""
    port = stack.free_port()
    process = stack.start_server(
        stack.bare_env(), port, n_workers, server=server, app=stack.BARE_APP, health="/"
    )
    try:
        with WorkerMemory(process.pid) as memory:
            stats = wrkload.measure(f"http://127.0.0.1:{port}/")
    finally:
        stack.stop_server(process)
    return {**stats, "memory": memory.result()}


def measure_pages(base: str, probes: dict, small: dict) -> list[dict]:
    pages = [p for p in probes["pages"] if p["name"] == HELLO or p["name"] in chosen_pages(probes)]
    rows = []
    for i, page in enumerate(pages, start=1):
        stack.progress(f"[{i}/{len(pages)}] {page['name']}")
        stats = wrkload.measure(base + page["path"], probes["cookies"][page["who"]])
        queries_small = next(p["queries"] for p in small["pages"] if p["name"] == page["name"])
        rows.append(
            {
                "name": page["name"],
                "path": page["path"],
                **stats,
                "queries_small": queries_small,
                "queries_large": page["queries"],
            }
        )
    print()
    return rows


def chosen_pages(probes: dict) -> list[str]:
    return chosen([p["name"] for p in probes["pages"]], "BENCH_PAGES")


def live_sync(base: str, env: dict, tmp: Path) -> dict:
    out = tmp / "livesync.json"
    subprocess.run(
        [
            *(stack.PYTHON, "bench/livesync.py", "--base-url", base, "--rooms", str(ROOMS)),
            *("--seconds", str(LIVE_SECONDS), "--json", str(out)),
        ],
        cwd=stack.ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "sdprep.settings.production"},
        check=True,
    )
    return json.loads(out.read_text())


def with_ratios(pages: list[dict], hello_rps: float, bare_rps: float) -> list[dict]:
    """Each page's req/s as a share of sdprep's signed-in hello and of bare Django's hello."""
    return [
        {**p, "vs_hello": round(p["rps"] / hello_rps, 4), "vs_bare": round(p["rps"] / bare_rps, 4)}
        for p in pages
    ]


def main() -> int:
    started = time.monotonic()
    tool = wrkload.wrk_version()  # fails here, with the install line, when wrk is missing
    info = stack.machine_info()
    tmp = stack.RESULTS / "tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)

    stack.step(f"Benchmark databases: {LARGE} (seed_demo --scale large, built once) and {SMALL}")
    stack.build_database(SMALL, "small")
    stack.build_database(LARGE, "large")
    stack.step("Counting SQL queries per page at small and at large scale")
    stack.collect_static(stack.production_env(stack.database_url(LARGE)))
    small, large = stack.probe_pages(SMALL), stack.probe_pages(LARGE)
    hello_page = next(p for p in large["pages"] if p["name"] == HELLO)

    env = stack.production_env(stack.database_url(LARGE))
    n_workers, settings = stack.workers(), wrkload.settings()
    servers, pages, live, memory = {}, [], None, None
    for name in server_order():
        stack.step(f"{name}, {n_workers} workers: bare Django hello")
        bare = measure_bare(name, n_workers)
        stack.step(f"{name}, {n_workers} workers: sdprep (production settings)")
        port = stack.free_port()
        base = f"http://127.0.0.1:{port}"
        process = stack.start_server(env, port, n_workers, server=name)
        try:
            with WorkerMemory(process.pid) as sampler:
                if name == stack.SERVER:
                    pages = measure_pages(base, large, small)
                    hello = next(p for p in pages if p["name"] == HELLO)
                else:
                    hello = wrkload.measure(base + hello_page["path"], large["cookies"][hello_page["who"]])
            memory = sampler.result()
            if name == stack.SERVER and ROOMS > 0:
                stack.step(f"Live sync: {ROOMS} rooms, {ROOMS * 2} clients, candidates typing every 500 ms")
                live = live_sync(base, env, tmp)
        finally:
            stack.stop_server(process)
        servers[name] = {
            "command": " ".join(stack.SERVERS[name]("<app>", 0, n_workers)[1:]).replace(" --port 0", ""),
            "bare_hello": {k: v for k, v in bare.items() if k != "memory"},
            "bare_memory": bare["memory"],
            "hello": {k: hello[k] for k in ("requests", "rps", "p50_ms", "p95_ms", "p99_ms", "errors_total")},
            "hello_vs_bare": round(hello["rps"] / bare["rps"], 4),
            "memory": memory,
        }

    main_server = servers[stack.SERVER]
    info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result = {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": info,
        "tool": tool,
        "settings": settings,
        "server": {
            "name": stack.SERVER,
            "workers": n_workers,
            "summary": f"{stack.SERVER}, {n_workers} workers, sdprep.settings.production",
        },
        "data": f"{large['users']:,} users (seed_demo --scale large)",
        "targets": TARGETS,
        "servers": servers,
        "pages": with_ratios(pages, main_server["hello"]["rps"], main_server["bare_hello"]["rps"]),
        "memory": main_server["memory"],
        "live_sync": live,
        "duration_s": round(time.monotonic() - started),
    }
    (stack.RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)
    if not os.environ.get("BENCH_NO_README"):
        report.write_readme(result)
    print()
    print(report.terminal_table(result))
    print(f"\nWrote bench/results/latest.json (and the README's table) in {result['duration_s']} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
