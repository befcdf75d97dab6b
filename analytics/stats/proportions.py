"""Intervals and tests for proportions (k successes of n): Wilson score interval, Newcombe's hybrid
score interval for a difference, and the pooled two-proportion z-test.

Inputs are counts. KPI rates in this product are percentages computed from counts, so the ``_pct``
helpers take and return percentages 0–100 for the pages' convenience. n = 0 gives None, never an error.
"""
from __future__ import annotations

import math

# scipy.special, not scipy.stats: the same functions (scipy.stats calls these), without the ~0.6 s
# that importing scipy.stats adds to the app's first render.
from scipy import special

Interval = tuple[float, float]


def _z(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence!r}")
    return float(special.ndtri(0.5 + confidence / 2.0))


def _check_counts(k: float, n: float) -> None:
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"counts must satisfy 0 <= k <= n, got k={k!r}, n={n!r}")


def wilson_interval(k: float, n: float, confidence: float = 0.95) -> Interval | None:
    """Wilson score interval (no continuity correction) for the proportion k/n, as fractions 0–1.

    k may be fractional (e.g. reconstructed from a percentage); n = 0 gives None.
    """
    _check_counts(k, n)
    if n == 0:
        return None
    z = _z(confidence)
    p = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom
    # At k = 0 or k = n one bound is exactly 0 or 1; clamp away float noise.
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return (low, high)


def wilson_interval_pct(k: float, n: float, confidence: float = 0.95) -> Interval | None:
    """Wilson interval for k of n expressed in percent (0–100)."""
    ci = wilson_interval(k, n, confidence)
    return None if ci is None else (100.0 * ci[0], 100.0 * ci[1])


def wilson_interval_from_pct(pct: float | None, n: float, confidence: float = 0.95) -> Interval | None:
    """Wilson interval, in percent, for a rate given as a percentage of n (k = pct·n/100)."""
    if pct is None or n == 0 or (isinstance(pct, float) and math.isnan(pct)):
        return None
    if not 0.0 <= pct <= 100.0:
        raise ValueError(f"percentage must be within 0–100, got {pct!r}")
    return wilson_interval_pct(pct * n / 100.0, n, confidence)


def newcombe_diff_interval(k1: float, n1: float, k2: float, n2: float,
                           confidence: float = 0.95) -> Interval | None:
    """Interval for p1 − p2 by Newcombe's hybrid score method (1998, method 10): it combines the two
    Wilson intervals, so it stays inside [−1, 1] and behaves at k = 0 and k = n where Wald fails."""
    ci1 = wilson_interval(k1, n1, confidence)
    ci2 = wilson_interval(k2, n2, confidence)
    if ci1 is None or ci2 is None:
        return None
    p1, p2 = k1 / n1, k2 / n2
    (l1, u1), (l2, u2) = ci1, ci2
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return (max(-1.0, low), min(1.0, high))


def newcombe_diff_interval_pct(k1: float, n1: float, k2: float, n2: float,
                               confidence: float = 0.95) -> Interval | None:
    """Newcombe interval for the difference in percentage points."""
    ci = newcombe_diff_interval(k1, n1, k2, n2, confidence)
    return None if ci is None else (100.0 * ci[0], 100.0 * ci[1])


def two_proportion_ztest(k1: float, n1: float, k2: float, n2: float, phi: float = 1.0) -> float | None:
    """Two-sided p-value of the pooled-variance z-test of p1 = p2 (same as Pearson's χ² on the 2×2
    table without continuity correction). None when either n is 0. When the pooled rate is 0 or 1
    both samples are identical (all failures or all successes): no evidence of a difference, p = 1.
    `phi` ≥ 1 multiplies the binomial variance (over-dispersion, analytics/stats/overdispersion.py)."""
    _check_counts(k1, n1)
    _check_counts(k2, n2)
    if n1 == 0 or n2 == 0:
        return None
    pooled = (k1 + k2) / (n1 + n2)
    var = phi * pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    if var <= 0.0:
        return 1.0
    z = (k1 / n1 - k2 / n2) / math.sqrt(var)
    return float(2.0 * special.ndtr(-abs(z)))


def delta_significant(k1: float, n1: float, k2: float, n2: float, alpha: float = 0.05,
                      method: str = "ztest") -> bool | None:
    """Is the change from k2/n2 to k1/n1 (or between two groups) more than noise at level alpha?

    method "ztest" (default) uses the pooled z-test p-value; "newcombe" asks whether the
    (1 − alpha) Newcombe interval excludes 0. None when undefined (an n of 0).
    """
    if method == "ztest":
        p = two_proportion_ztest(k1, n1, k2, n2)
        return None if p is None else bool(p < alpha)
    if method == "newcombe":
        ci = newcombe_diff_interval(k1, n1, k2, n2, confidence=1.0 - alpha)
        return None if ci is None else bool(ci[0] > 0.0 or ci[1] < 0.0)
    raise ValueError(f"unknown method {method!r}: use 'ztest' or 'newcombe'")
