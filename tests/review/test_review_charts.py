"""The review's charts follow its highlights: one titled chart per highlight, of that KPI, with the
exact split of its change by queue (the planted abandonment rise in Billing shows as Billing's bar)."""
import pytest

from analytics.core import warehouse
from analytics.review import build
from analytics.review import charts as rv_charts
from analytics.review import period as rp
from review_planted import build_planted


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    db = build_planted(tmp_path_factory.mktemp("planted_charts") / "planted.duckdb")
    with warehouse.read_connection(db) as con:
        return build.build_review(con, rp.parse("2026-W46"), db_path=db)


def test_one_chart_per_highlight_of_that_kpi(review):
    assert [v.kpi_id for v in review.highlight_views] == [h.kpi_id for h in review.highlights]
    for view in review.highlight_views:
        assert view.kpi_id in view.trend.columns
        spec = rv_charts.trend(view, review.trend_grain).to_dict()
        assert spec["title"].startswith(build.registry.get(view.kpi_id).label)


def test_the_split_by_queue_sums_to_the_change_and_names_the_driver(review):
    top, view = review.highlights[0], review.highlight_views[0]
    assert top.kpi_id == "abandon_rate_pct"
    assert view.parts["contribution"].sum() == pytest.approx(top.delta, abs=1e-9)
    worst = view.parts.sort_values("contribution", ascending=False).iloc[0]
    assert worst["queue"] == "Billing"
    spec = rv_charts.parts(view).to_dict()
    title = spec["title"]
    text = title["text"] if isinstance(title, dict) else title      # two-line titles are a list
    assert "where the change came from" in " ".join(text if isinstance(text, list) else [text])
