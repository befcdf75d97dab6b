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
    p = folder / (f"{kind}.csv" if kind == "csv" else f"{kind}.duckdb")
    if kind == "csv":   # DuckDB opens an existing CSV as an in-memory database: a Catalog Error read-only
        p.write_text("call_id,queue\nC1,Billing\n", encoding="utf-8")
    elif kind == "text":
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


# the engine's wording, which means nothing to a user
ENGINE_WORDS = ("Catalog Error", "IO Error", "in-memory", "read-only mode", "DuckDB database file", "Exception")


@pytest.mark.parametrize("kind, says", [("csv", "is not a Switchboard warehouse"),
                                        ("text", "is not a Switchboard warehouse"),
                                        ("empty", "is an empty file, not a Switchboard warehouse"),
                                        ("random", "is not a Switchboard warehouse"),
                                        ("folder", "is a folder, not a Switchboard warehouse")])
def test_a_db_that_is_not_a_warehouse_gives_one_error_line(tmp_path, kind, says):
    db = _not_a_warehouse(kind, tmp_path)
    before = db.read_bytes() if db.is_file() else None
    csv = tmp_path / "agents.csv"
    csv.write_text("agent_id,name,role,hired_on\nA1,Ada,agent,2020-01-01\n", encoding="utf-8")
    for args in (["kpis", "--period", "2026-W46"], ["kpis", "--from", "2026-11-09", "--to", "2026-11-15"],
                 ["init"], ["import", "--table", "agents", "--file", str(csv)], ["staffing", "--from", "2026-11-09",
                 "--to", "2026-11-09"], ["report", "--period", "2026-W46", "--out", str(tmp_path / "r.html")]):
        line = _one_error_line(_cli(*args, "--db", str(db)))
        assert f"{db} {says} (a DuckDB file made by `python -m analytics sample`" in line, line
        assert not any(w in line for w in ENGINE_WORDS), line
    if before is not None:
        assert db.read_bytes() == before  # nothing was written over the user's file
    assert not (tmp_path / "r.html").exists()


def test_the_engine_message_is_there_for_a_developer_only(tmp_path):
    from analytics.core import warehouse

    db = tmp_path / "damaged.duckdb"
    db.write_bytes(b"\0" * 8 + warehouse.DUCKDB_MAGIC + os.urandom(8192))   # a DuckDB header, then noise
    line = _one_error_line(_cli("kpis", "--period", "2026-W46", "--db", str(db)))
    assert "is a DuckDB file that cannot be opened" in line and not any(w in line for w in ENGINE_WORDS), line
    debug = _cli("kpis", "--period", "2026-W46", "--db", str(db), env={"SWITCHBOARD_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" not in debug.stderr
    assert len(debug.stderr.strip().splitlines()) == 2, debug.stderr   # ours, then the engine's


def test_a_missing_db_says_how_to_make_one(tmp_path):
    db = tmp_path / "nowhere" / "missing.duckdb"
    for args in (["kpis", "--period", "2026-W46"], ["staffing", "--from", "2026-11-09", "--to", "2026-11-09"],
                 ["report", "--period", "2026-W46", "--out", str(tmp_path / "r.html")]):
        line = _one_error_line(_cli(*args, "--db", str(db)))
        assert line == (f"error: No warehouse at {db}. Build one with `python -m analytics sample --db {db}` "
                        f"or create an empty one with `python -m analytics init --db {db}`."), line
    assert not db.parent.exists()   # reading never creates the folder


def test_unknown_auth_mode_gives_one_error_line(tmp_path):
    line = _one_error_line(_cli("kpis", "--from", "2026-11-09", "--to", "2026-11-15", "--db",
                                str(tmp_path / "x.duckdb"), env={"SWITCHBOARD_AUTH": "bogus"}))
    assert "bogus" in line and "none, users, oidc" in line
