"""The sample center's org-chart moves: a few per cent of agents a quarter, history consistent with agents,
and the team the history names is the one whose supervisor shapes the agent's risk of leaving."""
from __future__ import annotations

import importlib

import duckdb
import numpy as np

from analytics.sample import org, presets

generate = importlib.import_module("analytics.sample.generate")  # the package exports the function by that name


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


def _workforce(seed=1, months=12):
    p = presets.resolve("medium", months=months)
    _, n_days, month_end, _ = generate._calendar(generate.DEFAULT_END, p.months)
    season = np.ones((len(p.seats), len(month_end)))
    wf = org.build(p, month_end, season, 0, np.random.default_rng([seed, 1]), np.random.default_rng([seed, 31]))
    return wf, n_days


def test_move_rate_is_a_few_percent_a_quarter_within_the_site():
    wf, n_days = _workforce()
    moved = np.flatnonzero(wf.team_before >= 0)
    for q0 in range(0, n_days - 91, 91):
        active = ((wf.hired <= q0) & (wf.left > q0)).sum()
        n = ((wf.move_day[moved] >= q0) & (wf.move_day[moved] < q0 + 91)).sum()
        assert 0.01 * active <= n <= 0.06 * active, (q0, n, active)  # ~3 %
    assert (wf.team[moved] != wf.team_before[moved]).all()
    site_of_team = {t: wf.seat_site[np.flatnonzero(wf.seat_sup == t)[0]] for t in range(len(wf.sup_poor))}
    assert all(site_of_team[a] == site_of_team[b] for a, b in zip(wf.team[moved], wf.team_before[moved]))
    assert (wf.move_day[moved] >= wf.hired[moved] + 30).all() and (wf.move_day[moved] < wf.left[moved]).all()


def test_the_supervisor_that_drives_engagement_is_the_team_at_the_month_end():
    """Before this, a mover's history named a team that had no part in their exits (the drag came from
    the seat's team all along): the attrition model's team features then read the wrong supervisor."""
    wf, _ = _workforce(seed=2)
    moved = np.flatnonzero((wf.team_before >= 0) & (wf.sup_poor[wf.team] != wf.sup_poor[np.maximum(wf.team_before, 0)]))
    assert len(moved) > 0
    checked = 0
    for k, me in enumerate(wf.month_end):
        active = moved[(wf.hired[moved] <= me) & (wf.left[moved] > me)]
        expect = wf.sup_poor[wf.team_on(me)[active]].astype(float)
        assert np.array_equal(wf.poor[active, k], expect), k
        checked += len(active)
    assert checked > 0
