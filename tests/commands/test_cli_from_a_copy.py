"""The project runs from any folder: a copy of the tracked files (what a fresh clone holds) somewhere
else runs the CLI and a test file of the suite with this interpreter, touching nothing of this checkout."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: nothing to copy as a clone would")
    dest = tmp_path_factory.mktemp("elsewhere") / "a folder with spaces" / "switchboard"
    for name in listed.decode("utf-8").split("\0"):
        if name and (ROOT / name).is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
    return dest


def run(copy, *args):
    res = subprocess.run([sys.executable, *args], cwd=copy, capture_output=True, text=True, encoding="utf-8",
                         timeout=900)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    return res.stdout


def test_the_cli_runs_from_the_copy(copy):
    db = copy / "data" / "w.duckdb"
    assert "kpis" in run(copy, "-m", "analytics", "--help")
    run(copy, "-m", "analytics", "init", "--db", str(db))
    out = json.loads(run(copy, "-m", "analytics", "kpis", "--db", str(db), "--from", "2026-01-05",
                         "--to", "2026-01-11", "--by", "week", "--kpi", "offered", "--format", "json"))
    assert out == [{"week": "2026-W02", "offered": 0}]
    # the copy's own package answered, not this checkout's
    where = run(copy, "-c", "import analytics, pathlib; print(pathlib.Path(analytics.__file__).resolve())")
    assert Path(where.strip()).is_relative_to(copy.resolve())


def test_a_suite_file_passes_from_the_copy(copy):
    out = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/stats/test_overdispersion.py")
    assert "passed" in out and "failed" not in out
