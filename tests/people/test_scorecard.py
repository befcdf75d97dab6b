"""analytics.people.scorecard and the Agents page's queries, on tiny hand-built warehouses."""
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from analytics.core import metrics, queries, registry, warehouse
from analytics.people import scorecard
from analytics.core.filters import Filters
from warehouse_builder import build

AGENTS = [
    {"agent_id": "S1", "name": "Sara", "role": "supervisor", "site": "Tehran", "hired_on": date(2020, 1, 1)},
    {"agent_id": "S2", "name": "王芳", "role": "supervisor", "site": "Shenzhen", "hired_on": date(2020, 1, 1)},
    {"agent_id": "A1", "name": "علی", "role": "agent", "supervisor_id": "S1", "site": "Tehran",
     "hired_on": date(2026, 1, 1)},
    {"agent_id": "A2", "name": "Bea", "role": "agent", "supervisor_id": "S1", "site": "Tehran",
     "hired_on": date(2025, 10, 1), "left_on": date(2026, 3, 20), "exit_type": "voluntary"},
    {"agent_id": "A3", "name": "李雷", "role": "agent", "supervisor_id": "S2", "site": "Shenzhen",
     "hired_on": date(2024, 3, 1)},
]
T0 = datetime(2026, 3, 2, 9, 0)


def _call(i, agent, *, transferred=False, hold=0.0, caller=None, resolved=True, minutes=0):
    return {"call_id": f"C{i:04d}", "arrived_at": T0 + timedelta(minutes=minutes or i), "queue": "Sales",
            "caller_id": caller, "wait_s": 5.0, "outcome": "answered", "agent_id": agent, "talk_s": 100.0,
            "hold_s": hold, "acw_s": 10.0, "transferred": transferred, "resolved": resolved}


def _calls():
    rows = []
    # A1: 4 calls, 2 transferred (50%: extreme, but tiny volume)
    rows += [_call(i, "A1", transferred=i < 2) for i in range(4)]
    # A2: 200 calls, 60 transferred (30%: far above the center over a large volume)
    rows += [_call(100 + i, "A2", transferred=i < 60, hold=200.0 if i == 0 else 0.0) for i in range(200)]
    # A3: 400 calls, 8 transferred (2%)
    rows += [_call(400 + i, "A3", transferred=i < 8) for i in range(400)]
    # A3's repeat: the same caller twice within an hour, and an unresolved call
    rows += [_call(900, "A3", caller="f00dfeedcafe0001abcdef", resolved=False, minutes=900),
             _call(901, "A3", caller="f00dfeedcafe0001abcdef", minutes=930)]
    # a later call so the two above are not censored (data end E is 7 days past them)
    rows.append(_call(999, "A3", minutes=60 * 24 * 10))
    return rows


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("card") / "card.duckdb", agents=AGENTS, calls=_calls())


F = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))


def _kpis(db, f=F):
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, f, list(scorecard.SCORECARD_KPIS), by="agent", with_stats=True)
        roster = queries.run(con, "agents_roster")
    return df[df["agent"].notna()].reset_index(drop=True), roster


def test_funnel_flags_the_large_volume_outlier_not_the_tiny_one(db):
    kpis, _ = _kpis(db)
    fr = scorecard.funnel(kpis, "transfer_rate_pct").set_index("agent")
    assert fr.loc["A1", "value"] == pytest.approx(50.0)
    # 2 of 4 transferred is far above the center, yet chance explains it at 99.8%
    assert not fr.loc["A1", f"outside_{scorecard.ALARM_SUFFIX}"]
    assert fr.loc["A2", "status"] == "High, outside 99.8% limits"
    assert fr.loc["A3", "status"].startswith("Low, outside")
    pooled = 100 * (2 + 60 + 8) / (4 + 200 + 403)
    assert fr["center"].iloc[0] == pytest.approx(pooled)


def test_scorecard_rows_team_tenure_ranks_and_flags(db):
    kpis, roster = _kpis(db)
    card = scorecard.build(kpis, roster, "transfer_rate_pct", F.end, "transfer_rate_pct").set_index("agent")
    assert list(card.index) == ["A1", "A2", "A3"]
    assert card.loc["A1", "name"] == "علی" and card.loc["A3", "team"] == "王芳"
    assert card.loc["A2", "answered"] == 200
    assert card.loc["A2", "tenure_months"] == pytest.approx((date(2026, 3, 20) - date(2025, 10, 1)).days / 30.4375,
                                                            abs=0.05)
    # transfer rate: lower is better, so in team S1 A2 (30%) ranks above A1 (50%)
    assert card.loc["A2", "rank_in_team"] == 1 and card.loc["A1", "rank_in_team"] == 2
    assert card.loc["A1", "pct_in_team"] == 25.0 and card.loc["A2", "pct_in_team"] == 75.0
    assert card.loc["A3", "pct_in_center"] == pytest.approx(100 * 2.5 / 3)  # best of three
    assert card.loc["A3", "team_size"] == 1 and card.loc["A3", "pct_in_team"] == 50.0
    assert "Transfer rate high" in card.loc["A2", "flags"] and card.loc["A1", "flags"] == ""
    assert card.loc["A1", "funnel_status"] == "High, outside 95% limits"


def test_rank_columns_higher_is_better_and_missing_values():
    frame = pd.DataFrame({"supervisor_id": ["S", "S", "S", "T"], "fcr_pct": [70.0, 90.0, np.nan, 50.0]})
    out = scorecard.rank_columns(frame, "fcr_pct")
    assert out["rank_in_team"].tolist()[:2] == [2.0, 1.0]
    assert np.isnan(out["rank_in_team"].iloc[2]) and np.isnan(out["pct_in_center"].iloc[2])
    assert out["pct_in_center"].tolist()[:2] == [pytest.approx(100 * 1.5 / 3), pytest.approx(100 * 2.5 / 3)]


def test_funnel_rejects_non_rate_kpi(db):
    kpis, _ = _kpis(db)
    with pytest.raises(ValueError):
        scorecard.funnel(kpis, "aht_s")


def test_agent_calls_query_masks_the_caller_and_flags(db):
    march = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))
    with warehouse.read_connection(db) as con:
        calls = queries.run(con, "agents_calls", march, agent="A3", long_hold_s=120.0)
        none = queries.run(con, "agents_calls", march.narrowed(queues=["Nope"]), agent="A3", long_hold_s=120.0)
        a2 = queries.run(con, "agents_calls", march, agent="A2", long_hold_s=120.0)
    assert len(calls) == 403 and none.empty
    repeat = calls.set_index("call_id").loc["C0900"]
    assert repeat["caller"] == "caller #f00dfeed" and bool(repeat["repeated_7d"]) is True
    assert "f00dfeedcafe" not in calls.to_csv()
    flagged = scorecard.flag_calls(calls).set_index("call_id")
    assert flagged.loc["C0900", "flags"] == "repeat within 7 days · unresolved"
    assert len(flagged) == 8 + 1
    a2_flags = scorecard.flag_calls(a2).set_index("call_id")
    assert a2_flags.loc["C0100", "flags"] == "long hold · transferred"


def test_call_detail_shows_only_the_hash_prefix_and_belongs_to_the_agent(db):
    with warehouse.read_connection(db) as con:
        row = queries.run(con, "agents_call_detail", call="C0900", agent="A3")
        other = queries.run(con, "agents_call_detail", call="C0900", agent="A1")
    assert other.empty
    assert row.loc[0, "caller"] == "caller #f00dfeed"
    assert "caller_id" not in row.columns and not any(c.startswith("m_") for c in row.columns)
    assert row.loc[0, "agent_name"] == "李雷" and row.loc[0, "supervisor_name"] == "王芳"


def test_flag_calls_on_no_calls():
    empty = pd.DataFrame(columns=["long_hold", "transferred", "repeated_7d", "resolved"])
    assert scorecard.flag_calls(empty).empty


def test_funnel_outliers_are_named_on_the_chart():
    import pandas as pd

    from analytics.core import registry
    from analytics.people import charts as people_charts

    points = pd.DataFrame({"agent": ["A1", "A2"], "agent_name": ["Ana", "Bo"], "k": [40, 5], "n": [100, 100],
                           "value": [40.0, 5.0], "center": [6.0, 6.0],
                           "status": ["high, outside 99.8%", "within limits"]})
    curve = pd.DataFrame({"n": [10, 100], "center": [6, 6], "lcl_95": [0, 2], "ucl_95": [20, 11],
                          "lcl_998": [0, 1], "ucl_998": [30, 14]})
    spec = people_charts.funnel_plot(points, curve, registry.get("transfer_rate_pct")).to_dict()
    texts = [l for l in spec["layer"] if (l.get("mark") == "text" or (isinstance(l.get("mark"), dict) and l["mark"].get("type") == "text"))]
    assert texts, "outliers need a text layer"
    import json
    named = json.dumps(spec["datasets"])
    assert "Ana" in named


def test_funnels_read_once_give_the_scorecard_each_funnel_alone_gives(db):
    """The page computes every funnel once and hands them to the scorecard: same card, same frames."""
    kpis, roster = _kpis(db)
    by_kpi = scorecard.funnels(kpis)
    assert set(by_kpi) == set(scorecard.FUNNEL_KPIS)
    for kid, frame in by_kpi.items():
        pd.testing.assert_frame_equal(frame, scorecard.funnel(kpis, kid))
    for kid in scorecard.FUNNEL_KPIS:
        alone = scorecard.build(kpis, roster, "fcr_pct", F.end, kid)
        pd.testing.assert_frame_equal(scorecard.build(kpis, roster, "fcr_pct", F.end, kid, by_kpi), alone)
    assert (scorecard.flag_summary(kpis, by_kpi=by_kpi) == scorecard.flag_summary(kpis)).all()
    # the flags come from the frames given, not from a second computation
    flagged = {kid: frame.assign(direction="high", outside_998=True) for kid, frame in by_kpi.items()}
    assert scorecard.flag_summary(kpis, by_kpi=flagged).str.contains("high").all()


def test_two_agents_of_one_name_are_told_apart_by_their_id(db):
    kpis, roster = _kpis(db)
    twin = kpis["agent"] == "A3"
    kpis = kpis.assign(agent_name=kpis["agent_name"].where(~twin, "علی"))  # A3 now shares A1's name
    card = scorecard.build(kpis, roster, "transfer_rate_pct", F.end).set_index("agent")
    assert card.loc["A1", "name"] == "علی (A1)" and card.loc["A3", "name"] == "علی (A3)"
    assert not card["name"].str.contains(r"\(A2\)").any()  # a name of its own stays as it is


def test_the_funnel_csv_says_its_columns_in_words(db):
    from analytics.core import exports

    kpis, _roster = _kpis(db)
    points = scorecard.funnel_export(scorecard.funnel(kpis, "transfer_rate_pct"))
    k = registry.get("transfer_rate_pct")
    header = exports.to_csv_bytes(points, scorecard.funnel_csv_config(k)).decode("utf-8-sig").splitlines()[0]
    cols = header.split(",")
    assert len(cols) == len(points.columns) - 1  # the agent and the name are one column, "Name (id)"
    assert "Transfer rate (%)" in cols and "Center rate (%)" in cols and "Upper 99.8% limit (%)" in cols
    assert not {"K", "N", "Value", "Center", "Direction"} & set(cols), cols
