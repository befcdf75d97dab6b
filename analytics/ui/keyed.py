"""Cached registry KPIs grouped by custom keys (weekday, hour of day) for the pages; see
analytics.core.breakdowns. Cache keys include the warehouse's data version, like ui.context."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from analytics.core import breakdowns, warehouse
from analytics.core.filters import Filters
from analytics.ui import context


@st.cache_data(show_spinner=False, max_entries=256, hash_funcs=context.HASH_FUNCS)
def _by_keys(path: str, data_version: str, f: Filters, ids: tuple[str, ...],
             keys: tuple[tuple[str, str], ...], with_stats: bool) -> pd.DataFrame:
    with warehouse.read_connection(Path(path)) as con:
        return breakdowns.compute_by_keys(con, f, list(ids), dict(keys), with_stats=with_stats)


def kpi_frame_by_keys(f: Filters, ids, keys: dict[str, str], with_stats: bool = False) -> pd.DataFrame:
    return _by_keys(str(context.db_path()), context.version(), f, tuple(ids), tuple(keys.items()), with_stats)


@st.cache_resource(show_spinner=False, max_entries=64)  # per data version, like context._catalog
def _setting(path: str, data_version: str, key: str, default: str | None) -> str | None:
    with warehouse.read_connection(Path(path)) as con:
        return warehouse.setting(con, key, default)


def setting(key: str, default: str | None = None) -> str | None:
    """A warehouse setting (e.g. short_abandon_s), cached per data version."""
    return _setting(str(context.db_path()), context.version(), key, default)
