"""Caller patience from waits, counting answered callers as censored observations.

An abandoned caller's wait is their patience; an answered caller's wait only says their patience was
longer (a right-censored observation). With exponential patience (Erlang A's assumption) the maximum-
likelihood rate is abandons ÷ total waiting exposure: θ̂ = d / Σ wait over every caller with a known
wait. Averaging abandoned waits alone (the naive figure) keeps only the impatient callers and so
underestimates patience, badly where few callers wait long."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
# the chi-square quantiles through the incomplete gamma function: scipy.stats takes over a second to
# import, the first Staffing view's cost, for two numbers a queue
from scipy import special

# With no abandons at all the likelihood has no maximum (infinite patience): report this floor of
# evidence instead, half an abandon, so Erlang A stays defined and close to Erlang C.
NO_ABANDON_PSEUDO = 0.5


@dataclass(frozen=True)
class Patience:
    queue: str
    patience_s: float        # MLE mean patience
    low_s: float             # 95 % interval (exact, from the gamma likelihood of d events in T)
    high_s: float
    abandons: int
    exposure_s: float
    naive_s: float | None    # mean wait of abandoned callers, for comparison only


def _chi2_ppf(q: float, df: float) -> float:
    return 2.0 * float(special.gammaincinv(df / 2.0, q))


def estimate(abandons: float, exposure_s: float, naive_s: float | None = None, queue: str = "") -> Patience:
    d = float(abandons)
    T = float(exposure_s)
    if T <= 0:
        return Patience(queue, float("nan"), float("nan"), float("nan"), int(d), T, naive_s)
    rate = max(d, NO_ABANDON_PSEUDO) / T
    lo_rate = _chi2_ppf(0.025, 2 * d) / (2 * T) if d > 0 else 0.0
    hi_rate = _chi2_ppf(0.975, 2 * d + 2) / (2 * T)
    return Patience(queue, 1 / rate, 1 / hi_rate, (1 / lo_rate) if lo_rate > 0 else float("inf"), int(d), T, naive_s)


def by_queue(intervals: pd.DataFrame) -> dict[str, Patience]:
    """Per queue from the interval frame's `abandoned_known`, `wait_s` (sum of all known waits) and
    abandoned waits (`wait_s` − `wait_answered_s`)."""
    out = {}
    if intervals.empty:
        return out
    g = intervals.groupby("queue")[["abandoned_known", "wait_s", "wait_answered_s"]].sum()
    for q, r in g.iterrows():
        ab_wait = float(r["wait_s"] - r["wait_answered_s"])
        naive = ab_wait / r["abandoned_known"] if r["abandoned_known"] > 0 else None
        out[str(q)] = estimate(r["abandoned_known"], r["wait_s"], naive, str(q))
    return out


def mle_from_waits(waits: np.ndarray, abandoned: np.ndarray) -> float:
    """The same estimate from per-call waits (used by tests and small samples)."""
    waits = np.asarray(waits, float)
    d = float(np.asarray(abandoned, bool).sum())
    return estimate(d, waits.sum()).patience_s
