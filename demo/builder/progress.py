"""A one-line progress bar (stage, rows done/total, percent, elapsed) redrawn in place with \\r on a
terminal; elsewhere (a log file, a pipe) one plain line per finished stage."""

import time
from collections.abc import Callable

BAR_WIDTH = 24
REDRAW_EVERY = 0.2  # seconds; redrawing on every row would cost more than the rows


class Progress:
    """Draws through `write` (which must flush) when given; with None it draws nothing. Not
    ``interactive``: no redraws, a line per stage as it ends."""

    def __init__(self, write: Callable[[str], None] | None = None, *, interactive: bool = True) -> None:
        self.write = write
        self.interactive = interactive
        self.done = 0
        self.started = time.monotonic()
        self.stage_name = ""
        self.total = 0
        self.last_draw = 0.0

    def stage(self, name: str, total: int) -> None:
        if not self.interactive and self.stage_name:
            self._line()
        self.stage_name, self.total, self.done = name, total, 0
        self.update(0, force=True)

    def _line(self) -> None:
        if self.write is not None:
            elapsed = time.monotonic() - self.started
            self.write(f"{self.stage_name:<18} {self.done:>10,}/{self.total:<10,} {elapsed:7.1f}s\n")

    def update(self, done: int, *, force: bool = False) -> None:
        self.done = done
        if self.write is None or not self.interactive:
            return
        now = time.monotonic()
        if not force and now - self.last_draw < REDRAW_EVERY:
            return
        self.last_draw = now
        fraction = min(done / self.total, 1.0) if self.total else 1.0
        bar = "#" * round(fraction * BAR_WIDTH)
        self.write(
            f"\r{self.stage_name:<18} [{bar:<{BAR_WIDTH}}] {done:>10,}/{self.total:<10,} "
            f"{fraction:6.1%} {now - self.started:7.1f}s"
        )

    def finish(self, done: int) -> None:
        if self.write is None:
            return
        self.update(done, force=True)
        if self.interactive:
            self.write("\n")
        else:
            self._line()
