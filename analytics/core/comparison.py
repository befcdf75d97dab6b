"""Period-over-period comparison with honest uncertainty: each KPI value gets a confidence interval
(Wilson for rates, t for means) and each delta a significance test (two-proportion z-test for rates,
Welch's t-test for means, from the rollups' sums and sums of squares). KPIs that are neither (counts,
maxima, medians) get a delta but no test: their `_delta_significant` is null.

The tests allow for day-to-day over-dispersion (the KPI contract, second edition): the variance is
multiplied by φ from the daily figures of both periods (analytics/stats/overdispersion.py), read from
the `<id>__days` and `<id>__q` columns metrics.compute(with_stats=True) adds. With fewer than 7 days in
either period φ = 1 and `phi_note` says so."""
from __future__ import annotations

import math

import pandas as pd

from analytics.core import registry
from analytics.core import metrics, periods
from analytics import stats
from analytics.core.filters import Filters


def _num(row, col):
    v = row.get(col) if row is not None else None
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return float(v)


def interval(row: dict, k: registry.Kpi, phi_value: float = 1.0) -> tuple[float, float] | None:
    """95% confidence interval of a KPI value from its stats columns (None where not applicable). With
    the over-dispersion φ of the significance test, the variance is scaled by φ as the test scales it
    (a rate's Wilson interval over num/φ of den/φ, a mean's half-width × √φ), so an interval never
    looks certain where the test beside it finds only day-to-day noise."""
    num, den = _num(row, f"{k.id}__num"), _num(row, f"{k.id}__den")
    if num is None or den is None or den <= 0:
        return None
    if k.kind == "rate":
        return stats.wilson_interval_pct(num / phi_value, den / phi_value)
    sumsq = _num(row, f"{k.id}__sumsq")
    if k.kind == "mean" and sumsq is not None:
        ci = stats.mean_ci_from_sums(num, sumsq, int(den))
        if ci is None:
            return None
        mid, half = (ci.low + ci.high) / 2, (ci.high - ci.low) / 2 * math.sqrt(phi_value)
        return ((mid - half) * k.scale, (mid + half) * k.scale)
    return None


def phi(cur: dict, prev: dict, k: registry.Kpi) -> stats.Phi | None:
    """Over-dispersion φ of a rate or mean KPI across the two periods (None where there is no test)."""
    parts = []
    for row in (cur, prev):
        num, den = _num(row, f"{k.id}__num"), _num(row, f"{k.id}__den")
        q, days = _num(row, f"{k.id}__q"), _num(row, f"{k.id}__days")
        if num is None or den is None or den <= 0:
            return None
        if k.kind == "rate":
            chi2 = stats.chi2_rate_from_sums(num, den, q)
        elif k.kind == "mean" and _num(row, f"{k.id}__sumsq") is not None:
            chi2 = stats.chi2_mean_from_sums(num, den, _num(row, f"{k.id}__sumsq"), q)
        else:
            return None
        parts.append((chi2, None if days is None else int(days)))
    return stats.phi_from_chi2(parts)


def p_value(cur: dict, prev: dict, k: registry.Kpi, phi_value: float = 1.0) -> float | None:
    n1, d1 = _num(cur, f"{k.id}__num"), _num(cur, f"{k.id}__den")
    n2, d2 = _num(prev, f"{k.id}__num"), _num(prev, f"{k.id}__den")
    if None in (n1, d1, n2, d2) or d1 <= 0 or d2 <= 0:
        return None
    if k.kind == "rate":
        return stats.two_proportion_ztest(n1, d1, n2, d2, phi=phi_value)
    s1, s2 = _num(cur, f"{k.id}__sumsq"), _num(prev, f"{k.id}__sumsq")
    if k.kind == "mean" and s1 is not None and s2 is not None:
        res = stats.welch_from_sums(n1, s1, int(d1), n2, s2, int(d2), phi=phi_value)
        return None if res is None else res.p_value
    return None


def _flag(v) -> bool:
    return v is not None and v == v and bool(v)   # None and NaN (a row without it) are not set


def delta_row(cur: dict, prev: dict, k: registry.Kpi, alpha: float = 0.05) -> dict:
    """The change of `k` from `prev` to `cur` and its test. An annualized rate the metrics flag
    `<id>__unstable` (from under 90 days: one leaver reads as hundreds of percent) keeps its previous
    value and gets no change — for the tiles, `kpis --compare` and the review alike."""
    value, before = _num(cur, k.id), _num(prev, k.id)
    if _flag(cur.get(f"{k.id}__unstable")):
        return {"value": value, "prev": before, "delta": None, "p_value": None, "significant": None,
                "ci": interval(cur, k), "phi": None, "phi_note": None}
    ph = phi(cur, prev, k)
    scale = 1.0 if ph is None else ph.value
    p = p_value(cur, prev, k, scale)
    return {
        "value": value,
        "prev": before,
        "delta": None if value is None or before is None else value - before,
        "p_value": p,
        "significant": None if p is None else bool(p < alpha),
        "ci": interval(cur, k, scale if p is not None else 1.0),
        "phi": None if ph is None or p is None else ph.value,
        "phi_note": None if ph is None or p is None else ph.note,
    }


def compare_frame(con, f: Filters, ids: list[str], by: str = "none",
                  notes: list[str] | None = None, withhold: bool = False) -> pd.DataFrame:
    """KPIs for `f` plus `<id>_prev`, `<id>_delta`, `<id>_delta_significant`, `<id>_phi` and
    `<id>_phi_note` (over-dispersion φ of the test, and why it is 1 where it was set so) against
    f.comparison(). Annualized rates keep their `__leavers`/`__unstable` columns.

    Dimension groupings are matched by key; period groupings by position (the first day of this
    week against the first day of the comparison week). `withhold`: the comparison period is not
    wholly within the data (Catalog.days_covered), so the columns are there and empty — a change
    against days without data is no change."""
    cmp = f.comparison()
    if cmp is None:
        raise ValueError("the filter has no comparison period (compare = none)")
    cur = metrics.compute(con, f, ids, by=by, with_stats=True, notes=notes)
    prev = metrics.compute(con, cmp, ids, by=by, with_stats=True)
    key = None if by == "none" else by
    if key is None:
        pairs = [(cur.iloc[0].to_dict() if len(cur) else {}, prev.iloc[0].to_dict() if len(prev) else {})]
    elif by in periods.GRAINS:
        prev_rows = prev.to_dict("records")
        pairs = [(row, prev_rows[i] if i < len(prev_rows) else {}) for i, row in enumerate(cur.to_dict("records"))]
    else:
        prev_by_key = {r[key]: r for r in prev.to_dict("records")}
        pairs = [(row, prev_by_key.get(row[key], {})) for row in cur.to_dict("records")]
    out = []
    for c, p in pairs:
        rec = {c_: v for c_, v in c.items() if "__" not in c_ or c_.endswith(("__leavers", "__unstable"))}
        for kid in ids:
            d = delta_row(c, {} if withhold else p, registry.get(kid))
            rec[f"{kid}_prev"] = d["prev"]
            rec[f"{kid}_delta"] = d["delta"]
            rec[f"{kid}_delta_significant"] = d["significant"]
            rec[f"{kid}_phi"] = d["phi"]
            rec[f"{kid}_phi_note"] = d["phi_note"]
        out.append(rec)
    cols = ([] if key is None else [c for c in cur.columns if c in (key, f"{key}_name")])
    for kid in ids:
        cols += [kid, f"{kid}_prev", f"{kid}_delta", f"{kid}_delta_significant", f"{kid}_phi", f"{kid}_phi_note"]
        if registry.get(kid).annualized:
            cols += [f"{kid}__leavers", f"{kid}__unstable"]
    return pd.DataFrame(out, columns=cols)
