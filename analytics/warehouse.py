"""The DuckDB warehouse: where it lives, how to open it, and how its SQL layers are built.

DuckDB lets one process write a file, or many processes read it. The app therefore never holds a
connection open between reruns: every read opens a short-lived read-only connection (retrying while
an import holds the write lock), and every write takes the file for one transaction. A running app
sees new data on its next query; an interrupted write rolls back and the old data keeps serving.
"""
from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Iterator

import duckdb

REPO_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = REPO_ROOT / "sql"
DEFAULT_DB = REPO_ROOT / "data" / "switchboard.duckdb"
ENV_VAR = "SWITCHBOARD_DB"

# Layers in build order. raw: the canonical tables (idempotent CREATE IF NOT EXISTS);
# staging: cleaned views; marts: materialized tables and rollups, rebuilt by refresh_marts().
LAYERS = ("raw", "staging", "marts")

LOCK_RETRY_SECONDS = 15.0


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db PATH, else $SWITCHBOARD_DB, else data/switchboard.duckdb (the product map's order)."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return DEFAULT_DB


def sql_files(layer: str) -> list[Path]:
    return sorted((SQL_DIR / layer).glob("*.sql"))


def read_sql(relative: str) -> str:
    """Text of one SQL file under sql/, e.g. read_sql('queries/kpi_detail.sql')."""
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() > deadline:
                raise WarehouseBusy(path) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class WarehouseError(Exception):
    """A problem with the warehouse file that a user can act on."""


class WarehouseBusy(WarehouseError):
    def __init__(self, path: Path):
        super().__init__(
            f"The warehouse {path} is locked by another process (an import or a build is writing). "
            "Try again in a moment."
        )


class WarehouseMissing(WarehouseError):
    def __init__(self, path: Path):
        super().__init__(
            f"No warehouse at {path}. Build one with `python -m analytics sample --db {path}` "
            f"or create an empty one with `python -m analytics init --db {path}`."
        )


@contextlib.contextmanager
def read_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one unit of reading; closed on exit so writers can get in."""
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(path)
    con = _connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def write_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection; callers wrap their changes in one transaction."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path, read_only=False)
    try:
        yield con
    finally:
        con.close()


def run_layer(con: duckdb.DuckDBPyConnection, layer: str) -> None:
    for f in sql_files(layer):
        con.execute(f.read_text(encoding="utf-8"))


def build_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the canonical tables (if missing) and (re)create the staging views. Idempotent."""
    run_layer(con, "raw")
    run_layer(con, "staging")


def refresh_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every mart and rollup from the canonical tables. Idempotent."""
    run_layer(con, "marts")


def init(path: Path) -> Path:
    """Create an empty, fully built warehouse (or bring an existing one's schema up to date)."""
    with write_connection(path) as con:
        con.execute("BEGIN")
        build_schema(con)
        refresh_marts(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    return Path(path)


def data_version(path: Path) -> str:
    """Changes whenever the warehouse file changes; cache keys include it so new data shows at once."""
    parts = []
    for p in (Path(path), Path(str(path) + ".wal")):
        try:
            st = p.stat()
            parts.append(f"{st.st_mtime_ns}:{st.st_size}")
        except FileNotFoundError:
            parts.append("-")
    return "|".join(parts)


def setting(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default
