"""The call card's timeline: one horizontal bar, wait → talk → hold → after-call work."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics.i18n import _, rtl
from analytics.core.charts import stack

# a part's colour says what it is, not good or bad (the status language is for targets)
PART_COLORS = {"Wait": "#BBBBBB", "Talk": "#0072B2", "Hold": "#E69F00", "After-call work": "#56B4E9"}


def timeline(parts: pd.DataFrame, height: int = 120) -> alt.Chart:
    """Parts as consecutive segments on a time axis in minutes from arrival; labels in readable units."""
    data = parts.assign(start_min=parts["start_s"] / 60, end_min=parts["end_s"] / 60)
    # the frame's parts are in the active language (analytics.calls.card.timeline)
    colors = {_(p): c for p, c in PART_COLORS.items()}
    dark = {_(p) for p in ("Wait", "After-call work", "Hold")}
    domain = [p for p in colors if p in set(data["part"])]
    base = alt.Chart(data).encode(
        x=alt.X("start_min:Q", title=_("Minutes from arrival"), scale=alt.Scale(zero=True, nice=False),
                axis=alt.Axis(orient="bottom", tickMinStep=0.5, grid=False)),
        x2="end_min:Q",
    )
    bars = base.mark_bar(height=28, stroke="white", strokeWidth=1).encode(
        color=alt.Color("part:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=domain, range=[colors[p] for p in domain]),
                        sort=domain),
        tooltip=[alt.Tooltip("part:N", title=_("Part")), alt.Tooltip("duration:N", title=_("Duration"))],
    )
    # the duration written on every part wide enough to hold it (the tooltip has the others)
    total = float(data["end_min"].max()) if len(data) else 0.0
    wide = data[(data["end_min"] - data["start_min"]) >= 0.12 * total].assign(
        mid_min=lambda d: (d["start_min"] + d["end_min"]) / 2,
        ink=lambda d: [0 if p in dark else 1 for p in d["part"]])
    if rtl():
        # Vega's canvas lays text out left to right, and Persian digits are European numbers to the bidi
        # algorithm: '۱۰ دقیقه و ۱۷ ثانیه' would read 'دقیقه و ۱۷ ثانیه ۱۰' without a right-to-left mark first
        wide = wide.assign(duration="\u200f" + wide["duration"])
    text = alt.Chart(wide).mark_text(fontSize=12, fontWeight="bold").encode(
        x="mid_min:Q", text="duration:N",
        # ink 0 = dark text on the light parts, 1 = white on the dark ones (numbers: no colour words in the data)
        color=alt.Color("ink:N", scale=alt.Scale(domain=[0, 1], range=["#222222", "#FFFFFF"]), legend=None))
    return stack([bars, text]).resolve_scale(color="independent").properties(height=height)
