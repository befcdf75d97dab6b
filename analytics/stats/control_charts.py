"""Shewhart control charts: the p-chart for rates (limits widen for small subgroups) and the XmR
chart for individual values. Each returns a DataFrame the charts can plot directly: one row per
subgroup with ``value``, ``center``, ``lcl``, ``ucl`` and ``out_of_control``.

A point outside 3-sigma limits is flagged. The Western Electric run rules (optional) also flag
non-random patterns inside the limits; they raise the false-alarm rate, so pages should offer them
as an explicit option.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

# Wheeler's XmR constants: 3/d2 with d2 = 1.128 for moving ranges of two; D4 for n = 2.
XMR_NATURAL_LIMIT = 2.66
XMR_MR_UCL = 3.267


def _labels(labels: Sequence | None, size: int) -> list:
    if labels is None:
        return list(range(1, size + 1))
    labels = list(labels)
    if len(labels) != size:
        raise ValueError(f"got {len(labels)} labels for {size} points")
    return labels


def western_electric(z: Sequence[float]) -> pd.DataFrame:
    """Western Electric rules on standardized values z = (x − center)/sigma, in order.

    rule1: a point beyond 3σ; rule2: 2 of 3 successive points beyond 2σ on the same side;
    rule3: 4 of 5 successive points beyond 1σ on the same side; rule4: 8 successive points on the
    same side of the center. A rule flags every point of the run that breaks it. NaN never counts.
    """
    z = np.asarray(z, dtype=float)
    n = z.size
    out = {f"rule{i}": np.zeros(n, dtype=bool) for i in range(1, 5)}
    out["rule1"] = np.abs(z) > 3.0
    windows = (("rule2", 3, 2, 2.0), ("rule3", 5, 4, 1.0), ("rule4", 8, 8, 0.0))
    for name, width, needed, bound in windows:
        for sign in (1.0, -1.0):
            hit = (sign * z) > bound
            for end in range(width - 1, n):
                win = slice(end - width + 1, end + 1)
                if hit[win].sum() >= needed:
                    # Flag the points in the window that lie on the offending side.
                    out[name][win] |= hit[win]
    return pd.DataFrame(out)


def _three_sigma(value, pbar, sigma, n):
    """z-scores, 3σ limits clipped to [0, 1] and the points beyond them (p-charts, plain or seasonal)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sigma > 0, (value - pbar) / sigma, np.where(n > 0, 0.0, np.nan))
    lcl = np.clip(pbar - 3.0 * sigma, 0.0, 1.0)
    ucl = np.clip(pbar + 3.0 * sigma, 0.0, 1.0)
    return z, lcl, ucl, (value > ucl) | (value < lcl)


def p_chart(counts: Sequence[float], sizes: Sequence[float], labels: Sequence | None = None,
            run_rules: bool = False, percent: bool = False) -> pd.DataFrame:
    """p-chart for k_i of n_i per subgroup.

    center p̄ = Σk/Σn; limits p̄ ± 3·√(p̄(1−p̄)/n_i), clipped to [0, 1], so each subgroup gets its own.
    Subgroups with n_i = 0 have a NaN value and limits and are never flagged. ``percent`` scales
    value, center and limits to 0–100.
    Columns: label, k, n, value, center, sigma, lcl, ucl, z, beyond_limits, [rule1..rule4],
    out_of_control.
    """
    k = np.asarray(counts, dtype=float)
    n = np.asarray(sizes, dtype=float)
    if k.shape != n.shape:
        raise ValueError("counts and sizes must have the same length")
    if np.any(n < 0) or np.any(k < 0) or np.any(k > n):
        raise ValueError("each subgroup needs 0 <= k <= n")
    total_n = n.sum()
    pbar = k.sum() / total_n if total_n > 0 else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(n > 0, k / n, np.nan)
        sigma = np.where(n > 0, np.sqrt(pbar * (1.0 - pbar) / n), np.nan)
    z, lcl, ucl, beyond = _three_sigma(value, pbar, sigma, n)
    scale = 100.0 if percent else 1.0
    frame = pd.DataFrame({
        "label": _labels(labels, k.size), "k": k, "n": n,
        "value": value * scale, "center": np.full(k.size, pbar * scale), "sigma": sigma * scale,
        "lcl": lcl * scale, "ucl": ucl * scale, "z": z, "beyond_limits": beyond,
    })
    return _finish(frame, z, run_rules)


def xmr_chart(values: Sequence[float], labels: Sequence | None = None,
              run_rules: bool = False) -> pd.DataFrame:
    """XmR (individuals and moving range) chart.

    center X̄ = mean of the values; limits X̄ ± 2.66·MR̄ where MR̄ is the mean moving range
    |x_i − x_{i−1}|; moving-range upper limit 3.267·MR̄. NaN values are gaps: they have no moving
    range and are not flagged. Fewer than two values leave the limits NaN.
    Columns: label, value, moving_range, center, lcl, ucl, mr_center, mr_ucl, z, beyond_limits,
    mr_out_of_control, [rule1..rule4], out_of_control.
    """
    x = np.asarray(values, dtype=float)
    mr = np.full(x.size, np.nan)
    if x.size > 1:
        mr[1:] = np.abs(np.diff(x))
    finite = ~np.isnan(x)
    center = x[finite].mean() if finite.any() else np.nan
    mr_bar = np.nanmean(mr) if np.any(~np.isnan(mr)) else np.nan
    lcl = center - XMR_NATURAL_LIMIT * mr_bar
    ucl = center + XMR_NATURAL_LIMIT * mr_bar
    sigma = XMR_NATURAL_LIMIT * mr_bar / 3.0
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(sigma > 0, (x - center) / sigma, np.where(finite, 0.0, np.nan))
    beyond = (x > ucl) | (x < lcl)
    frame = pd.DataFrame({
        "label": _labels(labels, x.size), "value": x, "moving_range": mr,
        "center": np.full(x.size, center), "lcl": np.full(x.size, lcl), "ucl": np.full(x.size, ucl),
        "mr_center": np.full(x.size, mr_bar), "mr_ucl": np.full(x.size, XMR_MR_UCL * mr_bar),
        "z": z, "beyond_limits": beyond,
    })
    frame["mr_out_of_control"] = frame["moving_range"] > frame["mr_ucl"]
    return _finish(frame, z, run_rules)


def _finish(frame: pd.DataFrame, z: np.ndarray, run_rules: bool) -> pd.DataFrame:
    if run_rules:
        rules = western_electric(z)
        for col in rules.columns:
            frame[col] = rules[col].to_numpy()
        frame["out_of_control"] = frame["beyond_limits"] | rules.any(axis=1).to_numpy()
    else:
        frame["out_of_control"] = frame["beyond_limits"]
    return frame


def seasonal_p_chart(counts: Sequence[float], sizes: Sequence[float], seasons: Sequence,
                     labels: Sequence | None = None, percent: bool = False) -> pd.DataFrame:
    """p-chart whose centre follows the weekly (or daily) pattern: each subgroup is compared with the
    pooled rate of its own season (same weekday, or same hour of day), p̄_s = Σk/Σn over that season,
    limits p̄_s ± 3·σ_z·√(p̄_s(1−p̄_s)/n_i). σ_z (Laney's p′) is the spread of the standardized
    residuals measured by their average moving range ÷ 1.128, floored at 1: with thousands of calls per
    period, the binomial limits alone would call every ordinary day-to-day wobble a signal.
    Columns as p_chart's, plus season and sigma_z."""
    k = np.asarray(counts, dtype=float)
    n = np.asarray(sizes, dtype=float)
    s = pd.Series(list(seasons))
    if np.any(n < 0) or np.any(k < 0) or np.any(k > n):
        raise ValueError("each subgroup needs 0 <= k <= n")
    tot = pd.DataFrame({"s": s, "k": k, "n": n}).groupby("s")[["k", "n"]].transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        pbar = np.where(tot["n"] > 0, tot["k"] / tot["n"], np.nan)
        value = np.where(n > 0, k / n, np.nan)
        base = np.where(n > 0, np.sqrt(pbar * (1.0 - pbar) / n), np.nan)
        z0 = np.where(base > 0, (value - pbar) / base, np.nan)
    zf = z0[np.isfinite(z0)]
    sigma_z = max(1.0, float(np.mean(np.abs(np.diff(zf)))) / 1.128) if zf.size > 2 else 1.0
    sigma = base * sigma_z
    z, lcl, ucl, beyond = _three_sigma(value, pbar, sigma, n)
    scale = 100.0 if percent else 1.0
    frame = pd.DataFrame({
        "label": _labels(labels, k.size), "season": s.to_numpy(), "k": k, "n": n, "value": value * scale,
        "center": pbar * scale, "sigma": sigma * scale, "lcl": lcl * scale, "ucl": ucl * scale, "z": z,
        "beyond_limits": beyond, "sigma_z": sigma_z,
    })
    return _finish(frame, z, False)


def seasonal_xmr_chart(values: Sequence[float], seasons: Sequence, labels: Sequence | None = None) -> pd.DataFrame:
    """XmR chart of de-seasonalized values: each value minus its season's mean (same weekday, or hour
    of day) is charted with XmR limits, shown around the season's mean. Columns as xmr_chart's
    (value, center, lcl, ucl, out_of_control), plus season."""
    x = np.asarray(values, dtype=float)
    s = pd.Series(list(seasons))
    season_mean = pd.Series(x).groupby(s).transform("mean").to_numpy()
    resid = x - season_mean
    base = xmr_chart(resid, labels=labels)
    frame = base.copy()
    frame["season"] = s.to_numpy()
    frame["value"] = x
    frame["center"] = season_mean
    frame["lcl"] = season_mean + base["lcl"].to_numpy()
    frame["ucl"] = season_mean + base["ucl"].to_numpy()
    return frame
