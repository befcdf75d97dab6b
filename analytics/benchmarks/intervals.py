"""Groups against a center value: each group's value as a point with its 95% interval as an error bar,
and the center as a vertical rule, so a reader sees at once which differences are bigger than chance."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.core import registry
from analytics.core.charts import BAD, GOOD, NEUTRAL_COLOR, PALETTE, canvas_text, inline, stack
from analytics.i18n import _

def _verdict_colors(k: registry.Kpi) -> dict[str, str]:
    higher_good = k.direction == registry.HIGHER_IS_BETTER
    lower_good = k.direction == registry.LOWER_IS_BETTER
    above = GOOD if higher_good else BAD if lower_good else PALETTE[0]
    below = BAD if higher_good else GOOD if lower_good else PALETTE[1]
    return {"above center": above, "below center": below, "within noise": NEUTRAL_COLOR, "no interval": "#b0bec5"}


def team_intervals(df: pd.DataFrame, k: registry.Kpi, center: float | None, label_col: str = "team") -> alt.Chart:
    """df: benchmark_comparison.team_intervals output (team, value, ci_low, ci_high, n, verdict)."""
    data = df.copy()
    data["value_label"] = [k.format(v) for v in data["value"]]
    data["ci_label"] = [("—" if pd.isna(lo) else f"{k.format(lo)} – {k.format(hi)}")
                        for lo, hi in zip(data["ci_low"], data["ci_high"])]
    # verdicts are keys in the data; the legend and tooltips show the reader's words
    colors = {_(v): c for v, c in _verdict_colors(k).items()}
    data["verdict"] = [_(v) for v in data["verdict"]]
    # best first; an explicit order (not a sort by field) keeps the rows apart in a layered chart
    order = data.sort_values("value", ascending=k.direction == registry.LOWER_IS_BETTER)[label_col].tolist()
    y = alt.Y(f"{label_col}:N", title=None, sort=order, axis=alt.Axis(labelLimit=320))  # names in full
    color = alt.Color("verdict:N", title=canvas_text(_("95% interval vs center")),
                      scale=alt.Scale(domain=list(colors), range=list(colors.values())),
                      legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip(f"{label_col}:N", title=""), alt.Tooltip("value_label:N", title=k.label),
               alt.Tooltip("ci_label:N", title=_("95% interval")), alt.Tooltip("n:Q", title=_("n"), format=",.0f"),
               alt.Tooltip("verdict:N", title="")]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title=k.label, scale=alt.Scale(zero=False)), x2=alt.X2("ci_high:Q"), color=color)
    points = base.mark_point(filled=True, size=70).encode(x=alt.X("value:Q"), color=color)
    layers = [bars, points]
    if center is not None:
        layers.append(alt.Chart(inline({"center": [center], "label": [_("Center {value}").format(value=k.format(center))]}))
                      .mark_rule(strokeDash=[6, 4], color="#212121")
                      .encode(x=alt.X("center:Q"), tooltip=[alt.Tooltip("label:N", title="")]))
    # a step per row (not a total height): Streamlit fits legend and axes into a total height
    return stack(layers, height=alt.Step(30))
