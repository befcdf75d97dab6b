"""Charts of the Staffing page (Altair): the weekday × interval heatmap of the staffing gap, a day's
required vs scheduled agents, expected vs actual service level."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from analytics import i18n
from analytics.core import calendars, units
from analytics.core.charts import BAD, GOOD, PALETTE, column, inline, label_expr, stack
from analytics.i18n import _

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def gap_by_weekday_interval(ev: pd.DataFrame) -> pd.DataFrame:
    """Mean over the period's days of (scheduled − required-to-schedule), summed over the queues."""
    if ev.empty:
        return pd.DataFrame(columns=["weekday", "time", "gap", "required", "scheduled"])
    x = ev.groupby("interval_start")[["required_scheduled", "scheduled_agents"]].sum().reset_index()
    x["weekday"] = [WEEKDAYS[d] for d in x["interval_start"].dt.day_of_week]
    x["time"] = x["interval_start"].dt.strftime("%H:%M")
    g = x.groupby(["weekday", "time"])[["required_scheduled", "scheduled_agents"]].mean().reset_index()
    g["gap"] = g["scheduled_agents"] - g["required_scheduled"]
    return g.rename(columns={"required_scheduled": "required", "scheduled_agents": "scheduled"})


def weekday_names() -> dict[str, str]:
    """Mon … Sun → the weekday's short name in the active language (CLDR)."""
    from datetime import date

    return {w: units.weekday_name(date(2026, 11, 16 + i)) for i, w in enumerate(WEEKDAYS)}  # a Monday on


def _time_axis(title: str) -> alt.X:
    """The x axis of interval start times (text 'HH:MM', digits in the active language)."""
    expr = label_expr()
    return alt.X("time:O", title=title, axis=alt.Axis(labelExpr=expr) if expr else alt.Axis())


def gap_heatmap(g: pd.DataFrame, height: int = 240) -> alt.Chart:
    lim = float(max(np.abs(g["gap"]).max(), 1.0)) if len(g) else 1.0
    names = weekday_names()
    data = g.assign(weekday=[names.get(w, w) for w in g["weekday"]],
                    gap_label=[_("{value} agents").format(value=units.number(v, 1, sign=True)) for v in g["gap"]])
    return alt.Chart(data).mark_rect().encode(
        x=_time_axis(_("Interval start")),
        y=alt.Y("weekday:N", sort=calendars.week_order([names[w] for w in WEEKDAYS]), title=None),
        color=alt.Color("gap:Q", title=_("Scheduled − required"),
                        scale=alt.Scale(scheme="redblue", domain=[-lim, lim])),
        tooltip=[alt.Tooltip("weekday:N", title=_("Day")), alt.Tooltip("time:O", title=_("Interval")),
                 alt.Tooltip("required:Q", title=_("Required (to schedule)"), format=".1f"),
                 alt.Tooltip("scheduled:Q", title=_("Scheduled"), format=".1f"),
                 alt.Tooltip("gap_label:N", title=_("Gap"))],
    ).properties(height=height)


DAY_WIDTH = 760  # px: the main column is ~900 px at a 1280 px window, with room for the axis titles


def day_view(ev: pd.DataFrame, target_pct: float, height: int = 280) -> alt.Chart:
    """Required vs scheduled agents through one day (bars = required, line = scheduled), and the
    expected service level against the target."""
    x = ev.groupby("interval_start").agg(required=("required_scheduled", "sum"),
                                         scheduled=("scheduled_agents", "sum"),
                                         offered=("offered", "sum")).reset_index()
    w = ev.assign(_w=ev["offered"] * ev["expected_service_level_pct"])
    sl = w.groupby("interval_start")["_w"].sum() / ev.groupby("interval_start")["offered"].sum().replace(0, np.nan)
    x["expected_sl"] = sl.reindex(x["interval_start"]).to_numpy()
    x["time"] = x["interval_start"].dt.strftime("%H:%M")
    short, enough = i18n.label("understaffed"), i18n.label("enough")
    x["status"] = np.where(x["scheduled"] < x["required"], short, enough)
    base = alt.Chart(x).encode(x=_time_axis(_("Interval start")))
    bars = base.mark_bar(opacity=0.8).encode(
        y=alt.Y("required:Q", title=_("Agents")),
        color=alt.Color("status:N", title=None, scale=alt.Scale(domain=[short, enough], range=[BAD, "#9ecae1"]),
                        legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("time:O", title=_("Interval")), alt.Tooltip("offered:Q", title=_("Calls"), format=".0f"),
                 alt.Tooltip("required:Q", title=_("Required (to schedule)"), format=".0f"),
                 alt.Tooltip("scheduled:Q", title=_("Scheduled"), format=".1f"),
                 alt.Tooltip("expected_sl:Q", title=_("Expected SL (%)"), format=".1f")])
    line = base.mark_line(point=True, color=PALETTE[0]).encode(y=alt.Y("scheduled:Q"))
    # a concatenated chart does not stretch to its column: each part gets a width that fits the page at
    # 1280 px (left to Vega-Lite's 20 px a band, a day of half hours ran off the screen's right edge)
    agents = stack([bars, line], height=height, width=DAY_WIDTH)
    sl_chart = stack([
        base.mark_line(color=GOOD).encode(y=alt.Y("expected_sl:Q", title=_("Expected SL (%)"), scale=alt.Scale(domain=[0, 100]))),
        alt.Chart(inline({"t": [target_pct]})).mark_rule(strokeDash=[6, 4], color=BAD).encode(y="t:Q"),
    ], height=120, width=DAY_WIDTH)
    return column([agents, sl_chart])


def expected_vs_actual(pts: pd.DataFrame, height: int = 300) -> alt.Chart:
    pts = pts.assign(calls=pts["offered"])
    diag = alt.Chart(inline({"x": [0, 100], "y": [0, 100]})).mark_line(strokeDash=[4, 4], color="#999").encode(
        x="x:Q", y="y:Q")
    dots = alt.Chart(pts).mark_circle(opacity=0.45).encode(
        x=alt.X("modelled_service_level_pct:Q", title=_("Expected SL % (Erlang, logged-in agents)"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("actual_service_level_pct:Q", title=_("Actual SL %"), scale=alt.Scale(domain=[0, 100])),
        size=alt.Size("calls:Q", title=_("Calls"), legend=None),
        color=alt.Color("queue:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("queue:N", title=_("Queue")), alt.Tooltip("interval:N", title=_("Interval")),
                 alt.Tooltip("calls:Q", title=_("Calls"), format=".0f"),
                 alt.Tooltip("modelled_service_level_pct:Q", title=_("Expected"), format=".1f"),
                 alt.Tooltip("actual_service_level_pct:Q", title=_("Actual"), format=".1f")])
    return stack([diag, dots], height=height)
