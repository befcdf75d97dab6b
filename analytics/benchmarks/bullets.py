"""Bullet charts: one KPI's actual value as a bar, its target as a tick, the published industry range as
a shaded band and the comparison period's value as a marker — on one row, with tooltips.

`bullet_rows` is the data behind a chart (`frame` makes it the tidy frame of its CSV); `bullet_spec`
draws it as a plain Vega-Lite dict, `bullet` as the Altair chart it equals.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from analytics.core import registry
from analytics.core import status as st_lang
from analytics.core.charts import NEUTRAL_COLOR, stack
from analytics.core.numbers import as_float
from analytics.i18n import _

BAND_COLOR = "#cfd8dc"
COLUMNS = ["kpi_id", "kpi", "measure", "value", "low", "high", "label"]




def bullet_rows(k: registry.Kpi, value, target=None, band: tuple | None = None, comparison=None,
                comparison_label: str | None = None, status: str | None = None,
                band_label: str | None = None) -> list[dict]:
    """Rows: measure ∈ actual | target | industry | comparison (a row only where the value is known); the
    labels (tooltips, CSV) in the reader's language. Plain records: a page draws eleven bullets, and
    a frame per bullet (built, masked, turned back into records) cost more than drawing it."""
    comparison_label = comparison_label or _("Comparison period")
    band_label = band_label or _("Industry range")
    rows = []
    value, target, comparison = as_float(value), as_float(target), as_float(comparison)
    if value is not None:
        text = (_("Actual {value} ({status})").format(value=k.format(value), status=st_lang.look(status).word.lower())
                if status else _("Actual {value}").format(value=k.format(value)))
        rows.append(("actual", value, None, None, text))
    if target is not None:
        rows.append(("target", target, None, None, _("Target {value}").format(value=k.format(target))))
    if band is not None:
        low, high = as_float(band[0]), as_float(band[1])
        if low is not None and high is not None:
            text = k.format(low) if low == high else f"{k.format(low)} – {k.format(high)}"
            rows.append(("industry", None, low, high, _("{label} {value}").format(label=band_label, value=text)))
    if comparison is not None:
        rows.append(("comparison", comparison, None, None,
                     _("{label} {value}").format(label=comparison_label, value=k.format(comparison))))
    return [dict(zip(COLUMNS, (k.id, k.label, *r)), status=status) for r in rows]


def frame(rows: list[dict]) -> pd.DataFrame:
    """bullet_rows as the tidy frame behind a chart (its CSV, the Altair version)."""
    return pd.DataFrame(rows, columns=[*COLUMNS, "status"]).astype({"value": float, "low": float, "high": float})


def bullet_frame(k: registry.Kpi, value, target=None, band: tuple | None = None, comparison=None,
                 comparison_label: str | None = None, status: str | None = None,
                 band_label: str | None = None) -> pd.DataFrame:
    """bullet_rows(...) as a frame."""
    return frame(bullet_rows(k, value, target, band, comparison, comparison_label, status, band_label))


def _domain(rows: list[dict], k: registry.Kpi) -> list[float]:
    """From 0 (or below, for negative values) to a little past the largest point; percentages stop at 100."""
    points = [float(r[c]) for r in rows for c in ("value", "low", "high")
              if r[c] is not None and not (isinstance(r[c], float) and math.isnan(r[c]))] + [0.0]
    lo, hi = min(points), max(points)
    pad = (hi - lo) * 0.08 or 1.0
    lo = lo - pad if lo < 0 else 0.0
    top = hi + pad
    if k.unit == "pct" and hi <= 100.0:
        top = min(top, 100.0)
    return [lo, top]


def bullet(df: pd.DataFrame, k: registry.Kpi, height: int = 64) -> alt.Chart:
    """Draw bullet_frame(...) output. Bar colour: the status language's (blue on target, vermillion off it,
    grey without one)."""
    data = df.copy()
    data["row"] = k.label
    x_scale = alt.Scale(domain=_domain(data.to_dict("records"), k), nice=False)
    fmt = k.display.d3_ticks
    y = alt.Y("row:N", title=None, axis=alt.Axis(labels=False, ticks=False, domain=False))
    tooltip = [alt.Tooltip("label:N", title=k.label)]

    # the layers share one top-level dataset: data given to each layer would make Altair hash the
    # frame's text for every layer before hoisting it (most of the time of drawing a bullet)
    def layer(measure: str):
        return alt.Chart().transform_filter(alt.datum.measure == measure)

    status = data["status"].iloc[0] if len(data) else None
    # no status (no target, no good direction, an unstable rate): the status colours' own grey, never
    # the blue that means on target
    bar_color = st_lang.look(status).hex
    x = alt.X("value:Q", scale=x_scale, title=None, axis=alt.Axis(format=fmt))
    layers = []
    measures = data["measure"].tolist()  # a few rows: plain lists beat a pandas mask on string columns
    if "industry" in measures:
        at = measures.index("industry")
        if float(data["low"].iloc[at]) < float(data["high"].iloc[at]):
            layers.append(layer("industry").mark_bar(color=BAND_COLOR, size=height * 0.6).encode(
                x=alt.X("low:Q", scale=x_scale, title=None, axis=alt.Axis(format=fmt)), x2="high:Q", y=y,
                tooltip=tooltip))
        else:  # a single published figure: a wide grey rule where a range would be
            layers.append(layer("industry").mark_tick(color="#90a4ae", thickness=8, size=height * 0.6).encode(
                x=alt.X("low:Q", scale=x_scale, title=None, axis=alt.Axis(format=fmt)), y=y, tooltip=tooltip))
    layers.append(layer("actual").mark_bar(color=bar_color, size=height * 0.25).encode(
        x=x, x2=alt.X2Datum(0), y=y, tooltip=tooltip))
    layers.append(layer("target").mark_tick(color="#212121", thickness=3, size=height * 0.7).encode(
        x=x, y=y, tooltip=tooltip))
    layers.append(layer("comparison").mark_point(shape="diamond", filled=True, size=90, color=NEUTRAL_COLOR,
                                                 opacity=0.9).encode(x=x, y=y, tooltip=tooltip))
    return stack(layers, data=data, height=height)  # one LayerChart: .properties() copies and re-checks it


def bullet_spec(rows: list[dict] | pd.DataFrame, k: registry.Kpi, height: int = 64) -> dict:
    """bullet(df, k) as a plain Vega-Lite dict, with the data inline in each layer: the same layers,
    encodings and colours. A page of bullets spent most of its time in Altair building and copying these small
    specs (~25 ms each); the dict costs well under a millisecond. tests/core/test_fast_paths.py checks that it
    equals bullet(df, k).to_dict() (which Altair validates against the schema), the rows aside."""
    if isinstance(rows, pd.DataFrame):
        rows = rows.to_dict("records")
    values = [{c: (None if isinstance(v, float) and math.isnan(v) else v) for c, v in r.items()} | {"row": k.label}
              for r in rows]
    domain = _domain(values, k)
    fmt = k.display.d3_ticks
    y = {"axis": {"domain": False, "labels": False, "ticks": False}, "field": "row", "title": None,
         "type": "nominal"}
    tooltip = [{"field": "label", "title": k.label, "type": "nominal"}]

    def x(field: str) -> dict:
        return {"axis": {"format": fmt}, "field": field, "scale": {"domain": domain, "nice": False},
                "title": None, "type": "quantitative"}

    # The rows go into every layer rather than once at the top: Streamlit moves top-level inline rows
    # out of the spec into an Arrow table (~4 ms for four rows, 11 bullets a page) but leaves a
    # layer's own rows in the JSON. Vega-Lite draws both the same.
    def layer(measure: str, mark: dict, encoding: dict) -> dict:
        return {"data": {"values": values}, "mark": mark, "encoding": {"tooltip": tooltip, **encoding, "y": y},
                "transform": [{"filter": f"(datum.measure === '{measure}')"}]}

    status = values[0]["status"] if values else None
    # no status (no target, no good direction, an unstable rate): the status colours' own grey, never
    # the blue that means on target
    bar_color = st_lang.look(status).hex
    layers = []
    measures = [r["measure"] for r in values]
    if "industry" in measures:
        band = values[measures.index("industry")]
        if float(band["low"]) < float(band["high"]):
            layers.append(layer("industry", {"type": "bar", "color": BAND_COLOR, "size": height * 0.6},
                                {"x": x("low"), "x2": {"field": "high"}}))
        else:
            layers.append(layer("industry", {"type": "tick", "color": "#90a4ae", "size": height * 0.6, "thickness": 8},
                                {"x": x("low")}))
    layers.append(layer("actual", {"type": "bar", "color": bar_color, "size": height * 0.25},
                        {"x": x("value"), "x2": {"datum": 0}}))
    layers.append(layer("target", {"type": "tick", "color": "#212121", "size": height * 0.7, "thickness": 3},
                        {"x": x("value")}))
    layers.append(layer("comparison", {"type": "point", "color": NEUTRAL_COLOR, "filled": True, "opacity": 0.9,
                                       "shape": "diamond", "size": 90}, {"x": x("value")}))
    return {"$schema": alt.SCHEMA_URL, "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
            "height": height, "layer": layers}
