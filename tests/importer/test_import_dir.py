"""import --dir: every new file of a drop folder in name order, one transaction each, already imported
files (same content) skipped, a rejected file reported without stopping the others."""
from __future__ import annotations

import csv
import sys
import subprocess
from pathlib import Path

import duckdb

from analytics.core import warehouse

REPO = Path(__file__).resolve().parents[2]
HEADER = ["call_id", "arrived_at", "queue", "outcome", "talk_s"]


def day_file(folder: Path, name: str, day: int, n: int = 3, bad: bool = False) -> Path:
    path = folder / name
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(n):
            w.writerow([f"D{day}-{i}", f"2024-05-{day:02d} 09:{i:02d}:00", "sales",
                        "nonsense" if bad and i == 0 else "abandoned", "0"])
    return path


def cli(db: Path, folder: Path, *extra: str):
    return subprocess.run([sys.executable, "-m", "analytics", "import", "--db", str(db), "--table", "calls",
                           "--dir", str(folder), *extra], cwd=REPO, capture_output=True, text=True, timeout=600)


def calls(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT call_id FROM calls ORDER BY call_id").fetchall()]
    finally:
        con.close()


def test_drop_folder_loads_new_files_once(tmp_path):
    db = warehouse.init(tmp_path / "wh.duckdb")
    drop = tmp_path / "drop"
    drop.mkdir()
    day_file(drop, "2024-05-02.csv", 2)
    day_file(drop, "2024-05-01.csv", 1)
    day_file(drop, "2024-05-03.csv", 3, bad=True)
    (drop / "notes.md").write_text("not an export", encoding="utf-8")

    first = cli(db, drop)
    assert first.returncode == 2, first.stdout + first.stderr  # one file was rejected
    assert "2 imported" in first.stdout and "1 rejected" in first.stdout, first.stdout
    assert first.stdout.index("2024-05-01.csv") < first.stdout.index("2024-05-02.csv")  # name order
    assert calls(db) == [f"D{d}-{i}" for d in (1, 2) for i in range(3)]

    day_file(drop, "2024-05-03.csv", 3)           # the fixed export replaces the rejected one
    assert (drop / "2024-05-03.csv.rejected.csv").exists()  # the quarantine is not taken for an export
    second = cli(db, drop)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "1 imported" in second.stdout and "2 skipped" in second.stdout, second.stdout
    assert len(calls(db)) == 9

    third = cli(db, drop)                          # nothing new: nothing changes
    assert third.returncode == 0 and "0 imported" in third.stdout and "3 skipped" in third.stdout
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM import_log WHERE status = 'imported'").fetchone()[0] == 3
    con.close()


def test_stray_files_are_listed_not_failed_and_the_summary_follows_name_order(tmp_path):
    db = warehouse.init(tmp_path / "wh.duckdb")
    drop = tmp_path / "drop"
    drop.mkdir()
    day_file(drop, "2024-05-01.csv", 1)
    day_file(drop, "2024-05-02.csv", 2, bad=True)
    day_file(drop, "2024-05-03.csv", 3)
    (drop / "notes.txt").write_text("remember to rotate the exports\n", encoding="utf-8")
    (drop / "README").write_text("drop folder\n", encoding="utf-8")

    first = cli(db, drop)
    assert first.returncode == 2, first.stdout + first.stderr   # 2024-05-02.csv is rejected
    assert "notes.txt (not a data file)" in first.stdout and "README (not a data file)" in first.stdout
    assert "0 failed" in first.stdout and "no data rows" not in first.stdout
    listed = [line.split()[1] for line in first.stdout.splitlines()[1:] if line.startswith("  ")]
    assert listed == ["2024-05-01.csv:", "2024-05-02.csv:", "2024-05-03.csv:", "README", "notes.txt"], first.stdout
    assert [line.split()[0] for line in first.stdout.splitlines()[1:4]] == ["imported", "rejected", "imported"]

    day_file(drop, "2024-05-02.csv", 2)                          # fixed: the stray files fail nothing
    second = cli(db, drop)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "1 imported" in second.stdout and "0 failed" in second.stdout
    assert "notes.txt (not a data file)" in second.stdout
    assert len(calls(db)) == 9


def test_a_pattern_names_the_exports_whatever_their_suffix(tmp_path):
    """ACD systems that write tab-separated .txt files: --pattern names them; a notes.txt beside them and
    the CSV exports of another table are listed as not matching and read by nothing."""
    db = warehouse.init(tmp_path / "wh.duckdb")
    drop = tmp_path / "drop"
    drop.mkdir()
    for day in (2, 1):
        rows = [HEADER] + [[f"T{day}-{i}", f"2024-05-{day:02d} 10:{i:02d}:00", "سفارش", "abandoned", "0"]
                           for i in range(2)]
        (drop / f"CALLS_2024-05-{day:02d}.TXT").write_text(
            "\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    (drop / "notes.txt").write_text("remember to rotate the exports\n", encoding="utf-8")
    day_file(drop, "agents-2024-05-01.csv", 1)

    without = cli(db, drop)
    assert "CALLS_2024-05-01.TXT (not a data file)" in without.stdout, without.stdout + without.stderr

    db2 = warehouse.init(tmp_path / "wh2.duckdb")
    out = cli(db2, drop, "--pattern", "calls_*.txt")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 imported" in out.stdout and "0 failed" in out.stdout, out.stdout
    assert "notes.txt (does not match calls_*.txt)" in out.stdout
    assert "agents-2024-05-01.csv (does not match calls_*.txt)" in out.stdout
    assert calls(db2) == ["T1-0", "T1-1", "T2-0", "T2-1"]
    con = duckdb.connect(str(db2), read_only=True)
    assert con.execute("SELECT DISTINCT queue FROM calls").fetchall() == [("سفارش",)]
    con.close()

    again = cli(db2, drop, "--pattern", "calls_*.txt")
    assert again.returncode == 0 and "0 imported" in again.stdout and "2 skipped" in again.stdout, again.stdout


def test_a_pattern_without_a_folder_is_refused(tmp_path):
    db = warehouse.init(tmp_path / "wh.duckdb")
    f = day_file(tmp_path, "one.csv", 1)
    out = subprocess.run([sys.executable, "-m", "analytics", "import", "--db", str(db), "--table", "calls",
                          "--file", str(f), "--pattern", "*.csv"], cwd=REPO, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 2 and "--pattern goes with --dir" in out.stderr, out.stdout + out.stderr
    assert calls(db) == []
