"""Our KPI values against their targets and the published industry figures, in numbers and in words,
and teams against the center with 95% intervals. Pure shaping: the values come from analytics.core.metrics,
the figures from analytics.benchmarks.library, the intervals from analytics.core.comparison."""
from __future__ import annotations

import math

import pandas as pd

from analytics.benchmarks import library as benchmarks
from analytics.core import comparison, labels
from analytics.core import registry
from analytics.core.filters import Catalog, Filters
from analytics.core import status as st_lang
from analytics.core.targets import Target
from analytics.core.numbers import as_float


def kpis_with_benchmarks() -> list[str]:
    """Registry KPIs that have at least one published figure, in registry order."""
    have = set(benchmarks.list_benchmarks()["kpi_id"])
    return [kid for kid in registry.KPIS if kid in have]




def _amount(d: float, k: registry.Kpi) -> str:
    return k.format_delta(abs(d)).lstrip("+")


def _judgement(d: float, k: registry.Kpi) -> str:
    """'better' / 'worse' for a signed difference ours − reference, by the KPI's direction."""
    if k.direction == registry.NEUTRAL or d == 0:
        return ""
    good = (d > 0) == (k.direction == registry.HIGHER_IS_BETTER)
    return "better" if good else "worse"


def versus_target(k: registry.Kpi, value, target: Target | None, ci=None) -> str:
    value = as_float(value)
    if target is None:
        return "No target is set."
    if value is None:
        return f"No value in this period to compare with the target {k.format(target.value)}."
    d = value - target.value
    if d == 0:
        text = f"{k.format(value)} is exactly on the target {k.format(target.value)}."
    else:
        side = "above" if d > 0 else "below"
        verdict = {"met": " — on target", "near": " — near target", "missed": " — off target"}.get(
            st_lang.of(k.id, value, target) or "", "")
        text = f"{k.format(value)} is {_amount(d, k)} {side} the target {k.format(target.value)}{verdict}."
    if ci is not None and ci[0] <= target.value <= ci[1] and d != 0:
        text += (f" The target lies inside our 95% interval ({k.format(ci[0])} – {k.format(ci[1])}): "
                 "with this many calls the gap could be chance.")
    return text


def versus_industry(k: registry.Kpi, value, low, high, n_sources: int) -> str:
    value, low, high = as_float(value), as_float(low), as_float(high)
    if low is None or high is None:
        return "No published industry figure."
    sources = f"{n_sources} published figure{'s' if n_sources != 1 else ''}"
    if value is None:
        return f"No value in this period; {sources} span {k.format(low)} – {k.format(high)}."
    if low == high:
        d = value - low
        if d == 0:
            return f"Equal to the published figure {k.format(low)}."
        judged = _judgement(d, k)
        return (f"{_amount(d, k)} {'above' if d > 0 else 'below'} the published figure {k.format(low)}"
                + (f" ({judged})." if judged else "."))
    if low <= value <= high:
        return f"Inside the range of {sources} ({k.format(low)} – {k.format(high)})."
    d = value - (high if value > high else low)
    judged = _judgement(d, k)
    edge = "top" if value > high else "bottom"
    return (f"{_amount(d, k)} {'above' if d > 0 else 'below'} the {edge} of the range of {sources} "
            f"({k.format(low)} – {k.format(high)})" + (f": {judged} than all of them." if judged else "."))


def summary(ids: list[str], current: dict, previous: dict, tgts: dict[str, Target],
            days: int | None = None) -> pd.DataFrame:
    """One row per KPI: our value with its 95% interval, comparison value, target, industry range,
    the differences and both verdicts in words. `current` holds the stats columns (with_stats=True)."""
    rows = []
    for kid in ids:
        k = registry.get(kid)
        value = as_float(current.get(kid))
        low, high, figures = benchmarks.band(kid)
        t = tgts.get(kid)
        ci = comparison.interval(current, k)
        unstable = days is not None and st_lang.unstable(k, days)
        rows.append({
            "kpi_id": kid,
            "kpi": k.label,
            "value": value,
            "ci_low": ci[0] if ci else None,
            "ci_high": ci[1] if ci else None,
            "previous": as_float(previous.get(kid)),
            "target": t.value if t else None,
            "target_status": None if unstable else st_lang.of(kid, value, t),
            "industry_low": low,
            "industry_high": high,
            "vs_target": None if value is None or t is None else value - t.value,
            "vs_target_text": (st_lang.unstable_text(k, days, current.get(f"{kid}__leavers"),
                                                     current.get(f"{kid}__agents"))
                               if unstable else versus_target(k, value, t, ci)),
            "vs_industry_text": versus_industry(k, value, low, high, len(figures)),
            "sources": len(figures),
        })
    return pd.DataFrame(rows)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def teams_only(f: Filters, by: str, catalog: Catalog) -> Filters:
    """The filter limited to rows that belong to some `by` group: calls no agent answered have no
    supervisor or site, and a center that counted them would sit below every team."""
    dim = {"supervisor": "supervisors", "site": "sites"}.get(by)
    if dim is None or getattr(f, dim):
        return f
    return f.narrowed(**{dim: catalog.values(dim)})


def unassigned_n(df: pd.DataFrame, k: registry.Kpi, by: str) -> float:
    """Denominator (calls, evaluations) of the rows without a `by` value, left out of the comparison."""
    col = f"{k.id}__den"
    if col not in df or by not in df:
        return 0.0
    return float(df.loc[df[by].isna(), col].fillna(0).sum())


def team_intervals(df: pd.DataFrame, k: registry.Kpi, by: str, center: float | None) -> pd.DataFrame:
    """Teams (rows of metrics.compute by `by`, with_stats=True) with 95% intervals and whether each
    interval lies wholly above or below the center value. Rows without a team are left out."""
    out = []
    for row in df.to_dict("records"):
        value = as_float(row.get(k.id))
        if value is None or _missing(row.get(by)):
            continue
        name = row.get(f"{by}_name")
        label = labels.person(None if _missing(name) else str(name), row[by])
        ci = comparison.interval(row, k)
        n = as_float(row.get(f"{k.id}__den"))
        if ci is None or center is None:
            verdict = "no interval"
        elif ci[0] > center:
            verdict = "above center"
        elif ci[1] < center:
            verdict = "below center"
        else:
            verdict = "within noise"
        out.append({"team": label, by: row[by], "value": value, "ci_low": ci[0] if ci else None,
                    "ci_high": ci[1] if ci else None, "n": n, "center": center, "verdict": verdict})
    return pd.DataFrame(out, columns=["team", by, "value", "ci_low", "ci_high", "n", "center", "verdict"])


def benchmark_table() -> pd.DataFrame:
    """The full library for display: KPI label, the figure, its source and note."""
    lib = benchmarks.list_benchmarks()

    def figure(r) -> str:
        k = registry.get(r.kpi_id)
        if not pd.isna(r.value):
            return k.format(r.value)
        if not pd.isna(r.low) and not pd.isna(r.high):
            return f"{k.format(r.low)} – {k.format(r.high)}"
        return f"≥ {k.format(r.low)}" if not pd.isna(r.low) else f"≤ {k.format(r.high)}"

    out = pd.DataFrame({
        "kpi": [registry.get(i).label for i in lib["kpi_id"]],
        "figure": [figure(r) for r in lib.itertuples()],
    })
    cols = ["kpi_id", "value", "low", "high", "percentile", "industry", "segment", "channel", "region",
            "publisher", "title", "year", "url", "note"]
    return pd.concat([out, lib[cols].reset_index(drop=True)], axis=1)
