"""The Agents page on the small sample: default view, a shared link with every option, odd links,
an empty selection, and numbers equal to the registry's."""
import re
from datetime import date

import duckdb
import pytest

from analytics.core import metrics
from analytics.people import scorecard
from analytics.core.filters import Filters
from apptest_helpers import errors, run_page, notices, info_texts

OCT = {"from": "2026-10-01", "to": "2026-10-31", "period": "custom", "grain": "week"}


def _first_call(db, agent):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT call_id FROM calls WHERE agent_id = ? AND arrived_at >= '2026-10-01' "
                           "AND arrived_at < '2026-11-01' ORDER BY arrived_at LIMIT 1", [agent]).fetchone()[0]
    finally:
        con.close()


def test_agents_default_view(sample_db):
    at = run_page(sample_db, "agents")
    assert not errors(at)
    assert [s.value for s in at.subheader][:3] == ["Scorecard", "Funnel plot: Transfer rate", "Drill down"]
    assert at.query_params["rank_kpi"] == "fcr_pct" and at.query_params["team"] == "all"


def test_agents_shared_link_sets_every_option(sample_db):
    call = _first_call(sample_db, "A0002")
    params = OCT | {"rank_kpi": "aht_s", "funnel_kpi": "fcr_pct", "team": "S01", "agent": "A0002",
                    "trend_kpi": "csat_pct", "long_hold": "60", "call": call}
    at = run_page(sample_db, "agents", params)
    assert not errors(at)
    ss = at.session_state
    assert (ss["p_rank_kpi"], ss["p_funnel_kpi"], ss["p_team"], ss["p_agent"], ss["p_trend_kpi"],
            ss["p_long_hold"], ss["p_call"]) == ("aht_s", "fcr_pct", "S01", "A0002", "csat_pct", "60", call)
    subs = [s.value for s in at.subheader]
    assert any(s.startswith("Agent: ") and "A0002" in s for s in subs)
    assert f"Call {call}" in subs
    # the call card shows the caller only as a hash prefix (or "unknown caller"), never a field/value dump
    assert not any(list(d.value.columns) == ["field", "value"] for d in at.dataframe)
    facts = next(c.value for c in at.caption if f"Call id `{call}`" in c.value)
    assert re.search(r"(caller \\?#[0-9a-f]{8}|unknown caller) ·", facts), facts


def test_agents_scorecard_numbers_equal_the_registry(sample_db):
    at = run_page(sample_db, "agents", OCT | {"team": "S02"})
    assert not errors(at)
    shown = at.dataframe[0].value.set_index("agent")
    f = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31), grain="week")
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        ref = metrics.compute(con, f, list(scorecard.SCORECARD_KPIS), by="agent").set_index("agent")
        team = {r[0] for r in con.execute("SELECT agent_id FROM agents WHERE supervisor_id = 'S02'").fetchall()}
    finally:
        con.close()
    assert set(shown.index) <= team and len(shown) > 0
    for agent in shown.index:
        for kid in ("answered", "aht_s", "transfer_rate_pct", "fcr_pct", "csat_pct"):
            assert shown.loc[agent, kid] == pytest.approx(ref.loc[agent, kid], nan_ok=True)


def test_agents_odd_links_fall_back_with_notices(sample_db):
    at = run_page(sample_db, "agents", OCT | {"rank_kpi": "DROP TABLE", "team": "nobody", "agent": "<b>x</b>",
                                               "call": "'; --", "funnel_kpi": "aht_s"})
    assert not errors(at)
    notes = notices(at)
    for value, option in (("DROP TABLE", "Rank by"), ("nobody", "Team"), ("<b>x</b>", "Agent"), ("aht_s", "Funnel plot of")):
        assert f"Ignored '{value}' from the link: not one of the choices of “{option}”" in notes, (value, notes)
    assert at.session_state["p_team"] == "all" and at.session_state["p_agent"] == ""


def test_agents_unknown_call_for_the_agent(sample_db):
    at = run_page(sample_db, "agents", OCT | {"agent": "A0002", "call": "CL-not-theirs"})
    assert not errors(at)
    assert "Ignored 'CL-not-theirs' from the link: not one of the choices of “Call”" in notices(at)
    assert at.session_state["p_call"] == ""


def test_agents_empty_selection(sample_db):
    at = run_page(sample_db, "agents", {"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                        "sites": "Shenzhen", "supervisors": "S01"})
    assert not errors(at)
    assert "No calls in this selection." in info_texts(at)
