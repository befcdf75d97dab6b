"""The DuckDB warehouse: where it lives, how to open it, and how its SQL layers are built.

DuckDB lets one process write a file, or many processes read it. The app therefore never holds a
connection open between reruns: every read opens a short-lived read-only connection (retrying while
an import holds the write lock), and every write takes the file for one transaction. A running app
sees new data on its next query; an interrupted write rolls back and the old data keeps serving.
"""
from __future__ import annotations

import atexit
import contextlib
import contextvars
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Iterator

import duckdb

from analytics.i18n import _, isolate

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "sql"
DEFAULT_DB = REPO_ROOT / "data" / "switchboard.duckdb"
ENV_VAR = "SWITCHBOARD_DB"

# Layers in build order (folders of sql/). raw: the canonical tables (idempotent CREATE IF NOT EXISTS);
# staging: cleaned views; marts: one SELECT per file, materialized by analytics.core.marts.

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
    # another process holds the file, or this process still has it open read-only (an anchor); "lock" as
    # a word: a damaged file's "checksum … in block" is no lock, and waiting for it only delays the error
    return bool(re.search(r"\block(ed|s)?\b", text)) or any(
        s in text for s in ("conflicting", "being used", "different configuration"))


DUCKDB_MAGIC = b"DUCK"  # bytes 8..11 of every DuckDB database file


def is_duckdb_file(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(12)[8:12] == DUCKDB_MAGIC
    except OSError:
        return False


def _check_file(path: Path) -> None:
    """Refuse what cannot be a warehouse before DuckDB sees it: the engine's own errors for these speak of
    its internals (an existing CSV file even opens as an in-memory database, so a write would be lost)."""
    if path.is_dir():
        raise WarehouseUnreadable(path, "folder")
    if not path.exists():
        return
    if not os.access(path, os.R_OK):
        raise WarehouseUnreadable(path, "unreadable")
    if path.stat().st_size == 0:
        raise WarehouseUnreadable(path, "empty")
    if not is_duckdb_file(path):
        raise WarehouseUnreadable(path)


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    _check_file(path)
    return while_locked(path, lambda: duckdb.connect(str(path), read_only=read_only))


def while_locked(path: Path, open_it):
    """`open_it()` (an open or attach of the warehouse at `path`), retried while another process holds
    the file, for up to LOCK_RETRY_SECONDS; then WarehouseBusy. A refusal that is no lock is a damaged
    file (WarehouseUnreadable)."""
    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    delay = 0.05
    while True:
        try:
            return open_it()
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                # a DuckDB file the engine still refuses (a damaged one, another storage version)
                raise WarehouseUnreadable(path, "damaged", exc) from None
            if time.monotonic() > deadline:
                raise WarehouseBusy(path) from exc
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class WarehouseError(Exception):
    """A problem with the warehouse file that a user can act on."""


class WarehouseBusy(WarehouseError):
    def __init__(self, path: Path):
        super().__init__(_(
            "The warehouse {path} is locked by another process (an import or a build is writing). "
            "Try again in a moment.").format(path=isolate(path)))


class WarehouseUnreadable(WarehouseError):
    """`kind`: folder, empty, unreadable, damaged, or (default) some other kind of file. The engine's
    message is kept in `detail` for a developer (SWITCHBOARD_DEBUG), never shown in place of ours."""

    def __init__(self, path: Path, kind: str = "other", exc: Exception | None = None):
        self.detail = (str(exc or "").strip().splitlines() or [""])[0]
        what = {
            "folder": _("{path} is a folder, not a Switchboard warehouse"),
            "empty": _("{path} is an empty file, not a Switchboard warehouse"),
            "unreadable": _("{path} cannot be read (no permission), so it cannot be used as a Switchboard warehouse"),
            "damaged": _("{path} is a DuckDB file that cannot be opened (damaged, or written by another DuckDB "
                         "version), not a usable Switchboard warehouse"),
        }.get(kind, _("{path} is not a Switchboard warehouse"))
        super().__init__((what + _(" (a DuckDB file made by `python -m analytics sample`, `init` or `import`). "
                                   "Check --db / $SWITCHBOARD_DB.")).format(path=isolate(path)))


class WarehouseMissing(WarehouseError):
    def __init__(self, path: Path):
        super().__init__(_(
            "No warehouse at {path}. Build one with `python -m analytics sample --db {path}` "
            "or create an empty one with `python -m analytics init --db {path}`.").format(path=path))


# The team scope of the code running now (an app session's script thread, a CLI run with --as).
# read_connection applies it to every connection, so no query anywhere can read past it.
_SESSION_TEAMS: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "switchboard_session_teams", default=None)
_FROM_SESSION = object()


def set_session_teams(teams: tuple[str, ...] | None) -> None:
    _SESSION_TEAMS.set(None if teams is None else tuple(teams))


def session_teams() -> tuple[str, ...] | None:
    return _SESSION_TEAMS.get()


@contextlib.contextmanager
def read_connection(path: Path, teams=_FROM_SESSION) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one unit of reading; closed on exit so writers can get in.

    With `teams` (supervisor ids; by default the session's, see set_session_teams) every table and
    view is shadowed by a view of those teams' rows (sql/security/team_scope.sql): row-level scope
    in the query layer, whatever the query."""
    path = Path(path)
    if not path.exists():
        raise WarehouseMissing(path)
    if teams is _FROM_SESSION:
        teams = _SESSION_TEAMS.get()
    anchor, con = _borrow(path)
    try:
        if anchor.missing_rollups:
            _stand_in_rollups(con, anchor.missing_rollups)
        if teams is not None:
            apply_team_scope(con, teams, missing=anchor.missing_rollups)
        yield con
    finally:
        con.close()
        _give_back(anchor)


# --- anchors -------------------------------------------------------------------------------------
# Opening a DuckDB file costs tens of milliseconds (catalog load); a cursor on an open instance
# costs under one. A page runs a dozen queries, so reads borrow cursors from one read-only "anchor"
# per file that closes itself after ANCHOR_IDLE_S without readers: a burst of queries pays one open,
# and a writer (import, build, settings) still gets the file within seconds.
ANCHOR_IDLE_S = 2.0


class _Anchor:
    def __init__(self, path: Path):
        self.path = path
        self.stamp = _file_stamp(path)
        self.con = _connect(path, read_only=True)
        self.missing_rollups = _missing_rollups(self.con)
        self.users = 0
        self.last_used = time.monotonic()
        self.retired = False


_anchors: dict[str, _Anchor] = {}
_anchors_lock = threading.Lock()
_timers: set[threading.Timer] = set()


def _shutdown() -> None:
    """At interpreter exit, before threads are joined: stop the idle timers and close the anchors
    in this thread (a connection closed by a thread that is being torn down can abort the process)."""
    for timer in list(_timers):
        timer.cancel()
    release_anchors()


threading._register_atexit(_shutdown)  # runs before non-daemon threads are joined
atexit.register(lambda: release_anchors())


def _file_stamp(path: Path):
    st = path.stat()
    return st.st_ino, st.st_dev


def _borrow(path: Path):
    key = str(path.resolve())
    with _anchors_lock:
        anchor = _anchors.get(key)
        if anchor is not None and anchor.stamp != _file_stamp(path):
            # the file was replaced (a rebuild): never serve the old one
            anchor.retired = True
            _anchors.pop(key)
            _close_if_idle(anchor)
            anchor = None
        if anchor is None:
            anchor = _Anchor(path)
            _anchors[key] = anchor
        anchor.users += 1
    try:
        return anchor, anchor.con.cursor()
    except Exception:
        _give_back(anchor)
        raise


def _give_back(anchor: _Anchor) -> None:
    with _anchors_lock:
        anchor.users -= 1
        anchor.last_used = time.monotonic()
        if anchor.retired:
            _close_if_idle(anchor)
            return
    timer = threading.Timer(ANCHOR_IDLE_S, _expire, args=(anchor,))
    timer.daemon = False  # never killed mid-close at exit: _shutdown cancels it first
    with _anchors_lock:
        _timers.add(timer)
    timer.start()


def _expire(anchor: _Anchor) -> None:
    with _anchors_lock:
        _timers.discard(threading.current_thread())
        if anchor.users == 0 and time.monotonic() - anchor.last_used >= ANCHOR_IDLE_S * 0.9:
            if _anchors.get(str(anchor.path.resolve())) is anchor:
                _anchors.pop(str(anchor.path.resolve()))
            anchor.retired = True
            _close_if_idle(anchor)


def _close_if_idle(anchor: _Anchor) -> None:
    if anchor.users == 0 and anchor.con is not None:
        anchor.con.close()
        anchor.con = None


def release_anchors(path: Path | None = None) -> None:
    """Close idle anchors (of one file, or all) so this process can write; busy ones retire and
    close when their last reader is done."""
    with _anchors_lock:
        for key, anchor in list(_anchors.items()):
            if path is None or key == str(Path(path).resolve()):
                _anchors.pop(key)
                anchor.retired = True
                _close_if_idle(anchor)


def _missing_rollups(con) -> tuple[str, ...]:
    """Rollups of this version that the file lacks (a warehouse built before they existed, not yet
    refreshed): looked up once per open of the file."""
    from analytics.core import marts  # marts reads SQL through this module

    have = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary").fetchall()}
    if "fct_calls" not in have:  # not a built warehouse: nothing to stand in for
        return ()
    return tuple(m.name for m in marts.MARTS if m.name.startswith("agg_") and m.name not in have)


def _stand_in_rollups(con, names) -> None:
    """A missing rollup as a TEMP view of its own SELECT over the whole mart below it: the same rows,
    computed on each read, until the next import or `refresh --full` stores it (marts rebuild in full when
    their definitions changed)."""
    from analytics.core import marts

    for name in names:
        mart = next(m for m in marts.MARTS if m.name == name)
        scope = ", ".join(f"{v} AS ({marts.SCOPE_ALL[v]})" for v in mart.scope)
        con.execute(f"CREATE TEMP VIEW {name} AS {'WITH ' + scope if scope else ''} {marts._select(mart)}")


def apply_team_scope(con: duckdb.DuckDBPyConnection, teams, missing: tuple[str, ...] = ()) -> None:
    con.execute("CREATE TEMP TABLE scope_teams (supervisor_id VARCHAR)")
    if teams:
        con.executemany("INSERT INTO scope_teams VALUES (?)", [[t] for t in teams])
    catalog = con.execute("SELECT current_database()").fetchone()[0]
    quoted = '"' + catalog.replace('"', '""') + '"'
    scope_sql = read_sql("security/team_scope.sql")
    for name in missing:  # a stand-in view reads the scoped mart below it already
        scope_sql = re.sub(rf"CREATE TEMP VIEW {name} AS[^;]*;", "", scope_sql)
    con.execute(scope_sql.format(db=quoted))
    # meeting notes: only when the table exists (created on the first saved action)
    action_cols = {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND schema_name = 'main' "
        "AND table_name = 'review_actions'", [catalog]).fetchall()}
    if action_cols:
        where = "team IN (SELECT supervisor_id FROM temp.main.scope_teams)" if "team" in action_cols else "false"
        con.execute(read_sql("security/team_scope_review_actions.sql").format(db=quoted, where=where))


@contextlib.contextmanager
def write_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection; callers wrap their changes in one transaction."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        release_anchors(path)
    con = _connect(path, read_only=False)
    try:
        yield con
    finally:
        con.close()


# Writers (imports, refreshes) cap DuckDB's memory and spill beyond it, so an import's peak memory does
# not grow with the file or the warehouse: DuckDB's default is 80 % of the machine's RAM.
WRITE_MEMORY_ENV = "SWITCHBOARD_WRITE_MEMORY"
# 1 GB: a one-day import into the medium preset peaks near 0.6 GB. (The 768 MB that once ran out of memory
# there was the one-time re-keying of every caller id of a sample warehouse, which now is born keyed.)
WRITE_MEMORY_DEFAULT = "1GB"


# A full rebuild of the marts (refresh --full, init, the generator's last step, an import into a new
# warehouse or after the mart definitions changed) sorts every call: capped like any writer, it spills
# the rest to the temp directory. 1 GB keeps a 5 M-row import into a new warehouse near 1.5 GB in all.
REBUILD_MEMORY_ENV = "SWITCHBOARD_REBUILD_MEMORY"
REBUILD_MEMORY_DEFAULT = "1GB"
# Where writers spill: beside the warehouse by default (its disk is the one sized for it).
TEMP_DIR_ENV = "SWITCHBOARD_TEMP_DIR"
# What a full rebuild may spill, per stored call (the sorts behind each caller's previous/next call and
# the rollups): the large preset (55.2 M calls, a 4.05 GB file) spilled over 12 GB under a 2 GB cap before
# its disk filled, and over 14 GB under a 3 GB cap still in its first hour. Counted on the calls about
# to be rebuilt (a new warehouse's file is empty while the import's rows wait in its transaction) and
# checked before starting, so a rebuild that cannot finish says so at once instead of failing an hour in.
REBUILD_SPILL_BYTES_PER_CALL = 500


class NoRoomForRebuild(WarehouseError):
    def __init__(self, path: Path, folder: Path, need: int, free: int):
        gb = 1024 ** 3
        super().__init__(
            f"Not enough free disk for a full rebuild of the marts of {path}: it may write up to "
            f"{need / gb:.1f} GB of temporary files to {folder}, and only {free / gb:.1f} GB are free there. "
            f"Nothing was changed. Free some space, or point ${TEMP_DIR_ENV} at a disk with room, then run "
            f"`python -m analytics refresh --full --db {path}`.")


class OutOfWriteMemory(WarehouseError):
    """A write needed more memory than its cap and could not spill the rest (DuckDB keeps some work,
    such as a whole-table update's undo, in memory). The transaction was rolled back."""

    def __init__(self, limit: str):
        super().__init__(_(
            "The write needed more memory than its cap ({limit}) allows and was rolled back; nothing was "
            "changed. Raise ${write} (an import's cap) and ${rebuild} (a full rebuild's), for example to "
            "4GB or what this machine can spare, and run it again.").format(
                limit=limit, write=WRITE_MEMORY_ENV, rebuild=REBUILD_MEMORY_ENV))


def spill_dir(path: Path) -> Path:
    """The temp directory of a writer of `path`: $SWITCHBOARD_TEMP_DIR, else `<warehouse>.tmp` beside it."""
    return Path(os.environ.get(TEMP_DIR_ENV) or (str(Path(path)) + ".tmp"))


def tune_for_writes(con: duckdb.DuckDBPyConnection, path: Path, keep_order: bool = False) -> None:
    """Bounded memory for one writing connection: a memory limit, a spill directory beside the file,
    and no insertion-order bookkeeping (tables that need an order say ORDER BY) unless `keep_order`
    (a copy of whole tables, whose stored order is what their zone maps skip by)."""
    con.execute("SET memory_limit = ?", [os.environ.get(WRITE_MEMORY_ENV) or WRITE_MEMORY_DEFAULT])
    con.execute("SET temp_directory = ?", [str(spill_dir(path))])
    if not keep_order:
        con.execute("SET preserve_insertion_order = false")


def _free_bytes(folder: Path) -> int:
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:  # the spill folder is created on first use
        probe = probe.parent
    return shutil.disk_usage(probe).free


def check_room_for_rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Raise NoRoomForRebuild when the temp directory's disk lacks room for a full rebuild's spill
    (REBUILD_SPILL_BYTES_PER_CALL × the calls, this transaction's included). In memory: nothing to check."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if not row or not row[0]:
        return
    path = Path(row[0])
    has_calls = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'calls' "
                            "AND schema_name = 'main' AND NOT temporary").fetchone()[0]
    calls = con.execute("SELECT count(*) FROM calls").fetchone()[0] if has_calls else 0
    folder = Path(con.execute("SELECT current_setting('temp_directory')").fetchone()[0] or spill_dir(path))
    need, free = int(calls * REBUILD_SPILL_BYTES_PER_CALL), _free_bytes(folder)
    if free < need:
        raise NoRoomForRebuild(path, folder, need, free)


@contextlib.contextmanager
def rebuild_room(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Around a full rebuild of the marts: first the free-disk check, then the rebuild's memory cap
    ($SWITCHBOARD_REBUILD_MEMORY) for the block, the connection's own cap restored after it."""
    check_room_for_rebuild(con)
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute("SET memory_limit = ?", [os.environ.get(REBUILD_MEMORY_ENV) or REBUILD_MEMORY_DEFAULT])
    try:
        yield con
    finally:
        try:
            con.execute("SET memory_limit = ?", [limit])
        except duckdb.Error:  # the connection is gone (interrupted): nothing to restore
            pass


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One transaction on a write connection: committed when the block ends; on any exception —
    KeyboardInterrupt included, so an interrupted write leaves the old data — rolled back and re-raised.

        with warehouse.write_connection(path) as con, warehouse.transaction(con):
            ...
    """
    con.execute("BEGIN")
    try:
        yield con
    except duckdb.OutOfMemoryException as exc:
        con.execute("ROLLBACK")  # first: an aborted transaction answers nothing else
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        raise OutOfWriteMemory(limit) from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def run_layer(con: duckdb.DuckDBPyConnection, layer: str) -> None:
    for f in sql_files(layer):
        con.execute(f.read_text(encoding="utf-8"))


def selection_macros(stored: bool = False) -> str:
    """sql/macros/selection.sql: the selection predicate of every file in sql/queries, as TEMP macros of
    one connection or (stored) as macros kept in the warehouse."""
    sql = read_sql("macros/selection.sql")
    return sql.replace("CREATE OR REPLACE TEMP MACRO", "CREATE OR REPLACE MACRO") if stored else sql


def build_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the canonical tables (if missing), (re)create the staging views and store the selection
    macros (a read then needs none of its own: creating them on every read cost ~6 ms of CPU and, on a
    busy machine, tens of milliseconds a query). Idempotent."""
    run_layer(con, "raw")
    run_layer(con, "staging")
    con.execute(selection_macros(stored=True))


def refresh_marts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild every mart and rollup from the canonical tables. Idempotent. (An import refreshes
    only what it touched: analytics.core.marts.)"""
    from analytics.core import marts  # marts reads SQL through this module

    marts.full(con)


def init(path: Path) -> Path:
    """Create an empty, fully built warehouse (or bring an existing one's schema up to date)."""
    from analytics.auth import caller_key  # the auth layer imports this module

    with write_connection(path) as con:
        tune_for_writes(con, path)
        with transaction(con):
            build_schema(con)
            caller_key.prepare(con)  # a warehouse on salted SHA-256 caller ids is re-keyed once
            with rebuild_room(con):
                refresh_marts(con)
        con.execute("CHECKPOINT")
    return Path(path)


def data_version(path: Path) -> str:
    """Changes whenever the warehouse file changes; cache keys include it so new data shows at once.
    It also names the session's team scope, so cached results never cross scopes."""
    parts = []
    for p in (Path(path), Path(str(path) + ".wal")):
        try:
            st = p.stat()
            parts.append(f"{st.st_mtime_ns}:{st.st_size}")
        except FileNotFoundError:
            parts.append("-")
    teams = _SESSION_TEAMS.get()
    if teams is not None:
        parts.append("teams=" + ",".join(teams))
    return "|".join(parts)


def setting(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default
