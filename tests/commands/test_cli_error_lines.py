"""Issue #18 item 10: a --db that is not a DuckDB file, or a bad SWITCHBOARD_AUTH, gives one `error:`
line and no traceback, for kpis, import and init."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, **(env or {})}, timeout=300)


def _not_a_warehouse(kind: str, folder: Path) -> Path:
    p = folder / f"{kind}.duckdb"
    if kind == "text":
        p.write_text("hello, I am not a database\n", encoding="utf-8")
    elif kind == "empty":
        p.write_bytes(b"")
    elif kind == "random":
        p.write_bytes(os.urandom(8192))
    else:
        p.mkdir()
    return p


def _one_error_line(proc) -> str:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


@pytest.mark.parametrize("kind", ["text", "empty", "random", "folder"])
def test_a_db_that_is_not_a_warehouse_gives_one_error_line(tmp_path, kind):
    db = _not_a_warehouse(kind, tmp_path)
    before = db.read_bytes() if db.is_file() else None
    csv = tmp_path / "agents.csv"
    csv.write_text("agent_id,name,role,hired_on\nA1,Ada,agent,2020-01-01\n", encoding="utf-8")
    for args in (["kpis", "--from", "2026-11-09", "--to", "2026-11-15"], ["init"],
                 ["import", "--table", "agents", "--file", str(csv)]):
        line = _one_error_line(_cli(*args, "--db", str(db)))
        assert str(db) in line and ("not a DuckDB" in line or "folder" in line), line
    if before is not None:
        assert db.read_bytes() == before  # nothing was written over the user's file


def test_unknown_auth_mode_gives_one_error_line(tmp_path):
    line = _one_error_line(_cli("kpis", "--from", "2026-11-09", "--to", "2026-11-15", "--db",
                                str(tmp_path / "x.duckdb"), env={"SWITCHBOARD_AUTH": "bogus"}))
    assert "bogus" in line and "none, users, oidc" in line
