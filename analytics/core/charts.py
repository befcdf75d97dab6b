"""Altair chart builders shared by the pages and the report export. Charts take tidy frames and
KPI definitions; they never query. Every chart has tooltips."""
from __future__ import annotations

import functools
import hashlib
import json

import altair as alt
import pandas as pd

from analytics.core import altair_speed  # noqa: F401  (reuses Altair's schema lookup table)
from analytics.core import calendars, registry, status, units
from analytics.core.registry import Kpi
from analytics.i18n import _, current, gettext

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
# good and bad in the status language's colours (analytics.core.status: blue meets, vermillion misses;
# Okabe–Ito, told apart by colour-blind readers), so a chart never says "good" in a green the
# legend above it does not use
GOOD, BAD, NEUTRAL_COLOR = status.BLUE, status.VERMILLION, "#607d8b"


def axis_title(k: Kpi) -> str:
    """A value axis's title: the KPI's label and its unit, "Service level (%)"."""
    suffix = k.display.title_suffix
    title = k.label + (gettext(suffix) if suffix else "")
    # Vega's canvas lays a title out left to right: without a right-to-left mark after it, a Persian
    # title's closing "(٪)" lands at its start ("(٪) سطح خدمت")
    return title + "\u200f" if current() == "fa" and suffix else title


def canvas_text(text):
    """Words drawn on Vega's canvas (axis labels, titles, legend entries) as one right-to-left run in
    Persian: the canvas lays text out left to right, so a label that starts with a number ('۵ ثانیه–۱۰
    ثانیه') or ends with one or a parenthesis ('سهم (٪)') had its parts drawn in the wrong order.
    Right-to-left marks at both ends keep it in reading order. Other languages, and non-text: unchanged."""
    return f"\u200f{text}\u200f" if current() == "fa" and isinstance(text, str) and text else text


# Persian numerals on the axes: Vega formats numbers with d3-format, whose locale carries the digits
# (config.locale, set by localize() for the whole chart); period labels are text, so their digits are
# swapped by a label expression. The time axis runs left to right in every language (docs/i18n.md).
_FA_NUMBER_LOCALE = {"decimal": "٫", "thousands": "٬", "grouping": [3], "currency": ["", ""],
                     "numerals": list("۰۱۲۳۴۵۶۷۸۹"), "percent": "٪", "minus": "−"}


def localize(ch):
    """The chart in the active language's number locale (Persian digits and separators)."""
    if current() != "fa":
        return ch
    return ch.configure(locale={"number": _FA_NUMBER_LOCALE})


def localize_spec(spec: dict) -> dict:
    """localize() for a chart given as a Vega-Lite dict."""
    if current() != "fa":
        return spec
    return {**spec, "config": {**spec.get("config", {}), "locale": {"number": _FA_NUMBER_LOCALE}}}


def label_expr() -> str | None:
    """A Vega label expression writing a text label's digits in the active language (None: as is)."""
    if current() != "fa":
        return None
    expr = "datum.label + ''"
    for n, d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
        expr = f"replace({expr}, /{n}/g, '{d}')"
    return expr


# Streamlit draws a chart with width="stretch" fitted to its height *including* the legend, the axes
# and their titles: a chart sized to its rows adds this much for them, or its bars get squashed.
CHART_CHROME_PX = 100


def inline(columns: dict) -> alt.InlineData:
    """A few constant rows (a target line, a zero line, a diagonal) written into the spec itself. A
    DataFrame is serialized to Arrow when the chart is drawn, ~1.2 ms even for one row: a page with
    five target lines spent more on them than on its largest chart's data. Named after their content:
    Altair gathers unnamed inline rows into the spec's datasets, which Streamlit turns into Arrow again."""
    rows = [{k: (v.item() if hasattr(v, "item") else v) for k, v in zip(columns, values)}
            for values in zip(*columns.values())]
    digest = hashlib.sha1(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    return alt.InlineData(values=rows, name=f"rows-{digest}")


def rows_height(rows: int, row_px: int, minimum: int = 160) -> int:
    """The height of a chart with `rows` rows of `row_px` each, plus its legend and axes."""
    return max(minimum, rows * row_px + CHART_CHROME_PX)


def trend(df: pd.DataFrame, k: Kpi, period_col: str, series_col: str | None = None,
          target: float | None = None, height: int = 320, calendar: str | None = None) -> alt.Chart:
    """A KPI over time; `series_col` splits lines (e.g. 'series' = current/comparison, or queue).
    The periods are labelled in `calendar` (default: the view's, calendars.current()) and drawn in the
    frame's order, which is chronological."""
    data = df.copy()
    data[period_col] = calendars.axis_labels(data[period_col], calendar)
    data["value_label"] = [k.format(v) for v in data[k.id]]
    # channel objects, not alt.value dicts or "field:Q" strings: encode() turns those into objects through
    # Altair's from_dict, which hashes the whole Vega-Lite schema each time (~5 ms per channel); same spec
    color = (alt.Color(f"{series_col}:N", title=None, legend=alt.Legend(orient="top")) if series_col
             else alt.ColorValue(PALETTE[0]))
    tooltip = [alt.Tooltip(f"{period_col}:N", title=_("Period")), alt.Tooltip("value_label:N", title=k.label)]
    if series_col:
        tooltip.insert(0, alt.Tooltip(f"{series_col}:N", title=""))
    base = alt.Chart(data).encode(
        # every period labelled while they fit (up to 24); beyond that the overlap rule thins them
        x=alt.X(f"{period_col}:O", title=None, sort=None,
                axis=alt.Axis(labelAngle=-45, labelOverlap=data[period_col].nunique() > 24,
                              **({"labelExpr": label_expr()} if label_expr() else {}))),
        y=alt.Y(f"{k.id}:Q", title=axis_title(k), axis=alt.Axis(format=k.display.d3),
                scale=alt.Scale(zero=k.unit in ("count",))),
        color=color,
        tooltip=tooltip,
    )
    layers = [base.mark_line(point=True, strokeWidth=2)]
    if target is not None:
        rule = alt.Chart(inline({"target": [target], "label": [_("Target {value}").format(value=k.format(target))]})).mark_rule(
            strokeDash=[6, 4], color=NEUTRAL_COLOR).encode(y=alt.Y("target:Q"), tooltip=[alt.Tooltip("label:N", title="")])
        layers.append(rule)
    return stack(layers, height=height)


def stack(layers: list, **properties):
    """alt.layer(*layers) with `properties`, or the one chart itself when there is one. alt.layer
    deep-copies each layer's whole schema tree two or three times as it is made (so that merging the
    layers' selections, sizes and data never changes a chart the caller still holds): two thirds of the
    time of building a one-line trend. Layers that are single charts with no size of their own, and
    whose selections (if any) sit on a chart with a name of its own, have nothing to merge but their
    data and those selections: they are layered as they are, the data they share moved to the top and
    each selection lifted to the top with its chart's name as its view, as alt.layer does (an unnamed
    chart's selection would need alt.layer's name, a hash of the chart's JSON, data included: that case
    goes to alt.layer). The spec is the one alt.layer writes (tests/core/test_altair_speed.py)."""
    if len(layers) == 1:
        return layers[0].properties(**properties)
    if not _layerable(layers):
        return _merged(alt.layer(*layers, **properties))
    out = alt.LayerChart(**properties)
    data = layers[0]._get("data")
    shared = data is not alt.Undefined and "data" not in properties and all(c._get("data") is data for c in layers)
    lifted, charts = [], []
    for chart in layers:
        params = chart._get("params")
        if shared or params is not alt.Undefined:
            chart = chart.copy(deep=False)  # the caller's chart keeps its data and selection
        if shared:
            chart.data = alt.Undefined
        if params is not alt.Undefined:
            lifted += [alt.TopLevelSelectionParameter(**p.to_dict(), views=[chart.name]) for p in params]
            chart.params = alt.Undefined
        charts.append(chart)
    if shared:
        out.data = data
    if lifted:
        out.params = lifted
    out.layer = charts
    return _merged(out)


def column(parts: list) -> alt.VConcatChart:
    """alt.vconcat(*parts), without its copies when nothing in the parts is a selection or has a name
    (what its merging is for; stack's reasoning): a staffing day, two layered parts, spent more on the
    copies than on drawing. The spec is the one alt.vconcat writes (tests/core/test_altair_speed.py)."""
    if not all(_unnamed(part) for part in parts):
        return _merged(alt.vconcat(*parts))
    out = alt.VConcatChart()
    out.vconcat = list(parts)
    return _merged(out)


def _merged(chart):
    """A compound chart whose parts are merged already (by its builder or by stack/column), with a
    shallow copy that does not merge them again. Drawing a chart starts with a shallow copy of it, and
    a layered or concatenated chart's constructor re-runs the merge, which deep-copies every part two or
    three times, at every level of nesting (a staffing day: ~25 ms a view). Merging merged parts changes
    nothing, so the copy is the same chart (tests/core/test_altair_speed.py). Its compound parts were
    merged as it was made, so they are marked too."""
    object.__setattr__(chart, "copy", functools.partial(_merged_copy, chart))
    for key in _PARTS:
        parts = chart._kwds.get(key)
        for part in parts if isinstance(parts, list) else []:
            if isinstance(part, _COMPOUND) and "copy" not in vars(part):
                _merged(part)
    return chart


_PARTS = ("layer", "vconcat", "hconcat", "concat")
_COMPOUND = (alt.LayerChart, alt.VConcatChart, alt.HConcatChart, alt.ConcatChart)


def _merged_copy(chart, deep=True, ignore=None):
    if deep is True:
        return type(chart).copy(chart, deep, ignore)
    clone = type(chart).__new__(type(chart))
    # what SchemaBase.__init__ stores, without the subclass's merge; lists copied as its constructor
    # copies the parts' list, so a change to the copy's parts never reaches the original
    object.__setattr__(clone, "_args", chart._args)
    object.__setattr__(clone, "_kwds", {k: list(v) if isinstance(v, list) else v for k, v in chart._kwds.items()})
    for attr in deep or ():  # copy(deep=[names]): those attributes one level deep, as SchemaBase.copy
        value = clone._get(attr)
        clone[attr] = value.copy(deep=False) if isinstance(value, alt.SchemaBase) else (
            value.copy() if isinstance(value, (list, dict)) else value)
    return _merged(clone)


def _unnamed(chart) -> bool:
    """No selection and no name, in the chart or any of its layers."""
    if chart._get("params") is not alt.Undefined or chart._get("name") is not alt.Undefined:
        return False
    return all(_unnamed(layer) for layer in (chart.layer if isinstance(chart, alt.LayerChart) else []))


def _sizeless(chart) -> bool:
    return type(chart) is alt.Chart and all(chart._get(p) is alt.Undefined for p in ("width", "height", "view"))


def _layerable(layers: list) -> bool:
    """Layers stack() may put together without alt.layer: sizeless single charts, each either plain or
    a named chart whose selections are distinct (alt.layer would merge two alike)."""
    names = []
    for chart in layers:
        if not _sizeless(chart):
            return False
        params = chart._get("params")
        if params is alt.Undefined:
            continue
        if chart._get("name") is alt.Undefined or not all(type(p) is alt.SelectionParameter for p in params):
            return False
        names += [p.name for p in params]
    return len(names) == len(set(names))


def bars(df: pd.DataFrame, k: Kpi, category_col: str, label_col: str | None = None,
         target: float | None = None, height: int | None = None) -> alt.Chart:
    data = df.copy()
    data["value_label"] = [k.format(v) for v in data[k.id]]
    label = label_col or category_col
    ascending = k.direction == registry.LOWER_IS_BETTER
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y(f"{label}:N", sort=alt.EncodingSortField(field=k.id, order="ascending" if ascending else "descending"),
                title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X(f"{k.id}:Q", title=axis_title(k), axis=alt.Axis(format=k.display.d3)),
        tooltip=[alt.Tooltip(f"{label}:N", title=""), alt.Tooltip("value_label:N", title=k.label)],
        color=alt.ColorValue(PALETTE[0]),  # a channel object: see trend()
    )
    layers = [chart]
    if target is not None:
        layers.append(alt.Chart(inline({"target": [target]})).mark_rule(
            strokeDash=[6, 4], color=BAD).encode(x=alt.X("target:Q")))
    return stack(layers, height=height or max(120, 22 * len(data)))


def heatmap(df: pd.DataFrame, k: Kpi, x: str = "hour", y: str = "weekday", height: int = 240,
            target: float | None = None, select: str | None = None,
            selected: tuple | None = None) -> alt.Chart:
    """Weekday × hour heatmap in the status language: with a target, a diverging scale centred on it
    (vermillion on the bad side, blue on the good side, light at the target), and each cell's status
    word in its tooltip; without one, a sequential scale that says nothing about good or bad."""
    from analytics.core import status

    data = df.copy()
    data["value_label"] = [k.format(v) for v in data[k.id]]
    data["status_word"] = [status.look(status.of(k.id, v, target)).word if target is not None else ""
                           for v in data[k.id]]
    scale = alt.Scale(**status.diverging_scale(k, target, data[k.id].tolist()))
    weekdays = calendars.week_order(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])   # Saturday first when Persian
    # `select`: clicking a cell selects its (y, x) — the page opens that cell's calls; `selected`: the
    # cell open now (from the URL too), outlined
    data["selected"] = ([(a, b) == tuple(selected) for a, b in zip(data[y], data[x])] if selected
                        else False)
    # the weekday keys (Mon … Sun) stay the data (the click's selection, the CSV, the URL's slot); the
    # axis and tooltip show the language's CLDR names
    keys = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    names = {d: units.weekday_name(i + 1) for i, d in enumerate(keys)}
    data["day_label"] = [names.get(d, d) for d in data[y]]
    day_expr = "datum.value"
    for d in reversed(keys):
        if names[d] != d:
            day_expr = f"datum.value === '{d}' ? '{names[d]}' : ({day_expr})"
    y_axis = alt.Axis(labelExpr=day_expr) if day_expr != "datum.value" else alt.Axis()
    x_axis = alt.Axis(labelAngle=0, **({"labelExpr": label_expr()} if label_expr() else {}))
    data["hour_label"] = [units.digits(str(h)) for h in data[x]]
    chart = alt.Chart(data).mark_rect(stroke="#222222", cursor="pointer" if select else "default").encode(
        strokeWidth=alt.StrokeWidthValue(0, condition=alt.ConditionalPredicateValueDefnumberExprRef(
            test="datum.selected", value=3)),
        x=alt.X(f"{x}:O", title=_("Hour of day"), axis=x_axis),  # hours read upright
        y=alt.Y(f"{y}:N", sort=weekdays, title=None, axis=y_axis),
        color=alt.Color(f"{k.id}:Q", title=axis_title(k), scale=scale),
        tooltip=[alt.Tooltip("day_label:N", title=_("Weekday")), alt.Tooltip("hour_label:N", title=_("Hour")),
                 alt.Tooltip("value_label:N", title=k.label)]
        + ([alt.Tooltip("status_word:N", title=_("Status"))] if target is not None else []),
    ).properties(height=height)
    if select:
        chart = chart.add_params(alt.selection_point(name=select, fields=[y, x], on="click"))
    return chart


def histogram(df: pd.DataFrame, value_col: str, title: str, count_col: str = "calls",
              color_col: str | None = None, height: int = 380, count_title: str | None = None) -> alt.Chart:
    """Pre-binned distribution: df has a bin label/start column `value_col` and a count (its axis titled
    `count_title`, translated by the caller; default: the column's name in words)."""
    count_title = count_title or count_col.replace("_", " ").capitalize()
    enc = dict(
        # every bin labelled (no overlap culling); the height leaves room for the slanted labels and legend
        x=alt.X(f"{value_col}:O", title=title, sort=None,
                axis=alt.Axis(labelAngle=-35, labelOverlap=False,
                              **({"labelExpr": label_expr()} if label_expr() else {}))),
        y=alt.Y(f"{count_col}:Q", title=count_title),
        tooltip=[alt.Tooltip(f"{value_col}:O", title=title),
                 alt.Tooltip(f"{count_col}:Q", title=count_title, format=",")],
    )
    if color_col:
        enc["color"] = alt.Color(f"{color_col}:N", title=None, legend=alt.Legend(orient="top"))
        enc["tooltip"].insert(0, alt.Tooltip(f"{color_col}:N", title=""))
    return alt.Chart(df).mark_bar().encode(**enc).properties(height=height)
