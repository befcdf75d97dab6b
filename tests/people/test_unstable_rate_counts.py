"""An annualized attrition rate from one week rests on a handful of leavers: Organization and Benchmarks
show "n leavers of m agents" beside it (and no target status), on a hand-built center with known counts."""
from datetime import date, timedelta

import duckdb
import pytest

from analytics.core import metrics, registry, status
from analytics.core.filters import Filters
from apptest_helpers import errors, run_page
from warehouse_builder import build

WEEK = {"from": "2026-03-09", "to": "2026-03-15", "period": "custom", "grain": "day", "compare": "none"}


@pytest.fixture(scope="module")
def one_leaver_db(tmp_path_factory):
    """Ten agents since 2024; A10 leaves on Wednesday 2026-03-11 (last day in headcount: Tuesday).
    Mean daily headcount over Mon–Sun: (2 × 10 + 5 × 9) / 7 = 9.3 → '1 leaver of 9 agents'."""
    agents = [dict(agent_id="S1", name="Sam Supervisor", role="supervisor", hired_on="2023-01-01", site="Oslo")]
    for i in range(1, 11):
        agents.append(dict(agent_id=f"A{i:02d}", name=f"Agent {i}", role="agent", supervisor_id="S1",
                           hired_on="2024-01-01", site="Oslo",
                           left_on="2026-03-11" if i == 10 else None,
                           exit_type="voluntary" if i == 10 else None))
    calls = [dict(call_id=f"c{d}-{i}", arrived_at=f"{date(2026, 3, 9) + timedelta(days=d)} 10:{i:02d}:00",
                  queue="Sales", caller_id=f"k{d}{i}", wait_s=5, outcome="answered", agent_id=f"A{1 + i % 9:02d}",
                  talk_s=200, hold_s=0, acw_s=30)
             for d in range(7) for i in range(20)]
    return build(tmp_path_factory.mktemp("leaver") / "l.duckdb", agents=agents, calls=calls)


def test_unstable_text_leads_with_the_counts():
    k = registry.get("attrition_rate_pct")
    assert status.unstable_text(k, 7, 1, 69).startswith("1 leaver of 69 agents in 7 days; annualized")
    assert status.unstable_text(k, 7, 3.0, 9.0).startswith("3 leavers of 9 agents in 7 days;")
    v = registry.get("voluntary_attrition_rate_pct")
    assert status.unstable_text(v, 7, 0, 9).startswith("0 voluntary leavers of 9 agents")
    assert status.unstable_text(k, 7).startswith("annualized from under 90 days")


def test_metrics_carry_the_agents_the_rate_divides_by(one_leaver_db):
    con = duckdb.connect(str(one_leaver_db), read_only=True)
    try:
        row = metrics.compute(con, Filters(start=date(2026, 3, 9), end=date(2026, 3, 15)),
                              ["attrition_rate_pct"], with_stats=True).iloc[0]
    finally:
        con.close()
    assert row["attrition_rate_pct__leavers"] == 1 and row["attrition_rate_pct__agents"] == 9
    assert bool(row["attrition_rate_pct__unstable"])


def test_organization_tile_shows_leavers_of_agents(one_leaver_db):
    at = run_page(one_leaver_db, "organization", WEEK)
    assert not errors(at)
    captions = [c.value for c in at.caption]
    assert any("1 leaver of 9 agents in 7 days" in c for c in captions), captions
    assert any("1 voluntary leaver of 9 agents in 7 days" in c for c in captions), captions
    # Fri–Sun against Tue–Thu (the leaver's day): the headcount's change is given, the change between
    # two rates annualized from 3 days (0 leavers against 1) is not
    at = run_page(one_leaver_db, "organization", {**WEEK, "from": "2026-03-13", "compare": "previous"})
    assert not errors(at)
    tiles = {m.label: m for m in at.metric}
    assert tiles["Headcount"].delta, tiles["Headcount"]
    assert tiles["Attrition (annualized)"].value == "0.0%" and not tiles["Attrition (annualized)"].delta
    assert not tiles["Voluntary attrition (annualized)"].delta


def test_benchmarks_against_target_shows_leavers_of_agents(one_leaver_db):
    at = run_page(one_leaver_db, "benchmarks", WEEK)
    assert not errors(at)
    text = " ".join(m.value for m in at.markdown)
    assert "1 leaver of 9 agents in 7 days" in text


def test_compare_gives_no_change_of_a_rate_from_a_few_days(one_leaver_db):
    """kpis --compare follows the tiles: the 3-day rate keeps its previous value and gets no change."""
    from analytics.core.comparison import compare_frame

    con = duckdb.connect(str(one_leaver_db), read_only=True)
    try:
        row = compare_frame(con, Filters(start=date(2026, 3, 13), end=date(2026, 3, 15), compare="previous"),
                            ["attrition_rate_pct", "headcount"]).iloc[0]
    finally:
        con.close()
    assert row["attrition_rate_pct"] == 0 and row["attrition_rate_pct_prev"] > 1000
    assert row["attrition_rate_pct_delta"] is None and row["attrition_rate_pct_delta_significant"] is None
    assert row["headcount_delta"] == 0   # a count keeps its change (9 at both ends)
