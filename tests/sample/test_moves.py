"""The sample center's org-chart moves: a few per cent of agents a quarter, history consistent with agents."""
from __future__ import annotations

import datetime as dt

import duckdb

from analytics.sample.moves import plan_moves


def test_sample_writes_moves_whose_last_period_is_the_current_team(sample_db):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        n_agents = con.execute("SELECT count(*) FROM agents WHERE role = 'agent'").fetchone()[0]
        moved = con.execute("SELECT count(DISTINCT agent_id) FROM assignments").fetchone()[0]
        assert 1 <= moved <= max(2, 0.15 * n_agents)
        # the open period is where agents says the person sits now; the earlier one was another team
        bad = con.execute("""
            SELECT s.agent_id FROM assignments s JOIN agents a USING (agent_id)
            WHERE s.valid_to IS NULL AND s.supervisor_id IS DISTINCT FROM a.supervisor_id
            UNION ALL
            SELECT agent_id FROM assignments GROUP BY agent_id
            HAVING count(*) <> 2 OR count(DISTINCT supervisor_id) <> 2""").fetchall()
        assert bad == []
        # a call before the move counts in the old team (fct_calls reads the team at the date)
        before = con.execute("""
            SELECT count(*), count(*) FILTER (WHERE f.supervisor_id = s.supervisor_id)
            FROM fct_calls f JOIN assignments s
              ON s.agent_id = f.agent_id AND s.valid_to IS NOT NULL AND f.call_date < s.valid_to""").fetchone()
        assert before[0] == before[1]


def test_move_rate_is_a_few_percent_a_quarter():
    import pandas as pd
    people = pd.DataFrame(
        [(f"A{i}", "agent", f"S{i % 4}", "C1", "x", dt.date(2020, 1, 1), None) for i in range(1000)]
        + [(f"S{j}", "supervisor", "M1", None, "x", dt.date(2019, 1, 1), None) for j in range(4)],
        columns=["agent_id", "role", "supervisor_id", "coach_id", "site", "hired_on", "left_on"])
    moves = plan_moves(people, dt.date(2024, 1, 1), dt.date(2025, 1, 1), seed=1)
    per_quarter = moves.groupby(pd.to_datetime(moves["valid_to"]).dt.quarter)["agent_id"].nunique()
    assert len(per_quarter) == 4 and all(15 <= n <= 50 for n in per_quarter)  # ~3% of 1000
