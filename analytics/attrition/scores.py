"""Attrition scores computed once and kept in the warehouse, so pages, the review and exports read them.

Scoring every agent at every month-end (features, prediction, per-agent explanations) takes seconds
to tens of seconds; reading the result back takes milliseconds. Table attrition_scores holds one row
per agent × month-end for one model (model_id), with the features, risk, band and drivers;
attrition_score_runs says which model they came from and whether they are stale. Any change to the
data (an import, a settings change: both refresh the marts) marks them stale in its own transaction;
the next reader (or `attrition score`, or training) recomputes and stores them.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import duckdb
import pandas as pd

from analytics.core import warehouse

log = logging.getLogger("switchboard.attrition")

TABLE = "attrition_scores"
RUNS = "attrition_score_runs"
JSON_COLUMNS = ("drivers_detail",)


def _exists(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main' "
                            "AND NOT temporary", [name]).fetchone()[0])


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """The data changed: stored scores no longer match it (called inside the writer's transaction)."""
    if _exists(con, RUNS):
        con.execute(f"UPDATE {RUNS} SET stale = true")


def fresh_model_id(con) -> str | None:
    """The model the stored scores came from, when they are current; else None. One query: the runs
    table is written in the same transaction as the scores (write), so it exists only beside them —
    a page asks this on every render, and each catalog lookup cost a few milliseconds."""
    try:
        row = con.execute(f"SELECT model_id FROM {RUNS} WHERE NOT stale ORDER BY scored_at DESC LIMIT 1").fetchone()
    except duckdb.CatalogException:  # never scored
        return None
    return row[0] if row else None


def _to_table(scored: pd.DataFrame, model_id: str) -> pd.DataFrame:
    out = scored.copy()
    for c in JSON_COLUMNS:
        if c in out:
            out[c] = [json.dumps(v, ensure_ascii=False, default=str) for v in out[c]]
    out.insert(0, "model_id", model_id)
    return out


def write(db_path, scored: pd.DataFrame, model_id: str) -> None:
    """Replace the stored scores by `scored` (every agent × month-end) in one transaction."""
    table = _to_table(scored, model_id)
    with warehouse.write_connection(Path(db_path)) as con, warehouse.transaction(con):
        con.register("scores_src", table)
        con.execute(f"CREATE OR REPLACE TABLE {TABLE} AS SELECT * FROM scores_src ORDER BY month_end, agent_id")
        con.unregister("scores_src")
        con.execute(f"CREATE TABLE IF NOT EXISTS {RUNS} (model_id TEXT NOT NULL, scored_at TIMESTAMP NOT NULL, "
                    "rows BIGINT NOT NULL, stale BOOLEAN NOT NULL)")
        con.execute(f"DELETE FROM {RUNS}")
        con.execute(f"INSERT INTO {RUNS} VALUES (?, ?, ?, false)",
                    [model_id, dt.datetime.now(), len(table)])


def _from_table(df: pd.DataFrame) -> pd.DataFrame:
    df = df.drop(columns=["model_id"], errors="ignore")
    for c in JSON_COLUMNS:
        if c in df:
            df[c] = [json.loads(v) if isinstance(v, str) else v for v in df[c]]
    if "month_end" in df:
        df["month_end"] = pd.to_datetime(df["month_end"]).dt.date  # as analytics.attrition.features gives it
    return df


def _scope_clause() -> tuple[str, list]:
    teams = warehouse.session_teams()
    if teams is None:
        return "", []
    return " AND list_contains(?::VARCHAR[], supervisor_id)", [list(teams)]


def read_latest(con, model_id: str) -> pd.DataFrame:
    """Every agent at the latest scored month-end, highest risk first."""
    scope, params = _scope_clause()
    df = con.execute(
        f"SELECT * FROM {TABLE} WHERE model_id = ? AND month_end = (SELECT max(month_end) FROM {TABLE} "
        f"WHERE model_id = ?){scope} ORDER BY risk DESC, agent_id", [model_id, model_id, *params]).df()
    return _from_table(df)


def read_agent(con, model_id: str, agent_id: str) -> pd.DataFrame:
    """One agent's scores at every month-end, oldest first (the trend)."""
    scope, params = _scope_clause()
    df = con.execute(f"SELECT month_end, risk, band, drivers, drivers_detail FROM {TABLE} WHERE model_id = ? AND agent_id = ?{scope} "
                     "ORDER BY month_end", [model_id, agent_id, *params]).df()
    return _from_table(df)


def read_all(con, model_id: str) -> pd.DataFrame:
    scope, params = _scope_clause()
    df = con.execute(f"SELECT * FROM {TABLE} WHERE model_id = ?{scope} ORDER BY month_end, agent_id",
                     [model_id, *params]).df()
    return _from_table(df)


def compute_and_store(db_path, model, meta: dict) -> pd.DataFrame:
    """Score every agent at every month-end over the whole center (no team scope) and store it."""
    from analytics.attrition import scoring

    token = warehouse._SESSION_TEAMS.set(None)  # scores are the center's; reads apply the scope
    try:
        scored = scoring.history(db_path, model, meta)
    finally:
        warehouse._SESSION_TEAMS.reset(token)
    try:
        write(db_path, scored, meta["model_id"])
    except (warehouse.WarehouseError, duckdb.Error) as exc:  # e.g. busy: serve the result, store next time
        log.info("attrition scores not stored: %s", exc)
    return scored


def _model(db_path, meta: dict, model):
    """The model object, loaded from its file only when scores must be computed."""
    if model is not None:
        return model
    from analytics.attrition import store

    return store.load_model(store.models_dir(db_path) / meta["model_file"])


def ensure(db_path, meta: dict, model=None) -> None:
    """Make the stored scores current for this model (compute them once if missing or stale)."""
    with warehouse.read_connection(Path(db_path), teams=None) as con:
        current = fresh_model_id(con)
    if current != meta["model_id"]:
        compute_and_store(db_path, _model(db_path, meta, model), meta)


def _read_current(db_path, meta: dict, read):
    """read(con, model_id) on one connection when the stored scores are this model's and current;
    None otherwise. The common case — scores current — is one freshness query and the read."""
    with warehouse.read_connection(Path(db_path)) as con:
        if fresh_model_id(con) == meta["model_id"]:
            return read(con, meta["model_id"])
    return None


def latest(db_path, meta: dict, model=None) -> pd.DataFrame:
    """The latest month-end's scores, from the store (computed once when missing or stale)."""
    found = _read_current(db_path, meta, read_latest)
    if found is not None:
        return found
    ensure(db_path, meta, model)
    found = _read_current(db_path, meta, read_latest)
    if found is not None:
        return found
    # not storable (warehouse busy): compute in memory
    from analytics.attrition import scoring
    return scoring.score(db_path, _model(db_path, meta, model), meta)


def agent_history(db_path, meta: dict, agent_id: str, model=None) -> pd.DataFrame:
    """One agent's risk, band and drivers at every month-end, oldest first."""
    def read(con, model_id):
        return read_agent(con, model_id, agent_id)

    found = _read_current(db_path, meta, read)
    if found is not None:
        return found
    ensure(db_path, meta, model)
    found = _read_current(db_path, meta, read)
    if found is not None:
        return found
    from analytics.attrition import scoring
    hist = scoring.history(db_path, _model(db_path, meta, model), meta)
    hist = hist[hist["agent_id"] == agent_id].sort_values("month_end")
    return hist[["month_end", "risk", "band", "drivers", "drivers_detail"]].reset_index(drop=True)
