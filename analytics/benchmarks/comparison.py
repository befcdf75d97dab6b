"""Our KPI values against their targets and the published industry figures, in numbers and in words,
and teams against the center with 95% intervals. Pure shaping: the values come from analytics.core.metrics,
the figures from analytics.benchmarks.library, the intervals from analytics.core.comparison."""
from __future__ import annotations

import math

import pandas as pd

from analytics.benchmarks import library as benchmarks
from analytics.core import comparison, labels, units
from analytics.core import registry
from analytics.core.filters import Filters
from analytics.core import status as st_lang
from analytics.core.targets import Target
from analytics.core.numbers import as_float
from analytics.i18n import N_, _, ngettext

# a group of the team comparison: its word and plural, in the catalog
GROUP_WORDS = {"supervisor": (N_("Team"), N_("teams")), "site": (N_("Site"), N_("sites")),
               "queue": (N_("Queue"), N_("queues"))}
# a team's verdict against the center: keys in the data (colours), words where shown
VERDICTS = {"above center": N_("above center"), "below center": N_("below center"),
            "within noise": N_("within noise"), "no interval": N_("no interval")}


def kpis_with_benchmarks() -> list[str]:
    """Registry KPIs that have at least one published figure, in registry order."""
    have = set(benchmarks.list_benchmarks()["kpi_id"])
    return [kid for kid in registry.KPIS if kid in have]




def _amount(d: float, k: registry.Kpi) -> str:
    return k.format_delta(abs(d)).lstrip("\u200e+")   # a size, unsigned (Persian signs carry a LRM)


def _judgement(d: float, k: registry.Kpi) -> str:
    """'better' / 'worse' for a signed difference ours − reference, by the KPI's direction ("" for none)."""
    if k.direction == registry.NEUTRAL or d == 0:
        return ""
    good = (d > 0) == (k.direction == registry.HIGHER_IS_BETTER)
    return "better" if good else "worse"


def versus_target(k: registry.Kpi, value, target: Target | None, ci=None) -> str:
    value = as_float(value)
    if target is None:
        return _("No target is set.")
    if value is None:
        return _("No value in this period to compare with the target {target}.").format(target=k.format(target.value))
    d = value - target.value
    fill = dict(value=k.format(value), amount=_amount(d, k), target=k.format(target.value))
    if d == 0:
        text = _("{value} is exactly on the target {target}.").format(**fill)
    else:
        status = st_lang.of(k.id, value, target) or ""
        text = {  # one whole sentence per case, so each language orders its own words
            (True, "met"): _("{value} is {amount} above the target {target} — on target."),
            (True, "near"): _("{value} is {amount} above the target {target} — near target."),
            (True, "missed"): _("{value} is {amount} above the target {target} — off target."),
            (True, ""): _("{value} is {amount} above the target {target}."),
            (False, "met"): _("{value} is {amount} below the target {target} — on target."),
            (False, "near"): _("{value} is {amount} below the target {target} — near target."),
            (False, "missed"): _("{value} is {amount} below the target {target} — off target."),
            (False, ""): _("{value} is {amount} below the target {target}."),
        }.get((d > 0, status), _("{value} is {amount} above the target {target}.") if d > 0
              else _("{value} is {amount} below the target {target}.")).format(**fill)
    if ci is not None and ci[0] <= target.value <= ci[1] and d != 0:
        text += " " + _("The target lies inside our 95% interval ({low} – {high}): with this many calls the gap "
                        "could be chance.").format(low=k.format(ci[0]), high=k.format(ci[1]))
    return text


def versus_industry(k: registry.Kpi, value, low, high, n_sources: int) -> str:
    value, low, high = as_float(value), as_float(low), as_float(high)
    if low is None or high is None:
        return _("No published industry figure.")
    n = units.number(n_sources, 0)
    span = dict(low=k.format(low), high=k.format(high), n=n)
    if value is None:
        return ngettext("No value in this period; {n} published figure spans {low} – {high}.",
                        "No value in this period; {n} published figures span {low} – {high}.", n_sources).format(**span)
    if low == high:
        d = value - low
        if d == 0:
            return _("Equal to the published figure {figure}.").format(figure=k.format(low))
        fill = dict(amount=_amount(d, k), figure=k.format(low))
        return {
            (True, "better"): _("{amount} above the published figure {figure} (better)."),
            (True, "worse"): _("{amount} above the published figure {figure} (worse)."),
            (True, ""): _("{amount} above the published figure {figure}."),
            (False, "better"): _("{amount} below the published figure {figure} (better)."),
            (False, "worse"): _("{amount} below the published figure {figure} (worse)."),
            (False, ""): _("{amount} below the published figure {figure}."),
        }[(d > 0, _judgement(d, k))].format(**fill)
    if low <= value <= high:
        return ngettext("Inside the range of {n} published figure ({low} – {high}).",
                        "Inside the range of {n} published figures ({low} – {high}).", n_sources).format(**span)
    d = value - (high if value > high else low)
    judged = _judgement(d, k)
    fill = dict(span, amount=_amount(d, k))
    # above the top or below the bottom of the range; better or worse than all of the figures
    if value > high:
        text = {"better": ngettext("{amount} above the top of the range of {n} published figure ({low} – {high}): "
                                   "better than all of them.",
                                   "{amount} above the top of the range of {n} published figures ({low} – {high}): "
                                   "better than all of them.", n_sources),
                "worse": ngettext("{amount} above the top of the range of {n} published figure ({low} – {high}): "
                                  "worse than all of them.",
                                  "{amount} above the top of the range of {n} published figures ({low} – {high}): "
                                  "worse than all of them.", n_sources),
                "": ngettext("{amount} above the top of the range of {n} published figure ({low} – {high}).",
                             "{amount} above the top of the range of {n} published figures ({low} – {high}).",
                             n_sources)}[judged]
    else:
        text = {"better": ngettext("{amount} below the bottom of the range of {n} published figure ({low} – {high}): "
                                   "better than all of them.",
                                   "{amount} below the bottom of the range of {n} published figures ({low} – {high}): "
                                   "better than all of them.", n_sources),
                "worse": ngettext("{amount} below the bottom of the range of {n} published figure ({low} – {high}): "
                                  "worse than all of them.",
                                  "{amount} below the bottom of the range of {n} published figures ({low} – {high}): "
                                  "worse than all of them.", n_sources),
                "": ngettext("{amount} below the bottom of the range of {n} published figure ({low} – {high}).",
                             "{amount} below the bottom of the range of {n} published figures ({low} – {high}).",
                             n_sources)}[judged]
    return text.format(**fill)


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
            # an unstable rate (a short period's annualized attrition) is compared with nothing
            "vs_industry_text": (_("Not compared: over so short a period the rate is unstable.") if unstable and low is not None
                                 else versus_industry(k, value, low, high, len(figures))),
            "sources": len(figures),
        })
    return pd.DataFrame(rows)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def teams_only(f: Filters, by: str, by_team: pd.DataFrame) -> Filters:
    """The filter limited to the `by` groups that have rows in `by_team` (metrics.compute by `by`), so
    the center the teams are set against is the teams shown: calls no agent answered have no supervisor
    or site, and a center that counted them would sit below every team."""
    dim = {"supervisor": "supervisors", "site": "sites"}.get(by)
    if dim is None or getattr(f, dim) or by not in by_team:
        return f
    groups = tuple(sorted(str(g) for g in by_team[by].dropna().unique()))
    return f.narrowed(**{dim: groups}) if groups else f


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
    shown = lib[cols].reset_index(drop=True)
    # our own words about each figure (what was measured, how it differs) are in the catalog
    # (analytics.i18n.vocab); the publisher, the publication's title and its address are shown as published
    for col in benchmarks.TRANSLATED:
        shown[col] = [_(v) if isinstance(v, str) and v else v for v in shown[col]]
    return pd.concat([out, shown], axis=1)
