"""Customer-outcome data behind the Customer page: registry KPIs per call reason, repeat intervals,
survey answer distributions and the censoring of repeat-based KPIs.

Each `*_query(f)` returns a `queries.Query` for the cached `ui.context.rows` (pages) or `queries.run` (tests, CLI).
"""
from __future__ import annotations

from datetime import datetime

import pandas as pd

from analytics.core import metrics, queries, registry, units
from analytics.i18n import N_, _, ltr
from analytics.core.filters import Filters
from analytics.stats.proportions import wilson_interval_pct

# Bins of hours since the same caller's previous call: label, lower edge (inclusive), upper (exclusive).
# The labels are catalog strings (N_), shown in the reader's language by interval_table.
INTERVAL_BINS: tuple[tuple[str, float, float | None], ...] = (
    (N_("< 1 h"), 0, 1), (N_("1–4 h"), 1, 4), (N_("4–24 h"), 4, 24), (N_("1–2 d"), 24, 48), (N_("2–3 d"), 48, 72),
    (N_("3–7 d"), 72, 168), (N_("7–14 d"), 168, 336), (N_("14–30 d"), 336, 720), (N_("> 30 d"), 720, None),
)
REASON_KPIS = ("offered", "repeat_rate_pct", "fcr_pct", "csat_pct")
NO_REASON = N_("(no reason recorded)")   # shown in the reader's language
SMALL_POPULATION = 30        # repeat rate on fewer judged calls is marked as a small sample
CSAT_SCALE = tuple(range(1, 6))
NPS_SCALE = tuple(range(0, 11))
# Only sources whose columns all live on fct_calls can be grouped by reason.
_REASON_SOURCES = ("calls", "queue_service", "calls_detail")


def _measures(ids, with_stats: bool, f: Filters | None = None) -> str:
    cols = []
    for kid in ids:
        k = registry.get(kid)
        if k.source not in _REASON_SOURCES:
            raise ValueError(f"KPI {kid!r} is not computed from calls and cannot be split by reason")
        if f is not None and metrics.undefined_reason(k, f):  # attribution: undefined, never partial
            cols.append(f'CAST(NULL AS DOUBLE) AS "{k.id}"')
            continue
        cols.append(f'{k.expr} AS "{k.id}"')
        if with_stats and k.has_stats:
            cols.append(f'({k.num}) AS "{k.id}__num"')
            cols.append(f'({k.den}) AS "{k.id}__den"')
    return ",\n    ".join(cols)


def reason_kpis_query(f: Filters, ids=REASON_KPIS, with_stats: bool = False) -> queries.Query:
    """Registry KPIs grouped by call reason, each from its own `Kpi.expr` on fct_calls."""
    return queries.query("customer_kpis_by_reason", f, parts={"measures": _measures(ids, with_stats, f)})


def kpis_by_reason(con, f: Filters, ids=REASON_KPIS, with_stats: bool = False) -> pd.DataFrame:
    return queries.run(con, reason_kpis_query(f, ids, with_stats))


def reasons_table(df: pd.DataFrame) -> pd.DataFrame:
    """Reasons by volume with their share of calls; a missing reason gets a visible label."""
    if df.empty:
        return df
    out = df.copy()
    out["reason"] = [_(NO_REASON) if r is None or (isinstance(r, float) and pd.isna(r)) else r for r in out["reason"]]
    out["offered"] = out["offered"].fillna(0).astype(int)
    total = out["offered"].sum()
    out.insert(2, "share_pct", 100.0 * out["offered"] / total if total else None)
    return out.sort_values(["offered", "reason"], ascending=[False, True]).reset_index(drop=True)


def repeat_ranking(df: pd.DataFrame) -> pd.DataFrame:
    """Reasons ranked by repeat rate (highest first) with its 95% Wilson interval and population, so a
    reason with few calls shows as uncertain instead of topping the list unnoticed."""
    need = {"repeat_rate_pct__num", "repeat_rate_pct__den"}
    if df.empty or not need <= set(df.columns):
        return pd.DataFrame()
    out = reasons_table(df)
    out = out[out["repeat_rate_pct__den"].fillna(0) > 0].copy()
    lows, highs = [], []
    for k, n in zip(out["repeat_rate_pct__num"], out["repeat_rate_pct__den"]):
        ci = wilson_interval_pct(float(k), float(n))
        lows.append(ci[0] if ci else None)
        highs.append(ci[1] if ci else None)
    out["repeat_ci_low"], out["repeat_ci_high"] = lows, highs
    out["judged_calls"] = out["repeat_rate_pct__den"].astype(int)
    out["small_sample"] = out["judged_calls"] < SMALL_POPULATION
    cols = ["reason", "offered", "share_pct", "judged_calls", "repeat_rate_pct", "repeat_ci_low", "repeat_ci_high",
            "small_sample"]
    return out.sort_values(["repeat_rate_pct", "offered"], ascending=[False, False])[cols].reset_index(drop=True)


def intervals_query(f: Filters) -> queries.Query:
    edges = [float(lo) for _label, lo, _hi in INTERVAL_BINS[1:]]
    return queries.query("customer_repeat_intervals", f, edges=edges)


def interval_table(raw: pd.DataFrame) -> pd.DataFrame:
    """Every bin in order (empty ones as 0) with its share of the calls."""
    counts = dict(zip(raw["bin"].astype(int), raw["calls"].astype(int))) if len(raw) else {}
    rows = [{"interval": _(label), "calls": counts.get(i, 0)} for i, (label, _lo, _hi) in enumerate(INTERVAL_BINS)]
    out = pd.DataFrame(rows)
    total = out["calls"].sum()
    out["share_pct"] = 100.0 * out["calls"] / total if total else None
    return out


# survey answer groups: keys in the data, catalog strings shown in the reader's language by the charts
SATISFIED, NOT_SATISFIED = N_("Satisfied"), N_("Not satisfied")
PROMOTER, PASSIVE, DETRACTOR = N_("Promoter"), N_("Passive"), N_("Detractor")


def survey_query(f: Filters) -> queries.Query:
    return queries.query("customer_survey_answers", f)


def survey_distribution(raw: pd.DataFrame, question: str, satisfied_min: float = 4) -> pd.DataFrame:
    """All answers of the scale (absent ones as 0) with their group and share of responses."""
    scale = CSAT_SCALE if question == "csat" else NPS_SCALE
    sub = raw[raw["question"] == question] if len(raw) else raw
    counts = dict(zip(sub["answer"].astype(int), sub["responses"].astype(int))) if len(sub) else {}
    out = pd.DataFrame({"answer": list(scale), "responses": [counts.get(a, 0) for a in scale]})
    if question == "csat":
        out["group"] = [SATISFIED if a >= satisfied_min else NOT_SATISFIED for a in scale]
    else:
        out["group"] = [PROMOTER if a >= 9 else PASSIVE if a >= 7 else DETRACTOR for a in scale]
    total = out["responses"].sum()
    out["share_pct"] = 100.0 * out["responses"] / total if total else None
    return out


def data_end_query() -> queries.Query:
    return queries.query("customer_data_end")


def censoring_note(f: Filters, censored_after: datetime | None, window_h: float) -> str:
    """Why recent calls are missing from FCR and repeat rate, and whether this period is affected."""
    days = units.digits(f"{window_h / 24:g}")
    base = _("FCR and repeat rate need {days} days of follow-up: calls in the last {days} days of the data "
             "are censored (left out of both, never counted as resolved).").format(days=days)
    if censored_after is None or pd.isna(censored_after):
        return base
    cut = pd.Timestamp(censored_after)
    when = ltr(units.digits(f"{cut:%Y-%m-%d %H:%M}"))
    if pd.Timestamp(f.end) + pd.Timedelta(days=1) > cut:
        if pd.Timestamp(f.start) > cut:
            return base + " " + _("This whole period is after {time}, so they are undefined here.").format(time=when)
        return base + " " + _("Calls after {time} in this period are not counted.").format(time=when)
    return base + " " + _("This period is not affected.")
