"""Data shaping for the Trends page: the KPI picker's order, a KPI's series aligned with the comparison
period, its confidence band, per-member breakdown lines, control-chart frames and the period-over-period
summary. Pure functions over frames from metrics.compute (with_stats=True where stats are needed)."""
from __future__ import annotations

from analytics.stats import control_charts as stats_cc

from datetime import date, timedelta

import pandas as pd

from analytics import stats
from analytics.core import comparison, periods, sources
from analytics.core import registry
from analytics.core.numbers import as_float
from analytics.core import units
from analytics.i18n import N_, _, dot

THIS, COMPARISON = N_("This period"), N_("Comparison")   # series keys; charts show them translated
BREAKDOWNS = ("none", "queue", "site", "supervisor")
BREAKDOWN_LABELS = {"none": N_("None"), "queue": N_("Queue"), "site": N_("Site"), "supervisor": N_("Supervisor (team)")}
BREAKDOWN_FILTER_ATTR = {"queue": "queues", "site": "sites", "supervisor": "supervisors"}
TOP_MEMBERS = 8


def breakdowns_for(scope) -> list[str]:
    """The breakdowns a user's scope allows (a center-level role sees no team lines)."""
    return [b for b in BREAKDOWNS if b == "none" or scope.allows_group(b)]
MIN_CONTROL_POINTS = 5   # fewer periods than this give limits too unstable to read


def _group_order() -> list[str]:
    return list(dict.fromkeys(k.group for k in registry.KPIS.values()))


def kpi_options() -> list[str]:
    """Every registry KPI, grouped (registry group order), registry order within a group."""
    groups = _group_order()
    return sorted(registry.KPIS, key=lambda i: (groups.index(registry.get(i).group), list(registry.KPIS).index(i)))


def kpi_option_label(kpi_id: str) -> str:
    k = registry.get(kpi_id)
    return f"{_(k.group)}{dot()}{k.label}" if k.group else k.label




def period_labels(start: date, end: date, grain: str, calendar: str = "gregorian") -> list[str]:
    """Every period label of the inclusive range at `grain`, in order (periods without data too)."""
    labels: list[str] = []
    d = start
    while d <= end:
        if grain in periods.SUBDAY:
            step = periods.INTERVAL_MINUTES[grain]
            labels += [f"{d.isoformat()} {m // 60:02d}:{m % 60:02d}" for m in range(0, 1440, step)]
        else:
            labels.append(periods.label(d, grain, calendar))
        d += timedelta(days=1)
    return list(dict.fromkeys(labels))


def aligned_series(cur: pd.DataFrame, prev: pd.DataFrame | None, kpi_id: str, grain: str,
                   cur_labels: list[str], prev_labels: list[str] | None = None) -> pd.DataFrame:
    """Long frame for the trend: position, period (this period's label), series, value, period_label.

    Positions count periods from each range's start (periods without data included), so the
    comparison's n-th period is drawn at this period's n-th period; `period_label` keeps the
    comparison's own label. Comparison periods beyond this period's length are left out."""
    pos_cur = {p: i for i, p in enumerate(cur_labels)}
    rows = [{"position": pos_cur[p], "period": p, "series": THIS, "value": as_float(v), "period_label": p}
            for p, v in zip(cur[grain], cur[kpi_id]) if p in pos_cur]
    if prev is not None and len(prev) and prev_labels:
        pos_prev = {p: i for i, p in enumerate(prev_labels)}
        for p, v in zip(prev[grain], prev[kpi_id]):
            i = pos_prev.get(p)
            if i is None or i >= len(cur_labels):
                continue
            rows.append({"position": i, "period": cur_labels[i], "series": COMPARISON, "value": as_float(v),
                         "period_label": p})
    out = pd.DataFrame(rows, columns=["position", "period", "series", "value", "period_label"])
    return out.sort_values(["series", "position"], ascending=[False, True], ignore_index=True)


def confidence_band(cur: pd.DataFrame, k: registry.Kpi, grain: str, cur_labels: list[str]) -> pd.DataFrame:
    """95% interval per period (Wilson for rates, t for means) from the with_stats columns; periods
    without an interval are left out. Empty for KPIs that have no interval."""
    rows = []
    pos = {p: i for i, p in enumerate(cur_labels)}
    if k.has_stats:
        for rec in cur.to_dict("records"):
            ci = comparison.interval(rec, k)
            if ci is not None and rec[grain] in pos:
                rows.append({"position": pos[rec[grain]], "period": rec[grain], "low": ci[0], "high": ci[1]})
    return pd.DataFrame(rows, columns=["position", "period", "low", "high"])


def breakdown_applies(k: registry.Kpi, by: str) -> str | None:
    """None when the KPI can be split by `by`; otherwise the reason it cannot (attribution included)."""
    if by == "none":
        return None
    rule = sources.ATTRIBUTION.get(k.belongs_to)
    if rule and by in rule[0]:
        return rule[1]
    return sources.NOT_APPLICABLE.get(k.source, {}).get(by)


def volume_kpi(by: str) -> str:
    """The count members of a breakdown are ranked by: calls offered for queues; calls answered for
    teams, sites and agents (offered calls include abandoned ones, which belong to no team)."""
    return "offered" if by == "queue" else "answered"


def top_members(volume: pd.DataFrame, by: str, n: int = TOP_MEMBERS) -> tuple[list[str], int]:
    """The `n` members with most calls (volume frame from compute(by=by) with volume_kpi(by)),
    and how many members there were in all. Members without an id are left out."""
    col = volume_kpi(by) if volume_kpi(by) in volume.columns else "offered"
    v = volume[volume[by].notna()].copy()
    v[col] = pd.to_numeric(v[col], errors="coerce").fillna(0)
    v = v[v[col] > 0].sort_values([col, by], ascending=[False, True])
    return [str(m) for m in v[by].head(n)], len(v)


def breakdown_series(frames: dict[str, pd.DataFrame], kpi_id: str, grain: str,
                     cur_labels: list[str]) -> pd.DataFrame:
    """Long frame of one line per member: frames maps member label → compute(by=grain) frame."""
    rows = []
    pos = {p: i for i, p in enumerate(cur_labels)}
    for label, df in frames.items():
        for p, v in zip(df[grain], df[kpi_id]):
            if p in pos:
                rows.append({"position": pos[p], "period": p, "series": label, "value": as_float(v), "period_label": p})
    return pd.DataFrame(rows, columns=["position", "period", "series", "value", "period_label"])


def breakdown_comparison(rows: dict[str, tuple[dict, dict | None]], k: registry.Kpi, by_label: str) -> pd.DataFrame:
    """Each member's value with its 95% interval, its comparison-period value and the change (with
    "n.s." when not significant): what the single-line chart shows as the band and the dashed line,
    kept per member in a table because one band and one dashed line per member would not be readable
    on one chart. `rows` maps member label → (this period's row, the comparison's row or None), rows
    of compute(by="none", with_stats=True)."""
    from analytics.core import status

    out = []
    for label, (cur_row, prev_row) in rows.items():
        d = comparison.delta_row(cur_row, prev_row or {}, k)
        ci = d["ci"]
        out.append({
            by_label: label,
            _("This period"): k.format(d["value"]),
            _("95% interval"): f"{k.format(ci[0])} – {k.format(ci[1])}" if ci else "—",
            _("Comparison"): k.format(d["prev"]) if prev_row is not None else "—",
            _("Change"): status.change_text(k, d["delta"], d["significant"]) if prev_row is not None else "—",
            _("Significant"): ("—" if d["significant"] is None or prev_row is None
                               else _("yes") if d["significant"] else _("no (n.s.)")),
        })
    return pd.DataFrame(out, columns=[by_label, _("This period"), _("95% interval"), _("Comparison"), _("Change"),
                                      _("Significant")])


def seasons(labels, grain: str) -> list | None:
    """The pattern a period belongs to: its weekday for days, its time of day for hours and intervals.
    None for other grains, or when some season has fewer than two periods with data to compare."""
    if grain == "day":
        keys = [pd.Timestamp(v).day_name()[:3] for v in labels]
    elif grain in ("hour", "interval30", "interval15"):
        keys = [str(v)[-5:] for v in labels]
    else:
        return None
    counts = pd.Series(keys).value_counts()
    return keys if len(counts) and counts.min() >= 2 else None


def control_frame(cur: pd.DataFrame, k: registry.Kpi, grain: str) -> tuple[str, pd.DataFrame]:
    """('p', p-chart frame) for rate KPIs from each period's numerator/denominator counts, else
    ('xmr', XmR frame) from the values; ('p_seasonal' / 'xmr_seasonal') when the grain has a weekly or
    daily pattern and every weekday (hour) occurs at least twice: then each period is compared with the
    same weekday (hour), so weekends and nights are not "signals". Columns include label, value,
    center, lcl, ucl, out_of_control."""
    labels = list(cur[grain])
    present = cur[cur[k.id].notna()] if k.id in cur else cur
    season = seasons(list(present[grain]), grain) if len(present) else None
    if season is not None:
        keys = seasons(labels, grain) or [None] * len(labels)
        if k.kind == "rate" and f"{k.id}__num" in cur and f"{k.id}__den" in cur:
            num = pd.to_numeric(cur[f"{k.id}__num"], errors="coerce").fillna(0).clip(lower=0)
            den = pd.to_numeric(cur[f"{k.id}__den"], errors="coerce").fillna(0).clip(lower=0)
            try:
                return "p_seasonal", stats_cc.seasonal_p_chart(num.to_numpy(), den.to_numpy(), keys, labels=labels,
                                                               percent=True)
            except ValueError:
                pass
        values = pd.to_numeric(cur[k.id], errors="coerce").to_numpy(dtype=float)
        return "xmr_seasonal", stats_cc.seasonal_xmr_chart(values, keys, labels=labels)
    if k.kind == "rate" and f"{k.id}__num" in cur and f"{k.id}__den" in cur:
        num = pd.to_numeric(cur[f"{k.id}__num"], errors="coerce").fillna(0).clip(lower=0)
        den = pd.to_numeric(cur[f"{k.id}__den"], errors="coerce").fillna(0).clip(lower=0)
        try:
            return "p", stats.p_chart(num.to_numpy(), den.to_numpy(), labels=labels, percent=True)
        except ValueError:  # counts that are not k ≤ n (should not happen): fall back to the values
            pass
    values = pd.to_numeric(cur[k.id], errors="coerce").to_numpy(dtype=float)
    return "xmr", stats.xmr_chart(values, labels=labels)


def delta_summary(cur_row: dict, prev_row: dict, k: registry.Kpi) -> dict:
    """comparison.delta_row plus the test's name and a one-line reading of it."""
    d = comparison.delta_row(cur_row, prev_row, k)
    test = {"rate": _("two-proportion z-test"), "mean": _("Welch's t-test")}.get(k.kind)
    if test and d["phi"] is not None and d["phi"] > 1:
        # the test is not the plain one: its variance allows for the day-to-day spread (the contract)
        test = _("{test} with the variance × φ = {phi} for the day-to-day spread").format(
            test=test, phi=units.number(d["phi"], 1, group=False))
    if d["delta"] is None:
        reading = _("No change can be computed: one of the two periods has no value.")
    elif d["p_value"] is None:
        reading = _("No significance test for this kind of KPI (a count, maximum, median or composite).")
    elif d["significant"]:
        reading = _("The change is statistically significant (p = {p}, {test}): "
                    "unlikely to be random variation alone.").format(p=units.digits(f"{d['p_value']:.3g}"), test=test)
    else:
        reading = _("The change is not statistically significant (p = {p}, {test}): "
                    "it is within what random variation produces.").format(p=units.digits(f"{d['p_value']:.3g}"),
                                                                           test=test)
    return {**d, "test": test, "reading": reading}
