"""The weekly review of a Jalali week (1405-W01, Saturday 1 Farvardin … Friday): its periods, its neighbours
(the week before crosses Nowruz back into 1404), its KPIs equal to `kpis --calendar persian --by week` for
that week and to the sums of its Gregorian days, and its trend labelled in Jalali dates.
Center: tests/jalali_center.py."""
import pytest

from analytics.commands import report as report_cmd
from analytics.core import charts, metrics, registry, warehouse
from analytics.core.filters import Filters
from analytics.review import build
from analytics.review import period as rp
from jalali_center import JALALI, build_center, totals


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_center(tmp_path_factory.mktemp("jrev") / "j.duckdb")


@pytest.fixture(scope="module")
def review(db):
    return build.build_from_path(db, rp.parse("1405-W01"))


def test_a_jalali_week_and_its_neighbours():
    w = rp.parse("1405-W01")
    assert (w.calendar, w.kind, (w.start, w.end)) == ("persian", "week", JALALI["1405-W01"])
    assert w.previous().label == "1404-W53" and (w.previous().start, w.previous().end) == JALALI["1404-W53"]
    assert w.last_year().label == "1404-W01"
    assert rp.parse("1405-01").previous().label == "1404-12"          # Farvardin ← Esfand
    assert rp.parse("1405-01").previous().days == 29                  # a common year's Esfand
    assert w.describe() == "Week 1405-W01 (1 Farvardin 1405 – 7 Farvardin 1405)"


def test_the_review_of_a_jalali_week_equals_kpis_by_persian_week_and_the_day_sums(db, review):
    a, b = JALALI["1405-W01"]
    with warehouse.read_connection(db) as con:
        by_week = metrics.compute(con, Filters(start=a, end=b, calendar="persian"),
                                  ["offered", "service_level_pct"], by="week")
    assert list(by_week["week"]) == ["1405-W01"]
    head = review.headline.set_index("kpi_id")
    calls, fast = totals(a, b)
    assert head.loc["offered", "value"] == by_week["offered"].iloc[0] == calls
    assert head.loc["service_level_pct", "value"] == pytest.approx(by_week["service_level_pct"].iloc[0])
    assert head.loc["service_level_pct", "value"] == pytest.approx(100 * fast / calls)
    # compared with the Jalali week before (1404-W53), not the ISO week
    assert head.loc["offered", "prev"] == totals(*JALALI["1404-W53"])[0]


def test_the_review_trend_reads_in_jalali_days_in_order(review):
    spec = charts.trend(review.trend, registry.get("offered"), review.trend_grain, calendar="persian").to_dict()
    values = [r[review.trend_grain] for r in next(iter(spec["datasets"].values()))]
    assert values == [f"1405/01/{d:02d}" for d in range(1, 8)]


def test_the_report_of_a_jalali_week_names_it_in_jalali(db):
    html = report_cmd.render(db, "1405-W01", "html").decode("utf-8")
    assert "1405-W01" in html and "1 Farvardin 1405" in html and "1404-W53" in html


def test_a_season_review_trends_by_saturday_weeks(db):
    """Spring 1405 (1 Farvardin … 31 Khordad): the trend has every Saturday–Friday week the season touches,
    and its weeks hold the season's calls."""
    spring = rp.parse("1405-Q1")
    assert (spring.start.isoformat(), spring.end.isoformat()) == ("2026-03-21", "2026-06-21")
    r = build.build_from_path(db, spring)
    assert r.trend_grain == "week"
    # 93 days from a Saturday: 13 whole weeks and the first 2 days of 1405-W14 (Sat 20, Sun 21 June)
    assert list(r.trend["week"]) == [f"1405-W{i:02d}" for i in range(1, 15)]
    assert r.trend["offered"].sum() == totals(spring.start, spring.end)[0]
