"""The organization over time: headcount, hires and leavers per period, tenure of current agents,
and span of control against its healthy bands (the KPI contract, Workforce).

Headcount and attrition rates are registry KPIs (org source); this module only frames them with the
hire/leaver counts of sql/queries/organization_flows.sql and classifies spans.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.core import calendars, periods, queries, units
from analytics.core.filters import Filters
from analytics.i18n import N_, _

SUPERVISOR_SPAN = (8, 12)
COACH_SPAN = (10, 12)
ORG_GRAINS = ("month", "quarter")
# shown through _() where chosen (the page's "Over" box)
HISTORY = {"12m": N_("12 months to the period's end"), "24m": N_("24 months to the period's end"),
           "period": N_("The selected period")}
TREND_KPIS = ("headcount", "attrition_rate_pct", "voluntary_attrition_rate_pct", "early_attrition_pct")
FLOW_COLUMNS = ("hires", "leavers", "voluntary_leavers", "involuntary_leavers", "unknown_exit_leavers")

# Tenure bands in days (lower bound inclusive); the last band is open-ended.
TENURE_BANDS = ((0, N_("< 3 months")), (91, N_("3–6 months")), (183, N_("6–12 months")), (365, N_("1–2 years")),
                (730, N_("2–5 years")), (1826, N_("5+ years")))
# legend entries: words a reader sees, capitalised as the other charts' legends are
EXIT_TYPES = {"voluntary_leavers": N_("Voluntary"), "involuntary_leavers": N_("Involuntary"),
              "unknown_exit_leavers": N_("Exit type unknown")}
FLOWS = {"hires": N_("Hires"), "leavers": N_("Leavers")}


def history_range(start: date, end: date, history: str, grain: str,
                  calendar: str = calendars.DEFAULT) -> tuple[date, date]:
    """The dates the org trend covers: the filter's period, or 12/24 whole months (quarters) ending
    with the period's end, so the trend has history even when the filter is one week. Under the
    Persian calendar the months are Jalali months and the quarters its seasons."""
    if history == "period":
        return start, end
    months = {"12m": 12, "24m": 24}[history]
    if calendar == "persian":
        first = calendars.season_start(end) if grain == "quarter" else calendars.month_start(end)
        return calendars.add_months(first, -(months - (3 if grain == "quarter" else 1))), end
    first = end.replace(day=1)
    if grain == "quarter":
        first = first.replace(month=3 * ((first.month - 1) // 3) + 1)
    y, m = divmod(first.month - 1 - (months - (3 if grain == "quarter" else 1)), 12)
    return date(first.year + y, m + 1, 1), end


def flows_query(f: Filters, grain: str) -> queries.Query:
    """organization_flows.sql for the filter's period and scope, with its period label for `grain`
    (a constant, never user input)."""
    if grain not in periods.GRAINS or grain in periods.SUBDAY:
        raise ValueError(f"unknown org grain {grain!r}")
    return queries.query("organization_flows", f, parts={"bucket": periods.bucket_sql(grain, "d", f.calendar)})


def timeline(kpis: pd.DataFrame, flows: pd.DataFrame, grain: str) -> pd.DataFrame:
    """One row per period: the registry's org KPIs and the hire/leaver counts (0 where none)."""
    out = kpis.rename(columns={grain: "period"}).copy()
    f = flows.rename(columns={"bucket": "period"})
    out = out.merge(f, on="period", how="left") if len(f) else out.assign(**{c: 0 for c in FLOW_COLUMNS})
    for c in FLOW_COLUMNS:
        out[c] = pd.to_numeric(out.get(c), errors="coerce").fillna(0).astype(int)
    return out


def leavers_long(tl: pd.DataFrame) -> pd.DataFrame:
    """Leavers per period by exit type, long form for a stacked chart (empty types dropped)."""
    cols = {c: _(w) for c, w in EXIT_TYPES.items()}
    long = tl[["period", *cols]].melt(id_vars=["period"], var_name="exit_type", value_name="leavers")
    keep = long.groupby("exit_type")["leavers"].transform("sum") > 0
    long = long[keep | (long["exit_type"] != "unknown_exit_leavers")].reset_index(drop=True)
    long["exit_type"] = long["exit_type"].map(cols)
    return long


def hires_leavers_long(tl: pd.DataFrame) -> pd.DataFrame:
    long = tl[["period", "hires", "leavers"]].melt(id_vars=["period"], var_name="flow", value_name="people")
    long["flow"] = long["flow"].map(lambda c: _(FLOWS[c]))
    return long


def tenure_band(days: pd.Series) -> pd.Series:
    bounds = [b for b, _label in TENURE_BANDS]
    labels = [_(label) for _b, label in TENURE_BANDS]
    idx = np.searchsorted(bounds, days.astype(float).to_numpy(), side="right") - 1
    return pd.Series([labels[max(i, 0)] for i in idx], index=days.index)


def tenure_distribution(current: pd.DataFrame) -> pd.DataFrame:
    """Agents per tenure band (every band listed, in order, zero where empty)."""
    counts = tenure_band(current["tenure_days"]).value_counts() if len(current) else pd.Series(dtype=int)
    return pd.DataFrame({"tenure": [_(label) for _b, label in TENURE_BANDS],
                         "agents": [int(counts.get(_(label), 0)) for _b, label in TENURE_BANDS]})


def span_key(value, band: tuple[int, int]) -> str:
    """'in range', 'below', 'above' or 'none' (no agents)."""
    low, high = band
    if value is None or pd.isna(value):
        return "none"
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "in range"


def span_words(band: tuple[int, int]) -> dict[str, str]:
    """Each span status in words, in the reader's language (the chart's legend, the table's status)."""
    low, high = band
    return {"in range": _("In range"), "below": _("Below {n}").format(n=units.digits(str(low))),
            "above": _("Above {n}").format(n=units.digits(str(high))), "none": _("No agents")}


def span_status(value, band: tuple[int, int]) -> str:
    return span_words(band)[span_key(value, band)]


def with_span_status(df: pd.DataFrame, value_col: str, band: tuple[int, int]) -> pd.DataFrame:
    out = df.copy()
    keys = [span_key(v, band) for v in out[value_col]]
    words = span_words(band)
    out["status"] = [words[k] for k in keys]
    out["flagged"] = [k != "in range" for k in keys]
    return out
