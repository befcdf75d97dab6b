"""The incremental refresh finds a caller's history by caller key (fct_calls.caller_key), not by scanning
caller ids: a call's previous call may be any distance back (prev_interval_h, the hours since the caller's
previous call, is unbounded; only the repeat interval looks back 30 days), and the result must still equal
a full rebuild. Random import sequences over calls spread across more than a year — far beyond the repeat
window and the 30-day look-back — with re-imports that move calls between callers and back in time."""
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

DAY0 = dt.datetime(2024, 1, 1)
CALLERS = ("+4915550001", "+4915550002", "+4915550003", "")
CALL_IDS = tuple(f"L{i}" for i in range(10))
AGENTS = ("A1", "A2")
# days far apart: the same caller a year, a month, a week and hours apart
DAYS = (0, 1, 3, 40, 75, 200, 380, 400, 401)


def agents():
    rows = [{"agent_id": "S1", "name": "Sara", "role": "supervisor", "site": "North", "hired_on": dt.date(2020, 1, 1)}]
    rows += [{"agent_id": a, "name": a, "role": "agent", "site": "North", "supervisor_id": "S1",
              "hired_on": dt.date(2021, 1, 1)} for a in AGENTS]
    return rows


when = st.builds(lambda d, m: (DAY0 + dt.timedelta(days=d, minutes=m)).strftime("%Y-%m-%d %H:%M:%S"),
                 st.sampled_from(DAYS), st.integers(0, 24 * 60 - 1))


@st.composite
def call_file(draw):
    ids = draw(st.lists(st.sampled_from(CALL_IDS), min_size=1, max_size=5, unique=True))
    rows = []
    for cid in ids:
        answered = draw(st.booleans())
        rows.append({"call_id": cid, "arrived_at": draw(when), "queue": "sales",
                     "caller_id": draw(st.sampled_from(CALLERS)), "wait_s": "5",
                     "outcome": "answered" if answered else "abandoned",
                     "agent_id": draw(st.sampled_from(AGENTS)) if answered else "",
                     "talk_s": "120" if answered else "0"})
    return rows


def write_csv(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(list(rows[0]))
        w.writerows([list(r.values()) for r in rows])
    return path


def mart_rows(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {m: [tuple(round(v, 6) if isinstance(v, float) else v for v in r)
                    for r in con.execute(f"SELECT * FROM {m} ORDER BY ALL").fetchall()] for m in marts.MART_NAMES}
    finally:
        con.close()


def rebuilt(db: Path, work: Path) -> Path:
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
    path = tmp_path_factory.mktemp("history") / "base.duckdb"
    warehouse_builder.build(path, agents=agents())
    return path


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(files=st.lists(call_file(), min_size=2, max_size=4))
def test_calls_a_year_apart_refresh_like_a_full_rebuild(base, tmp_path, files):
    db = tmp_path / "wh.duckdb"
    shutil.copyfile(base, db)
    for n, rows in enumerate(files):
        result = import_file(db, "calls", write_csv(tmp_path / f"{n}.csv", rows))
        assert result.status == "imported", (rows, result.reason_counts)
        got, want = mart_rows(db), mart_rows(rebuilt(db, tmp_path))
        for m in marts.MART_NAMES:
            assert got[m] == want[m], f"{m} differs from a full rebuild after import {n}: {rows}"


def test_a_new_call_finds_the_callers_call_of_a_year_ago(base, tmp_path):
    """The daily case: today's caller last called 400 days ago; the hours since that call are exact and
    the old call's row (its next call) is updated, without a full rebuild."""
    db = tmp_path / "wh.duckdb"
    shutil.copyfile(base, db)
    old = [{"call_id": "Y1", "arrived_at": "2024-01-01 09:00:00", "queue": "sales", "caller_id": "+4915550009",
            "wait_s": "5", "outcome": "abandoned", "agent_id": "", "talk_s": "0"},
           {"call_id": "Y0", "arrived_at": "2025-02-03 09:00:00", "queue": "sales", "caller_id": "+4915550008",
            "wait_s": "5", "outcome": "abandoned", "agent_id": "", "talk_s": "0"}]
    assert import_file(db, "calls", write_csv(tmp_path / "old.csv", old)).status == "imported"
    new = [dict(old[0], call_id="Y2", arrived_at="2025-02-04 10:00:00")]
    with warehouse.write_connection(db) as con:
        con.execute("BEGIN")
        con.execute("CREATE TEMP TABLE incoming AS SELECT 'Y2' AS call_id")
        cap = marts.capture(con, "calls")
        con.execute("INSERT INTO calls (call_id, arrived_at, queue, caller_id, wait_s, outcome, talk_s) "
                    "SELECT 'Y2', ?, 'sales', caller_id, 5, 'abandoned', 0 FROM calls WHERE call_id = 'Y1'",
                    [new[0]["arrived_at"]])
        stats = marts.refresh(con, cap)
        rows = dict(con.execute("SELECT call_id, prev_interval_h FROM fct_calls WHERE call_id IN ('Y1', 'Y2')").fetchall())
        nxt = con.execute("SELECT next_arrival FROM fct_calls WHERE call_id = 'Y1'").fetchone()[0]
        con.execute("COMMIT")
    assert stats["mode"] == "incremental"
    assert rows == {"Y1": None, "Y2": pytest.approx((dt.datetime(2025, 2, 4, 10) - dt.datetime(2024, 1, 1, 9)).total_seconds() / 3600)}
    assert nxt == dt.datetime(2025, 2, 4, 10)
    assert mart_rows(db) == mart_rows(rebuilt(db, tmp_path))


def test_the_stored_caller_key_is_the_lookup_key(base, tmp_path):
    """fct_calls.caller_key (sql/marts/10_fct_calls.sql) and the refresh's lookup (marts.CALLER_KEY_SQL)
    are one definition: the same value for every stored caller id."""
    db = tmp_path / "wh.duckdb"
    shutil.copyfile(base, db)
    rows = [{"call_id": f"K{i}", "arrived_at": f"2024-03-0{i + 1} 10:00:00", "queue": "sales",
             "caller_id": c, "wait_s": "5", "outcome": "abandoned", "agent_id": "", "talk_s": "0"}
            for i, c in enumerate(("+4915550001", "پشتیبانی 中文", ""))]
    assert import_file(db, "calls", write_csv(tmp_path / "k.csv", rows)).status == "imported"
    con = duckdb.connect(str(db), read_only=True)
    try:
        mismatched = con.execute(
            f"SELECT count(*) FROM fct_calls WHERE caller_key IS DISTINCT FROM {marts.CALLER_KEY_SQL.format('caller_id')}"
        ).fetchone()[0]
        keyed = con.execute("SELECT count(caller_key), count(*) FROM fct_calls").fetchone()
    finally:
        con.close()
    assert mismatched == 0 and keyed == (2, 3)  # the unknown caller has no key
