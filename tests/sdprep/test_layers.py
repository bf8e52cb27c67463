"""The app layers (pyproject.toml's import-linter contract) hold, and the check would see a breach."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("sdprep", "casestudies", "accounts", "progress", "teams", "interviews", "dashboards", "demo", "bench")
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )


def copy_of_the_house(tmp_path: Path) -> Path:
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__", "results"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_layers_contract_is_kept():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Apps import down the layers KEPT" in result.stdout


def test_an_upward_import_breaks_the_build(tmp_path):
    house = copy_of_the_house(tmp_path)
    assert lint(house).returncode == 0
    (house / "casestudies" / "probe.py").write_text("def f():\n    from interviews.models import Mock\n")

    result = lint(house)

    assert result.returncode != 0
    assert "casestudies is not allowed to import interviews" in result.stdout
    assert "casestudies.probe -> interviews.models" in result.stdout
