"""A one-line progress bar (stage, rows done/total, percent, elapsed) redrawn in place with \\r."""

import time
from collections.abc import Callable

BAR_WIDTH = 24
REDRAW_EVERY = 0.2  # seconds; redrawing on every row would cost more than the rows


class Progress:
    """Draws through `write` (which must flush) when given; with None it draws nothing."""

    def __init__(self, write: Callable[[str], None] | None = None) -> None:
        self.write = write
        self.started = time.monotonic()
        self.stage_name = ""
        self.total = 0
        self.last_draw = 0.0

    def stage(self, name: str, total: int) -> None:
        self.stage_name, self.total = name, total
        self.update(0, force=True)

    def update(self, done: int, *, force: bool = False) -> None:
        if self.write is None:
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
        if self.write is not None:
            self.update(done, force=True)
            self.write("\n")
