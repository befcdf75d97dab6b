"""Every team KPI reads the team through one view, stg_agent_team_at_date: change that view (as an
org-chart history will) and calls, evaluations, shifts and headcount follow the team valid on their date.

Hand-built case: agent A1 works for S1 until 2026-03-10 and for S2 from then on (site X, then Y).
Written-out answers, 2026-03-09 … 2026-03-11:
- calls: c1 (03-09, A1) is S1's, c2 (03-10, A1) and c3 (03-11, A1) are S2's → answered S1 1, S2 2;
- evaluations: e1 (03-09) S1, e2 (03-11) S2 → one each;
- shifts: 03-09 S1, 03-10 and 03-11 S2 → S1 1 absent of 1 shift (100 %), S2 0 of 2 (0 %);
- headcount at 03-11 (last day): S1 0, S2 1 (A1), and for 03-09 alone: S1 1, S2 0.
Today the view holds the current team (agents.supervisor_id): every row is S2's.
"""
from datetime import date

import pytest

from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from warehouse_builder import build

AGENTS = [
    dict(agent_id="S1", name="Sara", role="supervisor", site="X", hired_on="2020-01-01"),
    dict(agent_id="S2", name="Sam", role="supervisor", site="Y", hired_on="2020-01-01"),
    dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S2", site="Y", hired_on="2025-01-01"),
]
CALLS = [
    dict(call_id=f"c{i}", arrived_at=f"2026-03-{d} 10:00", queue="Q1", caller_id=None, wait_s=5,
         outcome="answered", agent_id="A1", talk_s=100)
    for i, d in ((1, "09"), (2, "10"), (3, "11"))
]
EVALUATIONS = [
    dict(evaluation_id="e1", call_id="c1", agent_id="A1", evaluator_id="S1", evaluated_at="2026-03-09 12:00",
         score=90, kind="human"),
    dict(evaluation_id="e2", call_id="c3", agent_id="A1", evaluator_id="S2", evaluated_at="2026-03-11 12:00",
         score=70, kind="human"),
]
SHIFTS = [
    dict(agent_id="A1", date="2026-03-09", scheduled_s=3600, logged_in_s=0, adherent_s=None, absent=True),
    dict(agent_id="A1", date="2026-03-10", scheduled_s=3600, logged_in_s=3600, adherent_s=3600, absent=False),
    dict(agent_id="A1", date="2026-03-11", scheduled_s=3600, logged_in_s=3600, adherent_s=3600, absent=False),
]
HISTORY = """
CREATE OR REPLACE VIEW stg_agent_team_at_date AS
SELECT agent_id, NULL::DATE AS valid_from, NULL::DATE AS valid_to, supervisor_id, coach_id, site, role
FROM agents WHERE agent_id <> 'A1'
UNION ALL SELECT 'A1', NULL, DATE '2026-03-10', 'S1', NULL, 'X', 'agent'
UNION ALL SELECT 'A1', DATE '2026-03-10', NULL, 'S2', NULL, 'Y', 'agent'
"""
KPIS = ["answered", "evaluations", "absence_rate_pct", "headcount"]


def _build(path, history: bool):
    build(path, agents=AGENTS, calls=CALLS, evaluations=EVALUATIONS, shifts=SHIFTS)
    if history:
        with warehouse.write_connection(path) as con:
            con.execute(HISTORY)
            warehouse.refresh_marts(con)
    return path


@pytest.fixture(scope="module")
def dbs(tmp_path_factory):
    root = tmp_path_factory.mktemp("team_at_date")
    return {"current": _build(root / "current.duckdb", False), "history": _build(root / "history.duckdb", True)}


def by_supervisor(db, start="2026-03-09", end="2026-03-11", **dims):
    f = Filters(start=date.fromisoformat(start), end=date.fromisoformat(end), **dims)
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, f, KPIS, by="supervisor")
    return {r["supervisor"]: {k: (None if r[k] != r[k] else r[k]) for k in KPIS} for r in df.to_dict("records")}


def test_today_the_team_is_the_current_one(dbs):
    rows = by_supervisor(dbs["current"])
    assert rows["S2"] == {"answered": 3, "evaluations": 2, "absence_rate_pct": pytest.approx(100 / 3),
                          "headcount": 1}
    assert "S1" not in rows or not rows["S1"]["answered"]


def test_with_a_history_every_team_kpi_follows_the_team_on_the_date(dbs):
    rows = by_supervisor(dbs["history"])
    assert rows["S1"]["answered"] == 1 and rows["S2"]["answered"] == 2
    assert rows["S1"]["evaluations"] == 1 and rows["S2"]["evaluations"] == 1
    assert rows["S1"]["absence_rate_pct"] == pytest.approx(100.0)
    assert rows["S2"]["absence_rate_pct"] == pytest.approx(0.0)
    assert rows["S1"]["headcount"] == 0 and rows["S2"]["headcount"] == 1
    first_day = by_supervisor(dbs["history"], end="2026-03-09")
    assert first_day["S1"]["headcount"] == 1 and first_day["S2"]["headcount"] == 0


def test_a_site_filter_and_a_team_scope_follow_the_history_too(dbs):
    f = Filters(start=date(2026, 3, 9), end=date(2026, 3, 11), sites=("X",))
    with warehouse.read_connection(dbs["history"]) as con:
        assert metrics.compute_one(con, f, ["answered", "evaluations"]) == {"answered": 1.0, "evaluations": 1.0}
    f = Filters(start=date(2026, 3, 9), end=date(2026, 3, 11))
    with warehouse.read_connection(dbs["history"], teams=("S1",)) as con:
        assert metrics.compute_one(con, f, ["answered", "evaluations", "absence_rate_pct"]) == {
            "answered": 1.0, "evaluations": 1.0, "absence_rate_pct": 100.0}
