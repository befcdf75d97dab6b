"""Altair builders specific to the Service & queues page (the shared ones are in analytics.core.charts)."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.core.charts import BAD, NEUTRAL_COLOR, PALETTE

SERIES_COLORS = {"Answered": PALETTE[0], "Abandoned": BAD, "Short abandon": NEUTRAL_COLOR}


def wait_distribution(hist: pd.DataFrame, height: int = 300) -> alt.Chart:
    """Grouped bars: each outcome's calls per wait bin as a share of that outcome's calls, so answered
    and abandoned shapes compare even though answered calls far outnumber abandoned ones."""
    order = list(dict.fromkeys(hist["wait"]))
    series = [s for s in SERIES_COLORS if s in set(hist["series"])]
    return alt.Chart(hist).mark_bar().encode(
        x=alt.X("wait:N", sort=order, title="Wait in queue", axis=alt.Axis(labelAngle=-45)),
        xOffset=alt.XOffset("series:N", sort=series),
        y=alt.Y("share_pct:Q", title="Share of the outcome's calls (%)", axis=alt.Axis(format=".0f")),
        color=alt.Color("series:N", title=None, sort=series, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=series, range=[SERIES_COLORS[s] for s in series])),
        tooltip=[alt.Tooltip("series:N", title=""), alt.Tooltip("wait:N", title="Wait"),
                 alt.Tooltip("calls:Q", title="Calls", format=","),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")],
    ).properties(height=height)
