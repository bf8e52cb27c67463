"""collectstatic when its output is out of date: `make run` and its test serve the manifest storage.

Collecting compresses every file (gzip and brotli; most of a minute here), so it runs only when the
manifest in STATIC_ROOT is older than a file in static/ or than the last dependency install (the
packages' own static files).
"""

import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def static_is_current(static_root: Path) -> bool:
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    sources = [*(BASE_DIR / "static").rglob("*"), Path(sys.prefix) / ".installed"]
    return all(path.stat().st_mtime < collected for path in sources if path.exists())


def collect_static_if_stale(static_root: Path, env: dict) -> bool:
    """Run collectstatic under `env`'s settings unless `static_root` is current; True when it ran."""
    if static_is_current(static_root):
        return False
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    return True
