"""analytics.people.organization and the Organization page's queries on a tiny hand-built warehouse."""
from datetime import date

import pytest

from analytics.core import metrics, queries, warehouse
from analytics.people import organization as org
from analytics.core.filters import Filters
from warehouse_builder import build


def _agent(i, sup, coach, hired, left=None, exit_type=None, site="Tehran"):
    return {"agent_id": f"A{i:02d}", "name": f"نام {i}", "role": "agent", "supervisor_id": sup, "coach_id": coach,
            "site": site, "hired_on": hired, "left_on": left, "exit_type": exit_type}


PEOPLE = [
    {"agent_id": "M1", "name": "Boss", "role": "manager", "site": "Tehran", "hired_on": date(2015, 1, 1)},
    {"agent_id": "S1", "name": "Sup One", "role": "supervisor", "supervisor_id": "M1", "site": "Tehran",
     "hired_on": date(2018, 1, 1)},
    {"agent_id": "S2", "name": "主管", "role": "supervisor", "supervisor_id": "M1", "site": "Shenzhen",
     "hired_on": date(2018, 1, 1)},
    {"agent_id": "C1", "name": "Coach", "role": "coach", "supervisor_id": "M1", "site": "Tehran",
     "hired_on": date(2018, 1, 1)},
    # S1: 9 agents employed at 2026-03-31 (in band), one voluntary leaver in March, one hire in Feb
    *[_agent(i, "S1", "C1", date(2024, 1, 1)) for i in range(1, 9)],
    _agent(9, "S1", "C1", date(2026, 2, 10)),
    _agent(10, "S1", "C1", date(2025, 6, 1), date(2026, 3, 15), "voluntary"),
    # S2: 3 agents (below 8), one involuntary leaver in January
    *[_agent(i, "S2", "C1", date(2020, 5, 1), site="Shenzhen") for i in range(11, 14)],
    _agent(14, "S2", "C1", date(2025, 1, 1), date(2026, 1, 5), "involuntary", site="Shenzhen"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("org") / "org.duckdb", agents=PEOPLE)


def test_history_range():
    assert org.history_range(date(2026, 3, 1), date(2026, 3, 20), "12m", "month") == (date(2025, 4, 1),
                                                                                         date(2026, 3, 20))
    assert org.history_range(date(2026, 3, 1), date(2026, 3, 20), "12m", "quarter")[0] == date(2025, 4, 1)
    assert org.history_range(date(2026, 3, 1), date(2026, 3, 20), "24m", "quarter")[0] == date(2024, 4, 1)
    assert org.history_range(date(2026, 3, 1), date(2026, 3, 20), "period", "month") == (date(2026, 3, 1),
                                                                                           date(2026, 3, 20))


def test_flows_match_the_registry_and_split_exit_types(db):
    f = Filters(start=date(2026, 1, 1), end=date(2026, 3, 31))
    with warehouse.read_connection(db) as con:
        flows = queries.run(con, org.flows_query(f, "month"))
        kpis = metrics.compute(con, f, list(org.TREND_KPIS), by="month")
        tehran = queries.run(con, org.flows_query(f.narrowed(sites=["Tehran"]), "month"))
    tl = org.timeline(kpis, flows, "month").set_index("period")
    assert tl.loc["2026-01", "involuntary_leavers"] == 1 and tl.loc["2026-01", "voluntary_leavers"] == 0
    assert tl.loc["2026-02", "hires"] == 1 and tl.loc["2026-02", "leavers"] == 0   # no events: filled with 0
    assert tl.loc["2026-03", "voluntary_leavers"] == 1
    assert tl.loc["2026-03", "headcount"] == 12
    assert tehran["leavers"].sum() == 1 and tehran["involuntary_leavers"].sum() == 0
    lv = org.leavers_long(tl.reset_index())
    assert set(lv["exit_type"]) == {"Voluntary", "Involuntary"}   # no unknown exit types: not drawn


def test_tenure_and_spans_at_period_end(db):
    end = date(2026, 3, 31)
    with warehouse.read_connection(db) as con:
        current = queries.run(con, "organization_tenure", Filters(start=date(2026, 3, 1), end=end))
        coach = queries.run(con, "organization_coach_span", Filters(start=date(2026, 3, 1), end=end))
        chart = queries.run(con, "organization_chart",
                            Filters(start=date(2026, 1, 1), end=end)).set_index("supervisor_id")
        sup = metrics.compute(con, Filters(start=date(2026, 3, 1), end=end), ["span_of_control"], by="supervisor")
    assert len(current) == 12 and "A10" not in set(current["agent_id"])
    dist = org.tenure_distribution(current).set_index("tenure")["agents"]
    assert dist["< 3 months"] == 1 and dist["2–5 years"] == 8 and dist["5+ years"] == 3 and dist.sum() == 12
    assert coach["agents"].tolist() == [12]
    assert org.with_span_status(coach, "agents", org.COACH_SPAN)["status"].tolist() == ["In range"]
    spans = org.with_span_status(sup, "span_of_control", org.SUPERVISOR_SPAN).set_index("supervisor")
    assert spans.loc["S1", "span_of_control"] == 9 and not spans.loc["S1", "flagged"]
    assert spans.loc["S2", "status"] == "Below 8" and spans.loc["S2", "flagged"]
    assert chart.loc["S1", ["agents", "hires", "leavers"]].tolist() == [9, 1, 1]
    assert chart.loc["S2", "manager_name"] == "Boss" and chart.loc["S2", "agents"] == 3


def test_span_status_edges():
    assert [org.span_status(v, (8, 12)) for v in (7.9, 8, 12, 12.5, None)] == [
        "Below 8", "In range", "In range", "Above 12", "No agents"]


def test_flows_query_rejects_an_unknown_grain():
    with pytest.raises(ValueError):
        org.flows_query(Filters(start=date(2026, 1, 1), end=date(2026, 1, 31)), "hour; DROP")
