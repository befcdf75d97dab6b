"""Cached access to the warehouse for the app.

Every cache key includes the warehouse's data version (file mtime and size), so an import is visible
on the next interaction without restarting the app, and nothing here holds the file open.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.core import metrics, warehouse
from analytics.core.filters import Catalog, Filters, load_catalog


def db_path() -> Path:
    return warehouse.resolve_db_path()


def version() -> str:
    return warehouse.data_version(db_path())


@st.cache_data(show_spinner=False, max_entries=16)
def _catalog(path: str, data_version: str) -> Catalog:
    with warehouse.read_connection(Path(path)) as con:
        return load_catalog(con)


def catalog() -> Catalog:
    return _catalog(str(db_path()), version())


@st.cache_data(show_spinner=False, max_entries=1024)
def _kpis(path: str, data_version: str, f: Filters, ids: tuple[str, ...], by: str,
          with_stats: bool) -> tuple[pd.DataFrame, tuple[str, ...]]:
    notes: list[str] = []
    with warehouse.read_connection(Path(path)) as con:
        df = metrics.compute(con, f, list(ids), by=by, with_stats=with_stats, notes=notes)
    return df, tuple(dict.fromkeys(notes))


def _check_group(by: str) -> None:
    """Defence in depth for center-level roles: whatever a page asks, no KPIs by team or agent."""
    from analytics.ui import auth_gate

    if not auth_gate.scope().allows_group(by):
        raise PermissionError(f"your role shows center-level KPIs only (no breakdown by {by})")


def kpi_frame(f: Filters, ids, by: str = "none", with_stats: bool = False) -> pd.DataFrame:
    _check_group(by)
    df, _ = _kpis(str(db_path()), version(), f, tuple(ids), by, with_stats)
    return df


def kpi_notes(f: Filters, ids, by: str = "none") -> tuple[str, ...]:
    _check_group(by)
    return _kpis(str(db_path()), version(), f, tuple(ids), by, False)[1]


def kpi_values(f: Filters, ids, with_stats: bool = False) -> dict:
    df = kpi_frame(f, ids, "none", with_stats)
    if not len(df):
        return {}
    return {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].to_dict().items()}


def has_calls(f: Filters) -> bool:
    """Does the selection hold any call? Offered is undefined under a team, site or agent filter
    (attribution), so the team's answered calls count there."""
    v = kpi_values(f, ["offered", "answered"])
    return bool(v.get("offered") or v.get("answered"))


@st.cache_data(show_spinner=False, max_entries=512)
def _query(path: str, data_version: str, sql: str, params: tuple) -> pd.DataFrame:
    with warehouse.read_connection(Path(path)) as con:
        return con.execute(sql, list(params)).df()


def query(sql: str, params=()) -> pd.DataFrame:
    """Run read-only SQL (from sql/queries via warehouse.read_sql) with bound parameters, cached."""
    return _query(str(db_path()), version(), sql, tuple(_hashable(p) for p in params))


def _hashable(p):
    return tuple(p) if isinstance(p, list) else p


def named_query(name: str, params=()) -> pd.DataFrame:
    """A query file sql/queries/<name>.sql with `?` parameters bound in order."""
    return _query(str(db_path()), version(), warehouse.read_sql(f"queries/{name}.sql"),
                  tuple(_hashable(p) for p in params))


def scope_params(f: Filters) -> list:
    """The standard parameters of sql/queries files: start, end (inclusive dates), then the four
    dimension lists (queues, sites, supervisors, agents); empty list = all."""
    return [f.start, f.end, list(f.queues), list(f.sites), list(f.supervisors), list(f.agents)]
