"""Cached staffing data for the app: the plan (warehouse reads, forecast) is cached per period and
options; a what-if only reruns the vectorised Erlang step on the cached frame."""
from __future__ import annotations

from dataclasses import astuple
from datetime import date
from pathlib import Path

import streamlit as st

from analytics.core import warehouse
from analytics.staffing import plan, whatif
from analytics.ui import context


@st.cache_data(show_spinner="Reading intervals…", max_entries=32)
def _plan(path: str, data_version: str, start: date, end: date, minutes: int, sl_s: float,
          queues: tuple[str, ...], weeks: int) -> plan.Plan:
    with warehouse.read_connection(Path(path)) as con:
        return plan.build(con, start, end, minutes, sl_s, queues, weeks)


def get_plan(start: date, end: date, minutes: int, sl_s: float, queues: tuple[str, ...], weeks: int) -> plan.Plan:
    return _plan(str(context.db_path()), context.version(), start, end, minutes, float(sl_s), tuple(queues), int(weeks))


@st.cache_data(show_spinner=False, max_entries=256)
def _evaluated(path: str, data_version: str, start: date, end: date, minutes: int, sl_s: float,
               queues: tuple[str, ...], weeks: int, scenario: tuple, model: str):
    p = _plan(path, data_version, start, end, minutes, sl_s, queues, weeks)
    sc = whatif.Scenario(*scenario)
    return whatif.evaluate(p.frame, p.patience, sc, model, minutes, p.measured_shrinkage,
                            measured_aux_pct=p.measured_aux_pct)


def evaluated(start: date, end: date, minutes: int, sl_s: float, queues: tuple[str, ...], weeks: int,
              scenario: whatif.Scenario, model: str):
    # numbers as floats in the cache key: the sliders give 9 where a default says 9.0, and the same
    # scenario must be one entry (the page asks for the current, the base and the fit's scenario)
    key = tuple(None if v is None else float(v) for v in astuple(scenario))
    return _evaluated(str(context.db_path()), context.version(), start, end, minutes, float(sl_s), tuple(queues),
                      int(weeks), key, model)
