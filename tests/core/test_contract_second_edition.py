"""The contract's second edition (kpi-definitions.md, "Clarifications") on a hand-built warehouse.

Each test names the clarification it checks; the expected answers are worked out by hand in the
comments from the rows below, never computed by the code under test.

Data end E = 2026-05-31 10:00 (the latest arrival), so E − 90 d = 2026-03-02.
"""
from datetime import date

import pytest

from analytics.core import comparison, metrics, warehouse
from analytics.core.filters import Filters
from warehouse_builder import build

AGENTS = [
    dict(agent_id="S1", name="Sara", role="supervisor", site="X", hired_on="2020-01-01"),
    dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="X", hired_on="2025-01-01"),
    dict(agent_id="A2", name="王伟", role="agent", supervisor_id="S1", site="Y", hired_on="2025-06-01"),
    # hires for early attrition: H1 leaves after 55 days, H2 after 111, H3 stays, H4 is hired after E − 90 d
    dict(agent_id="H1", name="H1", role="agent", supervisor_id="S1", site="X", hired_on="2026-01-05",
         left_on="2026-03-01", exit_type="voluntary"),
    dict(agent_id="H2", name="H2", role="agent", supervisor_id="S1", site="X", hired_on="2026-01-10",
         left_on="2026-05-01", exit_type="voluntary"),
    dict(agent_id="H3", name="H3", role="agent", supervisor_id="S1", site="X", hired_on="2026-01-20"),
    dict(agent_id="H4", name="H4", role="agent", supervisor_id="S1", site="X", hired_on="2026-04-20",
         left_on="2026-04-30", exit_type="involuntary"),
]


def call(cid, at, outcome="answered", wait=10, caller=None, agent="A1", queue="Q1"):
    return dict(call_id=cid, arrived_at=at, queue=queue, caller_id=caller, wait_s=wait, outcome=outcome,
                agent_id=agent if outcome == "answered" else None, talk_s=100 if outcome == "answered" else 0)


CALLS = [
    # week 2026-W10: two answered (A1 in 10 s, A2 in 30 s), one abandoned after 40 s
    call("w1", "2026-03-02 09:00", wait=10, agent="A1"),
    call("w2", "2026-03-02 09:10", wait=30, agent="A2"),
    call("w3", "2026-03-02 09:20", outcome="abandoned", wait=40),
    # tie order: the same caller twice in the same second; t1 (answered) is the earlier, t2 the later
    call("t1", "2026-03-03 10:00:00", caller="h1", agent="A1"),
    call("t2", "2026-03-03 10:00:00", outcome="abandoned", wait=8, caller="h1"),
    # week 2026-W11 (03-09 … 03-15): no calls at all
    # week 2026-W12: one answered call
    call("w4", "2026-03-16 09:00", wait=5, agent="A1"),
    # repeat-interval lookback: h2 comes back after 38 days (beyond 30), h3 after 48 h and after 29 days
    call("l1", "2026-03-03 12:00", caller="h2"),
    call("l2", "2026-04-10 12:00", caller="h2"),
    call("l3", "2026-04-01 10:00", caller="h3"),
    call("l4", "2026-04-03 10:00", caller="h3"),
    call("l5", "2026-05-02 10:00", caller="h3"),
    call("end", "2026-05-31 10:00"),
]
EVALUATIONS = [
    dict(evaluation_id="e1", call_id="w1", agent_id="A1", evaluator_id="C1", evaluated_at="2026-03-03 09:00",
         score=90, kind="human"),
    dict(evaluation_id="e2", call_id="w1", agent_id="A1", evaluator_id="C2", evaluated_at="2026-03-03 10:00",
         score=70, kind="human"),
    dict(evaluation_id="e3", call_id="w2", agent_id="A2", evaluator_id="C2", evaluated_at="2026-03-04 10:00",
         score=80, kind="human"),
]
SHIFTS = [
    dict(agent_id="A1", date="2026-03-02", scheduled_s=28800, logged_in_s=27000, adherent_s=25200, absent=False),
    dict(agent_id="A2", date="2026-03-02", scheduled_s=28800, logged_in_s=28800, adherent_s=28800, absent=False),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("second_edition") / "center.duckdb"
    return build(path, agents=AGENTS, calls=CALLS, evaluations=EVALUATIONS, shifts=SHIFTS)


def one(db, start, end, ids, teams=None, **dims):
    f = Filters(start=date.fromisoformat(start), end=date.fromisoformat(end), **dims)
    notes: list[str] = []
    with warehouse.read_connection(db, teams=teams) as con:
        return metrics.compute_one(con, f, ids, notes=notes), notes


QUEUE_KPIS = ["offered", "abandoned", "short_abandoned", "service_level_pct", "abandon_rate_pct",
              "avg_abandon_wait_s", "max_wait_s"]
WORKFORCE_KPIS = ["occupancy_pct", "adherence_pct", "shrinkage_pct", "absence_rate_pct", "calls_per_agent_hour"]


# --- Attribution ------------------------------------------------------------------------------------
def test_center_queue_kpis_count_abandoned_calls(db):
    v, notes = one(db, "2026-03-02", "2026-03-02", QUEUE_KPIS + ["aht_s"])
    # 3 offered, 1 abandoned (40 s, not short), SL: 1 answered ≤ 20 s ÷ (2 + 1 − 0) = 33.3 %
    assert v["offered"] == 3 and v["abandoned"] == 1 and v["short_abandoned"] == 0
    assert v["service_level_pct"] == pytest.approx(100 / 3)
    assert v["abandon_rate_pct"] == pytest.approx(100 / 3)
    assert v["avg_abandon_wait_s"] == 40 and v["max_wait_s"] == 40
    assert notes == []


@pytest.mark.parametrize("dims", [dict(supervisors=("S1",)), dict(sites=("X",)), dict(agents=("A1",))])
def test_queue_kpis_are_undefined_for_a_team_site_or_agent(db, dims):
    v, notes = one(db, "2026-03-02", "2026-03-02", QUEUE_KPIS + ["answered", "aht_s"], **dims)
    assert all(v[k] is None for k in QUEUE_KPIS)     # never computed from the answered calls alone
    assert v["answered"] >= 1 and v["aht_s"] == 100  # the team's handling KPIs stay defined
    assert len(notes) == 1 and "abandoned calls belong to a queue" in notes[0]


def test_queue_kpis_by_supervisor_are_undefined_too(db):
    f = Filters(start=date(2026, 3, 2), end=date(2026, 3, 2))
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, f, ["offered", "answered"], by="supervisor")
    assert df["offered"].isna().all() and df.loc[df["supervisor"] == "S1", "answered"].item() == 2


def test_workforce_kpis_are_undefined_for_a_queue(db):
    v, notes = one(db, "2026-03-02", "2026-03-02", WORKFORCE_KPIS, queues=("Q1",))
    assert all(v[k] is None for k in WORKFORCE_KPIS)
    assert len(notes) == 1 and "belong to agents" in notes[0]
    v, _ = one(db, "2026-03-02", "2026-03-02", ["adherence_pct"])
    assert v["adherence_pct"] == pytest.approx(100 * 54000 / 57600)   # defined for the center


def test_a_supervisor_sees_center_queue_kpis_and_not_team_ones(db):
    """Who sees queue KPIs: under a team scope, the center view of queue service is the whole center's;
    the team's own view (the scope's supervisor filter) leaves them undefined."""
    f = Filters(start=date(2026, 3, 2), end=date(2026, 3, 2))
    with warehouse.read_connection(db, teams=("S1",)) as con:
        center = metrics.compute_one(con, metrics.center_view(f.narrowed(supervisors=("S1",))), QUEUE_KPIS)
        team = metrics.compute_one(con, f.narrowed(supervisors=("S1",)), QUEUE_KPIS)
    assert center["offered"] == 3 and center["service_level_pct"] == pytest.approx(100 / 3)
    assert all(team[k] is None for k in QUEUE_KPIS)


# --- Calendar grouping ------------------------------------------------------------------------------
def test_every_week_in_range_gets_a_row(db):
    f = Filters(start=date(2026, 3, 2), end=date(2026, 3, 22))
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, f, ["offered", "answered", "service_level_pct", "aht_s"], by="week")
    rows = {r["week"]: r for r in df.to_dict("records")}
    assert list(rows) == ["2026-W10", "2026-W11", "2026-W12"]
    empty = rows["2026-W11"]
    assert empty["offered"] == 0 and empty["answered"] == 0              # counts 0
    assert empty["service_level_pct"] != empty["service_level_pct"]      # rates null (NaN)
    assert empty["aht_s"] != empty["aht_s"]                              # means null
    # W10: w1, w2, w3, t1, t2, l1 = 6 calls
    assert rows["2026-W10"]["offered"] == 6 and rows["2026-W12"]["offered"] == 1


def test_every_day_and_hour_in_range_gets_a_row(db):
    f = Filters(start=date(2026, 3, 9), end=date(2026, 3, 10))
    with warehouse.read_connection(db) as con:
        days = metrics.compute(con, f, ["offered"], by="day")
        hours = metrics.compute(con, f, ["offered"], by="hour")
    assert days["day"].tolist() == ["2026-03-09", "2026-03-10"] and days["offered"].tolist() == [0, 0]
    assert len(hours) == 48 and hours["hour"].iloc[0] == "2026-03-09 00:00" and (hours["offered"] == 0).all()


# --- Evaluator drift ---------------------------------------------------------------------------------
def test_evaluator_drift_by_evaluator_and_null_elsewhere(db):
    f = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, f, ["evaluator_drift_pts", "qa_score_avg"], by="evaluator")
        none = metrics.compute_one(con, f, ["evaluator_drift_pts"])
    drift = dict(zip(df["evaluator"], df["evaluator_drift_pts"]))
    # C1: own 90 − mean of A1's evaluations (90, 70) = +10; C2: own (70 + 80)/2 = 75 − (90, 70, 80) = −5
    assert drift == {"C1": pytest.approx(10.0), "C2": pytest.approx(-5.0)}
    assert dict(zip(df["evaluator"], df["qa_score_avg"])) == {"C1": 90.0, "C2": 75.0}
    assert none["evaluator_drift_pts"] is None


# --- Order of a caller's calls -------------------------------------------------------------------------
def test_tie_order_by_call_id(db):
    v, _ = one(db, "2026-03-03", "2026-03-03", ["fcr_pct", "repeat_rate_pct", "median_repeat_interval_h"])
    # t1 (answered) then t2 in the same second: t1 is followed → FCR population {t1, l1}: t1 not resolved,
    # l1 (h2, next call 38 days later) resolved → 50 %; repeat population {t1, t2, l1}: t1 repeated → 33.3 %
    assert v["fcr_pct"] == pytest.approx(50.0)
    assert v["repeat_rate_pct"] == pytest.approx(100 / 3)
    assert v["median_repeat_interval_h"] == 0.0   # t2's previous call is t1, 0 h earlier


# --- Repeat-interval lookback ----------------------------------------------------------------------------
def test_median_repeat_interval_looks_back_30_days(db):
    v, _ = one(db, "2026-04-01", "2026-05-31", ["median_repeat_interval_h"])
    # l4: 48 h; l5: 29 days = 696 h; l2 (38 days after l1) is beyond the lookback → median(48, 696) = 372
    assert v["median_repeat_interval_h"] == pytest.approx(372.0)


# --- Early attrition ------------------------------------------------------------------------------------
def test_early_attrition_restricts_numerator_and_denominator(db):
    v, _ = one(db, "2026-01-01", "2026-04-30", ["early_attrition_pct"])
    # hires in the period with hired_on ≤ E − 90 d (2026-03-02): H1, H2, H3; of these H1 left within 90 days.
    # H4 also left within 90 days but was hired after E − 90 d: out of numerator and denominator → 1/3
    assert v["early_attrition_pct"] == pytest.approx(100 / 3)


# --- Small numbers -----------------------------------------------------------------------------------
def test_annualized_rates_under_90_days_are_flagged_with_their_leavers(db):
    f = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))
    with warehouse.read_connection(db) as con:
        short = metrics.compute(con, f, ["attrition_rate_pct", "voluntary_attrition_rate_pct"]).iloc[0]
        long = metrics.compute(con, f.with_period(date(2026, 1, 1), date(2026, 4, 30)),
                               ["attrition_rate_pct"]).iloc[0]
    # March: H1 leaves on 03-01 (voluntary) → 1 leaver over 31 days: unstable
    assert short["attrition_rate_pct__leavers"] == 1 and bool(short["attrition_rate_pct__unstable"])
    assert short["voluntary_attrition_rate_pct__leavers"] == 1
    # January–April (120 days): H1, H4 leave → 2 leavers, stable
    assert long["attrition_rate_pct__leavers"] == 2 and not bool(long["attrition_rate_pct__unstable"])


# --- Significance with over-dispersion -------------------------------------------------------------------
def test_compare_reports_phi_one_with_a_note_under_seven_days(db):
    f = Filters(start=date(2026, 3, 3), end=date(2026, 3, 3), compare="previous")  # one day against 03-02
    with warehouse.read_connection(db) as con:
        df = comparison.compare_frame(con, f, ["service_level_pct"])
    r = df.iloc[0]
    assert r["service_level_pct_phi"] == 1.0 and "fewer than 7 days" in r["service_level_pct_phi_note"]
