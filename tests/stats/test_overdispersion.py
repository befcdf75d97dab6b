"""Over-dispersion φ (kpi-definitions.md, second edition, significance), pinned to hand computations.

Rate case — 7 days per period, 100 calls a day:
  this period  answered in SL 80, 90, 70, 80, 90, 70, 80  → p = 560/700 = 0.8
               Σ (x − 80)² = 400; each day's binomial variance n p (1 − p) = 16  → χ² = 400/16 = 25
  last period  60, 70, 50, 60, 70, 50, 60                 → p = 0.6, n p (1 − p) = 24 → χ² = 400/24 = 50/3
  df = 14 days − 2 periods = 12;  φ = (25 + 50/3) / 12 = 125/36 = 3.4722…
  z test: pooled p = 980/1400 = 0.7; var = φ · 0.7 · 0.3 · (1/700 + 1/700) = 125/36 · 0.0006
          z = 0.2 / √(0.0020833…) = 4.38178…  (without φ: 8.16497)
Mean case — 7 days per period, 2 calls a day:
  this period  [2,4] [6,8] [2,4] [6,8] [2,4] [6,8] [4,6] → mean 5, day means 3 7 3 7 3 7 5
               Σ n_d (ȳ_d − 5)² = 2 · 6 · 4 = 48; call-level variance s² = 62/13 → χ² = 48 · 13/62
  last period  the same values + 1 → mean 6, same χ²
  φ = 2 · 48 · 13/62 / 12 = 104/62 = 1.67742; Welch: se² = φ · 2 · (62/13)/14 = 8/7, t = −1/√(8/7),
  df = 26 (equal variances and sizes: φ cancels in the Welch–Satterthwaite df).
"""
import math

import pytest
from scipy import stats as sps

from analytics import stats
from analytics.stats.overdispersion import chi2_mean_from_sums, chi2_rate_from_sums, phi_from_chi2

RATE_CUR = [(x, 100) for x in (80, 90, 70, 80, 90, 70, 80)]
RATE_PREV = [(x, 100) for x in (60, 70, 50, 60, 70, 50, 60)]
MEAN_CUR = [[2, 4], [6, 8], [2, 4], [6, 8], [2, 4], [6, 8], [4, 6]]
MEAN_PREV = [[v + 1 for v in day] for day in MEAN_CUR]


def test_rate_phi_from_daily_counts():
    phi = stats.phi_rate_daily([RATE_CUR, RATE_PREV])
    assert phi.value == pytest.approx(125 / 36)
    assert phi.note is None


def test_rate_phi_from_rollup_sums_equals_the_daily_computation():
    parts = []
    for days in (RATE_CUR, RATE_PREV):
        x, n = sum(d[0] for d in days), sum(d[1] for d in days)
        q = sum(xd * xd / nd for xd, nd in days)
        parts.append((chi2_rate_from_sums(x, n, q), len(days)))
    assert parts[0][0] == pytest.approx(25.0) and parts[1][0] == pytest.approx(50 / 3)
    assert phi_from_chi2(parts).value == pytest.approx(125 / 36)


def test_the_z_test_uses_phi():
    p = stats.two_proportion_ztest(560, 700, 420, 700, phi=125 / 36)
    z = 0.2 / math.sqrt(125 / 36 * 0.7 * 0.3 * (2 / 700))
    assert z == pytest.approx(4.38178, abs=1e-5)
    assert p == pytest.approx(2 * sps.norm.sf(z))
    assert stats.two_proportion_ztest(560, 700, 420, 700) == pytest.approx(2 * sps.norm.sf(8.16497), rel=1e-4)


def test_mean_phi_and_welch():
    phi = stats.phi_mean_daily([MEAN_CUR, MEAN_PREV])
    assert phi.value == pytest.approx(104 / 62)
    # from sums, as a rollup holds them
    parts = []
    for days in (MEAN_CUR, MEAN_PREV):
        vals = [v for d in days for v in d]
        q = sum(sum(d) ** 2 / len(d) for d in days)
        parts.append((chi2_mean_from_sums(sum(vals), len(vals), sum(v * v for v in vals), q), len(days)))
    assert parts[0][0] == pytest.approx(48 * 13 / 62)
    assert phi_from_chi2(parts).value == pytest.approx(104 / 62)
    cur = [v for d in MEAN_CUR for v in d]
    prev = [v for d in MEAN_PREV for v in d]
    res = stats.welch_from_sums(sum(cur), sum(v * v for v in cur), 14, sum(prev), sum(v * v for v in prev), 14,
                                phi=104 / 62)
    assert res.t == pytest.approx(-1 / math.sqrt(8 / 7))
    assert res.df == pytest.approx(26.0)
    assert res.p_value == pytest.approx(2 * sps.t.sf(1 / math.sqrt(8 / 7), 26))


def test_phi_is_never_below_one():
    steady = [[(80, 100)] * 7, [(60, 100)] * 7]   # no day-to-day spread at all: χ² = 0
    assert stats.phi_rate_daily(steady).value == 1.0


def test_fewer_than_seven_days_gives_phi_one_and_says_so():
    phi = stats.phi_rate_daily([RATE_CUR[:6], RATE_PREV])
    assert phi.value == 1.0
    assert "fewer than 7 days" in phi.note
