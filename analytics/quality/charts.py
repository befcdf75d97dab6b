"""Altair charts of the Quality page: evaluator drift, per-criterion scores and flag rates.
They take the frames analytics.quality.data shapes; every mark has a tooltip."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.core import units
from analytics.core.charts import BAD, GOOD, NEUTRAL_COLOR, PALETTE, inline, stack
from analytics.i18n import _


def drift_bars(df: pd.DataFrame) -> alt.Chart:
    """Diverging bars: evaluator mean − mean of all evaluations of the same agents (points)."""
    data = df.copy()
    higher, level, lower = _("Scores higher"), _("In line"), _("Scores lower")
    data["direction"] = [higher if v > 0 else lower if v < 0 else level for v in data["evaluator_drift_pts"]]
    limit = max(5.0, float(data["evaluator_drift_pts"].abs().max() or 0) * 1.15)
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("evaluator_label:N", sort=alt.EncodingSortField(field="evaluator_drift_pts", order="descending"),
                title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("evaluator_drift_pts:Q", title=_("Drift vs all evaluations of the same agents (points)"),
                scale=alt.Scale(domain=[-limit, limit])),
        color=alt.Color("direction:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=[higher, level, lower],
                                        range=[PALETTE[1], NEUTRAL_COLOR, PALETTE[0]])),
        # channel objects, not alt.condition/alt.value dicts: Altair validates a dict against the schema
        opacity=alt.OpacityValue(1.0, condition=alt.ConditionalPredicateValueDefnumberExprRef(
            test="datum.few_evaluations", value=0.45)),
        tooltip=[alt.Tooltip("evaluator:N", title=_("Evaluator")),
                 alt.Tooltip("evaluator_drift_pts:Q", title=_("Drift (pts)"), format="+.1f"),
                 alt.Tooltip("own_mean:Q", title=_("Their mean score"), format=".1f"),
                 alt.Tooltip("peer_mean:Q", title=_("All evaluations of the same agents"), format=".1f"),
                 alt.Tooltip("evaluations:Q", title=_("Their evaluations"), format=","),
                 alt.Tooltip("agents:Q", title=_("Agents evaluated"), format=","),
                 alt.Tooltip("peer_evaluations:Q", title=_("Evaluations in the baseline"), format=",")],
    )
    zero = alt.Chart(inline({"x": [0]})).mark_rule(color="#333").encode(x=alt.X("x:Q"))
    return stack([bars, zero], height=120 + 34 * len(data))  # height includes axes and legend


def criterion_bars(df: pd.DataFrame, pass_mark: float) -> alt.Chart:
    """Mean item score per criterion, lowest first, with the pass mark."""
    data = df.copy()
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("criterion:N", sort=alt.EncodingSortField(field="mean_score", order="ascending"), title=None),
        x=alt.X("mean_score:Q", title=_("Mean item score"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("below_pass_pct:Q", title=_("% below pass"), scale=alt.Scale(scheme="orangered")),
        tooltip=[alt.Tooltip("criterion:N", title=_("Criterion")),
                 alt.Tooltip("mean_score:Q", title=_("Mean score"), format=".1f"),
                 alt.Tooltip("below_pass_pct:Q", title=_("Below pass mark (%)"), format=".1f"),
                 alt.Tooltip("items:Q", title=_("Scored items"), format=",")],
    )
    rule = alt.Chart(inline({"pass": [pass_mark], "label": [_("Pass mark {value}").format(value=units.number(pass_mark, 0 if float(pass_mark).is_integer() else 1, group=False))]})).mark_rule(
        strokeDash=[6, 4], color=BAD).encode(x=alt.X("pass:Q"), tooltip=[alt.Tooltip("label:N", title="")])
    return stack([bars, rule], height=80 + 30 * len(data))


def criterion_heatmap(df: pd.DataFrame) -> alt.Chart:
    """Criterion × team/queue: colour = mean item score (red low, green high)."""
    order = (df.groupby("criterion")["mean_score"].mean().sort_values().index.tolist())
    return alt.Chart(df).mark_rect().encode(
        x=alt.X("group:N", title=None, axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("criterion:N", sort=order, title=None),
        color=alt.Color("mean_score:Q", title=_("Mean score"), scale=alt.Scale(scheme="redyellowgreen")),
        tooltip=[alt.Tooltip("criterion:N", title=_("Criterion")), alt.Tooltip("group:N", title=_("Group")),
                 alt.Tooltip("mean_score:Q", title=_("Mean score"), format=".1f"),
                 alt.Tooltip("below_pass_pct:Q", title=_("Below pass mark (%)"), format=".1f"),
                 alt.Tooltip("items:Q", title=_("Scored items"), format=",")],
    ).properties(height=110 + 34 * len(order))


def flag_rates(df: pd.DataFrame) -> alt.Chart:
    """Share of judged calls carrying each automated flag."""
    return alt.Chart(df).mark_bar(color=GOOD).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("rate_pct:Q", title=_("Share of judged calls flagged (%)")),
        tooltip=[alt.Tooltip("label:N", title=_("Flag")), alt.Tooltip("rule:N", title=_("Rule")),
                 alt.Tooltip("flagged:Q", title=_("Calls flagged"), format=","),
                 alt.Tooltip("judged:Q", title=_("Calls judged"), format=","),
                 alt.Tooltip("rate_pct:Q", title=_("Rate (%)"), format=".1f")],
        color=alt.ColorValue(PALETTE[3]),
    ).properties(height=240)
