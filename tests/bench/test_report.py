"""The README's Performance table is written from bench/results/latest.json between two markers."""

from __future__ import annotations

import pytest

from bench import report

TARGETS = {"ratio": 0.25, "p95_ms": 100.0, "hello_vs_bare": 0.5, "live_p95_ms": 100.0}


def page(name, rps, p95, small=4, large=4, errors=0, hello=400.0, bare=1000.0):
    return {
        **{"name": name, "rps": rps, "p50_ms": p95 / 2, "p95_ms": p95, "p99_ms": p95 * 1.5},
        **{"queries_small": small, "queries_large": large, "errors_total": errors},
        **{"vs_hello": rps / hello, "vs_bare": rps / bare},
    }


def server(bare_rps, hello_rps):
    memory = {"peak_rss_mib": 120.5, "workers": 4, "per_worker_mib": [120.5, 118.0], "method": "psutil"}
    return {
        "bare_hello": {"rps": bare_rps, "p95_ms": 20.0},
        "hello": {"rps": hello_rps, "p95_ms": 40.0},
        "memory": memory,
    }


@pytest.fixture
def result():
    return {
        "generated_at": "2026-01-01T00:00:00Z",
        "machine": {
            **{"cores": 2, "cpu_model": "Test CPU", "memory_gib": 24.0, "python": "3.11.2"},
            "load_average_at_start": [3.5, 2.0, 1.0],
            "load_average_at_end": [9.25, 4.0, 2.0],
        },
        "tool": "wrk debian/4.1.0-3+b2 [epoll]",
        "settings": {"connections": 10, "threads": 2, "warmup_s": 2, "seconds": 8},
        "server": {"name": "uvicorn", "summary": "uvicorn, 4 workers, sdprep.settings.production"},
        "data": "11,000 users (seed_demo --scale large)",
        "targets": TARGETS,
        "servers": {"granian": server(1200.0, 450.0), "uvicorn": server(1000.0, 400.0)},
        "pages": [
            page("hello (ceiling)", 400.0, 40.0, small=2, large=2),
            page("library index", 150.0, 60.0),
            page("question bank", 20.0, 300.0),
            page("team page (50)", 120.0, 50.0, small=9, large=11),
        ],
        "memory": server(1, 1)["memory"],
        "live_sync": None,
    }


README = (
    "# sdprep\n\n## Performance\n\nProse.\n\n<!-- bench:start -->\nold table\n"
    "<!-- bench:end -->\n\n## Tests\n"
)


def test_the_table_goes_between_the_markers_and_nothing_else_moves(result):
    updated = report.update_readme(README, result)
    assert "old table" not in updated
    assert updated.startswith("# sdprep\n\n## Performance\n\nProse.\n\n<!-- bench:start -->\n")
    assert updated.endswith("<!-- bench:end -->\n\n## Tests\n")
    assert report.update_readme(updated, result) == updated  # rewriting from the same run changes nothing


def test_each_page_row_has_its_ratios_queries_and_verdict(result):
    table = report.markdown_table(result)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in table.splitlines()}
    assert "| 150 | 30 | 60 | 90 | 4 / 4 | 38% | 15% | 0 | met |" in rows["library index"]
    assert rows["question bank"].endswith("| 5% | 2% | 0 | missed |")  # under 25% of hello, p95 300 ms
    assert "| 9 / 11 |" in rows["team page (50)"] and rows["team page (50)"].endswith("missed |")


def test_the_hello_row_is_judged_against_bare_django(result):
    hello = result["pages"][0]
    assert not report.meets(hello, TARGETS)  # 40% of bare Django's hello, under the 50% target
    assert report.meets({**hello, "vs_bare": 0.6}, TARGETS)


def test_the_server_table_compares_hello_with_bare_django_per_server(result):
    table = report.markdown_table(result)
    assert "| granian | 1,200 | 450 | 38% | 20 / 40 | 120 |" in table
    assert "| uvicorn (pages below) | 1,000 | 400 | 40% | 20 / 40 | 120 |" in table


def test_the_summary_names_the_machine_tool_and_settings(result):
    text = report.summary(result)
    assert "2 cores (Test CPU)" in text
    assert "wrk debian/4.1.0-3+b2 [epoll], 10 connections, 2 threads, 2 s warm-up then 8 s" in text
    assert "load average 3.5 at the start, 9.25 at the end" in text
    assert "Peak memory per worker during the page runs: 120 MiB (4 workers" in text


@pytest.mark.parametrize(
    "readme", ["no markers", "<!-- bench:start --> only", "<!-- bench:end --> x <!-- bench:start -->"]
)
def test_a_readme_without_one_marked_block_is_refused(result, readme):
    with pytest.raises(ValueError, match="exactly one"):
        report.update_readme(readme, result)
