"""Org-chart history: team KPIs, headcount and a supervisor's scope follow the assignment valid on the
date (hand-built warehouse with known answers); assignments import and agents-import moves."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb

from analytics.core import warehouse
from analytics.importer import import_file
from warehouse_builder import build
from csv_files import write_csv

REPO = Path(__file__).resolve().parents[2]

AGENTS = [
    dict(agent_id="S1", name="Sup One", role="supervisor", hired_on="2020-01-01"),
    dict(agent_id="S2", name="Sup Two", role="supervisor", hired_on="2020-01-01"),
    # agents holds the current org chart: A1 is in S2's team today (since 1 April 2024)
    dict(agent_id="A1", name="Ann", role="agent", supervisor_id="S2", hired_on="2023-01-01"),
    dict(agent_id="A2", name="Bob", role="agent", supervisor_id="S1", hired_on="2023-01-01"),
]


def _calls():
    rows = []
    for i in range(10):  # March: A1 answers 10 calls (in S1's team then)
        rows.append(dict(call_id=f"m{i}", arrived_at=f"2024-03-{i + 5:02d} 10:00", queue="q", wait_s=5,
                         outcome="answered", agent_id="A1", talk_s=100))
    for i in range(3):   # March: A2 answers 3
        rows.append(dict(call_id=f"b{i}", arrived_at=f"2024-03-{i + 5:02d} 11:00", queue="q", wait_s=5,
                         outcome="answered", agent_id="A2", talk_s=100))
    for i in range(5):   # April: A1 answers 5 (in S2's team now)
        rows.append(dict(call_id=f"a{i}", arrived_at=f"2024-04-{i + 5:02d} 10:00", queue="q", wait_s=5,
                         outcome="answered", agent_id="A1", talk_s=100))
    for i in range(4):   # April: A2 answers 4, two before and two after 15 April
        rows.append(dict(call_id=f"c{i}", arrived_at=f"2024-04-{[3, 10, 20, 25][i]:02d} 11:00", queue="q",
                         wait_s=5, outcome="answered", agent_id="A2", talk_s=100))
    return rows




def kpis(db: Path, start: str, end: str, *extra: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(db), "--from", start, "--to", end,
                           "--by", "supervisor", "--kpi", "answered,headcount", "--format", "json", *extra],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {row["supervisor"]: row for row in json.loads(done.stdout)}


def history_db(tmp_path) -> Path:
    db = build(tmp_path / "org.duckdb", agents=AGENTS, calls=_calls())
    path = write_csv(tmp_path / "assignments.csv", ["agent_id", "valid_from", "valid_to", "supervisor_id", "site"], [
        ["A1", "2023-01-01", "2024-04-01", "S1", "Tehran"],
        ["A1", "2024-04-01", "", "S2", "Tehran"],
    ])
    result = import_file(db, "assignments", path)
    assert result.status == "imported", result.examples
    return db


def test_team_kpis_before_a_move_count_the_agent_in_the_old_team(tmp_path):
    db = history_db(tmp_path)
    march = kpis(db, "2024-03-01", "2024-03-31")
    assert march["S1"]["answered"] == 13          # A1's 10 March calls + A2's 3: A1 was in S1's team
    assert march.get("S2", {}).get("answered") in (None, 0)
    assert march["S1"]["headcount"] == 2          # at the month's end both agents sat under S1
    april = kpis(db, "2024-04-01", "2024-04-30")
    assert april["S2"]["answered"] == 5 and april["S1"]["answered"] == 4
    assert april["S1"]["headcount"] == 1 and april["S2"]["headcount"] == 1


def test_supervisor_scope_covers_agents_while_in_the_team(tmp_path):
    db = history_db(tmp_path)
    with warehouse.read_connection(db, teams=("S1",)) as con:
        seen = {r[0] for r in con.execute("SELECT call_id FROM calls").fetchall()}
        facts = {r[0] for r in con.execute("SELECT call_id FROM fct_calls").fetchall()}
    a1_march = {f"m{i}" for i in range(10)}
    a1_april = {f"a{i}" for i in range(5)}
    assert a1_march <= seen and not (a1_april & seen)
    assert a1_march <= facts and not (a1_april & facts)
    with warehouse.read_connection(db, teams=("S2",)) as con:
        seen = {r[0] for r in con.execute("SELECT call_id FROM calls").fetchall()}
    assert a1_april <= seen and not (a1_march & seen)


def test_agents_import_that_moves_someone_closes_and_opens_assignments(tmp_path):
    db = history_db(tmp_path)
    moved = write_csv(tmp_path / "agents.csv", ["agent_id", "name", "supervisor_id", "site", "role", "hired_on"], [
        ["A2", "Bob", "S2", "", "agent", "2023-01-01"],        # moves from S1 to S2
        ["A1", "Ann", "S2", "Tehran", "agent", "2023-01-01"],  # unchanged
    ])
    result = import_file(db, "agents", moved, as_of=date(2024, 4, 15))
    assert result.status == "imported"
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT agent_id, valid_from, valid_to, supervisor_id FROM assignments "
                           "ORDER BY agent_id, valid_from").fetchall()
    assert rows == [
        ("A1", date(2023, 1, 1), date(2024, 4, 1), "S1"),
        ("A1", date(2024, 4, 1), None, "S2"),
        ("A2", date(2023, 1, 1), date(2024, 4, 15), "S1"),
        ("A2", date(2024, 4, 15), None, "S2"),
    ]
    april = kpis(db, "2024-04-01", "2024-04-30")
    assert april["S1"]["answered"] == 2 and april["S2"]["answered"] == 5 + 2
    # importing the same file again the same day changes nothing more
    assert import_file(db, "agents", moved, as_of=date(2024, 4, 15)).status == "imported"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM assignments").fetchall()[0][0] == 4


def test_overlapping_or_empty_periods_are_rejected(tmp_path):
    db = build(tmp_path / "org.duckdb", agents=AGENTS)
    before = (tmp_path / "org.duckdb").read_bytes()
    path = write_csv(tmp_path / "bad.csv", ["agent_id", "valid_from", "valid_to", "supervisor_id"], [
        ["A1", "2023-01-01", "2024-05-01", "S1"],
        ["A1", "2024-04-01", "", "S2"],           # overlaps row 2
        ["A2", "2024-01-01", "2024-01-01", "S1"],  # empty period
        ["A9", "2024-01-01", "", "S1"],            # unknown person
    ])
    result = import_file(db, "assignments", path)
    assert result.status == "rejected"
    found = {(r, c, why) for r, c, why, _ in result.examples}
    assert {(2, "valid_from", "overlapping_period"), (3, "valid_from", "overlapping_period"),
            (4, "valid_to", "empty_period"), (5, "agent_id", "unknown_agent")} <= found
    assert (tmp_path / "org.duckdb").read_bytes() == before


def test_placeholders_are_flagged_listed_and_not_counted_until_their_record_arrives(tmp_path):
    db = build(tmp_path / "org.duckdb", agents=AGENTS)
    path = write_csv(tmp_path / "calls.csv", ["call_id", "arrived_at", "queue", "wait_s", "outcome", "agent_id", "talk_s"],
                     [["n1", "2024-03-04 10:00", "q", "5", "answered", "NEW1", "60"]])
    assert import_file(db, "calls", path, create_missing_agents=True).agents_created == 1
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT agent_id, table_name FROM placeholder_agents").fetchall() == [("NEW1", "calls")]
    march = kpis(db, "2024-03-01", "2024-03-31")
    assert sum(r["headcount"] or 0 for r in march.values()) == 2  # A1, A2: NEW1 is a placeholder
    real = write_csv(tmp_path / "agents.csv", ["agent_id", "name", "supervisor_id", "role", "hired_on"],
                     [["NEW1", "Neda", "S1", "agent", "2024-03-01"]])
    assert import_file(db, "agents", real).status == "imported"
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM placeholder_agents").fetchall()[0][0] == 0
    march = kpis(db, "2024-03-01", "2024-03-31")
    assert march["S1"]["headcount"] == 2  # A2 and now NEW1 (A1 sits under S2 today, no history here)
