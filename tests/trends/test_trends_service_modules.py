"""Unit tests for analytics.core.breakdowns, analytics.service.data, analytics.trends.data and the service_*.sql queries
on a tiny hand-built warehouse whose answers are worked out by hand."""
from datetime import date

import pandas as pd
import pytest

from analytics.core import breakdowns, metrics, queries, targets, warehouse
from analytics.service import data as service
from analytics.trends import data as trends
from analytics.core import registry
from analytics.core.filters import Filters
from warehouse_builder import build

MON, TUE = "2026-03-02", "2026-03-03"   # 2026-03-02 is a Monday
AGENTS = [
    dict(agent_id="S1", name="Sara", role="supervisor", site="X", hired_on="2024-01-01"),
    dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="X", hired_on="2025-01-01"),
    dict(agent_id="A2", name="王伟", role="agent", supervisor_id="S1", site="Y", hired_on="2025-01-01"),
]
CALLS = [
    # Monday 10h: 2 answered (one within 20 s), 1 short abandon, 1 abandon after 40 s
    dict(call_id="c1", arrived_at=f"{MON} 10:05", queue="Q1", wait_s=10, outcome="answered", agent_id="A1", talk_s=100),
    dict(call_id="c2", arrived_at=f"{MON} 10:20", queue="Q1", wait_s=30, outcome="answered", agent_id="A2", talk_s=200),
    dict(call_id="c3", arrived_at=f"{MON} 10:40", queue="Q1", wait_s=3, outcome="abandoned", talk_s=0),
    dict(call_id="c4", arrived_at=f"{MON} 10:50", queue="Q2", wait_s=40, outcome="abandoned", talk_s=0),
    # Monday 11h: 1 answered in 5 s; an abandon with unknown wait
    dict(call_id="c5", arrived_at=f"{MON} 11:10", queue="Q2", wait_s=5, outcome="answered", agent_id="A1", talk_s=50),
    dict(call_id="c6", arrived_at=f"{MON} 11:30", queue="Q2", wait_s=None, outcome="abandoned", talk_s=0),
    # Tuesday 10h: 1 answered after 700 s
    dict(call_id="c7", arrived_at=f"{TUE} 10:15", queue="Q1", wait_s=700, outcome="answered", agent_id="A2", talk_s=80),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ts") / "tiny.duckdb", agents=AGENTS, calls=CALLS)


def F(**kw):
    return Filters(start=date(2026, 3, 1), end=date(2026, 3, 8), **kw)


# --- breakdowns ------------------------------------------------------------------------------------------
def test_weekday_hour_cells_follow_the_registry_formulas(db):
    with warehouse.read_connection(db) as con:
        df = breakdowns.compute_by_keys(con, F(), ["offered", "service_level_pct", "asa_s", "abandon_rate_pct"],
                                        breakdowns.WEEKDAY_HOUR)
    cells = {(int(r.weekday), int(r.hour)): r for r in df.itertuples()}
    assert set(cells) == {(1, 10), (1, 11), (2, 10)}
    mon10 = cells[(1, 10)]
    assert mon10.offered == 4
    assert mon10.service_level_pct == pytest.approx(100 * 1 / 3)      # 1 in SL ÷ (2 + 2 − 1)
    assert mon10.asa_s == pytest.approx(20.0)                          # (10 + 30) / 2
    assert mon10.abandon_rate_pct == pytest.approx(100 * 1 / 3)       # (2 − 1) ÷ (4 − 1)
    assert cells[(1, 11)].abandon_rate_pct == pytest.approx(50.0)     # 1 of 2, none short
    assert cells[(2, 10)].service_level_pct == 0


def test_cells_add_up_to_metrics_compute_and_team_filters_read_the_detail(db):
    f = F(sites=("X",))
    with warehouse.read_connection(db) as con:
        by_hour = breakdowns.compute_by_keys(con, f, ["offered", "answered"], breakdowns.HOUR_OF_DAY,
                                             with_stats=False)
        total = metrics.compute_one(con, f, ["offered", "answered"])
        stats = breakdowns.compute_by_keys(con, F(), ["asa_s"], breakdowns.WEEKDAY, with_stats=True)
    assert by_hour["answered"].sum() == total["answered"] == 2          # A1's two calls
    assert by_hour["offered"].isna().all() and total["offered"] is None  # offered is undefined for a site
    assert list(by_hour["hour"]) == [10, 11]
    assert {"asa_s__num", "asa_s__den", "asa_s__sumsq"} <= set(stats.columns)
    assert list(breakdowns.with_weekday_names(stats)["weekday"]) == ["Mon", "Tue"]


def test_kpis_without_an_hour_cannot_be_grouped_by_hour(db):
    with warehouse.read_connection(db) as con, pytest.raises(ValueError, match="adherence_pct"):
        breakdowns.compute_by_keys(con, F(), ["adherence_pct"], breakdowns.WEEKDAY_HOUR)


# --- service queries and shaping -------------------------------------------------------------------------
def test_wait_distribution_query_and_histogram(db):
    with warehouse.read_connection(db) as con:
        counts = queries.run(con, "service_wait_distribution", F(), edges=service.WAIT_EDGES)
    hist = service.wait_histogram(counts)
    got = {(r.series, r.wait): r.calls for r in hist.itertuples() if r.calls}
    # bins hold [lo, hi): 5 s is in 5–10, 10 s in 10–20
    assert got == {("Answered", "5 s–10 s"): 1, ("Answered", "10 s–20 s"): 1, ("Answered", "30 s–45 s"): 1, ("Answered", "10 min +"): 1,
                   ("Abandoned", "30 s–45 s"): 1}
    assert len(hist) == 2 * len(service.bin_labels())                  # every bin, zeros included
    assert hist.loc[hist.series == "Answered", "share_pct"].sum() == pytest.approx(100)
    with_short = service.wait_histogram(counts, include_short=True)
    assert with_short.loc[(with_short.series == "Short abandon") & (with_short.bin == 0), "calls"].item() == 1


def test_longest_waits_query_respects_the_scope(db):
    with warehouse.read_connection(db) as con:
        top = queries.run(con, "service_longest_waits", F(), limit=2)
        q2 = queries.run(con, "service_longest_waits", F(queues=("Q2",)), limit=10)
    assert list(top["call_id"]) == ["c7", "c4"] and top["agent_name"][0] == "王伟"
    assert list(q2["call_id"]) == ["c4", "c5"]                         # unknown wait (c6) left out


def test_sl_status_and_short_abandon_summary():
    df = pd.DataFrame({"queue": ["a", "b", "c"], "offered": [1, 1, 0], "service_level_pct": [85.0, 50.0, None]})
    out = service.with_sl_status(df, targets.Target("service_level_pct", 80.0, "test"))
    assert list(out["sl_status"]) == ["✔ On target", "✖ Off target", "—"]
    assert list(out.columns).index("sl_status") == list(out.columns).index("service_level_pct") + 2
    # each queue can be judged against its own target
    own = {"a": targets.Target("service_level_pct", 90.0, "a's own"), "b": targets.Target("service_level_pct", 40.0, "b")}
    per_queue = service.with_sl_status(df, own.get)
    assert list(per_queue["sl_status"]) == ["✖ Off target", "✔ On target", "—"]
    assert list(per_queue["sl_target"])[:2] == [90.0, 40.0]
    s = service.short_abandon_summary({"offered": 7.0, "abandoned": 3.0, "short_abandoned": 1.0})
    assert s["share_of_abandoned_pct"] == pytest.approx(100 / 3) and s["share_of_offered_pct"] == pytest.approx(100 / 7)
    assert service.short_abandon_summary({"offered": 0.0})["share_of_offered_pct"] is None


# --- trends ------------------------------------------------------------------------------------------------
def test_period_labels_match_the_sql_buckets(db):
    assert trends.period_labels(date(2026, 3, 1), date(2026, 3, 9), "week") == ["2026-W09", "2026-W10", "2026-W11"]
    assert trends.period_labels(date(2026, 3, 30), date(2026, 4, 2), "quarter") == ["2026-Q1", "2026-Q2"]
    hours = trends.period_labels(date(2026, 3, 2), date(2026, 3, 2), "hour")
    assert len(hours) == 24 and hours[10] == "2026-03-02 10:00"
    with warehouse.read_connection(db) as con:
        for grain in ("hour", "day", "week", "month"):
            got = metrics.compute(con, F(), ["offered"], by=grain)[grain]
            assert set(got) <= set(trends.period_labels(date(2026, 3, 1), date(2026, 3, 8), grain))


def test_comparison_is_aligned_by_calendar_position_not_row_number():
    cur = pd.DataFrame({"day": ["2026-03-08", "2026-03-09", "2026-03-10"], "x": [1.0, 2.0, 3.0]})
    prev = pd.DataFrame({"day": ["2026-03-06", "2026-03-07"], "x": [10.0, 20.0]})  # 03-05 has no data
    labels = trends.period_labels(date(2026, 3, 8), date(2026, 3, 10), "day")
    prev_labels = trends.period_labels(date(2026, 3, 5), date(2026, 3, 7), "day")
    s = trends.aligned_series(cur, prev, "x", "day", labels, prev_labels)
    comp = s[s.series == trends.COMPARISON]
    assert list(comp["period"]) == ["2026-03-09", "2026-03-10"] and list(comp["value"]) == [10.0, 20.0]
    assert list(comp["period_label"]) == ["2026-03-06", "2026-03-07"]


def test_band_control_chart_and_delta_use_the_stats_columns():
    k = registry.get("service_level_pct")
    cur = pd.DataFrame({"day": [f"2026-03-0{i}" for i in range(1, 7)],
                        "service_level_pct": [80.0, 80.0, 80.0, 80.0, 80.0, 20.0],
                        "service_level_pct__num": [80, 80, 80, 80, 80, 20],
                        "service_level_pct__den": [100] * 6})
    band = trends.confidence_band(cur, k, "day", list(cur["day"]))
    assert len(band) == 6 and band["low"][0] < 80 < band["high"][0]
    kind, ctrl = trends.control_frame(cur, k, "day")
    assert kind == "p" and list(ctrl["out_of_control"]) == [False] * 5 + [True]
    kind, _ = trends.control_frame(cur.rename(columns={"service_level_pct": "asa_s"}), registry.get("asa_s"), "day")
    assert kind == "xmr"
    d = trends.delta_summary({"service_level_pct": 80.0, "service_level_pct__num": 800, "service_level_pct__den": 1000},
                             {"service_level_pct": 70.0, "service_level_pct__num": 700, "service_level_pct__den": 1000}, k)
    assert d["delta"] == pytest.approx(10) and d["significant"] and "significant (p =" in d["reading"]
    assert "No significance test" in trends.delta_summary({"offered": 5.0}, {"offered": 3.0},
                                                          registry.get("offered"))["reading"]


def test_kpi_options_cover_the_registry_and_top_members_rank_by_volume():
    opts = trends.kpi_options()
    assert sorted(opts) == sorted(registry.KPIS) and trends.kpi_option_label("asa_s").startswith("Queue and service")
    vol = pd.DataFrame({"queue": list("abcdefghij") + [None], "offered": [5, 1, 9, 0, 3, 3, 2, 8, 7, 6, 99]})
    members, total = trends.top_members(vol, "queue")
    assert members == ["c", "h", "i", "j", "a", "e", "f", "g"] and total == 9
    assert trends.breakdown_applies(registry.get("adherence_pct"), "queue")
    assert trends.breakdown_applies(registry.get("asa_s"), "queue") is None
