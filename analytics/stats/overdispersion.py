"""Over-dispersion φ: how much more day-to-day variation a rate or a mean shows than the binomial (or
the call-level variance) assumes, so a period-over-period test does not flag ordinary daily wobble.

the KPI contract (second edition, significance): for a rate, the binomial variance is multiplied by
φ = max(1, Pearson χ² ÷ df of the daily rates within the two periods, each day weighted by its
denominator) — the quasi-binomial / Laney p′ idea; for a mean, Welch's t with the same φ from the daily
means. "Within the two periods": each day is compared with its own period's value, so χ² adds up over
the periods and df = (days with data in both periods) − (number of periods). With fewer than
MIN_DAYS days in either period φ = 1, and the result says so.

From a rollup, a period's χ² needs only Σ over days of num_d²/den_d (`q`), besides the period's totals:
  rate:  Σ_d (x_d − n_d p)² / (n_d p (1 − p))  = (q − X²/N) / (p (1 − p)),  p = X/N
  mean:  Σ_d n_d (ȳ_d − ȳ)² / s²               = (q − S²/N) / s²,  s² the call-level sample variance
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

MIN_DAYS = 7


class Phi(NamedTuple):
    value: float          # ≥ 1
    note: str | None      # why φ was set to 1 by rule (too few days, no daily figures); None otherwise


def too_few_days_note(min_days: int = MIN_DAYS) -> str:
    return (f"fewer than {min_days} days with data in a period: φ = 1 "
            "(no allowance for day-to-day over-dispersion)")


def chi2_rate_from_sums(x: float, n: float, q: float) -> float | None:
    """Pearson χ² of one period's daily counts around the period's own rate X/N (q = Σ x_d²/n_d)."""
    if n is None or n <= 0 or x is None or q is None:
        return None
    p = x / n
    if p <= 0.0 or p >= 1.0:
        return 0.0  # every day at 0 % or 100 %: no spread at all
    return max(0.0, q - x * x / n) / (p * (1.0 - p))


def chi2_mean_from_sums(total: float, n: float, sumsq: float, q: float) -> float | None:
    """Pearson χ² of one period's daily means around the period's mean, each day weighted by its count
    and scaled by the call-level sample variance (q = Σ S_d²/n_d)."""
    if n is None or n < 2 or total is None or sumsq is None or q is None:
        return None
    var = (sumsq - total * total / n) / (n - 1)
    if var <= 0.0:
        return 0.0
    return max(0.0, q - total * total / n) / var


def phi_from_chi2(parts: Sequence[tuple[float | None, int | None]], min_days: int = MIN_DAYS) -> Phi:
    """φ from each period's (χ², days with data)."""
    if any(c is None or d is None for c, d in parts):
        return Phi(1.0, "daily figures not available: φ = 1 (no allowance for over-dispersion)")
    if any(d < min_days for _, d in parts):
        return Phi(1.0, too_few_days_note(min_days))
    df = sum(d for _, d in parts) - len(parts)
    chi2 = sum(c for c, _ in parts)
    return Phi(max(1.0, chi2 / df), None)


def phi_rate_daily(periods: Sequence[Sequence[tuple[float, float]]], min_days: int = MIN_DAYS) -> Phi:
    """φ from each period's daily (successes, trials); days with no trials are left out."""
    parts = []
    for days in periods:
        days = [(x, n) for x, n in days if n > 0]
        x, n = sum(d[0] for d in days), sum(d[1] for d in days)
        if n <= 0:
            return Phi(1.0, too_few_days_note(min_days))
        p = x / n
        chi2 = 0.0 if p in (0.0, 1.0) else sum((xd - nd * p) ** 2 / (nd * p * (1 - p)) for xd, nd in days)
        parts.append((chi2, len(days)))
    return phi_from_chi2(parts, min_days)


def phi_mean_daily(periods: Sequence[Sequence[Sequence[float]]], min_days: int = MIN_DAYS) -> Phi:
    """φ from each period's call-level values, one list per day; empty days are left out."""
    parts = []
    for days in periods:
        days = [list(v) for v in days if len(v)]
        values = [v for day in days for v in day]
        if len(values) < 2:
            return Phi(1.0, too_few_days_note(min_days))
        mean = sum(values) / len(values)
        var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
        spread = sum(len(day) * (sum(day) / len(day) - mean) ** 2 for day in days)
        parts.append((0.0 if var == 0 else spread / var, len(days)))
    return phi_from_chi2(parts, min_days)
