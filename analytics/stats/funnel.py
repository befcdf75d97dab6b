"""Funnel plots (Spiegelhalter 2005, "Funnel plots for comparing institutional performance",
Stat Med 24:1185–1202): control limits around a center-wide target that narrow as volume grows, so a
low-volume agent is not flagged for an extreme rate that chance alone explains.

Limits are given for each level in ``levels`` (default 95% and 99.8%, i.e. about 2 and 3 standard
errors). Columns are named ``lcl_95``/``ucl_95`` and ``lcl_998``/``ucl_998`` (no dots: Altair reads a
dot as a nested field).

Proportions: ``method="exact"`` (default) uses binomial quantiles interpolated as in Spiegelhalter's
Appendix A.1.1, which stays honest at small n and rates near 0 or 1; ``method="normal"`` uses
p0 ± z·√(p0(1−p0)/n) clipped to [0, 1]. Means: target ± z·sd/√n (normal approximation).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd
# scipy.special, not scipy.stats: the same functions (scipy.stats calls these), without the ~0.6 s
# that importing scipy.stats adds to the app's first render.
from scipy import special

DEFAULT_LEVELS = (0.95, 0.998)


def level_suffix(level: float) -> str:
    return f"{level * 100:g}".replace(".", "")


def _z(level: float) -> float:
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be between 0 and 1 (exclusive), got {level!r}")
    return float(special.ndtri(0.5 + level / 2.0))


_PPF_STEPS = 6


def _binom_ppf(q: float, n: np.ndarray, p: float) -> np.ndarray:
    """Smallest count r with F(r) ≥ q, as scipy.stats.binom.ppf defines it.

    Started from the Cornish–Fisher guess (normal quantile with a skew term), which is almost always
    within a count or two, and stepped with the CDF: a CDF costs ~1/10 of the continuous inverse
    (`bdtrik`, a root search), and the Agents page draws ~30 of these per view. Counts the steps do
    not settle (tiny n, extreme p) fall back to the inverse."""
    n = np.asarray(n, dtype=np.int64)
    mu, sd = n * p, np.sqrt(n * p * (1.0 - p))
    z = float(special.ndtri(q))
    with np.errstate(divide="ignore", invalid="ignore"):
        skew = np.where(sd > 0, (1.0 - 2.0 * p) / sd, 0.0)
    r = np.clip(np.ceil(mu + sd * (z + (z * z - 1.0) * skew / 6.0) - 0.5), 0, n).astype(np.int64)
    for _ in range(_PPF_STEPS):
        up = special.bdtr(r, n, p) < q
        down = ~up & (r > 0) & (special.bdtr(np.maximum(r - 1, 0), n, p) >= q)
        if not (up.any() or down.any()):
            return r
        r = r + up - down
    # Unsettled after the steps: the continuous inverse rounded up, then one step back when that
    # count already reaches q (scipy.stats' own rule).
    r = np.ceil(special.bdtrik(q, n, p)).astype(np.int64)
    below = np.maximum(r - 1, 0)
    return np.where(special.bdtr(below, n, p) >= q, below, r)


def _binomial_limit(prob: float, n: np.ndarray, p0: float) -> np.ndarray:
    """Interpolated binomial quantile / n (Spiegelhalter 2005, A.1.1): r = smallest count with
    F(r) ≥ prob; limit = (r − α)/n with α = (F(r) − prob) / (F(r) − F(r − 1))."""
    out = np.full(n.shape, np.nan)
    ok = n > 0
    if p0 <= 0.0 or p0 >= 1.0:
        out[ok] = p0
        return out
    nn = n[ok]
    whole = nn == np.round(nn)  # a binomial needs a whole number of trials (scipy.stats gives NaN otherwise)
    nn = np.where(whole, np.round(nn), 1).astype(np.int64)
    r = _binom_ppf(prob, nn, p0)
    f_r = special.bdtr(r, nn, p0)
    f_below = np.where(r >= 1, special.bdtr(np.maximum(r - 1, 0), nn, p0), 0.0)
    alpha = (f_r - prob) / (f_r - f_below)
    out[ok] = np.where(whole, np.clip((r - alpha) / nn, 0.0, 1.0), np.nan)
    return out


def funnel_limits_proportion(p0: float, sizes: Sequence[float], levels: Sequence[float] = DEFAULT_LEVELS,
                             method: str = "exact", percent: bool = False) -> pd.DataFrame:
    """Funnel limits for a target proportion p0 (0–1) at each n in ``sizes``.
    Columns: n, center, lcl_<level>, ucl_<level> per level. n = 0 gives NaN limits."""
    if not 0.0 <= p0 <= 1.0:
        raise ValueError(f"p0 must be a proportion within 0–1, got {p0!r}")
    if method not in ("exact", "normal"):
        raise ValueError(f"unknown method {method!r}: use 'exact' or 'normal'")
    n = np.asarray(sizes, dtype=float)
    if np.any(n < 0):
        raise ValueError("sizes must be >= 0")
    scale = 100.0 if percent else 1.0
    frame = pd.DataFrame({"n": n, "center": np.full(n.size, p0 * scale)})
    for level in levels:
        tail = (1.0 - level) / 2.0
        if method == "exact":
            low = _binomial_limit(tail, n, p0)
            high = _binomial_limit(1.0 - tail, n, p0)
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                half = np.where(n > 0, _z(level) * np.sqrt(p0 * (1.0 - p0) / n), np.nan)
            low = np.clip(p0 - half, 0.0, 1.0)
            high = np.clip(p0 + half, 0.0, 1.0)
        suffix = level_suffix(level)
        frame[f"lcl_{suffix}"] = low * scale
        frame[f"ucl_{suffix}"] = high * scale
    return frame


def _flag(frame: pd.DataFrame, levels: Sequence[float]) -> pd.DataFrame:
    for level in levels:
        s = level_suffix(level)
        frame[f"outside_{s}"] = (frame["value"] > frame[f"ucl_{s}"]) | (frame["value"] < frame[f"lcl_{s}"])
    widest = level_suffix(max(levels))
    frame["direction"] = np.select(
        [frame["value"] > frame[f"ucl_{widest}"], frame["value"] < frame[f"lcl_{widest}"]],
        ["high", "low"], default="")
    return frame


def funnel_flags(counts: Sequence[float], sizes: Sequence[float], labels: Sequence | None = None,
                 p0: float | None = None, levels: Sequence[float] = DEFAULT_LEVELS,
                 method: str = "exact", percent: bool = False) -> pd.DataFrame:
    """Each unit's rate k/n against the funnel. p0 defaults to the pooled rate Σk/Σn.
    Columns: label, k, n, value, center, limits per level, outside_<level>, direction
    ("high"/"low" beyond the widest level, else "")."""
    k = np.asarray(counts, dtype=float)
    n = np.asarray(sizes, dtype=float)
    if k.shape != n.shape:
        raise ValueError("counts and sizes must have the same length")
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("each unit needs 0 <= k <= n")
    if p0 is None:
        p0 = float(k.sum() / n.sum()) if n.sum() > 0 else float("nan")
    if np.isnan(p0):
        raise ValueError("no observations: the funnel needs at least one unit with n > 0")
    frame = funnel_limits_proportion(p0, n, levels, method, percent)
    scale = 100.0 if percent else 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(n > 0, k / n, np.nan) * scale
    frame.insert(0, "label", labels if labels is not None else list(range(1, k.size + 1)))
    frame.insert(1, "k", k)
    frame.insert(3, "value", value)
    return _flag(frame, levels)


def funnel_limits_mean(target: float, sd: float, sizes: Sequence[float],
                       levels: Sequence[float] = DEFAULT_LEVELS) -> pd.DataFrame:
    """Funnel limits for a mean: target ± z·sd/√n (sd = the population's per-item standard deviation).
    Columns: n, center, lcl_<level>, ucl_<level>."""
    if sd < 0:
        raise ValueError(f"sd must be >= 0, got {sd!r}")
    n = np.asarray(sizes, dtype=float)
    frame = pd.DataFrame({"n": n, "center": np.full(n.size, float(target))})
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.where(n > 0, sd / np.sqrt(n), np.nan)
    for level in levels:
        s = level_suffix(level)
        frame[f"lcl_{s}"] = target - _z(level) * se
        frame[f"ucl_{s}"] = target + _z(level) * se
    return frame


def funnel_flags_mean(means: Sequence[float], sizes: Sequence[float], target: float, sd: float,
                      labels: Sequence | None = None,
                      levels: Sequence[float] = DEFAULT_LEVELS) -> pd.DataFrame:
    """Each unit's mean against the means funnel (same columns as ``funnel_flags`` without k)."""
    m = np.asarray(means, dtype=float)
    frame = funnel_limits_mean(target, sd, sizes, levels)
    if m.shape != (len(frame),):
        raise ValueError("means and sizes must have the same length")
    frame.insert(0, "label", labels if labels is not None else list(range(1, m.size + 1)))
    frame.insert(2, "value", m)
    return _flag(frame, levels)
