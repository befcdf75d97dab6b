"""The one read path for data that is not a registry KPI: a file sql/queries/<name>.sql run with
named parameters ($start, $end, $queues, … from the filter object, plus the query's own extras).

    queries.run(con, "service_wait_distribution", f, edges=[…])
    queries.run(con, quality.criteria_query(f, "team"))      # a Query built (and checked) by a data module

The selection predicate lives once in sql/macros/selection.sql; stored in the warehouse (or created on
the connection here for a warehouse built before that), so every query file says `in_selection(arrived_at, queue, site, supervisor_id, agent_id, $start, …)`
instead of repeating the WHERE block. Only the parameters a file names are bound; a name the file uses
but the caller did not give is an error. `parts` are SQL fragments composed by the code (registry
expressions, period buckets, another query's text) — constants, never user input.
The app caches `run` in analytics/ui/context.py (`context.rows`); the CLI and tests call it directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

import duckdb
import pandas as pd

from analytics.core import calendars, warehouse
from analytics.core.filters import Filters
from analytics.core.warehouse import read_sql

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"--[^\n]*")


@dataclass(frozen=True)
class Query:
    """A query file, the filter and its extra parameters: hashable, so the app can cache on it."""
    name: str
    filters: Filters | None = None
    params: tuple[tuple[str, object], ...] = ()
    parts: tuple[tuple[str, str], ...] = ()


def query(name: str, f: Filters | None = None, *, parts: Mapping[str, str] | None = None, **params) -> Query:
    return Query(name, f, tuple(sorted((k, _frozen(v)) for k, v in params.items())),
                 tuple(sorted((parts or {}).items())))


def _frozen(v):
    return tuple(v) if isinstance(v, (list, set, frozenset)) else v


def text(name: str) -> str:
    """The SQL of sql/queries/<name>.sql without its trailing semicolon (so it can be nested)."""
    return read_sql(f"queries/{name}.sql").strip().rstrip(";")


def filter_params(f: Filters) -> dict:
    """The parameters every query may name, from the filter object: inclusive dates and the chosen
    values of each dimension (an empty list = all)."""
    return {"start": f.start, "end": f.end, "queues": list(f.queues), "sites": list(f.sites),
            "supervisors": list(f.supervisors), "agents": list(f.agents)}


def sql_of(q: Query) -> str:
    sql = text(q.name)
    return sql.format(**dict(q.parts)) if q.parts else sql


def bound(q: Query, sql: str | None = None) -> dict:
    """The parameters that `sql` (by default the query's text) names, with their values."""
    sql = sql_of(q) if sql is None else sql
    given = (filter_params(q.filters) if q.filters is not None else {}) | dict(q.params)
    names = dict.fromkeys(_PARAM.findall(_COMMENT.sub("", sql)))
    missing = [n for n in names if n not in given]
    if missing:
        raise ValueError(f"query {q.name!r} needs parameter(s) {', '.join(missing)}")
    return {n: list(given[n]) if isinstance(given[n], tuple) else given[n] for n in names}


MACROS = ("in_selection", "in_days", "chosen")


def install_macros(con, sql: str = "") -> None:
    con.execute(warehouse.selection_macros())
    if calendars.TABLE in sql:  # a Persian period bucket (periods.bucket_sql) reads the calendar relation
        calendars.install(con)


def run(con, q: Query | str, f: Filters | None = None, *, parts: Mapping[str, str] | None = None,
        **params) -> pd.DataFrame:
    """Run a query (a Query, or a name with the filter and extras) on `con`; a DataFrame.
    The selection macros are stored in the warehouse (warehouse.build_schema); a warehouse built before
    they were gets them on this connection when a query misses them."""
    if isinstance(q, str):
        q = query(q, f, parts=parts, **params)
    sql = sql_of(q)
    if calendars.TABLE in sql:  # a Persian period bucket (periods.bucket_sql) reads the calendar relation
        calendars.install(con)
    try:
        return con.execute(sql, bound(q, sql)).df()
    except duckdb.CatalogException as exc:
        if not any(m in str(exc) for m in MACROS):
            raise
    install_macros(con)
    return con.execute(sql, bound(q, sql)).df()
