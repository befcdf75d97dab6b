"""compute_pair reads a period and its comparison in one statement per source: it must give exactly the
frames of two computes, values, statistics and notes, under every kind of filter — a queue, a team (KPIs
undefined there), a comparison before the data begins (no rows at all), and overlapping periods."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics.core import metrics, registry, warehouse
from analytics.core.filters import Filters

CASES = {
    "week vs previous": Filters(start=date(2026, 11, 9), end=date(2026, 11, 15), compare="previous"),
    "month vs last year": Filters(start=date(2026, 10, 1), end=date(2026, 10, 31), compare="last_year"),
    "one queue": Filters(start=date(2026, 11, 2), end=date(2026, 11, 15), compare="previous",
                         queues=("Billing",)),
    "one team": Filters(start=date(2026, 11, 9), end=date(2026, 11, 15), compare="previous",
                        supervisors=("S01",)),
}


@pytest.mark.parametrize("with_stats", [True, False])
@pytest.mark.parametrize("case", list(CASES))
def test_pair_equals_two_computes(sample_db, case, with_stats):
    f = CASES[case]
    g = f.comparison()
    assert g is not None
    with warehouse.read_connection(sample_db) as con:
        notes_pair, notes_a, notes_b = [], [], []
        got_f, got_g = metrics.compute_pair(con, f, g, with_stats=with_stats, notes=notes_pair)
        want_f = metrics.compute(con, f, with_stats=with_stats, notes=notes_a)
        want_g = metrics.compute(con, g, with_stats=with_stats, notes=notes_b)
    assert want_f.notna().sum().sum() > 10
    pd.testing.assert_frame_equal(got_f, want_f, check_dtype=False)
    pd.testing.assert_frame_equal(got_g, want_g, check_dtype=False)
    assert notes_pair == list(dict.fromkeys(notes_a + notes_b))


def test_a_comparison_without_rows_gets_the_ungrouped_row(sample_db):
    """Before the data begins: counts 0 and rates null, as compute gives them, not a missing row."""
    with warehouse.read_connection(sample_db) as con:
        first = con.execute("SELECT min(arrived_at)::DATE FROM calls").fetchone()[0]
        f = Filters(start=first, end=first, compare="previous")
        g = f.comparison()
        got_f, got_g = metrics.compute_pair(con, f, g, ["offered", "answered", "service_level_pct"], with_stats=True)
        want_g = metrics.compute(con, g, ["offered", "answered", "service_level_pct"], with_stats=True)
    assert got_f["offered"].iloc[0] > 0
    assert got_g["answered"].iloc[0] == 0 and pd.isna(got_g["service_level_pct"].iloc[0])
    pd.testing.assert_frame_equal(got_g, want_g, check_dtype=False)


def test_overlapping_periods_are_read_apart(sample_db):
    f = Filters(start=date(2026, 11, 1), end=date(2026, 11, 15))
    g = f.with_period(date(2026, 11, 8), date(2026, 11, 20))
    ids = [k for k in registry.KPIS if registry.get(k).source == "calls"]
    with warehouse.read_connection(sample_db) as con:
        got_f, got_g = metrics.compute_pair(con, f, g, ids, with_stats=True)
        pd.testing.assert_frame_equal(got_g, metrics.compute(con, g, ids, with_stats=True), check_dtype=False)
        pd.testing.assert_frame_equal(got_f, metrics.compute(con, f, ids, with_stats=True), check_dtype=False)
