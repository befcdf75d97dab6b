"""`python -m analytics compact` gives a warehouse's free space back to the disk and changes nothing
else: every row of every table, the catalog (views, macros, constraints, sequences), the KPIs, the next
import. Interrupted at any point (`kill -9` mid-copy, a disk without room) the old file keeps serving."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics import cli
from analytics.core import compaction
from analytics.importer import import_file

from killing import kill_while_writing
from tests.importer.test_import_killed import write_calls

ROOT = Path(__file__).resolve().parents[2]
CATALOG = {
    "views": "SELECT schema_name, view_name, sql FROM duckdb_views() WHERE NOT internal",
    "macros": "SELECT schema_name, function_name, macro_definition FROM duckdb_functions() WHERE NOT internal",
    "constraints": "SELECT schema_name, table_name, constraint_type, constraint_text FROM duckdb_constraints()",
    "sequences": "SELECT schema_name, sequence_name, start_value, last_value FROM duckdb_sequences()",
    "columns": "SELECT schema_name, table_name, column_name, data_type, column_default, is_nullable "
               "FROM duckdb_columns()",
}


def fingerprint(db: Path) -> dict:
    """Every table's row count and the sum of its rows' hashes, and the catalog, sorted."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL").fetchall()
        out = {f"{s}.{t}": con.execute(f'SELECT count(*), sum(hash(x)) FROM "{s}"."{t}" x').fetchone()
               for s, t in tables}
        for name, sql in CATALOG.items():
            out[name] = sorted(map(repr, con.execute(sql).fetchall()))
        return out
    finally:
        con.close()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)


def kpis(db: Path) -> list:
    out = run_cli("kpis", "--db", str(db), "--from", "2000-01-01", "--to", "2100-12-31", "--by", "week",
                  "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) > 10  # the small sample's weeks
    return rows


@pytest.fixture
def rebuilt(sample_db, tmp_path):
    """The small sample after a full rebuild of its marts: a file with the replaced marts' blocks free."""
    db = tmp_path / "wh.duckdb"
    shutil.copyfile(sample_db, db)
    out = run_cli("refresh", "--full", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "python -m analytics compact" in out.stdout, out.stdout  # the rebuild says what it left
    return db


def test_compact_gives_back_the_free_space_and_keeps_everything(rebuilt, tmp_path):
    before, figures = fingerprint(rebuilt), kpis(rebuilt)
    sizes = compaction.sizes(rebuilt)
    assert sizes.free_share > 0.2, sizes  # what the full rebuild left
    out = run_cli("compact", "--db", str(rebuilt))
    assert out.returncode == 0, out.stderr
    assert "compacted" in out.stdout and "→" in out.stdout, out.stdout
    after = compaction.sizes(rebuilt)
    assert after.file_bytes < sizes.file_bytes - sizes.free_bytes // 2, (sizes, after)
    assert after.free_share < 0.05, after
    assert fingerprint(rebuilt) == before
    assert kpis(rebuilt) == figures
    assert not compaction.temp_path(rebuilt).exists()
    # the compacted file takes the next import (its keys and the marts' state table came along)
    done = import_file(rebuilt, "calls", write_calls(tmp_path / "more.csv", 500))
    assert done.status == "imported" and done.rows_inserted == 500


def test_compact_killed_mid_copy_leaves_the_old_file_serving(rebuilt):
    before = fingerprint(rebuilt)
    inode = rebuilt.stat().st_ino
    tmp = compaction.temp_path(rebuilt)
    proc = subprocess.Popen([sys.executable, "-m", "analytics", "compact", "--db", str(rebuilt)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    kill_while_writing(proc, tmp, "compaction")  # the copy has begun
    assert tmp.exists()  # killed before the swap: the half-written copy is all it left
    assert rebuilt.stat().st_ino == inode
    assert fingerprint(rebuilt) == before
    # the next run clears what the killed one left and finishes
    out = run_cli("compact", "--db", str(rebuilt))
    assert out.returncode == 0, out.stderr
    assert not tmp.exists() and fingerprint(rebuilt) == before


def test_compact_refuses_a_disk_without_room_and_changes_nothing(rebuilt, monkeypatch, capsys):
    before = fingerprint(rebuilt)
    size = rebuilt.stat().st_size
    monkeypatch.setattr(compaction, "ROOM_MARGIN", 10 ** 9)  # more than any disk has
    assert cli.main(["compact", "--db", str(rebuilt)]) == 1
    err = capsys.readouterr().err
    assert "Not enough free disk to compact" in err and "Nothing was changed" in err, err
    assert rebuilt.stat().st_size == size and fingerprint(rebuilt) == before
    assert not compaction.temp_path(rebuilt).exists()


def test_compact_folds_a_write_ahead_log_in_first(rebuilt):
    """A writer's log left beside the file holds committed rows: they are in the compacted file, and no
    log of the old file is left to be replayed onto the new one."""
    con = duckdb.connect(str(rebuilt))
    con.execute("SET checkpoint_threshold = '1TB'")
    con.execute("CREATE TABLE later AS SELECT range AS i FROM range(1000)")
    # a process that dies without closing leaves its log; copying the file and log imitates it here
    shutil.copyfile(rebuilt, rebuilt.with_name("snap.duckdb"))
    shutil.copyfile(Path(str(rebuilt) + ".wal"), rebuilt.with_name("snap.duckdb.wal"))
    con.close()
    snap = rebuilt.with_name("snap.duckdb")
    assert Path(str(snap) + ".wal").exists()
    assert cli.main(["compact", "--db", str(snap)]) == 0
    assert not Path(str(snap) + ".wal").exists()
    with duckdb.connect(str(snap), read_only=True) as c:
        assert c.execute("SELECT count(*), sum(i) FROM later").fetchone() == (1000, 499500)


def test_compact_of_a_missing_warehouse_says_how_to_make_one(tmp_path, capsys):
    assert cli.main(["compact", "--db", str(tmp_path / "none.duckdb")]) == 1
    err = capsys.readouterr().err
    assert "No warehouse at" in err and "compact:" not in err  # no progress bar before the message


def test_the_app_serves_the_same_figures_across_a_compaction(rebuilt):
    """The app holds the file open between reads (an anchor); compacted under it by another process, its
    next view shows the same figures, and an anchor it still holds is on the new file (it follows the
    inode), never the replaced one."""
    from apptest_helpers import run_page

    from analytics.core import warehouse

    def figures(at):
        return [(m.label, m.value) for m in at.metric]

    params = {"from": "2026-11-01", "to": "2026-11-21", "period": "custom", "grain": "day"}
    at = run_page(rebuilt, "overview", params)
    assert not at.exception
    before = figures(at)
    assert len(before) >= 4
    out = run_cli("compact", "--db", str(rebuilt))  # while this process may still hold the old file
    assert out.returncode == 0, out.stderr
    import streamlit as st

    st.cache_data.clear()
    again = run_page(rebuilt, "overview", params)
    assert not again.exception and figures(again) == before
    anchor = warehouse._anchors.get(str(rebuilt.resolve()))
    assert anchor is None or anchor.stamp == warehouse._file_stamp(rebuilt)
