"""analytics.customer.data on hand-built warehouses: registry KPIs by reason, repeat-interval bins, survey
answer distributions and the censoring note."""
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from analytics.customer import data as customer
from analytics.core import metrics, queries, warehouse
from analytics.core.filters import Filters
from warehouse_builder import build

AGENTS = [{"agent_id": "A1", "name": "Ana", "site": "Here", "role": "agent", "hired_on": date(2024, 1, 1)}]
T0 = datetime(2026, 3, 2, 9)


def _call(cid, at, caller, reason, outcome="answered"):
    return {"call_id": cid, "arrived_at": at, "queue": "Q", "caller_id": caller, "wait_s": 3, "outcome": outcome,
            "agent_id": "A1" if outcome == "answered" else None, "talk_s": 60 if outcome == "answered" else 0,
            "reason": reason}


# Caller x: Billing, again 30 min later (Billing), again 2 days later (Tech). Caller y: Tech once, then
# 10 days later (Billing). Caller z: an abandoned Billing call. A call with no reason. Data end 2026-03-30.
CALLS = [
    _call("C1", T0, "x", "Billing"),
    _call("C2", T0 + timedelta(minutes=30), "x", "Billing"),
    _call("C3", T0 + timedelta(days=2), "x", "Tech"),
    _call("C4", T0, "y", "Tech"),
    _call("C5", T0 + timedelta(days=10), "y", "Billing"),
    _call("C6", T0 + timedelta(hours=1), "z", "Billing", outcome="abandoned"),
    _call("C7", T0 + timedelta(hours=2), None, None),
    _call("C8", datetime(2026, 3, 30, 12), "w", "Tech"),
]
SURVEYS = [{"call_id": "C1", "csat": 5, "nps": 10}, {"call_id": "C2", "csat": 2, "nps": 6},
           {"call_id": "C4", "csat": 4, "nps": None}]
MARCH = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))
EARLY = Filters(start=date(2026, 3, 1), end=date(2026, 3, 20))


@pytest.fixture(scope="module")
def cdb(tmp_path_factory):
    return build(tmp_path_factory.mktemp("cust") / "c.duckdb", agents=AGENTS, calls=CALLS, surveys=SURVEYS)


def test_kpis_by_reason_equal_metrics_on_each_reason(cdb):
    ids = ["offered", "answered", "repeat_rate_pct", "fcr_pct", "csat_pct", "nps", "median_repeat_interval_h"]
    with warehouse.read_connection(cdb) as con:
        by = customer.kpis_by_reason(con, EARLY, ids).set_index("reason")
        billing_calls = con.execute("SELECT count(*) FROM calls WHERE reason = 'Billing'").fetchone()[0]
    assert by.loc["Billing", "offered"] == billing_calls == 4
    # Billing: C1 (repeat 30 min later), C2 (repeat 2 d later), C5 (no later call), C6 (abandoned, no later call)
    assert by.loc["Billing", "repeat_rate_pct"] == pytest.approx(50.0)
    assert by.loc["Billing", "fcr_pct"] == pytest.approx(100 / 3)
    assert by.loc["Billing", "csat_pct"] == pytest.approx(50.0)
    assert by.loc["Billing", "nps"] == pytest.approx(0.0)
    # Tech: C3 and C4 (C4 followed 10 days later: not a repeat)
    assert by.loc["Tech", "repeat_rate_pct"] == pytest.approx(0.0)
    assert by.loc["Tech", "csat_pct"] == pytest.approx(100.0)
    assert pd.isna(by.loc["Tech", "nps"])
    # Billing's repeat intervals: C2 0.5 h after C1, C5 10 d after C4 → median (0.5 + 240) / 2
    assert by.loc["Billing", "median_repeat_interval_h"] == pytest.approx(120.25)
    # the same numbers as the registry's own compute() over all reasons: weighted back together
    with warehouse.read_connection(cdb) as con:
        total = metrics.compute_one(con, EARLY, ["offered", "repeat_rate_pct"])
        stats = customer.kpis_by_reason(con, EARLY, ["repeat_rate_pct"], with_stats=True)
    assert stats["repeat_rate_pct__num"].sum() / stats["repeat_rate_pct__den"].sum() * 100 == pytest.approx(
        total["repeat_rate_pct"])
    assert by["offered"].sum() == total["offered"]


def test_kpis_by_reason_refuses_kpis_not_from_calls():
    with pytest.raises(ValueError, match="cannot be split by reason"):
        customer.reason_kpis_query(MARCH, ["qa_score_avg"])


def test_reasons_table_and_repeat_ranking(cdb):
    with warehouse.read_connection(cdb) as con:
        raw = customer.kpis_by_reason(con, EARLY, customer.REASON_KPIS, with_stats=True)
    table = customer.reasons_table(raw)
    assert table["reason"].tolist() == ["Billing", "Tech", customer.NO_REASON]
    assert table["share_pct"].tolist() == pytest.approx([400 / 7, 200 / 7, 100 / 7])
    ranking = customer.repeat_ranking(raw)
    assert ranking["reason"].tolist() == ["Billing", "Tech"]   # the no-reason call has no known caller
    assert ranking["small_sample"].all()
    b = ranking.iloc[0]
    assert b["repeat_ci_low"] < 50 < b["repeat_ci_high"] and b["judged_calls"] == 4


def test_interval_bins(cdb):
    with warehouse.read_connection(cdb) as con:
        t = customer.interval_table(queries.run(con, customer.intervals_query(MARCH)))
    assert t["interval"].tolist() == [b[0] for b in customer.INTERVAL_BINS]
    counts = dict(zip(t["interval"], t["calls"]))
    # C2: 0.5 h; C3: 47.5 h after C2; C5: 240 h after C4
    assert counts == {"< 1 h": 1, "1–4 h": 0, "4–24 h": 0, "1–2 d": 1, "2–3 d": 0, "3–7 d": 0,
                      "7–14 d": 1, "14–30 d": 0, "> 30 d": 0}


def test_interval_bin_edges_are_lower_inclusive(tmp_path):
    calls = [_call("B0", T0, "q", "R")] + [
        _call(f"B{i}", T0 + timedelta(hours=h), "q", "R") for i, h in enumerate([1, 5, 29, 53, 77, 245, 581, 1301], 1)]
    db = build(tmp_path / "edges.duckdb", agents=AGENTS, calls=calls)
    with warehouse.read_connection(db) as con:
        t = customer.interval_table(queries.run(con, customer.intervals_query(
            Filters(start=date(2026, 3, 1), end=date(2026, 6, 1)))))
    # gaps: 1, 4, 24, 24, 24, 168, 336, 720 h — each exactly on a lower edge
    assert t["calls"].tolist() == [0, 1, 1, 3, 0, 0, 1, 1, 1]


def test_survey_distribution(cdb):
    with warehouse.read_connection(cdb) as con:
        raw = queries.run(con, customer.survey_query(MARCH))
    csat = customer.survey_distribution(raw, "csat")
    assert csat["answer"].tolist() == [1, 2, 3, 4, 5] and csat["responses"].tolist() == [0, 1, 0, 1, 1]
    assert csat.set_index("answer").loc[4, "group"] == "Satisfied"
    nps = customer.survey_distribution(raw, "nps")
    assert len(nps) == 11 and nps["responses"].sum() == 2
    assert nps.set_index("answer").loc[6, "group"] == "Detractor" and nps.set_index("answer").loc[10, "group"] == "Promoter"
    empty = customer.survey_distribution(raw.iloc[0:0], "nps")
    assert empty["responses"].sum() == 0


def test_censoring_note(cdb):
    with warehouse.read_connection(cdb) as con:
        end = queries.run(con, customer.data_end_query()).iloc[0]
    assert end["censored_after"] == pd.Timestamp(2026, 3, 23, 12)
    assert "not affected" in customer.censoring_note(EARLY, end["censored_after"], end["repeat_window_h"])
    assert "after 2026-03-23 12:00" in customer.censoring_note(MARCH, end["censored_after"], 168)
    assert "undefined" in customer.censoring_note(Filters(start=date(2026, 3, 25), end=date(2026, 3, 30)),
                                                  end["censored_after"], 168)
