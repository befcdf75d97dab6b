"""Row-level validation in SQL: the mapped result → table `typed` (canonical types) and table `rejects`
(one row per problem: internal row id, column, reason code, human detail).

Every value is TRY_CAST, so text in a numeric column becomes a rejection naming row and column instead
of an exception. Column names and allowed values come from the contract (product constants).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb
import pyarrow as pa

from analytics.importer.contract import CONTRACTS, SOURCE_ROW, Column, Contract
from analytics.i18n import N_, _, isolate, ngettext
from analytics.importer.errors import ImportInputError

# reason code → what the one-screen summary calls it
REASONS = {
    "missing_value": N_("required value missing"),
    "not_a_number": N_("not a number"),
    "not_a_whole_number": N_("not a whole number"),
    "not_a_date": N_("date does not parse"),
    "not_a_timestamp": N_("date/time does not parse"),
    "not_a_boolean": N_("not true/false"),
    "not_a_time": N_("time of day does not parse"),
    "out_of_range": N_("value out of range"),
    "not_allowed": N_("value not allowed"),
    "duplicate_key": N_("duplicate key in file"),
    "answered_without_agent": N_("answered call without agent"),
    "answered_without_wait": N_("answered call without wait_s"),
    "abandoned_with_agent": N_("abandoned call with agent"),
    "left_before_hired": N_("left_on before hired_on"),
    "empty_survey": N_("survey with neither csat nor nps"),
    "unknown_agent": N_("unknown agent"),
    "not_finite": N_("not a finite value (Infinity/NaN)"),
    "in_the_future": N_("date after the import time"),
    "empty_period": N_("valid_to not after valid_from"),
    "overlapping_period": N_("periods of one person overlap"),
    "shift_time_missing": N_("start_time without end_time or the reverse"),
    "shift_shorter_than_scheduled": N_("shift times span less than scheduled_s"),
    "formula_without_value": N_("formula without a saved value"),
    "implausible": N_("beyond the plausible bound"),
    "before_floor": N_("date before the earliest plausible date"),
}

_BAD_TYPE = {
    "number": "not_a_number",
    "integer": "not_a_number",
    "timestamp": "not_a_timestamp",
    "date": "not_a_date",
    "time": "not_a_time",
    "boolean": "not_a_boolean",
}


@dataclass
class Validation:
    rows: int
    rows_rejected: int
    ignored_columns: list[str]
    missing_agents: int  # distinct unknown agent ids (created on load when allowed)
    has_legs: bool = False  # calls mapped one row per transfer leg (leg_id present): stitch before merging


def first_line(exc: Exception) -> str:
    """First line of a DuckDB error without its 'Binder Error: ' style prefix."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return re.sub(r"^[A-Z][A-Za-z ]* Error: ", "", first)


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def text_col(c: Column) -> str:
    """The column's value as text: what the row held when it did not parse, else the parsed value."""
    if c.kind == "text":
        return q(c.name)
    value = f"CAST({q(c.name)} AS VARCHAR)"
    if c.kind in ("number", "integer"):
        # a parsed -5 is written -5, not -5.0: the rejected row reads as the file had it
        col = q(c.name)
        value = (f"CASE WHEN isfinite({col}) AND {col} = trunc({col}) AND abs({col}) < 1e15 "
                 f"THEN CAST(CAST({col} AS HUGEINT) AS VARCHAR) ELSE {value} END")
    return f"COALESCE({q(c.name + '__text')}, {value})"


def unparsed_col(c: Column) -> str:
    """Non-null only where a non-text value was present but did not parse (keeps `typed` small)."""
    return q(c.name) if c.kind == "text" else q(c.name + "__text")


def check_columns(con: duckdb.DuckDBPyConnection, contract: Contract) -> tuple[set[str], list[str]]:
    """(canonical columns present, ignored extra columns); a missing required column is file-level."""
    present = [r[0] for r in con.execute("DESCRIBE mapped").fetchall()]
    lower = {p.lower(): p for p in present}
    missing = [n for n in contract.required if n not in lower]
    if missing:
        raise ImportInputError(
            _("required column {columns} missing for table {table} (the mapped result has: {present})").format(
                columns=isolate(", ".join(repr(m) for m in missing)), table=isolate(contract.table),
                present=isolate(", ".join(present)))
        )
    ignored = [p for p in present if p.lower() not in contract.names and p.lower() != SOURCE_ROW]
    return {n for n in contract.names if n in lower}, ignored


def _typed_expr(c: Column, present: set[str]) -> tuple[str, str | None]:
    if c.name not in present:
        return f"CAST(NULL AS {c.sql_type if c.kind != 'integer' else 'DOUBLE'})", None
    text = f"NULLIF(TRIM(CAST({q(c.name)} AS VARCHAR)), '')"
    if c.kind == "text":
        return text, None
    if c.kind in ("number", "integer"):
        typed = f"TRY_CAST({text} AS DOUBLE)"
    elif c.kind == "date":
        typed = f"COALESCE(TRY_CAST({text} AS DATE), CAST(TRY_CAST({text} AS TIMESTAMP) AS DATE))"
    else:
        typed = f"TRY_CAST({text} AS {c.sql_type})"
    return typed, text


def build_typed(con: duckdb.DuckDBPyConnection, contract: Contract, present: set[str], has_source_row: bool) -> None:
    # Without source_row in the mapping, rows are numbered in the order the mapping returns them.
    source = f"TRY_CAST({SOURCE_ROW} AS BIGINT)" if has_source_row else "__rid + 1"
    parts = [f"{source} AS {SOURCE_ROW}"]
    for c in contract.columns:
        typed, text = _typed_expr(c, present)
        parts.append(f"{typed} AS {q(c.name)}")
        if c.kind != "text":
            unparsed = f"CASE WHEN {typed} IS NULL THEN {text} END" if text else "CAST(NULL AS VARCHAR)"
            parts.append(f"{unparsed} AS {q(c.name + '__text')}")
    con.execute(f"CREATE TABLE typed AS SELECT __rid, {', '.join(parts)} "
                f"FROM (SELECT row_number() OVER () AS __rid, * FROM mapped)")


# An event dated after the import time (plus this tolerance, for clocks and time zones) is an error in
# the export: one call dated 2099 would move every default view to 2099. Days; SWITCHBOARD_FUTURE_TOLERANCE_DAYS.
FUTURE_TOLERANCE_ENV = "SWITCHBOARD_FUTURE_TOLERANCE_DAYS"
FUTURE_TOLERANCE_DAYS = 1.0
# the event time of each table that must not lie in the future (schedules, hire dates may)
EVENT_TIMES = {"calls": "arrived_at", "evaluations": "evaluated_at", "surveys": "answered_at"}
INT_MAX = 2_147_483_647  # the warehouse's INTEGER columns


def future_limit(now: datetime | None = None) -> datetime:
    try:
        days = float(os.environ.get(FUTURE_TOLERANCE_ENV) or FUTURE_TOLERANCE_DAYS)
    except ValueError:
        days = FUTURE_TOLERANCE_DAYS
    return (now or datetime.now()) + timedelta(days=max(days, 0.0))


def _shown(expr: str) -> str:
    return f"'''' || left(CAST({expr} AS VARCHAR), 60) || ''''"


# readers.FORMULA_MARK: a spreadsheet formula whose result was never saved, passed on with its text
FORMULA_MARK_SQL = "chr(57344)"


def _column_checks(contract: Contract, mapped: bool, key: tuple[str, ...] | None = None,
                   spreadsheet: bool = False) -> list[str]:
    checks = []
    # only a spreadsheet can hold the mark: other files are spared a scan per column
    def not_formula(expr: str) -> str:
        return f" AND NOT starts_with({expr}, {FORMULA_MARK_SQL})" if spreadsheet else ""

    def add(col: str, reason: str, detail: str, where: str) -> None:
        checks.append(
            f"SELECT __rid, '{col}' AS column_name, '{reason}' AS reason, {detail} AS detail FROM typed WHERE {where}"
        )

    for c in contract.columns:
        col, txt, bad = q(c.name), text_col(c), unparsed_col(c)
        if c.required:
            empty = f"{c.name} is empty" + (" (or the mapping could not convert it)" if mapped else "")
            add(c.name, "missing_value", f"'{empty}'", f"{col} IS NULL AND {bad} IS NULL")
        if spreadsheet:
            add(c.name, "formula_without_value",
                f"'a formula with no saved value: ' || {_shown(f'substr({bad}, 2)')} || "
                f"' (save the file in Excel, or export CSV)'", f"starts_with({bad}, {FORMULA_MARK_SQL})")
        if c.kind != "text":
            add(c.name, _BAD_TYPE[c.kind], f"'{c.kind}: ' || {_shown(bad)}",
                f"{bad} IS NOT NULL AND {col} IS NULL" + not_formula(bad))
        if c.kind in ("number", "integer", "timestamp", "date"):  # Infinity, NaN, 'infinity' parse: refuse them
            add(c.name, "not_finite", f"{_shown(txt)} || ' is not a finite {'number' if c.kind in ('number', 'integer') else c.kind}'",
                f"{col} IS NOT NULL AND NOT isfinite({col})")
        if c.kind == "integer":
            add(c.name, "not_a_whole_number", _shown(txt), f"isfinite({col}) AND {col} <> floor({col})")
            add(c.name, "out_of_range", f"{_shown(txt)} || ' is too large for a whole-number column'",
                f"isfinite({col}) AND abs({col}) > {INT_MAX}")
        if c.name == EVENT_TIMES.get(contract.table):
            limit = future_limit().strftime("%Y-%m-%d %H:%M:%S")  # made here, not user input
            add(c.name, "in_the_future", f"{_shown(txt)} || ' is after the import time ({limit[:16]} with tolerance)'",
                f"isfinite({col}) AND CAST({col} AS TIMESTAMP) > TIMESTAMP '{limit}'")
        if c.min is not None:
            add(c.name, "out_of_range", f"{_shown(txt)} || ' < {c.min:g}'", f"{col} < {c.min!r}")
        if c.max is not None:  # NaN sorts above every number: it is reported as not finite instead
            add(c.name, "out_of_range", f"{_shown(txt)} || ' > {c.max:g}'", f"{col} > {c.max!r} AND NOT isnan({col})")
        if c.most is not None:  # bounds and reasons are contract constants, never user input
            add(c.name, "implausible", f"'{c.name} ' || {_shown(txt)} || ' > {c.most:g} s ({c.why})'",
                f"isfinite({col}) AND {col} > {c.most!r}")
        if c.floor is not None:
            add(c.name, "before_floor", f"'{c.name} ' || {_shown(txt)} || ' is before {c.floor} ({c.why})'",
                f"isfinite({col}) AND CAST({col} AS DATE) < DATE '{c.floor}'")
        if c.allowed:
            allowed = ", ".join(f"'{a}'" for a in c.allowed)
            add(c.name, "not_allowed", f"{_shown(col)} || ' not in {'/'.join(c.allowed)}'",
                f"{col} IS NOT NULL AND {col} NOT IN ({allowed})" + not_formula(col))
    key = key or contract.key
    key_cols = ", ".join(q(k) for k in key)
    key_text = " || '/' || ".join(f"CAST({q(k)} AS VARCHAR)" for k in key)
    not_null = " AND ".join(f"{q(k)} IS NOT NULL" for k in contract.key)
    checks.append(
        f"SELECT __rid, '{'/'.join(key)}', 'duplicate_key', "
        f"{_shown(key_text)} || ' appears ' || n || ' times in the file' "
        f"FROM (SELECT __rid, {key_cols}, count(*) OVER (PARTITION BY {key_cols}) AS n FROM typed WHERE {not_null}) "
        f"WHERE n > 1"
    )
    return checks


# Seconds from start_time to end_time; an end at or before the start is the next day's.
_SPAN_S = ("(((epoch(end_time) - epoch(start_time)) % 86400 + 86400) % 86400 "
           "+ CASE WHEN end_time = start_time THEN 86400 ELSE 0 END)")

_ROW_RULES = {
    "assignments": [
        ("valid_to", "empty_period", "'valid_to ' || valid_to || ' <= valid_from ' || valid_from",
         "valid_to <= valid_from"),
        ("valid_from", "overlapping_period", "'overlaps another period of ' || " + _shown("agent_id") + " || ' in the file'",
         "EXISTS (SELECT 1 FROM typed o WHERE o.agent_id = typed.agent_id AND o.__rid <> typed.__rid "
         "AND o.valid_from IS NOT NULL AND typed.valid_from IS NOT NULL AND o.valid_from <> typed.valid_from "
         "AND o.valid_from < coalesce(typed.valid_to, DATE '9999-12-31') "
         "AND typed.valid_from < coalesce(o.valid_to, DATE '9999-12-31'))"),
    ],
    "calls": [
        ("agent_id", "answered_without_agent", "'answered but agent_id is empty'",
         "outcome = 'answered' AND agent_id IS NULL"),
        ("wait_s", "answered_without_wait", "'answered but wait_s is empty'",
         "outcome = 'answered' AND wait_s IS NULL AND wait_s__text IS NULL"),
        ("agent_id", "abandoned_with_agent", "'abandoned but agent_id = ' || " + _shown("agent_id"),
         "outcome = 'abandoned' AND agent_id IS NOT NULL"),
    ],
    "agents": [
        ("left_on", "left_before_hired", "'left_on ' || left_on || ' < hired_on ' || hired_on",
         "left_on < hired_on"),
    ],
    "shifts": [
        ("start_time/end_time", "shift_time_missing", "'only one of start_time and end_time is given'",
         "(start_time IS NULL) <> (end_time IS NULL)"),
        ("start_time/end_time", "shift_shorter_than_scheduled",
         "'span ' || start_time || '-' || end_time || ' < scheduled_s ' || scheduled_s",
         f"start_time IS NOT NULL AND end_time IS NOT NULL AND {_SPAN_S} < scheduled_s"),
    ],
    "surveys": [
        ("csat/nps", "empty_survey", "'both csat and nps are empty'", "csat IS NULL AND csat__text IS NULL AND nps IS NULL AND nps__text IS NULL"),
    ],
}


def _reference_checks(contract: Contract, create_missing: bool, spreadsheet: bool = False) -> list[str]:
    checks = []
    creatable = create_missing and contract.first_seen is not None
    for ref in contract.agent_refs:
        if creatable and ref == "agent_id":
            continue
        where_known = "the warehouse or this file" if contract.table == "agents" else "the warehouse"
        hint = "" if contract.table == "agents" else " (import agents first, or use --create-missing-agents)"
        checks.append(
            f"SELECT __rid, '{ref}', 'unknown_agent', {_shown(q(ref))} || ' is not in {where_known}{hint}' "
            f"FROM typed WHERE {q(ref)} IS NOT NULL AND {q(ref)} NOT IN (SELECT agent_id FROM known_agents)"
            + (f" AND NOT starts_with({q(ref)}, {FORMULA_MARK_SQL})" if spreadsheet else "")
        )
    return checks


def register_known_agents(con: duckdb.DuckDBPyConnection, warehouse_ids: list[str], table: str) -> None:
    con.register("wh_agents", pa.table({"agent_id": pa.array(warehouse_ids, pa.string())}))
    own = "UNION SELECT agent_id FROM typed WHERE agent_id IS NOT NULL" if table == "agents" else ""
    con.execute(f"CREATE TABLE known_agents AS SELECT agent_id FROM wh_agents {own}")
    con.unregister("wh_agents")


def _raw_formula_checks(con: duckdb.DuckDBPyConnection, has_source_row: bool) -> list[str]:
    """A mapping converts the file's cells before the column checks see them, and a formula with no
    saved value (readers.FORMULA_MARK) came out of it as an empty or unparsable value — "talk_s is
    empty" for a cell that holds `=B2*60`. The file's own cells are checked instead: each row of the
    file with such a cell is rejected for it, named by the file's column. Without source_row in the
    mapping the file's rows cannot be told apart after it, so the file is refused as a whole."""
    columns = [r[0] for r in con.execute("DESCRIBE raw").fetchall() if r[0] != SOURCE_ROW and r[1] == "VARCHAR"]
    if not columns:
        return []
    # column names are the file's header (user input): bound as values, quoted as identifiers
    found = " UNION ALL ".join(
        f"SELECT {SOURCE_ROW} AS source_row, ? AS column_name, substr({q(c)}, 2) AS formula FROM raw "
        f"WHERE starts_with({q(c)}, {FORMULA_MARK_SQL})" for c in columns)
    con.execute(f"CREATE TABLE raw_formulas AS {found}", columns)
    n, first = con.execute("SELECT count(*), arg_min(column_name || ' in row ' || source_row || ': ' || formula, "
                           "source_row) FROM raw_formulas").fetchall()[0]
    if not n:
        return []
    if not has_source_row:
        raise ImportInputError(
            ngettext("{n} cell of the file holds a formula with no saved value ({first}); save the file in "
                     "Excel, or export CSV",
                     "{n} cells of the file hold a formula with no saved value (first: {first}); save the file "
                     "in Excel, or export CSV", n).format(n=n, first=isolate(first[:80])))
    return [f"SELECT t.__rid, f.column_name, 'formula_without_value', 'a formula with no saved value in ' "
            f"|| f.column_name || ': ' || {_shown('f.formula')} || ' (save the file in Excel, or export CSV)' "
            f"FROM typed t JOIN raw_formulas f ON t.{SOURCE_ROW} = f.source_row"]


def run(con: duckdb.DuckDBPyConnection, table: str, warehouse_agent_ids: list[str],
        create_missing: bool, has_mapping: bool = False, spreadsheet: bool = False) -> Validation:
    """Expects table `mapped` in `con`; leaves tables `typed`, `rejects`, `new_agents` behind."""
    contract = CONTRACTS[table]
    present, ignored = check_columns(con, contract)
    has_source_row = SOURCE_ROW in {r[0].lower() for r in con.execute("DESCRIBE mapped").fetchall()}
    try:
        build_typed(con, contract, present, has_source_row)
    except duckdb.Error as exc:  # the mapping view runs here, on every row, for the first time
        raise ImportInputError(
            _("mapping failed on the file's data: {error} (use TRY_CAST / try_strptime so bad values become "
              "rejected rows)").format(error=first_line(exc))
        ) from None
    formulas = _raw_formula_checks(con, has_source_row) if spreadsheet and has_mapping else []
    con.execute("DROP VIEW mapped")
    con.execute("DROP VIEW raw")
    con.execute("DROP VIEW IF EXISTS raw_without_absent_keys")  # JSON lines keys no record had
    con.execute("DROP TABLE raw_file")  # typed holds everything needed from here on; free the memory
    register_known_agents(con, warehouse_agent_ids, table)
    rules = [
        f"SELECT __rid, '{col}', '{reason}', {detail} FROM typed WHERE {where}"
        for col, reason, detail, where in _ROW_RULES.get(table, [])
    ]
    # An empty leg_id column is no leg export: the quarantine file of a calls import has one, and
    # stitching its calls would set transferred and legs that the original file left empty.
    has_legs = table == "calls" and "leg_id" in present and con.execute(
        "SELECT EXISTS (SELECT 1 FROM typed WHERE leg_id IS NOT NULL)").fetchall()[0][0]
    key = ("call_id", "leg_id") if has_legs else None
    checks = (_column_checks(contract, has_mapping, key, spreadsheet) + rules
              + _reference_checks(contract, create_missing, spreadsheet) + formulas)
    con.execute("CREATE TABLE rejects AS " + "\nUNION ALL\n".join(checks))
    if create_missing and contract.first_seen:
        con.execute(
            f"CREATE TABLE new_agents AS SELECT agent_id, CAST(min({q(contract.first_seen)}) AS DATE) AS hired_on "
            "FROM typed WHERE agent_id IS NOT NULL AND agent_id NOT IN (SELECT agent_id FROM known_agents) "
            "GROUP BY agent_id"
        )
    else:
        con.execute("CREATE TABLE new_agents (agent_id VARCHAR, hired_on DATE)")
    rows = con.execute("SELECT count(*) FROM typed").fetchall()[0][0]
    rejected = con.execute("SELECT count(DISTINCT __rid) FROM rejects").fetchall()[0][0]
    missing = con.execute("SELECT count(*) FROM new_agents").fetchall()[0][0]
    return Validation(rows, rejected, ignored, missing, has_legs)


def reason_counts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, int]]:
    """(reason, column, rows) per reason and column, most frequent first."""
    return con.execute(
        "SELECT reason, column_name, count(DISTINCT __rid) FROM rejects GROUP BY ALL ORDER BY 3 DESC, 1, 2"
    ).fetchall()


def examples(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[tuple[int, str, str, str]]:
    """(source_row, column, reason, detail): the first problem of each kind, then the next ones in file order."""
    return con.execute(
        f"SELECT source_row, column_name, reason, detail FROM ("
        f"  SELECT t.{SOURCE_ROW} AS source_row, r.column_name, r.reason, r.detail,"
        f"         row_number() OVER (PARTITION BY r.reason, r.column_name ORDER BY t.{SOURCE_ROW}) AS nth"
        f"  FROM rejects r JOIN typed t USING (__rid)) "
        f"ORDER BY nth > 1, source_row, column_name LIMIT ?",
        [limit],
    ).fetchall()
