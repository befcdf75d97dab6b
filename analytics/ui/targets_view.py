"""Targets for the app, cached like the KPI numbers: the key includes the warehouse's data version, so
a target saved on the Settings page (a write to the file) shows on every page's next run."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.core import targets, warehouse
from analytics.core.filters import Filters
from analytics import i18n
from analytics.ui import context


@st.cache_resource(show_spinner=False, max_entries=16)  # per data version, like context._catalog
def _stored(path: str, data_version: str):
    """The stored targets, read once per data version (a page asks for several queues' targets)."""
    with warehouse.read_connection(Path(path)) as con:
        return targets.stored(con)


@st.cache_resource(show_spinner=False, max_entries=256)
def _effective(path: str, data_version: str, queue: str | None, site: str | None,
               lang: str = i18n.DEFAULT) -> dict[str, targets.Target]:
    """`lang` keys the cache: a target's source ("Set by … on … for the …") is written in the language."""
    try:
        rows = _stored(path, data_version)
    except warehouse.WarehouseMissing:
        return targets.defaults()
    return targets.effective(queue=queue, site=site, rows=rows)


def effective(queue: str | None = None, site: str | None = None) -> dict[str, targets.Target]:
    # a copy: the cached dict is shared by every session (its Targets are frozen)
    return dict(_effective(str(context.db_path()), context.version(), queue, site, i18n.current()))


def targets_for(f: Filters) -> dict[str, targets.Target]:
    """kpi_id → Target in force for the filter (a filter on exactly one queue/site uses its targets)."""
    return effective(f.queues[0] if len(f.queues) == 1 else None, f.sites[0] if len(f.sites) == 1 else None)


@st.cache_data(show_spinner=False, max_entries=64)
def _scope_table(path: str, data_version: str, queue: str | None, site: str | None, lang: str = i18n.DEFAULT):
    with warehouse.read_connection(Path(path)) as con:
        return targets.table(con, queue, site)


def scope_table(queue: str | None, site: str | None):
    """One row per settable KPI for a scope: default, the scope's own target, the one in force."""
    return _scope_table(str(context.db_path()), context.version(), queue, site, i18n.current())


@st.cache_data(show_spinner=False, max_entries=16)
def _histories(path: str, data_version: str):
    from analytics.core import thresholds
    with warehouse.read_connection(Path(path)) as con:
        return targets.history(con), thresholds.history(con), thresholds.current(con)


def target_history():
    return _histories(str(context.db_path()), context.version())[0]


def threshold_history():
    return _histories(str(context.db_path()), context.version())[1]


def current_thresholds() -> dict[str, float]:
    return _histories(str(context.db_path()), context.version())[2]
