"""Org-chart moves for the sample center: a few per cent of the agents each quarter changed team.

Written as `assignments` history whose last (open) period is the agent's current place in `agents`, so
everything that reads the current org chart is unchanged; only "the team at the date" differs before a
move. A moved agent sat in another team of the same site (when the site has one) from hiring until the
move, which falls on a random day of the quarter while they were employed.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

MOVES_PER_QUARTER = 0.03


def plan_moves(people: pd.DataFrame, start: dt.date, end: dt.date, seed: int,
               rate: float = MOVES_PER_QUARTER) -> pd.DataFrame:
    """assignments rows (agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role)."""
    rng = np.random.default_rng([seed, 31])
    agents = people[people["role"] == "agent"].reset_index(drop=True)
    teams_by_site = people[people["role"] == "supervisor"].groupby("site")["agent_id"].apply(list).to_dict()
    all_teams = sorted(people.loc[people["role"] == "supervisor", "agent_id"])
    rows, moved = [], set()
    q = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while q < end:
        q_end = dt.date(q.year + (q.month + 2) // 12, (q.month + 2) % 12 + 1, 1)
        for i in range(len(agents)):
            a = agents.iloc[i]
            hired, left = a["hired_on"], a["left_on"]
            lo, hi = max(q, start, hired + dt.timedelta(days=30)), min(q_end, end, left or end)
            if a["agent_id"] in moved or lo >= hi or rng.random() >= rate:
                continue
            others = [t for t in teams_by_site.get(a["site"], all_teams) if t != a["supervisor_id"]] or \
                     [t for t in all_teams if t != a["supervisor_id"]]
            if not others:
                continue
            when = lo + dt.timedelta(days=int(rng.integers(0, (hi - lo).days)))
            before = others[int(rng.integers(0, len(others)))]
            rows.append((a["agent_id"], hired, when, before, a["coach_id"], a["site"], "agent"))
            rows.append((a["agent_id"], when, None, a["supervisor_id"], a["coach_id"], a["site"], "agent"))
            moved.add(a["agent_id"])
        q = q_end
    return pd.DataFrame(rows, columns=["agent_id", "valid_from", "valid_to", "supervisor_id", "coach_id", "site", "role"])


def write_moves(con: duckdb.DuckDBPyConnection, people: pd.DataFrame, start: dt.date, end: dt.date,
                seed: int) -> int:
    moves = plan_moves(people, start, end, seed)
    if moves.empty:
        return 0
    con.register("moves_df", moves)
    con.execute("INSERT INTO assignments (agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role) "
                "SELECT agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role FROM moves_df")
    con.unregister("moves_df")
    return int(moves["agent_id"].nunique())
