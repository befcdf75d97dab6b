"""Shifts may carry optional start/end times; given, they must come in pairs and cover scheduled_s."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analytics.core import warehouse
from analytics.importer import import_file

HEADER = ["agent_id", "date", "scheduled_s", "logged_in_s", "adherent_s", "absent", "start_time", "end_time"]


def _wh(tmp_path: Path) -> Path:
    db = warehouse.init(tmp_path / "wh.duckdb")
    with warehouse.write_connection(db) as con:
        con.execute("INSERT INTO agents (agent_id, name, role, hired_on) VALUES ('A1', 'Ana', 'agent', DATE '2024-01-01')")
    return db


def _csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def test_times_load_and_overnight_shift_is_valid(tmp_path):
    db = _wh(tmp_path)
    f = _csv(tmp_path / "s.csv", [
        ["A1", "2024-05-01", "28800", "27000", "", "false", "09:00", "17:30"],
        ["A1", "2024-05-02", "28800", "27000", "", "false", "22:00", "06:00"],  # ends after midnight
        ["A1", "2024-05-03", "28800", "27000", "", "false", "", ""],            # times stay optional
    ])
    result = import_file(db, "shifts", f)
    assert result.ok, result
    with warehouse.read_connection(db) as con:
        got = con.execute("SELECT date::VARCHAR, start_time::VARCHAR, end_time::VARCHAR FROM stg_shifts ORDER BY date").fetchall()
    assert got == [("2024-05-01", "09:00:00", "17:30:00"), ("2024-05-02", "22:00:00", "06:00:00"),
                   ("2024-05-03", None, None)]


@pytest.mark.parametrize("start,end,reason", [
    ("09:00", "", "shift_time_missing"),
    ("09:00", "16:00", "shift_shorter_than_scheduled"),  # 7 h for an 8 h scheduled shift
    ("9 o'clock", "17:00", "not_a_time"),
])
def test_bad_times_are_rejected(tmp_path, start, end, reason):
    db = _wh(tmp_path)
    f = _csv(tmp_path / "s.csv", [["A1", "2024-05-01", "28800", "27000", "", "false", start, end]])
    result = import_file(db, "shifts", f)
    assert not result.ok
    text = Path(str(f) + ".rejected.csv").read_text(encoding="utf-8")
    assert reason in text
    with warehouse.read_connection(db) as con:
        assert con.execute("SELECT count(*) FROM shifts").fetchone() == (0,)


def test_sample_generator_writes_times_that_cover_the_day(tmp_path):
    """The generator's shift times span at least the scheduled seconds (8 h + lunch, or 6 h)."""
    from analytics.sample.generate import generate
    db = tmp_path / "s.duckdb"
    generate(db, "small", months=1, agents=12)
    with warehouse.read_connection(db) as con:
        bad, n, truth = con.execute(
            "SELECT count(*) FILTER (WHERE epoch(end_time) - epoch(start_time) < scheduled_s), count(*), "
            "(SELECT count(*) FROM truth.queue_interval_intensity) FROM shifts").fetchone()
    assert n > 0 and bad == 0 and truth > 0
