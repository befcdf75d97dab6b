"""Altair builders for the Trends page: the KPI line with comparison overlay, confidence band and
target, and the control chart (the shared builders are in analytics.core.charts)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.core import calendars
from analytics.core.charts import BAD, NEUTRAL_COLOR, PALETTE, axis_title, inline, stack
from analytics.core.registry import Kpi
from analytics.trends.data import COMPARISON, THIS
from analytics.i18n import _


def _x(periods: list) -> alt.X:
    return alt.X("period:O", title=None, sort=periods, axis=alt.Axis(labelAngle=-45, labelOverlap=True))


def _y(k: Kpi, field: str = "value") -> alt.Y:
    return alt.Y(f"{field}:Q", title=axis_title(k), axis=alt.Axis(format=k.display.d3),
                 scale=alt.Scale(zero=k.unit == "count"))


def kpi_trend(lines: pd.DataFrame, k: Kpi, band: pd.DataFrame | None = None, target: float | None = None,
              height: int = 340) -> alt.LayerChart:
    """One line per series; the comparison is dashed; the band is the 95% interval of this period."""
    data = lines.copy()
    data["value_label"] = [k.format(v) for v in data["value"]]
    for col in ("period", "period_label"):   # the view's calendar (Jalali dates and months when Persian)
        data[col] = calendars.axis_labels(data[col])
    periods = list(dict.fromkeys(data.sort_values("position")["period"]))
    series = list(dict.fromkeys(data["series"]))
    this, comparison = _(THIS), _(COMPARISON)   # the legend's words, in the reader's language
    if set(series) <= {THIS, COMPARISON}:
        data["series"] = data["series"].map({THIS: this, COMPARISON: comparison})
        series = [s for s in (this, comparison) if s in set(data["series"])]
        colors = [PALETTE[0] if s == this else NEUTRAL_COLOR for s in series]
    else:
        colors = (PALETTE * 2)[:len(series)]
    dash = alt.StrokeDash("series:N", sort=series, legend=None,
                          scale=alt.Scale(domain=series, range=[[6, 4] if s == comparison else [1, 0] for s in series]))
    line = alt.Chart(data).mark_line(point=True, strokeWidth=2).encode(
        x=_x(periods), y=_y(k),
        color=alt.Color("series:N", title=None, sort=series, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=series, range=colors)),
        strokeDash=dash,
        tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("period_label:N", title=_("Period")),
                 alt.Tooltip("value_label:N", title=k.label)],
    )
    layers = []
    if band is not None and len(band):
        b = band.copy()
        b["period"] = calendars.axis_labels(b["period"])
        b["range"] = [f"{k.format(lo)} – {k.format(hi)}" for lo, hi in zip(b["low"], b["high"])]
        layers.append(alt.Chart(b).mark_area(opacity=0.18, color=PALETTE[0]).encode(
            x=_x(periods), y=_y(k, "low"), y2="high:Q",
            tooltip=[alt.Tooltip("period:N", title=_("Period")), alt.Tooltip("range:N", title=_("95% interval"))]))
    layers.append(line)
    if target is not None:
        layers.append(alt.Chart(inline({"target": [target], "label": [_("Target {value}").format(value=k.format(target))]}))
                      .mark_rule(strokeDash=[6, 4], color=BAD)
                      .encode(y="target:Q", tooltip=[alt.Tooltip("label:N", title="")]))
    return stack(layers, height=height)


def control_chart(ctrl: pd.DataFrame, k: Kpi, height: int = 300) -> alt.LayerChart:
    """Values with centre line and 3-sigma limits (stepped: p-chart limits differ per period);
    out-of-control points in the status language's vermillion, named in the legend."""
    data = ctrl.rename(columns={"label": "period"}).copy()
    data["period"] = calendars.axis_labels(data["period"])
    data["value_label"] = [k.format(v) for v in data["value"]]
    data["limits"] = [f"{k.format(lo)} – {k.format(hi)}" for lo, hi in zip(data["lcl"], data["ucl"])]
    within, outside = _("Within limits"), _("Out of control")
    data["signal"] = [outside if o else within for o in data["out_of_control"]]
    periods = list(data["period"])
    x = _x(periods)
    tooltip = [alt.Tooltip("period:N", title=_("Period")), alt.Tooltip("value_label:N", title=k.label),
               alt.Tooltip("limits:N", title=_("Control limits")), alt.Tooltip("signal:N", title="")]
    base = alt.Chart()  # data once, on the layer: per-layer data makes Altair hash the frame's text per layer
    layers = [
        base.mark_line(color=NEUTRAL_COLOR, strokeDash=[4, 3],
                       strokeWidth=1).encode(x=x, y=_y(k, "ucl")),
        base.mark_line(color=NEUTRAL_COLOR, strokeDash=[4, 3], strokeWidth=1).encode(x=x, y="lcl:Q"),
        base.mark_line(color=NEUTRAL_COLOR, strokeWidth=1).encode(x=x, y="center:Q"),
        base.mark_line(color=PALETTE[0], strokeWidth=2).encode(x=x, y="value:Q"),
        base.mark_circle(size=60).encode(
            x=x, y="value:Q", tooltip=tooltip,
            color=alt.Color("signal:N", title=None, legend=alt.Legend(orient="top"),
                            scale=alt.Scale(domain=[within, outside], range=[PALETTE[0], BAD]))),
    ]
    return stack(layers, data=data, height=height)
