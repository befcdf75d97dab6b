"""Org-chart moves for the sample center: a few per cent of the agents each quarter change team.

The moves are drawn with the workforce (`org.build`, `org.MOVES_PER_QUARTER`): from the move on the
agent is in the new supervisor's team, and that team's supervisor is the one who shapes their
engagement and their risk of leaving, as the org chart says. Written here as `assignments` history whose
last (open) period is the agent's current place in `agents`; before the move the agent sat in another
team of the same site, from hiring until the move. (Moves used to be drawn afterwards, on paper only:
the history named a team that had no part in the agent's exits, which the attrition model reads.)
"""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

COLUMNS = ["agent_id", "valid_from", "valid_to", "supervisor_id", "coach_id", "site", "role"]


def plan_moves(ctx, agent_ids, sup_ids, coach_ids) -> pd.DataFrame:
    """assignments rows (agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role) for the
    agents who moved inside the data window."""
    wf = ctx.wf
    day = lambda d: ctx.start + dt.timedelta(days=int(d))  # noqa: E731
    rows = []
    for i in np.flatnonzero((wf.team_before >= 0) & (wf.move_day < ctx.n_days) & (wf.hired < ctx.n_days)):
        site = wf.sites[wf.seat_site[wf.seat[i]]]
        coach = coach_ids[wf.coach[i]]
        rows.append((agent_ids[i], day(wf.hired[i]), day(wf.move_day[i]), sup_ids[wf.team_before[i]], coach, site,
                     "agent"))
        rows.append((agent_ids[i], day(wf.move_day[i]), None, sup_ids[wf.team[i]], coach, site, "agent"))
    return pd.DataFrame(rows, columns=COLUMNS)


def write_moves(con: duckdb.DuckDBPyConnection, ctx, agent_ids, sup_ids, coach_ids) -> int:
    moves = plan_moves(ctx, agent_ids, sup_ids, coach_ids)
    if moves.empty:
        return 0
    con.register("moves_df", moves)
    con.execute("INSERT INTO assignments (agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role) "
                "SELECT agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role FROM moves_df")
    con.unregister("moves_df")
    return int(moves["agent_id"].nunique())
