"""Import benchmarks: one day of calls into a copy of the warehouse (the morning routine), and a large
file into a fresh warehouse. Each import runs the CLI in its own process, so wall time and peak RSS
(ru_maxrss of the child) are what a user's cron job would see."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]

# The calls of the warehouse's last day, moved one day later under new ids: a plausible next day.
NEXT_DAY_SQL = """
COPY (
    SELECT 'bench-' || call_id AS call_id, arrived_at + INTERVAL 1 DAY AS arrived_at, queue,
           caller_id, wait_s, outcome, agent_id, talk_s, hold_s, acw_s, transferred, reason, resolved,
           dead_air_s, hold_count
    FROM calls
    WHERE arrived_at >= (SELECT max(arrived_at)::DATE FROM calls)
) TO '{out}' (HEADER, DELIMITER ',')
"""

# n synthetic calls over about a year, for the large-file memory check.
MANY_CALLS_SQL = """
COPY (
    SELECT 'big-' || i AS call_id,
           TIMESTAMP '2023-01-01 08:00:00' + to_seconds(i * 6) AS arrived_at,
           'q' || (i % 7) AS queue, 'c' || (hash(i) % 2000000) AS caller_id,
           (i % 90)::DOUBLE AS wait_s, CASE WHEN i % 9 = 0 THEN 'abandoned' ELSE 'answered' END AS outcome,
           CASE WHEN i % 9 = 0 THEN NULL ELSE 'BIG' || (i % 50) END AS agent_id,
           CASE WHEN i % 9 = 0 THEN 0 ELSE 60 + i % 500 END::DOUBLE AS talk_s
    FROM range({n}) t(i)
) TO '{out}' (HEADER, DELIMITER ',')
"""


# The child writes its own peak RSS (VmHWM) as it exits. Its rusage cannot be used: Linux carries the
# parent's high-water mark into a forked child's ru_maxrss and keeps it across exec, so a bench process
# holding 2.4 GB (the pandas comparison's frames) made every import read 2.4 GB. VmHWM belongs to the
# memory map that exec makes new, so it is the import's alone.
_PEAK = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status") as fh:
        hwm = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    with open(os.environ["SWITCHBOARD_PEAK_FILE"], "w") as out:
        out.write(hwm)
atexit.register(_peak)
sys.argv = ["analytics", *sys.argv[1:]]
runpy.run_module("analytics", run_name="__main__", alter_sys=True)
"""


def _run_cli(args: list[str], env: dict) -> dict:
    """Run `python -m analytics ARGS` in a child; wall seconds and that child's own peak RSS in MB."""
    with tempfile.TemporaryDirectory(prefix="switchboard-peak-") as tmp:
        peak_file = Path(tmp) / "peak_kb"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=ROOT,
                              env={**env, "SWITCHBOARD_PEAK_FILE": str(peak_file)},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wall = time.perf_counter() - t0
        peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else None
    return {"wall_s": wall, "peak_rss_mb": peak, "exit_code": proc.returncode, "output": proc.stdout.strip()[-400:]}


def _child_env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def daily_import(db: Path, work: Path | None = None) -> dict:
    """Import the next day (~one day of calls) into a copy of `db`."""
    with tempfile.TemporaryDirectory(prefix="switchboard-bench-", dir=work) as tmp:
        copy = Path(tmp) / "copy.duckdb"
        shutil.copyfile(db, copy)
        day = Path(tmp) / "next_day.csv"
        con = duckdb.connect(str(copy), read_only=True)
        try:
            con.execute(NEXT_DAY_SQL.format(out=str(day).replace("'", "''")))
            rows = con.execute(f"SELECT count(*) FROM read_csv('{str(day)}')").fetchone()[0]
        finally:
            con.close()
        res = _run_cli(["import", "--db", str(copy), "--table", "calls", "--file", str(day),
                        "--create-missing-agents"], _child_env())
        res["rows"] = rows
        return res


def large_import(rows: int = 5_000_000, work: Path | None = None) -> dict:
    """Import a `rows`-row calls file into a fresh warehouse: wall time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="switchboard-bench-", dir=work) as tmp:
        big = Path(tmp) / "big.csv"
        con = duckdb.connect()
        try:
            con.execute(MANY_CALLS_SQL.format(n=int(rows), out=str(big).replace("'", "''")))
        finally:
            con.close()
        db = Path(tmp) / "big.duckdb"
        res = _run_cli(["import", "--db", str(db), "--table", "calls", "--file", str(big),
                        "--create-missing-agents"], _child_env())
        res["rows"] = rows
        res["file_mb"] = big.stat().st_size / 1e6
        return res
