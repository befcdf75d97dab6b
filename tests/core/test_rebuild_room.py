"""A full rebuild of the marts checks its disk first and runs under the rebuild's memory cap: on a disk
without room for its spill, `refresh --full`, the generator's last step and an import's own rebuild say
so plainly and change nothing (no half-built marts)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics import cli
from analytics.core import marts, warehouse
from analytics.importer import import_file
from analytics.sample import generate

ROOT = Path(__file__).resolve().parents[2]


def _mart_counts(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        have = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        return {m: con.execute(f"SELECT count(*) FROM {m}").fetchone()[0] for m in marts.MART_NAMES if m in have}
    finally:
        con.close()


def test_refresh_full_refuses_a_disk_without_room_and_changes_nothing(sample_db, tmp_path, monkeypatch, capsys):
    db = tmp_path / "wh.duckdb"
    shutil.copyfile(sample_db, db)
    before = _mart_counts(db)
    with duckdb.connect(str(db)) as con:  # a mart a full rebuild would recreate: it must survive the refusal
        con.execute("DELETE FROM agg_calls_queue_hourly WHERE queue = (SELECT min(queue) FROM agg_calls_queue_hourly)")
    damaged = _mart_counts(db)
    assert damaged != before
    monkeypatch.setattr(warehouse, "REBUILD_SPILL_BYTES_PER_CALL", 10 ** 15)  # more than any disk has
    assert cli.main(["refresh", "--full", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "Not enough free disk for a full rebuild" in err and "Nothing was changed" in err, err
    assert str(db) + ".tmp" in err  # the temp directory it would have used, beside the warehouse
    assert _mart_counts(db) == damaged
    monkeypatch.setattr(warehouse, "REBUILD_SPILL_BYTES_PER_CALL", 0)
    assert cli.main(["refresh", "--full", "--db", str(db)]) == 0
    assert _mart_counts(db) == before


def test_the_generator_keeps_its_data_without_half_built_marts_when_the_disk_is_short(tmp_path, monkeypatch):
    monkeypatch.setattr(warehouse, "REBUILD_SPILL_BYTES_PER_CALL", 10 ** 15)
    db = tmp_path / "gen.duckdb"
    stats = generate(db, preset="small", seed=3, months=1, agents=12)
    assert stats["marts"].startswith("Not enough free disk"), stats["marts"]
    assert str(db) in stats["marts"] and ".building" not in stats["marts"]  # names the file the user has
    assert _mart_counts(db) == {}                       # no mart half-written
    assert stats["rows"]["calls"] > 0                   # the generated data is kept
    monkeypatch.setattr(warehouse, "REBUILD_SPILL_BYTES_PER_CALL", 0)
    assert cli.main(["refresh", "--full", "--db", str(db)]) == 0
    assert _mart_counts(db)["fct_calls"] == stats["rows"]["calls"]


def test_an_import_that_must_rebuild_says_so_and_imports_nothing(tmp_path, monkeypatch):
    """The first import into a new warehouse rebuilds the marts in full: on a short disk it is refused
    and leaves no warehouse behind."""
    monkeypatch.setattr(warehouse, "REBUILD_SPILL_BYTES_PER_CALL", 10 ** 15)
    csv = tmp_path / "calls.csv"
    csv.write_text("call_id,arrived_at,queue,caller_id,wait_s,outcome,agent_id,talk_s\n"
                   "c1,2024-03-01 10:00:00,sales,+4915550001,5,abandoned,,0\n", encoding="utf-8")
    db = tmp_path / "new.duckdb"
    with pytest.raises(warehouse.NoRoomForRebuild):
        import_file(db, "calls", csv)
    assert not db.exists()


def test_the_rebuild_runs_under_its_own_cap_and_gives_the_writer_its_cap_back(tmp_path, monkeypatch):
    monkeypatch.setenv(warehouse.REBUILD_MEMORY_ENV, "300MB")
    db = tmp_path / "cap.duckdb"
    con = duckdb.connect(str(db))
    try:
        warehouse.tune_for_writes(con, db)
        writer = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        with warehouse.rebuild_room(con):
            inside = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        after = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        temp = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    finally:
        con.close()
    assert inside.startswith("286") or inside.startswith("300"), inside  # DuckDB shows 300 MB in MiB
    mib = lambda text: float(text.split()[0])  # noqa: E731 - DuckDB prints the cap rounded to 0.1 MiB
    assert abs(mib(after) - mib(writer)) < 1 and abs(mib(inside) - mib(writer)) > 100
    assert Path(temp) == Path(str(db) + ".tmp")


def test_a_command_loads_only_its_own_module():
    """`import` must not pay for scikit-learn (the attrition command's module) at start-up."""
    code = ("import sys; from analytics import cli; cli.build_parser(['import', '--help']); "
            "print(sorted(m for m in sys.modules if m.startswith('analytics.commands.')), "
            "'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['analytics.commands.import_'] False", out.stdout


def test_every_command_file_is_named_after_its_command():
    """The CLI finds a command's module by name (import_.py is `import`); --help still lists them all."""
    import importlib
    import pkgutil

    from analytics import commands

    for info in pkgutil.iter_modules(commands.__path__):
        if not info.name.startswith("_"):
            assert importlib.import_module(f"analytics.commands.{info.name}").NAME == info.name.rstrip("_")
    listed = cli.build_parser(["--help"])._subparsers._group_actions[0].choices
    assert {"import", "attrition", "refresh", "sample", "bench"} <= set(listed)
