"""The app keeps the weekly review (and its staffing check) once per data version: the sidebar's filters
do not apply to it, so a filter change, a rerun with cleared result caches or another session reuse it;
a change to the warehouse rebuilds it; every reader gets its own copy."""
from __future__ import annotations

import shutil

import pandas as pd
import streamlit as st

from analytics.core import warehouse
from analytics.review import build
from analytics.review import period as rp
from analytics.review import staffing as review_staffing
from analytics.ui import context


def test_review_built_once_per_data_version_and_read_as_copies(sample_db, tmp_path, monkeypatch):
    db = tmp_path / "center.duckdb"
    shutil.copy(sample_db, db)
    monkeypatch.setenv(warehouse.ENV_VAR, str(db))
    builds = []
    real = build.build_from_path
    monkeypatch.setattr(build, "build_from_path", lambda *a, **k: builds.append(a) or real(*a, **k))
    period = rp.parse("2026-W46")

    first = context.review(period, "fcr_pct")
    fresh = real(db, period, rank_by="fcr_pct", include_actions=False)
    pd.testing.assert_frame_equal(first.headline, fresh.headline)
    first.headline["value_text"] = "changed by a page"  # a reader's change stays in its copy
    st.cache_data.clear()                               # what a filter change misses
    again = context.review(period, "fcr_pct")
    assert len(builds) == 1
    pd.testing.assert_frame_equal(again.headline, fresh.headline)

    missed = context.staffing_misses(period)
    with warehouse.read_connection(db) as con:
        pd.testing.assert_frame_equal(missed, review_staffing.misses(con, period.start, period.end))
    missed["cause"] = "changed"
    assert (context.staffing_misses(period)["cause"] != "changed").all()

    with warehouse.write_connection(db) as con:  # any write is a new data version
        con.execute("INSERT INTO holidays (date, queue, name) VALUES (DATE '2030-01-01', NULL, 'test')")
        con.execute("CHECKPOINT")
    context.review(period, "fcr_pct")
    assert len(builds) == 2
