"""Cached access to the warehouse for the app.

Every cache key includes the warehouse's data version (file mtime and size), so an import is visible
on the next interaction without restarting the app, and nothing here holds the file open.
"""
from __future__ import annotations

import contextvars
import copy
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from analytics.core import metrics, periods, queries, registry, warehouse
from analytics.core.filters import Catalog, Filters, load_catalog
from analytics.review import actions
from analytics.review.period import ReviewPeriod, parse as parse_period
from analytics import i18n

if TYPE_CHECKING:  # the review's build (and scipy.stats under it) loads when a review is first asked for
    from analytics.review import build


# How the result caches key a filter or a query: by its repr (every field, in order). Streamlit's own
# hashing of a dataclass goes through dataclasses.asdict, ~0.2 ms a filter and ~0.3 ms a query, paid
# for every cached read of every run (a page makes 15–30); the repr costs ~10 µs and names the same
# fields.
HASH_FUNCS = {Filters: repr, queries.Query: repr}


def db_path() -> Path:
    return warehouse.resolve_db_path()


def version() -> str:
    return warehouse.data_version(db_path())


# Per data version, not per filter: kept as a resource (like the review below), so a filter change —
# which clears nothing here anyway — and a clear of the result caches do not re-read them. The
# version names the session's team scope, so no entry crosses scopes.
@st.cache_resource(show_spinner=False, max_entries=16)
def _catalog(path: str, data_version: str) -> Catalog:
    with warehouse.read_connection(Path(path)) as con:
        return load_catalog(con)


def catalog() -> Catalog:
    return _catalog(str(db_path()), version())


@st.cache_data(show_spinner=False, max_entries=1024, hash_funcs=HASH_FUNCS)
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


def _stats_key(ids, with_stats: bool) -> bool:
    """with_stats as a cache key: False when no requested KPI has statistics (headcount, attrition), so
    a page asking for the same KPIs with and without stats runs the queries once."""
    return bool(with_stats) and any(registry.get(i).has_stats for i in ids)


def kpi_frame(f: Filters, ids, by: str = "none", with_stats: bool = False, read_with=()) -> pd.DataFrame:
    """KPIs `ids` for `f` grouped by `by`. `read_with`: the other KPIs the page reads with the same
    filter and period grouping (its tiles' sparklines and its charts): every call naming the same set
    shares one computation and one cache entry, and each gets the frame of its own `ids`, as if asked
    alone (metrics.compute gives every period a row whatever the KPIs, so only the columns differ)."""
    _check_group(by)
    ids = tuple(ids)
    if not read_with:
        df, _ = _kpis(str(db_path()), version(), f, ids, by, _stats_key(ids, with_stats))
        return df
    if by != "none" and by not in periods.GRAINS:
        raise ValueError(f"read_with needs a period grouping (rows differ by KPI under {by!r})")
    together = set(ids) | set(read_with)
    union = tuple(k for k in registry.KPIS if k in together)  # one order, so every caller's key is the same
    df, _ = _kpis(str(db_path()), version(), f, union, by, _stats_key(union, with_stats))
    return only_kpis(df, ids, union)


def only_kpis(df: pd.DataFrame, ids, computed) -> pd.DataFrame:
    """The columns metrics.compute(…, ids) gives, out of its frame for `computed` (a superset): the
    grouping columns, the KPI values in the order of `ids`, then their own columns (`<id>__…`)."""
    owner = {}
    for col in df.columns:
        base = col.split("__", 1)[0] if "__" in col else col
        if base in computed:
            owner[col] = base
    keys = [c for c in df.columns if c not in owner]
    wanted = set(ids)
    extra = [c for c in df.columns if owner.get(c) in wanted and c not in wanted]
    return df[keys + list(ids) + extra]


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _kpi_pair(path: str, data_version: str, f: Filters, g: Filters,
              ids: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...]]:
    notes: list[str] = []
    with warehouse.read_connection(Path(path)) as con:
        cur, prev = metrics.compute_pair(con, f, g, list(ids), with_stats=True, notes=notes)
    return cur, prev, tuple(dict.fromkeys(notes))


def comparison_coverage(f: Filters) -> tuple[int, int] | None:
    """(days of the comparison period the data covers, its days), None without a comparison."""
    g = f.comparison()
    return None if g is None else (catalog().days_covered(g.start, g.end), g.days)


def comparable(f: Filters) -> bool:
    """Is there a comparison period the data covers whole? A change against a period before the
    data began (or partly before) compares the selection with nothing, or with a fraction of a
    period: "+20,029 evaluations" against none, offered calls against a quarter of a period."""
    cov = comparison_coverage(f)
    return cov is not None and cov[0] == cov[1]


def _paired(f: Filters, ids) -> tuple[pd.DataFrame, pd.DataFrame, tuple[str, ...]] | None:
    """The period's values with statistics read together with its comparison period's (tiles show
    both), or None when there is no comparison the data covers whole."""
    g = f.comparison()
    if g is None or not comparable(f):
        return None
    return _kpi_pair(str(db_path()), version(), f, g, tuple(ids))


def kpi_notes(f: Filters, ids, by: str = "none") -> tuple[str, ...]:
    """The notes of a KPI request. They do not depend on the statistics; asked with them, because the
    pages ask for notes right beside the values with statistics (tiles, scorecards): one computation."""
    _check_group(by)
    pair = _paired(f, ids) if by == "none" else None
    if pair is not None:
        return pair[2]
    return _kpis(str(db_path()), version(), f, tuple(ids), by, _stats_key(ids, True))[1]


def _row(df: pd.DataFrame) -> dict:
    if not len(df):
        return {}
    return {k: (None if pd.isna(v) else float(v)) for k, v in df.iloc[0].to_dict().items()}


def kpi_values(f: Filters, ids, with_stats: bool = False) -> dict:
    pair = _paired(f, ids) if with_stats else None
    if pair is not None:
        _check_group("none")
        return _row(pair[0])
    return _row(kpi_frame(f, ids, "none", with_stats))


def kpi_values_pair(f: Filters, ids) -> tuple[dict, dict]:
    """kpi_values(f, ids, with_stats=True) and the same for f's comparison period ({} without one)."""
    _check_group("none")
    pair = _paired(f, ids)
    if pair is None:  # no comparison period
        return kpi_values(f, ids, with_stats=True), {}
    return _row(pair[0]), _row(pair[1])


def has_calls(f: Filters) -> bool:
    """Does the selection hold any call? Offered is undefined under a team, site or agent filter
    (attribution), so the team's answered calls count there."""
    v = kpi_values(f, ["offered", "answered"])
    return bool(v.get("offered") or v.get("answered"))


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _rows(path: str, data_version: str, q: queries.Query) -> pd.DataFrame:
    with warehouse.read_connection(Path(path)) as con:
        return queries.run(con, q)


def rows(q: queries.Query | str, f: Filters | None = None, **params) -> pd.DataFrame:
    """The one way a page reads non-KPI data: `queries.run` (a file in sql/queries with the filter's
    named parameters and the extras), cached per warehouse version and team scope."""
    if isinstance(q, str):
        q = queries.query(q, f, **params)
    return _rows(str(db_path()), version(), q)


# The weekly review and its staffing check are the whole center's for a period, whatever the sidebar's
# filters: built once per data version (and model, period, ranking, language) and kept for the process,
# so a filter change, a rerun or another session reuses them (st.cache_resource: a clear of the result
# caches does not drop them); an import or a settings change is a new data version and rebuilds them.
# Readers get a copy, so nothing a page does to its frames reaches the kept one.
@st.cache_resource(show_spinner=False, max_entries=32)
def _review(path: str, data_version: str, model_version: str, label: str, rank_by: str,
            lang: str = "en") -> build.Review:  # the language is in the key: the review holds its texts
    from analytics.review import build

    return build.build_from_path(Path(path), parse_period(label), rank_by=rank_by, include_actions=False)


def review(period: ReviewPeriod, rank_by: str) -> build.Review:
    """The weekly review's content for a period (without its actions, which change while one looks).
    The newest saved attrition model is in the key: a model trained in this session is a new file
    beside the warehouse, not a change to it, and the watchlist must reflect it."""
    return copy.deepcopy(_review(str(db_path()), version(), model_version(), period.label, rank_by, i18n.current()))


def model_version() -> str:
    """The newest saved attrition model of this warehouse ("-" when none): part of cache keys."""
    from analytics.attrition import store

    files = store.saved(db_path())
    return files[-1].name if files else "-"


def review_actions(period: ReviewPeriod) -> tuple[actions.LastReview, pd.DataFrame]:
    """The last review's actions and this period's, read fresh (a tick or a new action shows at once)."""
    with warehouse.read_connection(db_path()) as con:
        return actions.last_review(con, period), actions.for_period(con, period.label)


@st.cache_resource(show_spinner="Checking staffing…", max_entries=16)  # once per data version, as the review
def _staffing_misses(path: str, data_version: str, label: str) -> pd.DataFrame:
    from analytics.review import staffing as review_staffing

    p = parse_period(label)
    with warehouse.read_connection(Path(path)) as con:
        return review_staffing.misses(con, p.start, p.end)


def staffing_misses(period: ReviewPeriod) -> pd.DataFrame:
    """The review week's intervals staffed below what the service level needed."""
    return _staffing_misses(str(db_path()), version(), period.label).copy()


_PREFETCH = "_switchboard_prefetch"


def prefetch(*reads) -> None:
    """Start the reads a page makes further down (functions of no arguments calling this module's
    readers) on a thread of their own, while the page draws what comes first. A read releases Python
    while DuckDB works, so drawing and querying share the machine's cores instead of taking turns. Each
    reader caches what it reads; when the page gets to it, it finds the result, or waits for it
    (Streamlit computes a cache entry once, behind a lock of its own): nothing is read twice. The
    thread runs in the session's context (team scope, language). A read that fails is left to the
    page's own call, which raises where the page can say so. Readers with a spinner don't belong here
    (it would be drawn wherever the page is when the read starts)."""
    if os.environ.get("SWITCHBOARD_PREFETCH", "1") == "0":  # the page reads in order (tests compare both)
        return
    ctx, session, done = get_script_run_ctx(), contextvars.copy_context(), threading.Event()

    def run():
        for read in reads:
            if done.is_set():  # the run ended before the page got there (a stop, an empty selection)
                return
            try:
                read()
            except BaseException:  # noqa: BLE001 - the page's own call of the same read reports it (a
                pass               # stop or rerun raised in this thread ends it too)

    worker = threading.Thread(target=session.run, args=(run,), name="switchboard-prefetch", daemon=True)
    if ctx is not None:
        add_script_run_ctx(worker, ctx)
        ctx.__dict__.setdefault(_PREFETCH, []).append((worker, done))
    worker.start()


def finish_prefetch() -> None:
    """At the end of a run: skip the reads the page never got to and wait for the one under way, so no
    read of this run outlives it (an import right after would find the warehouse still open)."""
    ctx = get_script_run_ctx()
    for worker, done in (ctx.__dict__.pop(_PREFETCH, []) if ctx is not None else []):
        done.set()
        worker.join()
