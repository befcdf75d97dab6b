"""A page reads the KPIs of its tiles' sparklines and of its own charts in one computation
(context.kpi_frame's read_with): each caller's frame, cut out of the shared one, must be exactly what
metrics.compute gives for its own KPIs — columns, their order, rows, values and statistics."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import streamlit as st

from analytics.core import metrics, registry, warehouse
from analytics.core.filters import Filters
from analytics.ui import context

from apptest_helpers import PAGE_FILES, run_page

WEEK = Filters(start=date(2026, 11, 9), end=date(2026, 11, 15), compare="previous")
TEAM = Filters(start=date(2026, 10, 1), end=date(2026, 11, 15), compare="previous", supervisors=("S01",))
ASKS = [  # (ids, read with): one KPI inside the other set, disjoint sets, sources mixed, org KPIs
    (["fcr_pct", "repeat_rate_pct"], ["fcr_pct", "repeat_rate_pct", "resolved_pct", "median_repeat_interval_h"]),
    (["qa_coverage_pct", "auto_qa_coverage_pct", "answered"], ["qa_score_avg", "qa_pass_rate_pct", "evaluations"]),
    (["offered", "answered", "service_level_pct", "abandon_rate_pct"], list(registry.HEADLINE)),
    (["csat_pct", "headcount"], ["attrition_rate_pct", "aht_s", "nps"]),
]


@pytest.mark.parametrize("f", [WEEK, TEAM], ids=["week", "one team"])
@pytest.mark.parametrize("by", ["none", "day", "week", "month"])
@pytest.mark.parametrize("with_stats", [False, True])
@pytest.mark.parametrize("ask", range(len(ASKS)))
def test_a_frame_read_with_others_is_the_frame_read_alone(sample_db, f, by, with_stats, ask):
    ids, others = ASKS[ask]
    union = tuple(k for k in registry.KPIS if k in set(ids) | set(others))
    with warehouse.read_connection(sample_db) as con:
        alone = metrics.compute(con, f, ids, by=by, with_stats=with_stats)
        together = metrics.compute(con, f, list(union), by=by, with_stats=with_stats)
    assert len(together.columns) > len(alone.columns)
    got = context.only_kpis(together, ids, union)
    assert sorted(got.columns) == sorted(alone.columns)
    assert [c for c in got.columns if c in ids] == ids  # the values in the order asked
    pd.testing.assert_frame_equal(got[list(alone.columns)], alone)


def test_pages_read_their_period_kpis_once(sample_db, monkeypatch):
    """Tiles and charts of Overview, Quality and Customer: one computation per set of KPIs by the grain."""
    calls = []
    real = metrics.compute

    def counted(con, f, kpi_ids=None, by="none", *args, **kwargs):
        calls.append((by, tuple(kpi_ids or ())))
        return real(con, f, kpi_ids, by, *args, **kwargs)

    monkeypatch.setattr(metrics, "compute", counted)
    view = {"from": "2026-11-09", "to": "2026-11-15", "grain": "day"}
    at = run_page(sample_db, "overview", view)
    for page, grain_reads in (("overview", 1), ("quality", 1), ("customer", 2)):
        st.cache_data.clear()  # earlier runs and tests read the same view
        calls.clear()
        if page == "overview":
            at.run()
        else:
            at.switch_page(PAGE_FILES[page])
            at.run()
        assert not at.exception
        by_day = [ids for by, ids in calls if by == "day"]
        assert len(by_day) == grain_reads, (page, by_day)
