"""Charts of the weekly review's highlights (page and report): for each highlight, its KPI over the
period with the target, and where the change came from — each queue's contribution, coloured in the
status language (better blue, worse vermillion, grey for KPIs without a direction)."""
from __future__ import annotations

import altair as alt

from analytics.core import charts, registry, status
from analytics.core import periods
from analytics.i18n import _


def trend(view, grain: str, target: float | None = None, height: int = 220) -> alt.Chart:
    k = registry.get(view.kpi_id)
    return charts.trend(view.trend, k, grain, target=target, height=height + 40).properties(
        title=_("{kpi} by {grain}").format(kpi=k.label, grain=_(periods.grain_label(grain))))


def parts(view, height: int | None = None) -> alt.Chart | None:
    k = registry.get(view.kpi_id)
    df = view.parts.copy()
    if df.empty:
        return None
    df["text"] = [k.format_delta(v) for v in df["contribution"]]
    better, worse, same, change = status.BETTER.word, status.WORSE.word, _("No change"), _("Change")
    if k.direction == registry.NEUTRAL:
        df["effect"] = change
    else:
        df["effect"] = [better if v * k.direction > 0 else worse if v * k.direction < 0 else same
                        for v in df["contribution"]]
    colours = {better: status.BLUE, worse: status.VERMILLION, same: status.GREY, change: status.GREY}
    present = [e for e in colours if e in set(df["effect"])]   # the legend names only what is drawn
    scale = alt.Scale(domain=present, range=[colours[e] for e in present])
    unit = {"pct": _(" (pts)"), "s": _(" (s)"), "score": _(" (points)")}.get(k.unit, "")
    return alt.Chart(df).mark_bar().encode(
        y=alt.Y("queue:N", title=None, sort=alt.EncodingSortField(field="contribution", order="descending"),
                axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        x=alt.X("contribution:Q", title=_("Contribution to the change") + unit),
        color=alt.Color("effect:N", title=None, scale=scale, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("queue:N", title=_("Queue")), alt.Tooltip("text:N", title=_("Contribution")),
                 alt.Tooltip("effect:N", title="")],
    # Streamlit fits title, legend and axis into the height: leave them room above 32 px a bar
    ).properties(height=height or 110 + 32 * len(df),
                 # two lines: on one, a long KPI name cut the title to "…, by q…" in a half-width column
                 title=alt.TitleParams(_two_lines(_("{kpi}: where the change came from, by queue").format(kpi=k.label)),
                                       anchor="start"))


def _two_lines(title: str) -> list[str]:
    """'Service level: where the change came from, by queue' as two lines, split after the KPI's name."""
    head, sep, rest = title.partition(": ")
    return [head + ":", rest] if sep else [title]
