"""The faster ways pages draw and compute give the same output as the straightforward ones: the bullet
spec written as a dict equals Altair's, the review's queue table taken from the highlights' per-queue
frame equals its own query, and hour segments of calls KPIs alone name the same drivers."""
import json

import pandas as pd
import pytest

from analytics.benchmarks import bullets as bullet_charts
from analytics.core import metrics, warehouse
from analytics.core import registry
from analytics.review import build, highlights
from analytics.review import period as rp
from vegalite_check import validate
from review_planted import build_planted


def _altair_inline(df, k) -> dict:
    spec = bullet_charts.bullet(df, k).to_dict()   # validated by Altair
    datasets = spec.pop("datasets")
    spec["data"] = {"values": datasets[spec["data"]["name"]]}
    return spec


@pytest.mark.parametrize("kid", ["service_level_pct", "aht_s", "nps", "offered", "abandon_rate_pct"])
def test_bullet_spec_equals_the_altair_chart(kid):
    k = registry.get(kid)
    frames = [
        bullet_charts.bullet_frame(k, 78.2, 80, (70, 85), 75.0, status="missed"),
        bullet_charts.bullet_frame(k, 78.2, 80, (70, 70), None, status="met"),   # one published figure
        bullet_charts.bullet_frame(k, -5, None, (None, None), 3.0),
        bullet_charts.bullet_frame(k, None, 10, (1, 2), None, comparison_label="Same period last year"),
    ]
    for df in frames:
        spec = bullet_charts.bullet_spec(df, k)
        validate(spec)
        # every layer carries the rows (Streamlit leaves them in the spec): the same rows Altair hoists
        rows = [layer.pop("data") for layer in spec["layer"]]
        assert "data" not in spec and all(r == rows[0] for r in rows)
        spec["data"] = rows[0]
        assert json.dumps(spec, sort_keys=True) == json.dumps(_altair_inline(df, k), sort_keys=True)


def test_streamlit_keeps_a_bullets_rows_in_the_spec():
    """No Arrow table per bullet: the rows reach the browser inside the spec, as the page drew them."""
    from streamlit.elements.vega_charts import _marshall_chart_data
    from streamlit.proto.VegaLiteChart_pb2 import VegaLiteChart

    k = registry.get("service_level_pct")
    df = bullet_charts.bullet_frame(k, 78.2, 80, (70, 85), 75.0, status="missed")
    spec = bullet_charts.bullet_spec(df, k)
    proto = VegaLiteChart()
    _marshall_chart_data(proto, spec)
    assert not proto.HasField("data") and not proto.datasets
    assert [r["measure"] for r in spec["layer"][0]["data"]["values"]] == ["actual", "target", "industry", "comparison"]


def test_bullet_spec_is_json_with_no_nan():
    k = registry.get("service_level_pct")
    spec = bullet_charts.bullet_spec(bullet_charts.bullet_frame(k, 70.0, None, None, None), k)
    json.dumps(spec, allow_nan=False)   # raises on NaN: Vega-Lite reads JSON


def test_validate_rejects_a_broken_spec():
    k = registry.get("service_level_pct")
    spec = bullet_charts.bullet_spec(bullet_charts.bullet_frame(k, 70.0, 80.0, None, None), k)
    spec["layer"][0]["mark"]["type"] = "bars"
    with pytest.raises(Exception):
        validate(spec)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return build_planted(tmp_path_factory.mktemp("planted") / "planted.duckdb")


def test_review_queue_table_equals_its_own_query(planted, sample_db):
    for db, label in ((planted, "2026-W46"), (sample_db, "2026-W46"), (sample_db, "2026-10")):
        with warehouse.read_connection(db) as con:
            review = build.build_review(con, rp.parse(label), db_path=db)
            direct = metrics.compute(con, build.filters_for(rp.parse(label)), list(build.QUEUE_IDS), by="queue")
        pd.testing.assert_frame_equal(review.by_queue, direct, check_exact=False, rtol=1e-12)


def test_hour_segments_of_calls_kpis_name_the_same_drivers(planted):
    period = rp.parse("2026-W46")
    f, fp = build.filters_for(period), build.filters_for(period.previous())
    ids = list(highlights.CANDIDATES)
    calls_ids = [i for i in ids if registry.get(i).source in ("calls", "queue_service")]
    with warehouse.read_connection(planted) as con:
        cur = metrics.compute_one(con, f, ids, with_stats=True)
        prev = metrics.compute_one(con, fp, ids, with_stats=True)
        queue = tuple(metrics.compute(con, p, ids, by="queue", with_stats=True) for p in (f, fp))
        every = tuple(metrics.compute(con, p, ids, by="hour", with_stats=True) for p in (f, fp))
        calls_only = tuple(metrics.compute(con, p, calls_ids, by="hour", with_stats=True) for p in (f, fp))
    a = highlights.rank(cur, prev, {"queue": queue, "hour": every})
    b = highlights.rank(cur, prev, {"queue": queue, "hour": calls_only})
    assert [h.text for h in a] == [h.text for h in b]
    assert any(d.endswith(" h") for h in b for d in h.drivers)   # the planted time block is still found


def test_a_bullets_csv_is_built_only_when_asked_and_equals_the_frames():
    """The page hands the download a function for the bullet's frame: nothing is built while drawing,
    and the CSV a click gets is the frame's own."""
    from analytics.ui import components

    k = registry.get("aht_s")
    rows = bullet_charts.bullet_rows(k, 312.0, 300, (190, 420), 305.0, status="missed")
    built = []

    def make():
        built.append(1)
        return bullet_charts.frame(rows)
    write = components._csv_writer(make)
    assert built == []
    assert write() == components._csv_writer(bullet_charts.bullet_frame(k, 312.0, 300, (190, 420), 305.0,
                                                                        status="missed"))()
    assert built == [1] and b"Actual" in write()
