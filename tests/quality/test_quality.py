"""analytics.quality.data on tiny hand-built warehouses: evaluator drift as kpi-definitions.md words it,
per-criterion scores and the automated call flags."""
from datetime import date, datetime

import pytest

from analytics.core import metrics, queries, warehouse
from analytics.quality import data as quality
from analytics.core.filters import Filters
from warehouse_builder import build

AGENTS = [
    {"agent_id": aid, "name": name, "supervisor_id": sup, "site": "Here", "role": "agent", "hired_on": date(2024, 1, 1)}
    for aid, name, sup in (("A1", "Ana", "S1"), ("A2", "王伟", "S1"), ("A3", "سارا", "S2"))
] + [
    {"agent_id": "S1", "name": "Sue", "site": "Here", "role": "supervisor", "hired_on": date(2020, 1, 1)},
    {"agent_id": "S2", "name": "Sam", "site": "Here", "role": "supervisor", "hired_on": date(2020, 1, 1)},
    {"agent_id": "E1", "name": "Eve", "role": "coach", "hired_on": date(2020, 1, 1)},
]


def _ev(eid, agent, evaluator, score, when=datetime(2026, 3, 10, 12), kind="human", call=None):
    return {"evaluation_id": eid, "call_id": call, "agent_id": agent, "evaluator_id": evaluator,
            "evaluated_at": when, "score": score, "kind": kind}


# In March 2026: E1 scored A1 90, 80; E2 scored A1 70 and A2 60; E3 scored A2 90.
# Left out: an automated evaluation (score 0) and E1's February evaluation of A3 (score 0).
EVALUATIONS = [
    _ev("Q1", "A1", "E1", 90), _ev("Q2", "A1", "E1", 80), _ev("Q3", "A1", "E2", 70), _ev("Q4", "A2", "E2", 60),
    _ev("Q5", "A2", "E3", 90), _ev("Q6", "A1", "auto-qa", 0, kind="auto"),
    _ev("Q7", "A3", "E1", 0, when=datetime(2026, 2, 10, 12)),
]
MARCH = Filters(start=date(2026, 3, 1), end=date(2026, 3, 31))


@pytest.fixture(scope="module")
def qa_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("qa") / "qa.duckdb"
    return build(path, agents=AGENTS, evaluations=EVALUATIONS, calls=[{
        "call_id": "C0", "arrived_at": datetime(2026, 3, 1, 9), "queue": "Q", "wait_s": 1, "outcome": "answered",
        "agent_id": "A1", "talk_s": 10}])


def _drift(db, f=MARCH):
    with warehouse.read_connection(db) as con:
        return queries.run(con, quality.drift_query(f)).set_index("evaluator_id")


def test_evaluator_drift_is_own_mean_minus_mean_of_all_evaluations_of_the_same_agents(qa_db):
    d = _drift(qa_db)
    # E1: own (90+80)/2 = 85; all evaluations of A1: 90, 80, 70 → 80; drift +5.
    # E2: own (70+60)/2 = 65; all evaluations of A1 and A2: 90, 80, 70, 60, 90 → 78; drift −13.
    # E3: own 90; all evaluations of A2: 60, 90 → 75; drift +15.
    assert d["evaluator_drift_pts"].to_dict() == pytest.approx({"E1": 5.0, "E2": -13.0, "E3": 15.0})
    assert d.loc["E2", "peer_mean"] == pytest.approx(78.0)   # not the mean of per-agent means (77.5)
    assert d["evaluations"].to_dict() == {"E1": 2, "E2": 2, "E3": 1}
    assert d.loc["E2", "agents"] == 2 and d.loc["E2", "peer_evaluations"] == 5
    assert d.loc["E1", "evaluator_name"] == "Eve"
    assert "auto-qa" not in d.index


def test_drift_follows_the_period_and_the_agent_filter(qa_db):
    feb = _drift(qa_db, Filters(start=date(2026, 2, 1), end=date(2026, 2, 28)))
    assert feb["evaluator_drift_pts"].to_dict() == {"E1": 0.0}   # alone on A3: no drift by construction
    only_a2 = _drift(qa_db, MARCH.narrowed(agents=["A2"]))
    # Scope A2 only: E2 65→60 vs 75, E3 90 vs 75.
    assert only_a2["evaluator_drift_pts"].to_dict() == pytest.approx({"E2": -15.0, "E3": 15.0})
    assert _drift(qa_db, Filters(start=date(2026, 1, 1), end=date(2026, 1, 31))).empty


def test_drift_table_marks_few_evaluations(qa_db):
    t = quality.drift_table(_drift(qa_db).reset_index())
    assert t["few_evaluations"].all()   # all below FEW_EVALUATIONS
    assert t.set_index("evaluator_id").loc["E1", "evaluator"] == "Eve (E1)"


@pytest.fixture(scope="module")
def items_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("items") / "items.duckdb"
    calls = [{"call_id": c, "arrived_at": datetime(2026, 3, 2, 9), "queue": q, "wait_s": 1, "outcome": "answered",
              "agent_id": a, "talk_s": 60} for c, q, a in (("C1", "Billing", "A1"), ("C2", "Tech", "A3"))]
    evals = [_ev("Q1", "A1", "E1", 80, call="C1"), _ev("Q2", "A3", "E1", 70, call="C2")]
    build(path, agents=AGENTS, calls=calls, evaluations=evals)
    with warehouse.write_connection(path) as con:
        con.executemany("INSERT INTO evaluation_items VALUES (?, ?, ?)", [
            ("Q1", "empathy", 100), ("Q1", "greeting", 60), ("Q2", "empathy", 50), ("Q2", "greeting", 80)])
    return path


def _criteria(db, by, f=MARCH):
    with warehouse.read_connection(db) as con:
        return quality.criteria_table(queries.run(con, quality.criteria_query(f, by)), by)


def test_criteria_overall_lowest_mean_first_with_share_below_pass(items_db):
    c = _criteria(items_db, "overall")
    assert c["criterion"].tolist() == ["Greeting", "Empathy"]
    assert c.set_index("criterion")["mean_score"].to_dict() == {"Greeting": 70.0, "Empathy": 75.0}
    assert c.set_index("criterion")["below_pass_pct"].to_dict() == {"Greeting": 50.0, "Empathy": 50.0}


def test_criteria_by_team_and_queue(items_db):
    team = _criteria(items_db, "team")
    assert team["criterion"].tolist()[0] == "Empathy" and team["group"].tolist()[0] == "Sam (S2)"  # 50 lowest
    rows = {(r.criterion, r.group): (r.mean_score, r.below_pass_pct) for r in team.itertuples()}
    assert rows == {("Empathy", "Sam (S2)"): (50.0, 100.0), ("Greeting", "Sue (S1)"): (60.0, 100.0),
                    ("Greeting", "Sam (S2)"): (80.0, 0.0), ("Empathy", "Sue (S1)"): (100.0, 0.0)}
    queue = _criteria(items_db, "queue", MARCH.narrowed(queues=["Tech"]))
    assert set(queue["group"]) == {"Tech"} and len(queue) == 2
    with pytest.raises(ValueError):
        quality.criteria_query(MARCH, "site'; DROP TABLE calls")


def _call(cid, hour, **kw):
    row = {"call_id": cid, "arrived_at": datetime(2026, 3, 2, hour), "queue": "Q", "wait_s": 5,
           "outcome": "answered", "agent_id": "A1", "talk_s": 100, "hold_s": 0, "dead_air_s": 0,
           "transferred": False, "resolved": True, "caller_id": None}
    row.update(kw)
    return row


@pytest.fixture(scope="module")
def flags_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("flags") / "flags.duckdb"
    calls = [
        _call("F1", 8, hold_s=quality.LONG_HOLD_S + 1),          # long hold
        _call("F2", 9, hold_s=quality.LONG_HOLD_S),              # exactly at the threshold: not flagged
        _call("F3", 10, dead_air_s=11),                           # 11% dead air
        _call("F4", 11, dead_air_s=None, transferred=None, resolved=None),   # can't judge dead air / resolution
        _call("F5", 12, transferred=True, resolved=False, caller_id="x"),
        _call("F6", 13, caller_id="x"),                           # makes F5 a repeat
        _call("F7", 14, outcome="abandoned", agent_id=None, talk_s=0, hold_s=None, dead_air_s=None),
        _call("F8", 8, arrived_at=datetime(2026, 3, 20, 8), caller_id="y"),  # data end, keeps F5/F6 uncensored
    ]
    return build(path, agents=AGENTS, calls=calls)


def test_flag_counts_and_rates(flags_db):
    f = Filters(start=date(2026, 3, 2), end=date(2026, 3, 2))
    with warehouse.read_connection(flags_db) as con:
        t = quality.flag_table(queries.run(con, quality.flag_counts_query(f))).set_index("flag")
        kpi = metrics.compute_one(con, f, ["transfer_rate_pct", "fcr_pct", "resolved_pct"])
    assert t["flagged"].to_dict() == {"long_hold": 1, "dead_air": 1, "transfer": 1, "repeat_7d": 1, "unresolved": 1}
    assert t["judged"].to_dict() == {"long_hold": 6, "dead_air": 5, "transfer": 6, "repeat_7d": 2, "unresolved": 5}
    assert t.loc["transfer", "rate_pct"] == pytest.approx(kpi["transfer_rate_pct"])
    assert t.loc["repeat_7d", "rate_pct"] == pytest.approx(100 - kpi["fcr_pct"])
    assert t.loc["unresolved", "rate_pct"] == pytest.approx(100 - kpi["resolved_pct"])


def test_flagged_calls_list_newest_first_and_limited(flags_db):
    f = Filters(start=date(2026, 3, 2), end=date(2026, 3, 2))
    with warehouse.read_connection(flags_db) as con:
        hold = queries.run(con, quality.flagged_calls_query(f, "long_hold"))
        everyone = queries.run(con, quality.flagged_calls_query(f, "transfer"))
        unres = queries.run(con, quality.flagged_calls_query(f, "unresolved", limit=1))
    assert hold["call_id"].tolist() == ["F1"] and hold["agent_name"].tolist() == ["Ana"]
    assert everyone["call_id"].tolist() == ["F5"]
    assert len(unres) == 1 and {"arrived_at", "queue", "talk_s", "hold_s", "reason"} <= set(unres.columns)
    with pytest.raises(ValueError):
        quality.flagged_calls_query(f, "nope")


def test_thresholds_are_shown_from_the_constants():
    text = quality.thresholds_text()
    assert f"{quality.LONG_HOLD_S:.0f} s" in text and f"{quality.DEAD_AIR_SHARE:.0%}" in text
