"""comparison.delta_row — the test behind kpis --compare, the pages' tiles and the weekly review's
highlights — allows for over-dispersion with φ from the rows' daily statistics.

Rows as metrics.compute(with_stats=True) gives them, written out by hand for service level over two
weeks of 10 calls a day (answered within T: 8, 10, 6, 8, 10, 6, 8 then 6, 8, 4, 6, 8, 4, 6):
  this week  num 42, den 70, q = Σ x²/n = (36+64+16+36+64+16+36)/10 = 26.8, days 7
  last week  num 56, den 70, q = (64+100+36+64+100+36+64)/10 = 46.4, days 7
  χ² = (26.8 − 42²/70)/(0.6·0.4) + (46.4 − 56²/70)/(0.8·0.2) = 1.6/0.24 + 1.6/0.16 = 20/3 + 10
  φ = (50/3) / 12 = 25/18
"""
import math

import pytest
from scipy import stats as sps

from analytics.core import comparison, registry

SL = registry.get("service_level_pct")
CUR = {"service_level_pct": 60.0, "service_level_pct__num": 42, "service_level_pct__den": 70,
       "service_level_pct__q": 26.8, "service_level_pct__days": 7}
PREV = {"service_level_pct": 80.0, "service_level_pct__num": 56, "service_level_pct__den": 70,
        "service_level_pct__q": 46.4, "service_level_pct__days": 7}


def test_delta_row_uses_phi_from_the_daily_statistics():
    d = comparison.delta_row(CUR, PREV, SL)
    assert d["phi"] == pytest.approx(25 / 18) and d["phi_note"] is None
    z = 0.2 / math.sqrt(25 / 18 * 0.7 * 0.3 * (2 / 70))
    assert d["p_value"] == pytest.approx(2 * sps.norm.sf(z))
    assert d["significant"] is True          # z = 2.19


def test_a_short_period_gets_phi_one_and_a_note():
    short = {**CUR, "service_level_pct__days": 3}
    d = comparison.delta_row(short, PREV, SL)
    assert d["phi"] == 1.0 and "fewer than 7 days" in d["phi_note"]
    z = 0.2 / math.sqrt(0.7 * 0.3 * (2 / 70))
    assert d["p_value"] == pytest.approx(2 * sps.norm.sf(z))


def test_a_kpi_without_a_test_has_no_phi():
    d = comparison.delta_row({"offered": 70.0}, {"offered": 70.0}, registry.get("offered"))
    assert d["phi"] is None and d["significant"] is None


def test_the_interval_is_widened_by_the_same_phi_and_the_reading_names_it():
    """The Trends card showed a binomial interval that excluded the comparison value beside a test
    (variance × φ) that called the change noise, and named that test a plain z-test."""
    from analytics.stats import proportions
    from analytics.trends import data as trends

    d = comparison.delta_row(CUR, PREV, SL)
    plain = proportions.wilson_interval_pct(42, 70)
    assert d["ci"] == pytest.approx(proportions.wilson_interval_pct(42 / (25 / 18), 70 / (25 / 18)))
    assert d["ci"][0] < plain[0] and d["ci"][1] > plain[1]
    reading = trends.delta_summary(CUR, PREV, SL)["reading"]
    assert "two-proportion z-test with the variance × φ = 1.4 for the day-to-day spread" in reading
    short = {**CUR, "service_level_pct__days": 3}   # φ = 1 by rule: the plain interval and test
    assert comparison.delta_row(short, PREV, SL)["ci"] == pytest.approx(plain)
    assert "φ" not in trends.delta_summary(short, PREV, SL)["reading"]
