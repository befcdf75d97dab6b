"""analytics.core.altair_speed reuses Altair's schema lookup table: the objects and specs it builds are
the ones Altair builds with a fresh table."""
import altair as alt
import pytest
import pandas as pd
from altair.utils import schemapi

from analytics.core import altair_speed


def _fresh_from_dict(cls, dct):
    return schemapi._FromDict(cls._default_wrapper_classes()).from_dict(dct, cls)


def test_patch_is_installed_once():
    assert getattr(schemapi.SchemaBase.from_dict, "_switchboard_memo", False)
    assert altair_speed.converter(alt.X) is altair_speed.converter(alt.Tooltip)  # one table for Vega-Lite


def test_reused_table_equals_a_fresh_one():
    fresh = schemapi._FromDict(alt.X._default_wrapper_classes()).class_dict
    reused = altair_speed.converter(alt.X).class_dict
    assert {k: v for k, v in reused.items() if v} == {k: v for k, v in fresh.items() if v}


def test_shorthands_build_the_same_channels_and_spec():
    for cls, dct in [(alt.X, {"shorthand": "day:T"}), (alt.Tooltip, {"shorthand": "risk:Q", "format": ".1%"}),
                     (alt.Color, {"shorthand": "band:N", "scale": {"domain": ["a", "b"], "range": ["#000", "#fff"]}}),
                     (alt.Y, {"field": "x", "type": "quantitative", "axis": {"format": "%"}})]:
        ours, theirs = cls.from_dict(dct, validate=False), _fresh_from_dict(cls, dct)
        assert type(ours) is type(theirs)
        assert ours.to_dict(validate=False) == theirs.to_dict(validate=False)
    df = pd.DataFrame({"day": pd.to_datetime(["2026-01-01", "2026-01-02"]), "v": [1.0, 2.0], "g": ["a", "b"]})
    ch = alt.Chart(df).mark_line().encode(x="day:T", y=alt.Y("v:Q", title="Value"), color="g:N",
                                          tooltip=["day:T", "v:Q", alt.Tooltip("g:N", title="Group")])
    spec = ch.to_dict()  # validated against the Vega-Lite schema
    assert spec["encoding"]["x"] == {"field": "day", "type": "temporal"}
    assert spec["encoding"]["tooltip"][2] == {"field": "g", "type": "nominal", "title": "Group"}
    assert alt.Chart.from_dict(spec).to_dict() == spec  # a whole chart round-trips


def _layers(kind: str):
    df = pd.DataFrame({"t": pd.date_range("2026-01-01", periods=6, freq="30min"), "a": [1.0, 2, 3, 4, 5, 6],
                       "b": [2.0, 2, 2, 3, 3, 3], "s": list("xyxyxy")})
    base = alt.Chart(df).encode(x=alt.X("t:T", title="Interval"))
    bars = base.mark_bar(opacity=0.8).encode(
        y=alt.Y("a:Q", title="Agents"), color=alt.Color("s:N", scale=alt.Scale(domain=["x", "y"], range=["#000", "#fff"])),
        tooltip=[alt.Tooltip("a:Q", format=".0f"), alt.Tooltip("s:N", title="Status")])
    line = base.mark_line(point=True).encode(y="b:Q")
    rule = alt.Chart(pd.DataFrame({"target": [2.5]})).mark_rule(strokeDash=[6, 4]).encode(y="target:Q")
    if kind == "shared data":
        return [bars, line]
    if kind == "own data":
        return [line, rule]
    if kind == "three, mixed":
        return [bars, line, rule]
    if kind == "a selection":
        pick = alt.selection_point(name="pick", fields=["s"])
        return [bars.add_params(pick), rule]
    if kind == "a named selection":
        pick = alt.selection_point(name="pick", fields=["s"], on="click")
        return [line, bars.properties(name="bars").add_params(pick), rule]
    if kind == "two named selections":
        pick, brush = alt.selection_point(name="pick", fields=["s"]), alt.selection_interval(name="brush", encodings=["x"])
        return [bars.properties(name="bars").add_params(pick), line.properties(name="line").add_params(brush)]
    if kind == "named, no selection":
        return [bars.properties(name="bars"), rule]
    raise ValueError(kind)


FAST = ["shared data", "own data", "three, mixed", "a named selection", "two named selections", "named, no selection"]


RESOLVE = alt.Resolve(scale=alt.ScaleResolveMap(color="independent"))


@pytest.mark.parametrize("kind", FAST + ["a selection"])
@pytest.mark.parametrize("props", [{}, {"height": 200}, {"height": 120, "width": 760}, {"resolve": RESOLVE}])
def test_stack_writes_the_spec_alt_layer_writes(kind, props):
    from analytics.core import charts

    ours = charts.stack(_layers(kind), **props).to_dict()  # validated against the Vega-Lite schema
    theirs = alt.layer(*_layers(kind), **props).to_dict()
    assert ours == theirs


@pytest.mark.parametrize("kind", FAST)
def test_stack_layers_these_without_alt_layer(kind, monkeypatch):
    """What the fast path is for: these never pay alt.layer's copies (an unnamed selection still does)."""
    from analytics.core import charts

    def refuse(*a, **k):
        raise AssertionError("alt.layer called")

    monkeypatch.setattr(alt, "layer", refuse)
    charts.stack(_layers(kind), height=200).to_dict()
    with pytest.raises(AssertionError, match="alt.layer called"):
        charts.stack(_layers("a selection"))


@pytest.mark.parametrize("kind", ["shared data", "a named selection", "two named selections"])
def test_stack_leaves_the_callers_charts_as_they_were(kind):
    from analytics.core import charts

    layers = _layers(kind)
    before = [c.to_dict() for c in layers]
    charts.stack(layers, height=200).to_dict()
    assert [c.to_dict() for c in layers] == before


@pytest.mark.parametrize("selection", [False, True])
def test_column_writes_the_spec_alt_vconcat_writes(selection):
    """Two layered parts sharing data, sized, as a staffing day draws them (a selection: alt.vconcat's path)."""
    from analytics.core import charts

    def parts():
        top = _layers("a selection" if selection else "shared data")
        return [charts.stack(top, height=280, width=760), charts.stack(_layers("own data"), height=120, width=760)]

    ours, theirs = charts.column(parts()), alt.vconcat(*parts())
    assert isinstance(ours, alt.VConcatChart)
    assert ours.to_dict() == theirs.to_dict()


@pytest.mark.parametrize("kind", FAST + ["a selection"])
def test_drawing_a_stack_does_not_merge_its_layers_again(kind, monkeypatch):
    """Drawing starts with a shallow copy, whose constructor would merge the layers again (deep copies);
    a stacked chart's copy skips that and draws the same spec, also after .properties() and in a column."""
    from altair.vegalite.v6 import api

    from analytics.core import charts

    ours = charts.stack(_layers(kind), height=200)
    theirs = alt.layer(*_layers(kind), height=200)
    col = charts.column([charts.stack(_layers(kind), height=200, width=700),
                         charts.stack(_layers("own data"), height=100, width=700)])
    col_theirs = alt.vconcat(alt.layer(*_layers(kind), height=200, width=700),
                             alt.layer(*_layers("own data"), height=100, width=700))
    fa = {"number": {"decimal": "٫", "thousands": "٬", "grouping": [3], "currency": ["", ""]}}
    expected = [theirs.to_dict(), theirs.properties(width=500).to_dict(), col_theirs.to_dict(),
                theirs.configure(locale=fa).to_dict(), theirs.copy(deep=["layer"]).to_dict()]
    calls = []
    real = api._combine_subchart_params
    monkeypatch.setattr(api, "_combine_subchart_params", lambda *a: calls.append(1) or real(*a))
    drawn = [ours.to_dict(), ours.properties(width=500).to_dict(), col.to_dict(),
             ours.configure(locale=fa).to_dict(), ours.copy(deep=["layer"]).to_dict()]
    assert calls == []
    assert drawn == expected
    assert ours.to_dict() == expected[0]  # drawing left the chart as it was
    clone = ours.copy(deep=False)
    clone.layer.append(clone.layer[0])
    assert ours.to_dict() == expected[0]  # nor does a change to a copy's parts
    configured = ours.configure(locale=fa)
    deeper = configured.copy(deep=["config"])  # Altair's partial copy: the named attributes a level deep
    deeper.config["background"] = "#000"
    assert configured.to_dict() == expected[3]


def test_inline_rows_are_plain_json_and_draw_like_a_frame():
    """Constant rows go into the spec and stay there (no Arrow table to serialize when drawn): numbers
    as plain floats, one row per position, named by their content, the same marks as from a DataFrame."""
    import json

    import numpy as np
    from streamlit.elements import vega_charts

    from analytics.core import charts

    data = charts.inline({"target": [np.float64(80.5), 90], "label": ["Target 80.5%", "هدف ۹۰٪"]})
    rows = [{"target": 80.5, "label": "Target 80.5%"}, {"target": 90, "label": "هدف ۹۰٪"}]
    assert data.to_dict()["values"] == rows and type(data.to_dict()["values"][0]["target"]) is float
    assert data.name == charts.inline({"target": [80.5, 90], "label": ["Target 80.5%", "هدف ۹۰٪"]}).name
    assert data.name != charts.inline({"target": [80.5, 91], "label": ["Target 80.5%", "هدف ۹۰٪"]}).name
    json.dumps(data.to_dict())
    rule = alt.Chart(data).mark_rule().encode(y="target:Q", tooltip=[alt.Tooltip("label:N")])
    line = alt.Chart(pd.DataFrame({"target": [70.0, 75.0], "x": [1, 2]})).mark_line().encode(x="x:Q", y="target:Q")
    spec = charts.stack([line, rule]).to_dict()  # validated against the Vega-Lite schema
    assert spec["layer"][1]["data"] == {"values": rows, "name": data.name}
    frame = alt.Chart(pd.DataFrame({"target": [80.5, 90], "label": ["Target 80.5%", "هدف ۹۰٪"]})).mark_rule().encode(
        y="target:Q", tooltip=[alt.Tooltip("label:N")]).to_dict()
    assert {k: v for k, v in spec["layer"][1].items() if k != "data"} == \
        {k: v for k, v in frame.items() if k not in ("data", "datasets", "$schema", "config")}
    # Streamlit sends the frame's rows as an Arrow table and leaves the spec's own rows where they are
    drawn = vega_charts._convert_altair_to_vega_lite_spec(charts.stack([line, rule]))
    assert len(drawn["datasets"]) == 1 and drawn["layer"][1]["data"]["values"] == rows
