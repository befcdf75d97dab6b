"""import_file and preview: file → raw → mapping → validation → (merge | quarantine)."""
from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
import time
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analytics.core import warehouse
from analytics.importer import legs, load, quarantine, readers, validate
from analytics.importer import progress as progress_mod
from analytics.importer.validate import first_line
from analytics.importer.contract import CONTRACTS, TABLES
from analytics.importer.errors import ImportInputError
from analytics.i18n import _, isolate
from analytics.importer.result import ImportResult

if TYPE_CHECKING:  # pandas costs a second of start-up; only preview() returns a DataFrame (DuckDB builds it)
    import pandas as pd

# Beyond this DuckDB spills the staged file to a temporary directory, so memory does not grow with file size.
STAGING_MEMORY_ENV = "SWITCHBOARD_IMPORT_MEMORY"
STAGING_MEMORY_DEFAULT = "512MB"  # validation; the warehouse writer has its own cap (warehouse.WRITE_MEMORY_DEFAULT)
PREVIEW_READ_ROWS = 1000
# A mapping is the user's SQL: a slow one (a cross join, a runaway regex) must end, with a message.
MAPPING_TIMEOUT_S = 120.0


@contextlib.contextmanager
def time_limit(con: duckdb.DuckDBPyConnection, seconds: float | None):
    """Interrupt `con` (from a timer thread) if the block runs longer than `seconds`; the block then
    ends with an ImportInputError saying so. None or 0: no limit."""
    if not seconds or seconds <= 0:
        yield
        return
    fired = threading.Event()

    def stop():
        fired.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    message = _("the mapping ran longer than the {seconds} s time limit and was stopped; nothing was "
                "imported (simplify the mapping, or allow more time with --mapping-timeout S)").format(seconds=f"{seconds:g}")
    try:
        yield
    except (duckdb.Error, ImportInputError):
        if fired.is_set():
            raise ImportInputError(message) from None
        raise
    finally:
        timer.cancel()
    if fired.is_set():
        raise ImportInputError(message)


def _staging(workdir: str) -> duckdb.DuckDBPyConnection:
    """A private in-memory database: the user's mapping runs here and can never reach the warehouse."""
    con = duckdb.connect(":memory:", config={
        "temp_directory": workdir,
        "memory_limit": os.environ.get(STAGING_MEMORY_ENV) or STAGING_MEMORY_DEFAULT,
    })
    con.execute("SET enable_progress_bar = false")  # a CLI summary, not a progress bar, is the output
    con.execute("SET preserve_insertion_order = false")  # validation and the merge need no row order
    return con


def apply_mapping(con: duckdb.DuckDBPyConnection, mapping_sql: str | None) -> None:
    """Define the mapping's result as view `mapped` (no mapping: `raw` is already canonical).

    Errors the mapping raises on data (e.g. strptime on a bad value) surface when validation reads it."""
    if not mapping_sql or not mapping_sql.strip():
        con.execute("CREATE VIEW mapped AS SELECT * FROM raw")
        return
    # The mapping may read only `raw`: no files, no ATTACH of the warehouse, no settings changes.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    try:
        statements = con.extract_statements(mapping_sql)
    except duckdb.Error as exc:
        raise ImportInputError(_("mapping SQL syntax error: {error}").format(error=first_line(exc))) from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise ImportInputError(_("the mapping must be exactly one SELECT … FROM raw statement"))
    columns = [r[0] for r in con.execute("DESCRIBE raw").fetchall()]
    try:
        relation = con.sql(mapping_sql)
    except duckdb.ParserException as exc:
        raise ImportInputError(_("mapping SQL syntax error: {error}").format(error=first_line(exc))) from None
    except duckdb.BinderException as exc:
        detail = first_line(exc)
        if "not found" in detail and "column" in detail.lower():
            detail = detail.split("!")[0].replace("Referenced column", "unknown column").replace(
                " not found in FROM clause", "")
            raise ImportInputError(_("mapping refers to {detail}; the file's columns are: {columns}").format(
                detail=isolate(detail), columns=isolate(", ".join(columns)))) from None
        raise ImportInputError(_("mapping SQL error: {error}").format(error=detail)) from None
    except duckdb.CatalogException as exc:
        raise ImportInputError(_("mapping SQL error (it may read only the relation raw): {error}").format(error=first_line(exc))) from None
    except duckdb.Error as exc:
        raise ImportInputError(_("mapping SQL error: {error}").format(error=first_line(exc))) from None
    relation.create_view("mapped")  # a view: the file is held once (raw_file), then once typed


def _known_agent_ids(db_path: Path) -> list[str]:
    if not Path(db_path).exists():
        return []
    with warehouse.read_connection(db_path) as wh:  # read-only: a rejected file must not touch the file
        has = wh.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'agents' AND table_schema = 'main'"
        ).fetchall()[0][0]
        return [r[0] for r in wh.execute("SELECT agent_id FROM agents").fetchall()] if has else []


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _check_table(table: str) -> None:
    if table not in CONTRACTS:
        raise ImportInputError(_("unknown table {table}; choose one of {tables}").format(table=repr(table), tables=", ".join(TABLES)))


def import_file(db_path, table: str, file_path, mapping_sql: str | None = None, dry_run: bool = False,
                create_missing_agents: bool = False, encoding: str | None = None,
                as_of: date | None = None, mapping_timeout: float | None = MAPPING_TIMEOUT_S,
                progress: progress_mod.Report | None = None) -> ImportResult:
    """Validate `file_path` for `table` and, when every row passes and not dry_run, merge it.

    Raises ImportInputError for file-level problems; row problems come back in the result (exit 2).
    `progress(share, text)` hears each stage (analytics/importer/progress.py).
    """
    _check_table(table)
    db_path, file_path = Path(db_path), Path(file_path)
    started_at, t0 = datetime.now(), time.monotonic()
    with tempfile.TemporaryDirectory(prefix="switchboard-import-") as work:
        con = _staging(work)
        try:
            progress_mod.stage(progress, "read")
            info = readers.load_raw(con, file_path, Path(work), encoding)
            _null_missing_json_keys(con, info, mapping_sql)
            progress_mod.stage(progress, "check")
            needs_agents = bool(CONTRACTS[table].agent_refs)
            known = _known_agent_ids(db_path) if needs_agents else []
            with time_limit(con, mapping_timeout):  # the mapping runs while validation reads it
                apply_mapping(con, mapping_sql)
                v = validate.run(con, table, known, create_missing_agents,
                                 has_mapping=bool(mapping_sql and mapping_sql.strip()),
                                 spreadsheet=info.file_format == "xlsx")
            result = ImportResult(
                table=table, file_path=file_path, db_path=db_path, status="dry-run" if dry_run else "imported",
                rows_read=info.rows, rows_mapped=v.rows, rows_accepted=v.rows - v.rows_rejected,
                rows_rejected=v.rows_rejected, agents_created=v.missing_agents, ignored_columns=v.ignored_columns,
                encoding=info.encoding,
            )
            qpath = quarantine.quarantine_path(file_path)
            if v.rows_rejected:
                result.status = "dry-run-rejected" if dry_run else "rejected"
                result.rows_accepted = 0
                result.reason_counts = validate.reason_counts(con)
                result.examples = validate.examples(con)
                result.quarantine_path = _write_quarantine(con, table, qpath)
            else:
                qpath.unlink(missing_ok=True)  # a stale quarantine from an earlier attempt would mislead
                if v.has_legs:
                    result.calls_stitched = legs.stitch(con)
                if not dry_run:
                    progress_mod.stage(progress, "merge")
                    result.file_sha256 = _sha256(file_path)
                    merged = load.merge(con, db_path, table, {
                        "file_name": str(file_path.resolve()), "file_sha256": result.file_sha256,
                        "rows_read": info.rows, "started_at": started_at, "as_of": as_of,
                    }, progress=progress)
                    result.rows_inserted, result.rows_updated = merged.inserted, merged.updated
                    result.agents_created = merged.agents_created
        finally:
            con.close()
    result.elapsed_s = time.monotonic() - t0
    progress_mod.stage(progress, "done")
    return result


def _null_missing_json_keys(con, info: readers.RawInfo, mapping_sql: str | None) -> None:
    """In JSON lines a key absent from every record is simply empty (e.g. Agent.* on a file of only
    abandoned contacts): the columns the mapping reads but the file never had become empty columns."""
    if info.file_format != "jsonl" or not mapping_sql or not mapping_sql.strip():
        return
    from analytics.importer.profiles import referenced_columns

    try:
        wanted = referenced_columns(mapping_sql)
    except ImportInputError:
        return  # apply_mapping reports the mapping's own error
    absent = [c for c in wanted if c not in info.columns]
    if absent:
        readers.add_empty_columns(con, absent)


def _write_quarantine(con, table: str, qpath: Path) -> Path:
    try:
        return quarantine.write(con, table, qpath)
    except OSError:  # the file's folder is read-only: keep the record somewhere the user can reach
        fallback = Path(tempfile.gettempdir()) / qpath.name
        return quarantine.write(con, table, fallback)


def preview(file_path, mapping_sql: str | None = None, limit: int = 20, encoding: str | None = None,
            mapping_timeout: float | None = MAPPING_TIMEOUT_S) -> "pd.DataFrame":
    """The first `limit` rows of the mapped result (reads only the file's first rows)."""
    with tempfile.TemporaryDirectory(prefix="switchboard-preview-") as work:
        con = _staging(work)
        try:
            info = readers.load_raw(con, Path(file_path), Path(work), encoding, limit=max(limit, PREVIEW_READ_ROWS))
            _null_missing_json_keys(con, info, mapping_sql)
            with time_limit(con, mapping_timeout):
                apply_mapping(con, mapping_sql)
                try:
                    return con.execute("SELECT * FROM mapped LIMIT ?", [int(limit)]).df()
                except duckdb.Error as exc:
                    if isinstance(exc, duckdb.InterruptException):
                        raise
                    raise ImportInputError(_("mapping failed on the file's data: {error}").format(error=first_line(exc))) from None
        finally:
            con.close()
