"""Code blocks rendered by several threads at once in a fresh process (the server's first requests).

`make loadtest` found it: pygments loads its lexers and formatters lazily, and threads importing them for
their first code block at the same time got an ImportError, a 500 on the case-study page.
"""

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import threading
from sdprep.markdown import render_content, render_user_markdown

start, errors = threading.Barrier(8), []

def render(n):
    start.wait()
    try:
        lang = ["", "python", "sql", "json"][n % 4]
        render = render_content if n % 2 else render_user_markdown
        assert "code-block" in render(f"Thread {n}\\n\\n```{lang}\\nx = {n}\\n```\\n")
    except Exception as exc:
        errors.append(repr(exc))

threads = [threading.Thread(target=render, args=(n,)) for n in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(errors or "ok")
"""


def test_first_code_blocks_render_in_parallel_threads():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=root, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == "ok", result.stdout + result.stderr
