"""The merge of a validated file into the warehouse: one write transaction, all or nothing.

Existing rows with the same keys are deleted and the file's rows inserted (re-importing a file is
idempotent; a newer overlapping file updates those rows). caller_id arrives in the warehouse only as
HMAC-SHA256(key, sha256(salt || caller_id)): the key lives outside the warehouse (analytics/auth/caller_key.py). The marts are refreshed for
what the file touched (analytics.core.marts) inside the same transaction, so readers see either the
old data and marts or the new ones, never a mix, and a daily import costs the same whatever the history.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from analytics.auth import caller_key
from analytics.core import marts, warehouse
from analytics.importer import history
from analytics.importer import progress as progress_mod
from analytics.importer.contract import CONTRACTS, Column
from analytics.importer.validate import q

BATCH_ROWS = 256_000


@dataclass
class Merged:
    inserted: int
    updated: int
    agents_created: int


def _staged_expr(c: Column, table: str) -> str:
    if c.kind == "integer":
        return f"CAST({q(c.name)} AS INTEGER) AS {q(c.name)}"
    if table == "evaluations" and c.name == "kind":
        return "COALESCE(kind, 'human') AS kind"  # the schema's default, which an explicit NULL would bypass
    return q(c.name)


def _stored_expr(c: Column, table: str) -> str:
    if table == "calls" and c.name == "caller_id":
        # keyed: HMAC(key outside the warehouse, salted hash) — analytics/auth/caller_key.py
        return ("CASE WHEN caller_id IS NULL THEN NULL ELSE switchboard_caller_hmac("
                "sha256((SELECT value FROM settings WHERE key = 'caller_salt') || caller_id)) END")
    return q(c.name)


def merge(staging: duckdb.DuckDBPyConnection, db_path: Path, table: str, log: dict,
          progress: progress_mod.Report | None = None) -> Merged:
    """Moves table `typed` (and `new_agents`) of `staging` into the warehouse; `log` fills import_log.
    `progress` hears the mart refresh's steps (analytics/importer/progress.py)."""
    contract = CONTRACTS[table]
    names = ", ".join(q(n) for n in contract.stored)
    existed = Path(db_path).exists()
    try:
        with warehouse.write_connection(db_path) as wh:
            warehouse.tune_for_writes(wh, db_path)
            with warehouse.transaction(wh):
                merged = _merge_in_transaction(staging, wh, table, names, log, progress)
    except BaseException:
        if not existed:  # we created an empty file for nothing: leave no trace
            for p in (Path(db_path), Path(str(db_path) + ".wal")):
                p.unlink(missing_ok=True)
        raise
    return merged


def _release_staging(staging: duckdb.DuckDBPyConnection) -> None:
    """The file's rows are in the warehouse's transaction now: free the staging database's copies (the
    raw file, the typed rows: up to its 512 MB cap) before the mart refresh, which may need the writer's
    whole cap. Without this a 5 M-row import holds both caps at once."""
    for name in ("typed", "raw_file", "rejects", "stitched", "known_agents", "new_agents"):
        staging.execute(f"DROP TABLE IF EXISTS {name}")


def _merge_in_transaction(staging, wh, table: str, names: str, log: dict, progress=None) -> Merged:
    contract = CONTRACTS[table]
    warehouse.build_schema(wh)
    rekeyed = caller_key.prepare(wh) if table == "calls" else 0  # once: salted SHA-256 → keyed HMAC
    staged = ", ".join(_staged_expr(c, table) for c in contract.columns if c.stored)
    # Arrow batches stream from the staging database; the raw file never touches the warehouse.
    wh.register("incoming_src", staging.sql(f"SELECT {staged} FROM typed").to_arrow_reader(BATCH_ROWS))
    wh.execute("CREATE TEMP TABLE incoming AS SELECT * FROM incoming_src")
    wh.unregister("incoming_src")
    new_agents = staging.sql("SELECT agent_id, hired_on FROM new_agents").to_arrow_table()
    _release_staging(staging)
    # An assignments file is the history of the people in it: it replaces their whole history.
    key = ("agent_id",) if table == "assignments" else contract.key
    match = " AND ".join(f"t.{q(k)} = i.{q(k)}" for k in key)
    captured = marts.capture(wh, table)
    moved = history.record_moves(wh, log.get("as_of") or date.today()) if table == "agents" else 0
    updated = wh.execute(
        f"SELECT count(*) FROM incoming i WHERE EXISTS (SELECT 1 FROM {table} t WHERE {match})"
    ).fetchall()[0][0]
    wh.execute(f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM incoming i WHERE {match})")
    stored = ", ".join(_stored_expr(c, table) for c in contract.columns if c.stored)
    total = wh.execute(f"INSERT INTO {table} ({names}) SELECT {stored} FROM incoming").fetchall()[0][0]

    wh.register("new_agents_src", new_agents)
    wh.execute(
        "INSERT INTO placeholder_agents (agent_id, created_at, file_name, table_name) "
        "SELECT agent_id, ?, ?, ? FROM new_agents_src WHERE agent_id NOT IN (SELECT agent_id FROM agents) "
        "ON CONFLICT DO NOTHING", [datetime.now(), log["file_name"], table])
    created = wh.execute(
        "INSERT INTO agents (agent_id, name, role, hired_on) SELECT agent_id, agent_id, 'agent', hired_on "
        "FROM new_agents_src WHERE agent_id NOT IN (SELECT agent_id FROM agents)"
    ).fetchall()[0][0]
    if table == "agents":  # their real record arrived: no longer placeholders
        wh.execute("DELETE FROM placeholder_agents WHERE agent_id IN (SELECT agent_id FROM incoming)")
    wh.unregister("new_agents_src")

    notes = [f"placeholder agents created: {created}" if created else "",
             f"moved (new assignment opened): {moved}" if moved else ""]
    message = "; ".join(n for n in notes if n) or None
    wh.execute(
        "INSERT INTO import_log (table_name, file_name, file_sha256, rows_read, rows_accepted, rows_rejected, "
        "rows_inserted, rows_updated, status, started_at, finished_at, message) "
        "VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'imported', ?, ?, ?)",
        [table, log["file_name"], log["file_sha256"], log["rows_read"], total, total - updated, updated,
         log["started_at"], datetime.now(), message],
    )
    progress_mod.stage(progress, "refresh")
    if rekeyed:  # every stored caller id changed (once per old warehouse): the marts are rebuilt in full
        marts.refresh(wh, marts.Capture(table, None, full=True), progress=progress_mod.refresh_steps(progress))
    else:
        marts.refresh(wh, captured, progress=progress_mod.refresh_steps(progress))
    wh.execute("DROP TABLE incoming")
    return Merged(inserted=total - updated, updated=updated, agents_created=created)
