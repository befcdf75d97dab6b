"""The result caches key a filter and a query by their repr (context.HASH_FUNCS) instead of Streamlit's
slower hashing of dataclasses: every field must reach the key, so two reads that differ in anything
never share an entry."""
from __future__ import annotations

import dataclasses
from datetime import date

import pytest
import streamlit as st

from analytics.core import queries
from analytics.core.filters import Filters
from analytics.ui import context

BASE = Filters(start=date(2026, 11, 9), end=date(2026, 11, 15))
CHANGED = {"start": date(2026, 11, 8), "end": date(2026, 11, 16), "preset": "last_week", "grain": "week",
           "compare": "none", "queues": ("Billing",), "sites": ("Tehran",), "supervisors": ("S01",),
           "agents": ("A0001",), "lang": "fa", "calendar": "persian"}


def _key(obj) -> str:
    return context.HASH_FUNCS[type(obj)](obj)


def test_every_filter_field_reaches_the_key():
    assert {f.name for f in dataclasses.fields(Filters)} == set(CHANGED)  # a new field needs a line here
    assert all(f.repr for f in dataclasses.fields(Filters))
    assert _key(BASE) == _key(Filters(start=date(2026, 11, 9), end=date(2026, 11, 15)))
    for name, value in CHANGED.items():
        assert _key(dataclasses.replace(BASE, **{name: value})) != _key(BASE), name


def test_every_query_part_reaches_the_key():
    q = queries.query("organization_chart", BASE, parts={"bucket": "d"}, limit=10)
    assert all(f.repr for f in dataclasses.fields(queries.Query))
    same = queries.query("organization_chart", BASE, parts={"bucket": "d"}, limit=10)
    assert _key(q) == _key(same)
    for other in (queries.query("organization_tenure", BASE, parts={"bucket": "d"}, limit=10),
                  queries.query("organization_chart", dataclasses.replace(BASE, agents=("A1",)), parts={"bucket": "d"},
                                limit=10),
                  queries.query("organization_chart", BASE, parts={"bucket": "w"}, limit=10),
                  queries.query("organization_chart", BASE, parts={"bucket": "d"}, limit=11),
                  queries.query("organization_chart", BASE, parts={"bucket": "d"}, limit="10")):
        assert _key(other) != _key(q)


def test_reads_that_differ_in_one_filter_field_get_their_own_results(sample_db):
    st.cache_data.clear()
    path, version = str(sample_db), "test"
    whole = context._kpis(path, version, BASE, ("answered",), "none", False)[0]
    one_team = context._kpis(path, version, dataclasses.replace(BASE, supervisors=("S01",)), ("answered",), "none",
                             False)[0]
    assert 0 < one_team["answered"].iloc[0] < whole["answered"].iloc[0]
    q_all = queries.query("organization_tenure", BASE)
    q_team = queries.query("organization_tenure", dataclasses.replace(BASE, supervisors=("S01",)))
    assert len(context._rows(path, version, q_team)) < len(context._rows(path, version, q_all))


@pytest.mark.parametrize("cached", [context._kpis, context._kpi_pair, context._rows])
def test_the_cached_reads_use_the_fast_keys(cached):
    assert cached._info.hash_funcs is context.HASH_FUNCS
