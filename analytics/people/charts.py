"""Altair charts of the People pages (Agents, Organization): the funnel plot, spans of control
against their band, and counts of people per period. They take frames and never query."""
from __future__ import annotations

import altair as alt
import pandas as pd

from analytics import i18n
from analytics.core import registry
from analytics.core import status, units
from analytics.core.charts import BAD, GOOD, NEUTRAL_COLOR, PALETTE, inline, label_expr, rows_height, stack
from analytics.i18n import N_, _, rtl


def canvas_text(text: str) -> str:
    """Words drawn on Vega's canvas (titles, legend entries, status words) as one right-to-left run in
    Persian: the canvas lays text out left to right, so a Persian label ending in a number, a percent
    sign or a parenthesis ('حدود ۹۵٪', 'نرخ انتقال (٪)') had that end drawn on the wrong side.
    Right-to-left marks at both ends keep it in order. Other languages: unchanged."""
    return f"\u200f{text}\u200f" if rtl() and text else text

def _funnel_group(row, direction: int) -> str:
    """The point's colour group (English words, the scale's domain; shown through GROUP_WORDS). Read
    from the outside_* flags when the frame has them (its status is in the reader's language), else
    from the English status words."""
    if "outside_998" in row:
        level = "99.8%" if row["outside_998"] else "95%" if row["outside_95"] else None
        high = (row.get("direction") or ("high" if row["value"] > row["center"] else "low")) == "high"
    else:
        status = row["status"].lower()
        level = None if status == "within limits" else "99.8%" if "99.8" in status else "95%"
        high = status.startswith("high")
    if level is None:
        return "within limits"
    good = (high and direction == registry.HIGHER_IS_BETTER) or (not high and direction == registry.LOWER_IS_BETTER)
    return f"outside {level} ({'better' if good else 'worse'})" if direction else f"outside {level}"


GROUP_WORDS = {"within limits": N_("within limits"), "outside 95% (better)": N_("outside 95% (better)"),
               "outside 99.8% (better)": N_("outside 99.8% (better)"), "outside 95% (worse)": N_("outside 95% (worse)"),
               "outside 99.8% (worse)": N_("outside 99.8% (worse)"), "outside 95%": N_("outside 95%"),
               "outside 99.8%": N_("outside 99.8%")}
LEVEL_WORDS = {"center rate": N_("center rate"), "95% limits": N_("95% limits"), "99.8% limits": N_("99.8% limits")}


def funnel_plot(points: pd.DataFrame, curve: pd.DataFrame, k: registry.Kpi, highlight: str | None = None,
                height: int = 380, select: str | None = None) -> alt.Chart:
    """Agents as points (x = denominator, y = rate) inside 95% (dashed) and 99.8% (solid) limits.
    `select`: a click on a point selects its agent (the page opens that agent)."""
    data = points.copy()
    groups = [_funnel_group(r, k.direction) for r in data.to_dict("records")]
    # words written once per kind, not once per agent
    group_words = {g: canvas_text(i18n.label(GROUP_WORDS[g])) for g in set(groups)}
    data["group"] = [group_words[g] for g in groups]
    status_words = {s: canvas_text(s) for s in set(data["status"])}
    data["status"] = [status_words[s] for s in data["status"]]
    # the side as a word is in `status` already; the machine's high/low is not shown
    data = data.drop(columns=["direction"], errors="ignore")
    data["rate"] = [k.format(v) for v in data["value"]]
    data["selected"] = data["agent"] == highlight if highlight else False
    domain = ["within limits", "outside 95% (better)", "outside 99.8% (better)", "outside 95% (worse)",
              "outside 99.8% (worse)", "outside 95%", "outside 99.8%"]
    # the status language: better blue, worse vermillion (paler outside 95% only); no direction: orange
    colors = [NEUTRAL_COLOR, "#9CC8E6", status.BLUE, "#F0B49A", status.VERMILLION, "#F5D08A", status.ORANGE]
    present = [d for d in domain if d in set(groups)]
    x = alt.X("n:Q", title=canvas_text(_("Volume (denominator of {kpi})").format(kpi=k.label.lower())), scale=alt.Scale(zero=True))
    dots = alt.Chart(data).mark_circle(opacity=0.85, cursor="pointer" if select else "default").encode(
        x=x,
        y=alt.Y("value:Q", title=canvas_text(_("{kpi} (%)").format(kpi=k.label))),
        color=alt.Color("group:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=[canvas_text(i18n.label(GROUP_WORDS[d])) for d in present],
                                        range=[colors[domain.index(d)] for d in present])),
        # a channel object, not alt.condition: Altair validates a dict against the schema (slow)
        size=alt.SizeValue(70, condition=alt.ConditionalPredicateValueDefnumberExprRef(
            test="datum.selected", value=220)),
        tooltip=[alt.Tooltip("agent_name:N", title=_("Agent")), alt.Tooltip("agent:N", title=_("Id")),
                 alt.Tooltip("rate:N", title=k.label), alt.Tooltip("k:Q", title=_("Numerator"), format=",.0f"),
                 alt.Tooltip("n:Q", title=_("Denominator"), format=",.0f"),
                 alt.Tooltip("status:N", title=_("Funnel"))],
    )
    lines = curve.melt(id_vars=["n"], value_vars=["center", "lcl_95", "ucl_95", "lcl_998", "ucl_998"],
                       var_name="limit", value_name="value")
    words = {w: canvas_text(i18n.label(LEVEL_WORDS[w])) for w in ("center rate", "95% limits", "99.8% limits")}
    lines["level"] = lines["limit"].map({"center": words["center rate"], "lcl_95": words["95% limits"],
                                         "ucl_95": words["95% limits"], "lcl_998": words["99.8% limits"],
                                         "ucl_998": words["99.8% limits"]})
    levels = list(words.values())
    # each limit line's key (the detail channel) is a number, not an English word in the chart's data
    lines["limit"] = lines["limit"].map({"center": 0, "lcl_95": 1, "ucl_95": 2, "lcl_998": 3, "ucl_998": 4})
    limit_lines = alt.Chart(lines.dropna()).mark_line(strokeWidth=1.2, color=NEUTRAL_COLOR).encode(
        x=x, y="value:Q", detail="limit:N",
        strokeDash=alt.StrokeDash("level:N", title=None, legend=alt.Legend(orient="top"),
                                  scale=alt.Scale(domain=levels, range=[[1, 0], [5, 4], [1, 0]])),
        opacity=alt.Opacity("level:N", legend=None,
                            scale=alt.Scale(domain=levels, range=[0.9, 0.7, 0.9])),
    )
    if select:
        # named, so layering it needs no name made from a hash of its JSON (stack's fast path)
        dots = dots.properties(name="agent_points").add_params(
            alt.selection_point(name=select, fields=["agent"], on="click"))
    # outliers are named on the chart, not only in a tooltip
    named = data[[g.startswith("outside 99.8%") for g in groups]].copy()
    named["who"] = named["agent_name"].fillna(named["agent"]).astype(str)
    labels = alt.Chart(named).mark_text(align="left", dx=7, dy=-7, fontSize=12, color="#333").encode(
        x=x, y=alt.Y("value:Q"), text=alt.Text("who:N"))
    return stack([limit_lines, dots, labels], height=height,
                 resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent")))


def span_bars(df: pd.DataFrame, label_col: str, value_col: str, band: tuple[int, int], title: str,
              height: int | None = None) -> alt.Chart:
    """Agents per leader as horizontal bars coloured by status, with the healthy band's edges as
    dashed rules. One row per leader, every name written level beside its bar (a rotated axis dropped
    all but 2 of 7 names at 1280 px), and the chart as tall as its rows."""
    data = df.copy()
    low, high = band
    from analytics.people.organization import span_words

    words = span_words(band)
    status_domain = [canvas_text(words[k]) for k in ("in range", "below", "above", "none")]
    data["status"] = [canvas_text(s) for s in data["status"]]
    # too many agents per leader misses the band (the contract's span worry); too few is near it
    status_range = [GOOD, status.look(status.NEAR).hex, BAD, NEUTRAL_COLOR]
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y(f"{label_col}:N", sort=alt.EncodingSortField(field=value_col, order="descending"), title=None,
                axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        x=alt.X(f"{value_col}:Q", title=canvas_text(_("{title} (healthy {low}–{high})").format(
            title=title, low=units.digits(str(low)), high=units.digits(str(high))))),
        color=alt.Color("status:N", title=None, legend=alt.Legend(orient="top", columns=2, labelLimit=0),
                        scale=alt.Scale(domain=status_domain, range=status_range)),
        tooltip=[alt.Tooltip(f"{label_col}:N", title=""), alt.Tooltip(f"{value_col}:Q", title=title, format=".1f"),
                 alt.Tooltip("status:N", title=_("Status"))],
    )
    rules = alt.Chart(inline({"agents": [low, high], "label": [
        canvas_text(_("healthy from {n}").format(n=units.digits(str(low)))),
        canvas_text(_("healthy up to {n}").format(n=units.digits(str(high))))]})
                      ).mark_rule(strokeDash=[6, 4], color=GOOD).encode(
        x="agents:Q", tooltip=[alt.Tooltip("label:N", title="")])
    return stack([bars, rules], height=height or rows_height(data[label_col].nunique(), 26))


def period_counts(df: pd.DataFrame, series_col: str, value_col: str, title: str, stacked: bool = True,
                  height: int = 280) -> alt.Chart:
    """People per period split by `series_col`: stacked (exit types) or side by side (hires, leavers)."""
    enc = dict(
        # every bar's period is labelled (the default overlap rule hid every other month)
        x=alt.X("period:O", title=None, sort=None,
                axis=alt.Axis(labelAngle=-45, labelOverlap=df["period"].nunique() > 24,
                              **({"labelExpr": expr} if (expr := label_expr()) else {}))),
        y=alt.Y(f"{value_col}:Q", title=title, stack="zero" if stacked else None),
        color=alt.Color(f"{series_col}:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(range=PALETTE)),
        tooltip=[alt.Tooltip("period:N", title=_("Period")), alt.Tooltip(f"{series_col}:N", title=""),
                 alt.Tooltip(f"{value_col}:Q", title=title, format=",")],
    )
    if not stacked:
        enc["xOffset"] = alt.XOffset(f"{series_col}:N")
    return alt.Chart(df).mark_bar().encode(**enc).properties(height=height)
