"""Altair builders specific to the Service & queues page (the shared ones are in analytics.core.charts)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.core.charts import BAD, NEUTRAL_COLOR, PALETTE, canvas_text, rows_height
from analytics.i18n import _

SERIES_COLORS = {"Answered": PALETTE[0], "Abandoned": BAD, "Short abandon": NEUTRAL_COLOR}


ROW_PX = 13   # height of one bar of the wait distribution
GAP_PX = 10   # space between two wait bins


def wait_distribution(hist: pd.DataFrame) -> alt.Chart:
    """Grouped horizontal bars: each outcome's calls per wait bin as a share of that outcome's calls, so
    answered and abandoned shapes compare even though answered calls far outnumber abandoned ones.
    Bins run top to bottom with their labels level (readable units: "90 s–2 min", "10 min +"), and the
    chart is as tall as its bars (one row per bin and outcome), so it is never squashed."""
    # the series are keys (Answered …) in the data; the legend and tooltips show the language's words; the
    # bins are drawn on the canvas (a right-to-left run in Persian)
    hist = hist.assign(series=[_(s) for s in hist["series"]], wait=[canvas_text(w) for w in hist["wait"]])
    order = list(dict.fromkeys(hist["wait"]))
    colors = {_(s): c for s, c in SERIES_COLORS.items()}
    series = [s for s in colors if s in set(hist["series"])]
    height = rows_height(len(order), len(series) * ROW_PX + GAP_PX)
    return alt.Chart(hist).mark_bar().encode(
        y=alt.Y("wait:N", sort=order, title=canvas_text(_("Wait in queue")),
                axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        yOffset=alt.YOffset("series:N", sort=series),
        x=alt.X("share_pct:Q", title=canvas_text(_("Share of the outcome's calls (%)")), axis=alt.Axis(format=".0f")),
        color=alt.Color("series:N", title=None, sort=series, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=series, range=[colors[s] for s in series])),
        tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("wait:N", title=_("Wait")),
                 alt.Tooltip("calls:Q", title=_("Calls"), format=","),
                 alt.Tooltip("share_pct:Q", title=_("Share (%)"), format=".1f")],
    ).properties(height=height)
