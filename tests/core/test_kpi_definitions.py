"""Every KPI on a tiny hand-built warehouse whose answers are worked out by hand below.

The expected numbers are written out from kpi-definitions.md, not computed by the code under test.
"""
from datetime import date

import pytest

from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from warehouse_builder import build

D = "2026-03-02"
AGENTS = [
    dict(agent_id="S1", name="Sara Supervisor", role="supervisor", site="X", hired_on="2024-01-01"),
    dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="X", hired_on="2025-01-01"),
    dict(agent_id="A2", name="王伟", role="agent", supervisor_id="S1", site="Y", hired_on="2026-01-15",
         left_on="2026-03-10", exit_type="voluntary"),
    dict(agent_id="A3", name="مریم", role="agent", supervisor_id="S1", site="X", hired_on="2025-06-01",
         left_on="2026-03-02", exit_type="involuntary"),
]
CALLS = [
    dict(call_id="c1", arrived_at=f"{D} 10:05", queue="Q1", caller_id="h1", wait_s=10, outcome="answered",
         agent_id="A1", talk_s=100, hold_s=20, acw_s=30, transferred=False, resolved=True, dead_air_s=10),
    dict(call_id="c2", arrived_at=f"{D} 10:20", queue="Q1", caller_id="h2", wait_s=30, outcome="answered",
         agent_id="A2", talk_s=200, hold_s=0, acw_s=None, transferred=True, resolved=False),
    dict(call_id="c3", arrived_at=f"{D} 10:40", queue="Q1", caller_id="h3", wait_s=3, outcome="abandoned",
         talk_s=0),
    dict(call_id="c4", arrived_at=f"{D} 11:00", queue="Q1", caller_id="h1", wait_s=40, outcome="abandoned",
         talk_s=0),
    dict(call_id="c5", arrived_at=f"{D} 11:30", queue="Q1", caller_id=None, wait_s=None, outcome="abandoned",
         talk_s=0),
    dict(call_id="c6", arrived_at="2026-03-20 09:00", queue="Q2", caller_id="h2", wait_s=5, outcome="answered",
         agent_id="A1", talk_s=50),
]
SURVEYS = [dict(call_id="c1", csat=5, nps=10), dict(call_id="c2", csat=3, nps=6)]
EVALUATIONS = [
    dict(evaluation_id="e1", call_id="c1", agent_id="A1", evaluator_id="C1", evaluated_at="2026-03-03 09:00",
         score=90, kind="human"),
    dict(evaluation_id="e2", call_id="c1", agent_id="A1", evaluator_id="C2", evaluated_at="2026-03-03 10:00",
         score=70, kind="human"),
    dict(evaluation_id="e3", call_id="c1", agent_id="A1", evaluator_id="auto-qa", evaluated_at=f"{D} 12:00",
         score=60, kind="auto"),
    dict(evaluation_id="e4", call_id="c2", agent_id="A2", evaluator_id="auto-qa", evaluated_at=f"{D} 12:00",
         score=65, kind="auto"),
]
SHIFTS = [
    dict(agent_id="A1", date=D, scheduled_s=28800, logged_in_s=25200, adherent_s=27000, absent=False),
    dict(agent_id="A2", date=D, scheduled_s=28800, logged_in_s=0, adherent_s=None, absent=True),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    return build(path, agents=AGENTS, calls=CALLS, evaluations=EVALUATIONS, surveys=SURVEYS, shifts=SHIFTS)


def values(db, start, end, path="auto", **dims):
    f = Filters(start=date.fromisoformat(start), end=date.fromisoformat(end), **dims)
    with warehouse.read_connection(db) as con:
        return metrics.compute_one(con, f, path=path)


@pytest.mark.parametrize("path", ["auto", "detail"])
def test_queue_service_and_handling(db, path):
    v = values(db, D, D, path=path)
    assert v["offered"] == 5
    assert v["answered"] == 2
    assert v["abandoned"] == 3
    assert v["short_abandoned"] == 1                    # c5's unknown wait is never a short abandon
    assert v["service_level_pct"] == pytest.approx(25.0)  # 1 ÷ (2 + 3 − 1)
    assert v["asa_s"] == pytest.approx(20.0)
    assert v["abandon_rate_pct"] == pytest.approx(50.0)   # (3 − 1) ÷ (5 − 1)
    assert v["avg_abandon_wait_s"] == pytest.approx(40.0)  # c4 only
    assert v["max_wait_s"] == pytest.approx(40.0)
    assert v["aht_s"] == pytest.approx(175.0)             # (150 + 200) ÷ 2, missing acw = 0
    assert v["avg_hold_s"] == pytest.approx(10.0)
    assert v["avg_acw_s"] == pytest.approx(15.0)
    assert v["hold_rate_pct"] == pytest.approx(50.0)
    assert v["transfer_rate_pct"] == pytest.approx(50.0)
    assert v["dead_air_pct"] == pytest.approx(10.0)       # only c1 has dead air known: 10 ÷ 100


def test_customer_outcome_with_censoring(db):
    v = values(db, D, D)
    # E = 2026-03-20 09:00; c1–c4 are before E − 7 d. c1 is followed by c4 the same day.
    assert v["repeat_rate_pct"] == pytest.approx(25.0)    # 1 of c1, c2, c3, c4
    assert v["fcr_pct"] == pytest.approx(50.0)            # answered: c1 repeated, c2 not
    assert v["resolved_pct"] == pytest.approx(50.0)
    assert v["median_repeat_interval_h"] == pytest.approx(55 / 60)
    assert v["csat_pct"] == pytest.approx(50.0)
    assert v["nps"] == pytest.approx(0.0)                 # one promoter, one detractor
    late = values(db, "2026-03-20", "2026-03-20")        # c6 is censored: no population at all
    assert late["repeat_rate_pct"] is None and late["fcr_pct"] is None
    assert late["median_repeat_interval_h"] == pytest.approx(17 * 24 + 22 + 40 / 60)


def test_quality_period_is_evaluation_time(db):
    v = values(db, D, D)
    assert v["qa_coverage_pct"] == pytest.approx(50.0)    # c1 of the two answered calls
    assert v["auto_qa_coverage_pct"] == pytest.approx(100.0)
    assert v["qa_score_avg"] is None                      # human evaluations happened on 03-03
    nxt = values(db, "2026-03-03", "2026-03-03")
    assert nxt["qa_score_avg"] == pytest.approx(80.0)
    assert nxt["qa_pass_rate_pct"] == pytest.approx(50.0)
    assert nxt["evaluations"] == 2
    assert nxt["offered"] == 0 and nxt["service_level_pct"] is None  # zero denominators are undefined


def test_workforce(db):
    v = values(db, D, D)
    assert v["occupancy_pct"] == pytest.approx(100 * 350 / 25200)
    assert v["adherence_pct"] == pytest.approx(100 * 27000 / 28800)
    assert v["shrinkage_pct"] == pytest.approx(100 * (1 - 25200 / 57600))
    assert v["absence_rate_pct"] == pytest.approx(50.0)
    assert v["calls_per_agent_hour"] == pytest.approx(2 / 7)


def test_org(db):
    v = values(db, "2026-03-01", "2026-03-31")
    assert v["headcount"] == 1
    # daily headcount: 3 on 03-01, 2 for 8 days, 1 for 22 days → mean 41/31
    assert v["attrition_rate_pct"] == pytest.approx(100 * 2 / (41 / 31) * 365 / 31)
    assert v["voluntary_attrition_rate_pct"] == pytest.approx(100 * 1 / (41 / 31) * 365 / 31)
    assert v["early_attrition_pct"] is None               # nobody hired in March
    assert v["span_of_control"] == pytest.approx(1.0)


def test_filters_and_groups(db):
    f = Filters(start=date.fromisoformat(D), end=date.fromisoformat("2026-03-20"))
    with warehouse.read_connection(db) as con:
        by_queue = metrics.compute(con, f, ["offered", "answered"], by="queue")
        by_agent = metrics.compute(con, f, ["answered", "aht_s"], by="agent")
        by_week = metrics.compute(con, f, ["offered"], by="week")
        by_hour = metrics.compute(con, f, ["offered"], by="hour")
    assert by_queue.to_dict("records") == [
        {"queue": "Q1", "offered": 5, "answered": 2}, {"queue": "Q2", "offered": 1, "answered": 1}]
    agents = by_agent.set_index("agent")
    assert agents.loc["A1", "answered"] == 2 and agents.loc["A1", "aht_s"] == pytest.approx(100.0)
    assert agents.loc["A2", "agent_name"] == "王伟"
    # second edition: every week in range gets a row, W11 (no calls) with 0 offered
    assert list(by_week["week"]) == ["2026-W10", "2026-W11", "2026-W12"]
    assert list(by_week["offered"]) == [5, 0, 1]
    busy_hours = by_hour.loc[by_hour["offered"] > 0, "hour"]
    assert list(busy_hours)[:2] == ["2026-03-02 10:00", "2026-03-02 11:00"]
    assert by_hour["hour"].iloc[0] == "2026-03-02 00:00"
    site_y = values(db, D, D, sites=("Y",))
    assert site_y["answered"] == 1 and site_y["aht_s"] == pytest.approx(200.0)
