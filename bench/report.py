"""The results of `make bench` as text: the terminal table and the README's Performance table.

The README table is written between two markers by `update_readme`, from bench/results/latest.json, so it
cannot drift from the run: `python bench/report.py` rewrites it from the committed results.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def meets(page: dict, targets: dict) -> bool:
    """A page meets its targets: ratio to the signed-in hello (for the hello itself: to bare Django's),
    p95, equal query counts, no error."""
    ratio_met = (
        page["vs_bare"] >= targets["hello_vs_bare"]
        if page["name"].startswith("hello")
        else page["vs_hello"] >= targets["ratio"]
    )
    return (
        ratio_met
        and page["p95_ms"] < targets["p95_ms"]
        and page["queries_small"] == page["queries_large"]
        and page["errors_total"] == 0
    )


def _ms(value: float | None) -> str:
    return "-" if value is None else (f"{value:.0f}" if value >= 10 else f"{value:.1f}")


def _rps(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def markdown_table(result: dict) -> str:
    """The README's tables: servers (bare and signed-in hello), then every page."""
    targets = result["targets"]
    lines = [
        "| server | bare Django hello req/s | sdprep signed-in hello req/s | hello ÷ bare "
        "| p95 ms (bare / hello) | peak RSS per worker MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, server in result["servers"].items():
        bare, hello = server["bare_hello"], server["hello"]
        lines.append(
            f"| {name}{' (pages below)' if name == result['server']['name'] else ''} | {_rps(bare['rps'])} "
            f"| {_rps(hello['rps'])} | {hello['rps'] / bare['rps']:.0%} "
            f"| {_ms(bare['p95_ms'])} / {_ms(hello['p95_ms'])} | {_ms(server['memory']['peak_rss_mib'])} |"
        )
    lines += [
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | queries small / large | vs hello | vs bare "
        "| errors | targets |",
        "| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | :---: |",
    ]
    for page in result["pages"]:
        lines.append(
            f"| {page['name']} | {_rps(page['rps'])} | {_ms(page['p50_ms'])} | {_ms(page['p95_ms'])} "
            f"| {_ms(page['p99_ms'])} | {page['queries_small']} / {page['queries_large']} "
            f"| {page['vs_hello']:.0%} | {page['vs_bare']:.0%} | {page['errors_total']} "
            f"| {'met' if meets(page, targets) else 'missed'} |"
        )
    return "\n".join(lines)


def summary(result: dict) -> str:
    """The lines under the table: the run's settings, memory and live sync."""
    s, m = result["settings"], result["machine"]
    memory = result["memory"]
    text = [
        f"Run {result['generated_at']}: {m['cores']} cores ({m['cpu_model']}), {m['memory_gib']} GiB, "
        f"Python {m['python']}; {result['tool']}, {s['connections']} connections, {s['threads']} threads, "
        f"{s['warmup_s']} s warm-up then {s['seconds']} s per row; {result['server']['summary']}; "
        f"{result['data']}; load average {m['load_average_at_start'][0]} at the start, "
        f"{m.get('load_average_at_end', ['?'])[0]} at the end "
        "(the 2 cores are shared with other people's test suites: expect noise).",
        "",
        f"Peak memory per worker during the page runs: {_ms(memory['peak_rss_mib'])} MiB "
        f"({memory['workers']} workers: {', '.join(_ms(x) for x in memory['per_worker_mib'])}; "
        f"{memory['method']}).",
    ]
    live = result.get("live_sync")
    if live:
        text += [
            "",
            f"Live sync, {live['rooms']} rooms / {live['clients']} clients: acknowledgement to arrival "
            f"p50 {live['p50_ms']:.0f} ms, p95 {live['p95_ms']:.0f} ms, p99 {live['p99_ms']:.0f} ms; "
            f"the saves themselves p50 {live['save_p50_ms']:.0f} ms, p95 {live['save_p95_ms']:.0f} ms; "
            f"{live['received']:,} of {live['saves']:,} saves received, {live.get('lost', 0)} lost, "
            f"{live['saves_per_second']:.0f} saves/s sustained.",
        ]
        if live.get("board_received"):
            text[-1] += (
                f" Scratchpad saves p95 {live['text_p95_ms']:.0f} ms ({live['text_received']:,}), "
                f"whiteboard deltas p95 {live['board_p95_ms']:.0f} ms ({live['board_received']:,})."
            )
    return "\n".join(text)


def update_readme(readme: str, result: dict) -> str:
    """`readme` with what lies between the markers replaced by this run's tables. ValueError without them."""
    if readme.count(START) != 1 or readme.count(END) != 1 or readme.index(START) > readme.index(END):
        raise ValueError(f"the README needs exactly one {START} ... {END} block")
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{markdown_table(result)}\n\n{summary(result)}\n{END}{tail}"


def terminal_table(result: dict) -> str:
    lines = [markdown_table(result), "", summary(result)]
    return "\n".join(lines)


def write_readme(result: dict, path: Path = ROOT / "README.md") -> None:
    path.write_text(update_readme(path.read_text(), result))


if __name__ == "__main__":
    write_readme(json.loads((ROOT / "bench" / "results" / "latest.json").read_text()))
    sys.exit(0)
