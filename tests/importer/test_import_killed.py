"""An import killed with SIGKILL half-way leaves the previous data serving: the warehouse reopens,
holds exactly what it held before, and its marts answer queries."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from analytics.importer import import_file

from killing import kill_while_writing

REPO = Path(__file__).resolve().parents[2]

MANY_CALLS = """
COPY (
    SELECT 'K' || i AS call_id, TIMESTAMP '2024-01-01 08:00:00' + to_seconds(i * 7) AS arrived_at,
           'q' || (i % 5) AS queue, 'c' || (i % 50000) AS caller_id, (i % 60)::DOUBLE AS wait_s,
           'abandoned' AS outcome, 0.0 AS talk_s
    FROM range({n}) t(i)
) TO '{out}' (HEADER)
"""


def write_calls(path: Path, n: int) -> Path:
    con = duckdb.connect()
    con.execute(MANY_CALLS.format(n=n, out=str(path).replace("'", "''")))
    con.close()
    return path


def state(db: Path):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return (con.execute("SELECT count(*), max(arrived_at) FROM calls").fetchone(),
                con.execute("SELECT count(*), sum(m_offered) FROM fct_calls").fetchone(),
                con.execute("SELECT sum(m_offered) FROM agg_calls_queue_hourly").fetchone(),
                con.execute("SELECT count(*) FROM import_log").fetchone())
    finally:
        con.close()


def test_import_killed_midway_leaves_previous_data(tmp_path):
    db = tmp_path / "wh.duckdb"
    assert import_file(db, "calls", write_calls(tmp_path / "first.csv", 20_000)).status == "imported"
    before = state(db)
    big = write_calls(tmp_path / "big.csv", 1_500_000)  # overlaps the first file's ids: updates and inserts
    proc = subprocess.Popen([sys.executable, "-m", "analytics", "import", "--db", str(db), "--table", "calls",
                             "--file", str(big)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    # kill once the import holds the warehouse open for writing (the merge has begun), a moment later
    kill_while_writing(proc, db, "import", settle=0.3)
    assert state(db) == before
    # and the warehouse still takes the next import
    again = import_file(db, "calls", write_calls(tmp_path / "again.csv", 30_000))
    assert again.status == "imported" and again.rows_inserted == 10_000 and again.rows_updated == 20_000
