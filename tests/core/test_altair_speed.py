"""analytics.core.altair_speed reuses Altair's schema lookup table: the objects and specs it builds are
the ones Altair builds with a fresh table."""
import altair as alt
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
