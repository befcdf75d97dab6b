"""`python -m analytics kpis` follows the contract's second edition: undefined KPIs are null in JSON with
the reason on stderr, every period in range gets a row, --by evaluator, and --compare reports φ.

Hand-built center: 14 days (2026-03-02 … 03-15) of 10 calls a day, all answered by A1 (team S1).
Answered within 20 s per day: week 1 8, 10, 6, 8, 10, 6, 8 (p = 0.8), week 2 6, 8, 4, 6, 8, 4, 6 (p = 0.6).
  χ² week 1 = Σ (x − 8)² / (10 · 0.8 · 0.2) = 16 / 1.6 = 10;  week 2 = 16 / 2.4 = 20/3
  φ = (10 + 20/3) / (14 − 2) = 25/18
Week 2026-W13 (03-23 … 03-29) has no calls.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse_builder import build

ROOT = Path(__file__).resolve().parents[2]
IN_SL = [8, 10, 6, 8, 10, 6, 8, 6, 8, 4, 6, 8, 4, 6]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    calls = []
    for day, k in enumerate(IN_SL):
        for i in range(10):
            calls.append(dict(call_id=f"d{day:02d}c{i}", arrived_at=f"2026-03-{2 + day:02d} 10:{i:02d}", queue="Q1",
                              wait_s=5 if i < k else 60, outcome="answered", agent_id="A1", talk_s=100))
    calls.append(dict(call_id="late", arrived_at="2026-03-30 10:00", queue="Q1", wait_s=5, outcome="answered",
                      agent_id="A1", talk_s=100))
    agents = [dict(agent_id="S1", name="Sara", role="supervisor", site="X", hired_on="2020-01-01"),
              dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="X", hired_on="2025-01-01")]
    evaluations = [dict(evaluation_id="e1", call_id="d00c0", agent_id="A1", evaluator_id="C1",
                        evaluated_at="2026-03-02 12:00", score=90, kind="human")]
    shifts = [dict(agent_id="A1", date="2026-03-02", scheduled_s=3600, logged_in_s=3600, adherent_s=1800,
                   absent=False)]
    return build(tmp_path_factory.mktemp("cli2") / "c.duckdb", agents=agents, calls=calls,
                 evaluations=evaluations, shifts=shifts)


def kpis(db, *args):
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(db), "--format", "json", *args],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout), res.stderr


def test_a_supervisor_filter_leaves_queue_kpis_null_with_a_note(db):
    out, err = kpis(db, "--from", "2026-03-02", "--to", "2026-03-08", "--supervisor", "S1",
                    "--kpi", "offered,abandoned,service_level_pct,aht_s")
    assert out == {"offered": None, "abandoned": None, "service_level_pct": None, "aht_s": 100}
    assert "note:" in err and "abandoned calls belong to a queue" in err


def test_a_queue_filter_leaves_workforce_kpis_null_with_a_note(db):
    out, err = kpis(db, "--from", "2026-03-02", "--to", "2026-03-02", "--queue", "Q1", "--kpi", "adherence_pct")
    assert out == {"adherence_pct": None}
    assert "belong to agents" in err
    out, err = kpis(db, "--from", "2026-03-02", "--to", "2026-03-02", "--kpi", "adherence_pct")
    assert out == {"adherence_pct": 50.0} and err == ""


def test_a_week_without_calls_gets_a_row(db):
    rows, _ = kpis(db, "--from", "2026-03-02", "--to", "2026-03-30", "--by", "week",
                   "--kpi", "offered,service_level_pct")
    assert [r["week"] for r in rows] == ["2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"]
    assert rows[3] == {"week": "2026-W13", "offered": 0, "service_level_pct": None}
    assert rows[4]["offered"] == 1


def test_by_evaluator(db):
    rows, _ = kpis(db, "--from", "2026-03-02", "--to", "2026-03-08", "--by", "evaluator",
                   "--kpi", "evaluator_drift_pts,qa_score_avg")
    assert rows == [{"evaluator": "C1", "evaluator_name": None, "evaluator_drift_pts": 0.0, "qa_score_avg": 90.0}]
    out, _ = kpis(db, "--from", "2026-03-02", "--to", "2026-03-08", "--kpi", "evaluator_drift_pts")
    assert out == {"evaluator_drift_pts": None}


def test_compare_uses_phi_from_the_daily_rates(db):
    out, _ = kpis(db, "--from", "2026-03-09", "--to", "2026-03-15", "--compare", "previous",
                  "--kpi", "service_level_pct")
    assert out["service_level_pct"] == pytest.approx(60.0) and out["service_level_pct_prev"] == pytest.approx(80.0)
    assert out["service_level_pct_phi"] == pytest.approx(25 / 18)
    assert out["service_level_pct_phi_note"] is None
    # z = 0.2 / √(25/18 · 0.7 · 0.3 · 2/70) = 2.19: still significant at 5 %
    assert out["service_level_pct_delta_significant"] is True


def test_compare_over_fewer_than_seven_days_says_phi_is_one(db):
    out, _ = kpis(db, "--from", "2026-03-14", "--to", "2026-03-15", "--compare", "previous",
                  "--kpi", "service_level_pct")
    assert out["service_level_pct_phi"] == 1.0 and "fewer than 7 days" in out["service_level_pct_phi_note"]


def test_annualized_attrition_under_90_days_carries_leavers_and_flag(db):
    out, err = kpis(db, "--from", "2026-03-02", "--to", "2026-03-15", "--kpi", "attrition_rate_pct")
    assert out == {"attrition_rate_pct": 0.0, "attrition_rate_pct_leavers": 0, "attrition_rate_pct_unstable": True}
    assert "unstable" in err
