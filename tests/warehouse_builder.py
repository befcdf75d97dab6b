"""Build small hand-written warehouses for tests: real DuckDB files, rows written out in the test."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analytics.core import warehouse

CALL_COLUMNS = ["call_id", "arrived_at", "queue", "caller_id", "wait_s", "outcome", "agent_id", "talk_s",
                "hold_s", "acw_s", "transferred", "reason", "resolved", "dead_air_s", "hold_count"]


def build(path: Path, *, agents=(), calls=(), evaluations=(), surveys=(), shifts=()) -> Path:
    """Create a warehouse at `path` holding exactly the given rows (dicts), marts refreshed."""
    warehouse.init(path)
    tables = {
        "agents": agents, "evaluations": evaluations, "surveys": surveys, "shifts": shifts,
        "calls": [{c: row.get(c) for c in CALL_COLUMNS} for row in calls],
    }
    with warehouse.write_connection(path) as con:
        con.execute("BEGIN")
        for name, rows in tables.items():
            if not rows:
                continue
            df = pd.DataFrame(list(rows))
            con.register("df_rows", df)
            cols = ", ".join(df.columns)
            con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM df_rows")
            con.unregister("df_rows")
        warehouse.refresh_marts(con)
        con.execute("COMMIT")
    return path
