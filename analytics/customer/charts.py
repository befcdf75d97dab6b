"""Altair charts of the Customer page: repeat intervals, reasons ranked by repeat rate, survey answers.
They take the frames analytics.customer.data shapes; every mark has a tooltip."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.core import registry, units
from analytics.core.charts import BAD, GOOD, NEUTRAL_COLOR, PALETTE, canvas_text, label_expr, stack
from analytics.i18n import N_, _

# a reason's sample: enough calls judged for repeat, or too few (faded)
ENOUGH, FEW = N_("Enough calls"), N_("Few calls")


def interval_bars(df: pd.DataFrame, median_h: float | None) -> alt.Chart:
    """Calls by hours since the caller's previous call (pre-binned, bins in order)."""
    df = df.assign(interval=[canvas_text(i) for i in df["interval"]])   # bins drawn on the canvas
    order = df["interval"].tolist()
    bars = alt.Chart(df).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("interval:N", sort=order, title=canvas_text(_("Time since the same caller's previous call")),
                axis=alt.Axis(labelAngle=0)),
        y=alt.Y("calls:Q", title=canvas_text(_("Calls"))),
        tooltip=[alt.Tooltip("interval:N", title=_("Time since previous call")), alt.Tooltip("calls:Q", title=_("Calls"), format=","),
                 alt.Tooltip("share_pct:Q", title=_("Share (%)"), format=".1f")],
    )
    return bars.properties(height=300, title=None if median_h is None else
                           canvas_text(_("Median {value}").format(value=units.format_value(median_h, 'h'))))


def repeat_ranking(df: pd.DataFrame) -> alt.Chart:
    """Reasons by repeat rate with 95% intervals; reasons with few judged calls are faded."""
    data = df.copy()
    data["sample"] = [_(FEW) if s else _(ENOUGH) for s in data["small_sample"]]
    order = data["reason"].tolist()
    y = alt.Y("reason:N", sort=order, title=None, axis=alt.Axis(labelLimit=220))
    tooltip = [alt.Tooltip("reason:N", title=_("Reason")),
               alt.Tooltip("repeat_rate_pct:Q", title=_("Repeat rate (%)"), format=".1f"),
               alt.Tooltip("repeat_ci_low:Q", title=_("95% CI low"), format=".1f"),
               alt.Tooltip("repeat_ci_high:Q", title=_("95% CI high"), format=".1f"),
               alt.Tooltip("judged_calls:Q", title=_("Calls judged for repeat"), format=","),
               alt.Tooltip("offered:Q", title=_("Calls"), format=",")]
    bars = alt.Chart().mark_bar().encode(
        y=y, x=alt.X("repeat_rate_pct:Q", title=canvas_text(_("Repeat-call rate (%)"))),
        color=alt.Color("sample:N", title=None, legend=alt.Legend(orient="top"),
                        # a repeat rate has no target here: neutral, not the "missed" red of the status language
                        scale=alt.Scale(domain=[_(ENOUGH), _(FEW)], range=["#5B6B7B", "#c9ced4"])),
        tooltip=tooltip)
    ci = alt.Chart().mark_rule(color="#333").encode(y=y, x=alt.X("repeat_ci_low:Q"), x2=alt.X2("repeat_ci_high:Q"),
                                                    tooltip=tooltip)
    volume = alt.Chart().mark_text(align="left", dx=4, color="#555").encode(
        y=y, x=alt.X("repeat_ci_high:Q"), text=alt.Text("offered:Q", format=",.0f"), tooltip=tooltip)
    # data once, on the layer (per-layer data makes Altair hash the frame's text per layer)
    return stack([bars, ci, volume], data=data, height=110 + 26 * len(data))  # height includes axes and legend


def answer_bars(df: pd.DataFrame, title: str) -> alt.Chart:
    """Responses per answer of a survey scale, coloured by group (satisfied/promoter …)."""
    palette = {"Satisfied": GOOD, "Not satisfied": BAD, "Promoter": GOOD, "Passive": NEUTRAL_COLOR,
               "Detractor": BAD}
    # the groups are keys in the data (colours); the legend and tooltips show the reader's words
    palette = {_(g): c for g, c in palette.items()}
    df = df.assign(group=[_(g) for g in df["group"]])
    groups = df["group"].drop_duplicates().tolist()
    return alt.Chart(df).mark_bar().encode(
        x=alt.X("answer:O", title=canvas_text(title),
                axis=alt.Axis(labelAngle=0, **({"labelExpr": label_expr()} if label_expr() else {}))),
        y=alt.Y("responses:Q", title=canvas_text(_("Responses"))),
        color=alt.Color("group:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=groups, range=[palette.get(g, PALETTE[0]) for g in groups])),
        tooltip=[alt.Tooltip("answer:O", title=_("Answer")), alt.Tooltip("group:N", title=""),
                 alt.Tooltip("responses:Q", title=_("Responses"), format=","),
                 alt.Tooltip("share_pct:Q", title=_("Share (%)"), format=".1f")],
    ).properties(height=300)
