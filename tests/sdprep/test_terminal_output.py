"""Progress output written to a file or a pipe carries no colour codes and no carriage returns."""

import io

from demo.builder.progress import Progress
from sdprep import run


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_run_steps_are_plain_when_not_a_terminal(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(run.sys, "stdout", out)
    run.step("Applying database migrations")
    assert out.getvalue() == "==> Applying database migrations\n"


def test_run_steps_are_coloured_on_a_terminal(monkeypatch):
    out = _Tty()
    monkeypatch.setattr(run.sys, "stdout", out)
    run.step("Serving")
    assert "\033[" in out.getvalue()


def test_the_progress_bar_writes_one_line_per_stage_when_not_a_terminal():
    drawn: list[str] = []
    progress = Progress(drawn.append, interactive=False)
    progress.stage("users", 1000)
    for done in range(0, 1001, 10):
        progress.update(done, force=True)
    progress.stage("teams", 10)
    progress.finish(10)
    text = "".join(drawn)
    assert "\r" not in text
    assert text.count("\n") == 2 and "users" in text and "1,000/1,000" in text
