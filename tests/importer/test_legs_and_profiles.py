"""Transfer legs stitched into one call; mapping profiles (bundled and saved) matched by their columns."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.core import warehouse
from analytics.importer import ImportInputError, import_file, profiles
from analytics.importer.assistant import Pick, Spec, to_sql

REPO = Path(__file__).resolve().parents[2]
EXPORTS = Path(__file__).resolve().parent / "exports"
CTR = EXPORTS / "amazon_connect_ctr.jsonl"


def calls(db: Path) -> dict:
    with duckdb.connect(str(db), read_only=True) as con:
        cur = con.execute("SELECT * FROM calls ORDER BY call_id")
        names = [d[0] for d in cur.description]
        return {r[0]: dict(zip(names, r)) for r in cur.fetchall()}


def test_ctr_legs_become_one_call(tmp_path):
    db = tmp_path / "w.duckdb"
    ctr = profiles.find(db, "Amazon Connect contact records (CTR)")
    result = import_file(db, "calls", CTR, ctr.sql, create_missing_agents=True)
    assert result.status == "imported" and result.calls_stitched == 7 and result.rows_accepted == 8
    got = calls(db)
    assert len(got) == 7 and "0a1b-0005" not in got  # the second leg is not a call of its own
    t = got["0a1b-0004"]
    assert (t["legs"], t["transferred"], t["outcome"]) == (2, True, "answered")
    assert t["agent_id"] == "jdoe"              # the first leg's answering agent is kept
    assert t["queue"] == "Billing"              # the queue the call entered first
    assert (t["talk_s"], t["hold_s"], t["acw_s"], t["hold_count"]) == (420, 60, 50, 2)  # handle time summed
    assert t["wait_s"] == 8                     # the wait until the first answer
    single = got["0a1b-0001"]
    assert (single["legs"], single["transferred"]) == (1, False)
    assert got["0a1b-0002"]["outcome"] == "abandoned" and got["0a1b-0002"]["agent_id"] is None
    # offered once: re-importing the same legs updates the 7 calls
    again = import_file(db, "calls", CTR, ctr.sql, create_missing_agents=True)
    assert (again.rows_inserted, again.rows_updated) == (0, 7)


def test_duplicate_leg_is_rejected_with_its_row(tmp_path):
    lines = CTR.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "dup.jsonl"
    bad.write_text("\n".join(lines + [lines[4]]) + "\n", encoding="utf-8")  # leg 0a1b-0005 twice
    ctr = profiles.find(tmp_path / "w.duckdb", "Amazon Connect contact records (CTR)")
    result = import_file(tmp_path / "w.duckdb", "calls", bad, ctr.sql, create_missing_agents=True)
    assert result.status == "rejected"
    assert {(r, c, why) for r, c, why, _ in result.examples} == {(5, "call_id/leg_id", "duplicate_key"),
                                                                 (9, "call_id/leg_id", "duplicate_key")}
    assert not (tmp_path / "w.duckdb").exists()


def test_referenced_columns():
    sql = 'SELECT source_row, "Call ID" AS call_id, lower("a""b") AS x, "Queue.Name" FROM raw WHERE "Z" > \'1\''
    assert set(profiles.referenced_columns(sql)) == {"Call ID", 'a"b', "Queue.Name", "Z"}


def test_saved_profile_offered_and_missing_columns_named(tmp_path):
    db = warehouse.init(tmp_path / "w.duckdb")
    acd = REPO / "sample_data" / "acd_export"
    sql = (acd / "calls_mapping.sql").read_text(encoding="utf-8")
    saved = profiles.save(db, "ACD calls", "calls", sql, note="nightly ACD export")
    assert saved.fingerprint == profiles.fingerprint(reversed(saved.columns))
    header = ["Call ID", "Start Time", "Skill", "ANI", "Disposition", "Agent Login", "Queue Time", "Talk Time",
              "Hold Time", "Wrap Time", "Transferred", "Contact Reason"]
    offered = profiles.matching(profiles.all_profiles(db), "calls", header)
    assert [p.name for p in offered] == ["ACD calls"]
    assert profiles.matching(profiles.all_profiles(db), "agents", header) == []
    with pytest.raises(ImportInputError, match="missing columns Talk Time, Wrap Time"):
        profiles.check(saved, "calls.csv", [h for h in header if h not in ("Talk Time", "Wrap Time")])


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "analytics", "import", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def test_cli_profile(tmp_path):
    db = tmp_path / "w.duckdb"
    done = run_cli("--db", str(db), "--table", "calls", "--file", str(CTR),
                   "--profile", "Amazon Connect contact records (CTR)", "--create-missing-agents")
    assert done.returncode == 0, done.stderr
    assert "8 legs → 7 calls" in done.stdout
    acd = REPO / "sample_data" / "acd_export"
    wrong = run_cli("--db", str(db), "--table", "calls", "--file", str(acd / "calls.csv"),
                    "--profile", "Amazon Connect contact records (CTR)")
    assert wrong.returncode == 2
    assert "does not match mapping profile 'Amazon Connect contact records (CTR)': missing columns" in wrong.stderr
    assert "ContactId" in wrong.stderr
    unknown = run_cli("--db", str(db), "--table", "calls", "--file", str(CTR), "--profile", "nope")
    assert unknown.returncode == 2 and "no mapping profile named 'nope'" in unknown.stderr


def test_call_view_shows_the_leg_count(tmp_path):
    db = tmp_path / "w.duckdb"
    ctr = profiles.find(db, "Amazon Connect contact records (CTR)")
    assert import_file(db, "calls", CTR, ctr.sql, create_missing_agents=True).ok
    sql = warehouse.read_sql("queries/agents_call_detail.sql")
    with warehouse.read_connection(db) as con:
        transfer = con.execute(sql, {"call": "0a1b-0004", "agent": "jdoe"}).df()
        single = con.execute(sql, {"call": "0a1b-0001", "agent": "jdoe"}).df()
    assert transfer.loc[0, "legs"] == 2 and bool(transfer.loc[0, "transferred"])
    assert single.loc[0, "legs"] == 1


def test_single_leg_export_reports_no_stitching(tmp_path):
    # A leg profile maps leg_id, so its export goes through stitching even when every call has one leg;
    # the summary used to claim "7 legs → 7 calls" for it.
    from analytics.importer.report import summary

    lines = CTR.read_text(encoding="utf-8").splitlines()
    single = tmp_path / "single.jsonl"
    single.write_text("\n".join(lines[:4] + lines[5:]) + "\n", encoding="utf-8")  # without leg 0a1b-0005
    ctr = profiles.find(tmp_path / "w.duckdb", "Amazon Connect contact records (CTR)")
    result = import_file(tmp_path / "w.duckdb", "calls", single, ctr.sql, create_missing_agents=True)
    assert result.status == "imported" and result.rows_accepted == 7 and not result.legs_stitched
    assert "stitched" not in summary(result)
    both = import_file(tmp_path / "w2.duckdb", "calls", CTR, ctr.sql, create_missing_agents=True)
    assert both.legs_stitched and "8 legs → 7 calls" in summary(both)


def test_an_empty_leg_id_column_is_not_a_leg_export(tmp_path):
    # the quarantine file of a calls import has a leg_id column, empty: importing it back is no stitching
    from analytics.importer.report import summary
    from csv_files import write_csv

    f = write_csv(tmp_path / "calls.csv", ["call_id", "arrived_at", "queue", "outcome", "talk_s", "leg_id"],
                  [[f"C{i}", "2024-04-01 09:00:00", "sales", "abandoned", "0", ""] for i in range(4)])
    result = import_file(tmp_path / "w.duckdb", "calls", f)
    assert result.status == "imported" and result.calls_stitched is None
    assert "stitched" not in summary(result)
    assert {(c["legs"], c["transferred"]) for c in calls(tmp_path / "w.duckdb").values()} == {(None, None)}
