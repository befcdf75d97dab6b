"""Click to drill, through the URL (AppTest cannot click a chart; the browser tests do): a heatmap cell's
calls on Service & queues, the call card, the team → agent → call chain on Agents, and the session
following the address when the browser goes back (state.follow_history)."""
import json
import re

import duckdb

from apptest_helpers import chart_specs, errors, run_page, info_texts

OCT = {"from": "2026-10-01", "to": "2026-10-31", "period": "custom", "grain": "week"}


def _count(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchone()[0]
    finally:
        con.close()


def _charts(at):
    """(spec, its data as one frame) of every chart drawn: Streamlit sends a chart's data beside the spec,
    as Arrow bytes."""
    from streamlit import dataframe_util

    out = []
    for c in at.get("vega_lite_chart"):
        frames = [dataframe_util.convert_arrow_bytes_to_pandas_df(d.data.data) for d in c.proto.datasets]
        out.append((json.loads(c.proto.spec), frames))
    return out


def _captions(at):
    return [c.value for c in at.caption]


def test_a_heatmap_cell_link_lists_that_weekday_hours_calls(sample_db):
    at = run_page(sample_db, "service", OCT | {"slot": "Tue-10"})
    assert not errors(at)
    assert at.session_state["p_slot"] == "Tue-10" and at.query_params["slot"] == "Tue-10"
    # every call that arrived on a Tuesday 10:00–10:59 in October, counted from the raw table
    n = _count(sample_db, "SELECT count(*) FROM calls WHERE arrived_at >= '2026-10-01' AND arrived_at < '2026-11-01' "
                          "AND isodow(arrived_at) = 2 AND hour(arrived_at) = 10")
    assert n > 0
    assert any(f"{n:,} calls arrived on Tuesdays 10:00–10:59" in c for c in _captions(at)), _captions(at)
    listed = next(d.value for d in at.dataframe if "call_id" in d.value.columns and "handle_s" in d.value.columns)
    assert len(listed) == min(n, 500)
    assert all(t.day_of_week == 1 and t.hour == 10 for t in listed["arrived_at"])
    # the heatmap is clickable (a point selection on weekday and hour) and outlines the open cell
    heat, (data,) = next((s, d) for s, d in _charts(at) if s.get("mark", {}).get("type") == "rect")
    assert any(p.get("select", {}).get("fields") == ["weekday", "hour"] for p in heat.get("params", []))
    assert [(r.weekday, r.hour) for r in data.itertuples() if r.selected] == [("Tue", 10)]


def test_a_bad_slot_in_a_link_is_reported_and_ignored(sample_db):
    at = run_page(sample_db, "service", OCT | {"slot": "Caturday-99"})
    assert not errors(at)
    assert at.session_state["p_slot"] == ""
    assert any("Caturday-99" in t for t in info_texts(at))


def test_a_call_link_opens_the_call_card_not_a_dump(sample_db):
    # the newest October Tuesday-10:00 call a person evaluated (the list shows the newest calls first)
    call, arrived, agent_name, parts_recorded = duckdb.connect(str(sample_db), read_only=True).execute(
        "SELECT c.call_id, c.arrived_at, a.name, [p FOR p IN ['Talk', 'Hold', 'After-call work'] "
        "IF (p = 'Talk' AND c.talk_s > 0) OR (p = 'Hold' AND c.hold_s > 0) OR (p = 'After-call work' AND c.acw_s > 0)] "
        "FROM calls c JOIN agents a USING (agent_id) "
        "WHERE EXISTS (SELECT 1 FROM evaluations e WHERE e.call_id = c.call_id AND e.kind = 'human') "
        "AND c.arrived_at >= '2026-10-01' AND c.arrived_at < '2026-11-01' AND isodow(c.arrived_at) = 2 "
        "AND hour(c.arrived_at) = 10 ORDER BY c.arrived_at DESC LIMIT 1").fetchone()
    at = run_page(sample_db, "service", OCT | {"slot": "Tue-10", "call": call})
    assert not errors(at)
    assert at.query_params["call"] == call
    text = " ".join(m.value for m in at.markdown)
    assert f"{arrived:%a %d %b %Y, %H}" in text.replace("\\", "") and agent_name in text and "Answered after" in text
    assert "Evaluated by" in text
    assert not any(list(d.value.columns) == ["field", "value"] for d in at.dataframe)
    # the timeline: wait → talk → hold → after-call work, in that order, durations in words
    frames = next(d for s, d in _charts(at) if "Minutes from arrival" in str(s))
    parts = frames[0]["part"].tolist()
    assert [p for p in parts if p != "Wait"] == parts_recorded and parts_recorded
    # the human evaluation's criteria are listed with their scores
    assert any(list(d.value.columns) == ["criterion", "score"] for d in at.dataframe)


def test_agents_chain_team_agent_call_is_in_the_url(sample_db):
    call = _count(sample_db, "SELECT call_id FROM calls WHERE agent_id = 'A0002' AND arrived_at >= '2026-10-01' "
                             "AND arrived_at < '2026-11-01' ORDER BY arrived_at DESC LIMIT 1")
    at = run_page(sample_db, "agents", OCT | {"team": "S01", "agent": "A0002", "call": call})
    assert not errors(at)
    assert (at.query_params["team"], at.query_params["agent"], at.query_params["call"]) == ("S01", "A0002", call)
    assert f"Call {call}" in [s.value for s in at.subheader]
    # back one step: the call closes, the agent stays
    next(b for b in at.button if b.key == "back_to_calls").click().run()
    assert not errors(at)
    assert at.query_params["call"] == "" and at.query_params["agent"] == "A0002"
    next(b for b in at.button if b.key == "back_to_scorecard").click().run()
    assert at.query_params["agent"] == "" and at.query_params["team"] == "S01"


def test_the_funnel_plot_is_clickable(sample_db):
    at = run_page(sample_db, "agents", OCT)
    funnel = chart_specs(at)[0]
    # Altair lifts a layer's selection to the top (with the views it applies to)
    params = funnel.get("params", []) + [p for layer in funnel["layer"] for p in layer.get("params", [])]
    assert any(p.get("select", {}).get("fields") == ["agent"] for p in params)


def test_the_org_chart_rows_are_clickable(sample_db):
    at = run_page(sample_db, "organization", OCT)
    assert not errors(at)
    assert any("Click a row to open that team" in c for c in _captions(at))


def test_going_back_in_the_browser_takes_the_view_from_the_address(sample_db):
    at = run_page(sample_db, "agents", OCT | {"team": "S01", "agent": "A0002"})
    assert at.session_state["p_agent"] == "A0002"
    # the session's own widget change keeps everything else
    at.selectbox(key="p_rank_kpi").set_value("aht_s").run()
    assert not errors(at)
    assert (at.session_state["p_agent"], at.session_state["p_rank_kpi"]) == ("A0002", "aht_s")
    # the browser goes back to an address this session did not write last: the address wins
    at.query_params.clear()
    for k, v in (OCT | {"team": "S01", "agent": "", "rank_kpi": "fcr_pct", "from": "2026-10-05"}).items():
        at.query_params[k] = v
    at.run()
    assert not errors(at)
    assert at.session_state["p_agent"] == "" and at.session_state["p_rank_kpi"] == "fcr_pct"
    assert at.session_state["f_range"][0].isoformat() == "2026-10-05"
    assert re.match(r"2026-10-05", at.query_params["from"])


def test_a_flagged_call_on_quality_opens_its_card(sample_db):
    at = run_page(sample_db, "quality", OCT | {"flag": "long_hold"})
    listed = next(d.value for d in at.dataframe if "call_id" in d.value.columns and "dead_air_s" in d.value.columns)
    call = listed["call_id"].iloc[0]
    at = run_page(sample_db, "quality", OCT | {"flag": "long_hold", "call": call})
    assert not errors(at)
    assert at.query_params["call"] == call
    assert any(f"Call id `{call}`" in c for c in _captions(at))
    assert "Put on hold" in " ".join(m.value for m in at.markdown)
