"""Intervals and tests for means: Student t interval, Welch's unequal-variance t-test.

The pages read rollups, which hold sums, sums of squares and counts rather than raw rows; the
``*_from_sums`` functions turn those into mean and sample variance (n − 1 denominator) first.
Fewer than two observations leave a variance undefined: the result is None, never an error.
"""
from __future__ import annotations

import math
from typing import NamedTuple, Sequence

import numpy as np
# scipy.special, not scipy.stats: the same functions (scipy.stats calls these), without the ~0.6 s
# that importing scipy.stats adds to the app's first render.
from scipy import special


class MeanInterval(NamedTuple):
    mean: float
    low: float
    high: float


class WelchResult(NamedTuple):
    diff: float        # mean1 − mean2
    t: float
    df: float          # Welch–Satterthwaite degrees of freedom
    p_value: float     # two-sided
    low: float         # confidence interval for diff
    high: float


def _t_crit(confidence: float, df: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence!r}")
    return float(special.stdtrit(df, 0.5 + confidence / 2.0))


def t_interval(mean: float, sd: float, n: int, confidence: float = 0.95) -> MeanInterval | None:
    """mean ± t(n−1) · sd/√n. None for n < 2 (no sample standard deviation)."""
    if n is None or n < 2 or mean is None or sd is None or math.isnan(sd) or math.isnan(mean):
        return None
    if sd < 0:
        raise ValueError(f"standard deviation must be >= 0, got {sd!r}")
    half = _t_crit(confidence, n - 1) * sd / math.sqrt(n)
    return MeanInterval(float(mean), float(mean - half), float(mean + half))


def t_interval_from_values(values: Sequence[float], confidence: float = 0.95) -> MeanInterval | None:
    """t interval from raw values; NaN values are ignored."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if x.size < 2:
        return None
    return t_interval(float(x.mean()), float(x.std(ddof=1)), int(x.size), confidence)


def summary_from_sums(total: float, sumsq: float, n: int) -> tuple[float, float] | None:
    """(mean, sample variance) from Σx, Σx² and n. None for n < 2."""
    if n is None or n < 2:
        return None
    mean = total / n
    # Σx² − (Σx)²/n loses digits when the mean is large against the spread; clamp rounding below 0.
    var = max(0.0, (sumsq - total * total / n) / (n - 1))
    return float(mean), float(var)


def mean_ci_from_sums(total: float, sumsq: float, n: int, confidence: float = 0.95) -> MeanInterval | None:
    """t interval for the mean from a rollup's sum, sum of squares and count."""
    s = summary_from_sums(total, sumsq, n)
    if s is None:
        return None
    mean, var = s
    return t_interval(mean, math.sqrt(var), n, confidence)


def welch_test(mean1: float, var1: float, n1: int, mean2: float, var2: float, n2: int,
               confidence: float = 0.95, phi: float = 1.0) -> WelchResult | None:
    """Welch's t-test for mean1 − mean2 from summary statistics (sample variances).

    None when either side has fewer than two observations, or both variances are 0 (the standard
    error is 0 and the test is undefined). `phi` ≥ 1 multiplies both variances (over-dispersion of
    the daily means, analytics/stats/overdispersion.py); it cancels in the Welch–Satterthwaite df.
    """
    if n1 is None or n2 is None or n1 < 2 or n2 < 2:
        return None
    if var1 < 0 or var2 < 0:
        raise ValueError("variances must be >= 0")
    a, b = phi * var1 / n1, phi * var2 / n2
    se2 = a + b
    if se2 <= 0.0:
        return None
    df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1))
    diff = mean1 - mean2
    t = diff / math.sqrt(se2)
    p = 2.0 * special.stdtr(df, -abs(t))
    half = _t_crit(confidence, df) * math.sqrt(se2)
    return WelchResult(float(diff), float(t), float(df), float(p), float(diff - half), float(diff + half))


def welch_from_sums(sum1: float, sumsq1: float, n1: int, sum2: float, sumsq2: float, n2: int,
                    confidence: float = 0.95, phi: float = 1.0) -> WelchResult | None:
    """Welch's t-test for two groups given each group's Σx, Σx² and n (as rollups store them)."""
    s1 = summary_from_sums(sum1, sumsq1, n1)
    s2 = summary_from_sums(sum2, sumsq2, n2)
    if s1 is None or s2 is None:
        return None
    return welch_test(s1[0], s1[1], n1, s2[0], s2[1], n2, confidence, phi)
