"""An import refreshes only the marts its rows touch; the result must equal a full rebuild.

Random sequences of real imports (CSV files through import_file) into a small hand-built warehouse:
calls arriving out of order, re-imports that change old calls (caller, time, agent, outcome), moves of
the data end in both directions, evaluations, surveys, shifts and team changes. After every import each
mart table is compared row by row with a copy of the warehouse rebuilt in full."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from analytics.core import marts, warehouse
from analytics.importer import import_file

import warehouse_builder

DAY0 = dt.datetime(2024, 3, 1)
AGENTS = ("A1", "A2", "A3")
CALLERS = ("+4915550001", "+4915550002", "+4915550003", "+4915550004", "")
CALL_IDS = tuple(f"K{i}" for i in range(14))


def base_agents():
    rows = [
        {"agent_id": "S1", "name": "Sara", "role": "supervisor", "site": "North", "hired_on": dt.date(2020, 1, 1)},
        {"agent_id": "S2", "name": "Sami", "role": "supervisor", "site": "South", "hired_on": dt.date(2020, 1, 1)},
        {"agent_id": "C1", "name": "Cem", "role": "coach", "site": "North", "hired_on": dt.date(2020, 1, 1)},
    ]
    for i, a in enumerate(AGENTS):
        rows.append({"agent_id": a, "name": f"Agent {a}", "role": "agent", "site": "North",
                     "supervisor_id": "S1", "coach_id": "C1", "hired_on": dt.date(2021, 1, 1 + i)})
    return rows


when = st.builds(lambda d, m: (DAY0 + dt.timedelta(days=d, minutes=m)).strftime("%Y-%m-%d %H:%M:%S"),
                 st.integers(0, 40), st.integers(0, 24 * 60 - 1))


@st.composite
def call_rows(draw):
    ids = draw(st.lists(st.sampled_from(CALL_IDS), min_size=1, max_size=6, unique=True))
    rows = []
    for cid in ids:
        answered = draw(st.booleans())
        rows.append({
            "call_id": cid, "arrived_at": draw(when), "queue": draw(st.sampled_from(("sales", "support"))),
            "caller_id": draw(st.sampled_from(CALLERS)),
            "wait_s": str(draw(st.integers(0, 90))), "outcome": "answered" if answered else "abandoned",
            "agent_id": draw(st.sampled_from(AGENTS)) if answered else "",
            "talk_s": str(draw(st.integers(30, 600))) if answered else "0",
            "hold_s": str(draw(st.integers(0, 60))), "resolved": draw(st.sampled_from(("true", "false", ""))),
        })
    return "calls", rows


@st.composite
def evaluation_rows(draw):
    ids = draw(st.lists(st.sampled_from([f"E{i}" for i in range(6)]), min_size=1, max_size=4, unique=True))
    return "evaluations", [{
        "evaluation_id": e, "call_id": draw(st.sampled_from(CALL_IDS + ("",))),
        "agent_id": draw(st.sampled_from(AGENTS)), "evaluator_id": "S1", "evaluated_at": draw(when),
        "score": str(draw(st.integers(40, 100))), "kind": draw(st.sampled_from(("human", "auto"))),
    } for e in ids]


@st.composite
def survey_rows(draw):
    ids = draw(st.lists(st.sampled_from(CALL_IDS), min_size=1, max_size=4, unique=True))
    return "surveys", [{"call_id": c, "csat": str(draw(st.integers(1, 5))), "nps": str(draw(st.integers(0, 10)))}
                       for c in ids]


@st.composite
def shift_rows(draw):
    keys = draw(st.lists(st.tuples(st.sampled_from(AGENTS), st.integers(0, 40)), min_size=1, max_size=4, unique=True))
    return "shifts", [{
        "agent_id": a, "date": (DAY0 + dt.timedelta(days=d)).date().isoformat(), "scheduled_s": "28800",
        "logged_in_s": str(draw(st.integers(0, 28800))), "absent": draw(st.sampled_from(("true", "false"))),
    } for a, d in keys]


@st.composite
def agent_rows(draw):
    chosen = draw(st.lists(st.sampled_from(AGENTS), min_size=1, max_size=3, unique=True))
    by_id = {a["agent_id"]: a for a in base_agents()}
    rows = []
    for a in chosen:
        row = {k: str(v) for k, v in by_id[a].items()}
        row["supervisor_id"] = draw(st.sampled_from(("S1", "S2")))
        row["site"] = draw(st.sampled_from(("North", "South")))
        rows.append(row)
    return "agents", rows


imports = st.lists(st.one_of(call_rows(), call_rows(), call_rows(), evaluation_rows(), survey_rows(),
                             shift_rows(), agent_rows()), min_size=1, max_size=5)


def write_csv(path: Path, rows: list[dict]) -> Path:
    header = list(rows[0])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows([[r[c] for c in header] for r in rows])
    return path


def _norm(v):
    return round(v, 6) if isinstance(v, float) else v


def mart_rows(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {m: [tuple(_norm(v) for v in r) for r in con.execute(f"SELECT * FROM {m} ORDER BY ALL").fetchall()]
                for m in marts.MART_NAMES}
    finally:
        con.close()


def rebuilt_in_full(db: Path, work: Path) -> Path:
    copy = work / "full.duckdb"
    copy.unlink(missing_ok=True)
    warehouse.release_anchors()
    shutil.copyfile(db, copy)
    with warehouse.write_connection(copy) as con:
        con.execute("BEGIN")
        warehouse.refresh_marts(con)
        con.execute("COMMIT")
    return copy


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("incremental") / "base.duckdb"
    warehouse_builder.build(path, agents=base_agents())
    return path


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(steps=imports)
def test_incremental_equals_full(base, tmp_path, steps):
    db = tmp_path / "wh.duckdb"
    db.unlink(missing_ok=True)
    shutil.copyfile(base, db)
    for n, (table, rows) in enumerate(steps):
        result = import_file(db, table, write_csv(tmp_path / f"{n}-{table}.csv", rows))
        assert result.status == "imported", (table, rows, result.reason_counts, result.examples)
        got = mart_rows(db)
        want = mart_rows(rebuilt_in_full(db, tmp_path))
        for m in marts.MART_NAMES:
            assert got[m] == want[m], f"{m} differs from a full rebuild after import {n} ({table}): {rows}"


def test_refresh_is_incremental_for_a_new_day(base, tmp_path):
    """A day of calls after the data end recomputes that day and the censoring band, not the history."""
    db = tmp_path / "wh.duckdb"
    shutil.copyfile(base, db)
    old = [{"call_id": f"H{i}", "arrived_at": (DAY0 + dt.timedelta(days=i)).strftime("%Y-%m-%d 10:00:00"),
            "queue": "sales", "caller_id": f"+49{i:09d}", "wait_s": "5", "outcome": "abandoned",
            "agent_id": "", "talk_s": "0"} for i in range(30)]
    assert import_file(db, "calls", write_csv(tmp_path / "history.csv", old)).status == "imported"
    new = [dict(old[0], call_id="N1", arrived_at=(DAY0 + dt.timedelta(days=30)).strftime("%Y-%m-%d 11:00:00"),
                caller_id="+49999")]
    with warehouse.write_connection(db) as con:
        con.execute("BEGIN")
        con.execute("CREATE TEMP TABLE incoming AS SELECT 'N1' AS call_id")
        cap = marts.capture(con, "calls")
        con.execute("INSERT INTO calls (call_id, arrived_at, queue, caller_id, wait_s, outcome, talk_s) "
                    "VALUES ('N1', ?, 'sales', 'x', 5, 'abandoned', 0)", [new[0]["arrived_at"]])
        stats = marts.refresh(con, cap)
        con.execute("ROLLBACK")
    assert stats["mode"] == "incremental"
    # the new call plus the calls within one repeat window (7 days) before the old data end
    assert stats["calls_recomputed"] <= 9, stats
    assert stats["days"] <= 3, stats
