"""Peak memory of a server's worker processes, sampled while a benchmark runs.

With psutil (installed with locust) every child of the server process is sampled every
`interval` seconds and the largest RSS each one reached is kept; without it, the kernel's own
high-water mark (VmHWM in /proc/<pid>/status) of each child is read when the sampler stops.
"""

from __future__ import annotations

import threading
from pathlib import Path

try:
    import psutil
except ImportError:  # pragma: no cover - psutil comes with locust in the dev extra
    psutil = None


def proc_children(pid: int) -> list[int]:
    """Every descendant of `pid`, from /proc/<pid>/task/*/children."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(kids)
            queue.extend(kids)
    return found


def vm_hwm_mib(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) / 1024 if line else None


class WorkerMemory:
    """Samples while in its `with` block; `result()` gives peak_rss_mib, workers, per_worker_mib, method."""

    def __init__(self, server_pid: int, interval: float = 0.5):
        self.pid, self.interval = server_pid, interval
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True) if psutil else None

    def __enter__(self) -> WorkerMemory:
        if self._thread:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def sample(self) -> None:
        try:
            children = psutil.Process(self.pid).children(recursive=True)
        except psutil.Error:
            return
        for child in children:
            try:
                rss = child.memory_info().rss / 1024 / 1024
            except psutil.Error:
                continue
            self.peaks[child.pid] = max(rss, self.peaks.get(child.pid, 0.0))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def stop(self) -> dict:
        if self._thread and not self._stop.is_set():
            self._stop.set()
            self._thread.join()
        if not self._thread:
            for child in proc_children(self.pid):
                hwm = vm_hwm_mib(child)
                if hwm is not None:
                    self.peaks[child] = hwm
        return self.result()

    def result(self) -> dict:
        # A server's helpers (multiprocessing's resource tracker) are a few MiB: keep the workers.
        per_worker = sorted((round(v, 1) for v in self.peaks.values() if v >= 20), reverse=True)
        return {
            "peak_rss_mib": per_worker[0] if per_worker else None,
            "workers": len(per_worker),
            "per_worker_mib": per_worker,
            "method": "psutil RSS sampled every 0.5 s" if psutil else "/proc VmHWM",
        }
