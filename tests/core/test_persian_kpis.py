"""KPIs grouped by the Persian calendar on a hand-built center across Nowruz 1405 (tests/jalali_center.py):
a Jalali week's or month's KPIs equal the sums of its Gregorian days; every period in range gets a row;
a KPI's value never depends on the calendar, only its grouping."""
from datetime import date

import pytest

from analytics.core import metrics, warehouse
from analytics.core.comparison import compare_frame
from analytics.core.filters import Filters
from jalali_center import JALALI, build_center, totals


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_center(tmp_path_factory.mktemp("jalali") / "j.duckdb")


def F(start, end, grain, cal="persian", compare="previous"):
    return Filters(start=start, end=end, grain=grain, calendar=cal, compare=compare)


@pytest.mark.parametrize("grain, first, last, keys", [
    ("week", date(2026, 3, 14), date(2026, 4, 3), ["1404-W53", "1405-W01", "1405-W02"]),
    ("month", date(2026, 2, 20), date(2026, 5, 21), ["1404-12", "1405-01", "1405-02"]),
])
def test_a_jalali_period_is_the_sum_of_its_gregorian_days(db, grain, first, last, keys):
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, F(first, last, grain), ["offered", "answered", "service_level_pct"], by=grain)
        days = metrics.compute(con, F(first, last, "day"), ["offered"], by="day")
    assert list(df[grain]) == keys
    by_day = dict(zip(days["day"], days["offered"]))
    for key, row in zip(keys, df.to_dict("records")):
        a, b = JALALI[key]
        calls, fast = totals(a, b)
        assert row["offered"] == calls == sum(v for d, v in by_day.items() if a.isoformat() <= d <= b.isoformat())
        assert row["answered"] == calls
        assert row["service_level_pct"] == pytest.approx(100 * fast / calls)


def test_the_same_days_give_the_same_value_in_either_calendar(db):
    a, b = JALALI["1405-01"]
    with warehouse.read_connection(db) as con:
        persian = metrics.compute(con, F(a, b, "month"), ["offered", "service_level_pct"], by="month")
        gregorian = metrics.compute_one(con, F(a, b, "day", cal="gregorian"), ["offered", "service_level_pct"])
        greg_months = metrics.compute(con, F(a, b, "month", cal="gregorian"), ["offered"], by="month")
    assert list(persian["month"]) == ["1405-01"]          # Farvardin is one Jalali month …
    assert list(greg_months["month"]) == ["2026-03", "2026-04"]   # … and parts of two Gregorian ones
    assert persian["offered"].iloc[0] == gregorian["offered"] == greg_months["offered"].sum()
    assert persian["service_level_pct"].iloc[0] == pytest.approx(gregorian["service_level_pct"])


def test_a_jalali_period_without_calls_gets_its_row(db):
    # the data end on 2026-04-25 (5 Ordibehesht); 1405-W06 (04-25 … 05-01) starts that Saturday
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, F(date(2026, 4, 25), date(2026, 5, 15), "week"), ["offered", "asa_s"], by="week")
    assert list(df["week"]) == ["1405-W06", "1405-W07", "1405-W08"]
    assert list(df["offered"]) == [totals(date(2026, 4, 25), date(2026, 4, 25))[0], 0, 0]
    assert df["asa_s"].isna().tolist() == [False, True, True]


def test_this_jalali_month_against_the_one_before(db):
    """Farvardin 1405 (31 days) compares with Esfand 1404 (29 days), not with the 31 days before."""
    a, b = JALALI["1405-01"]
    f = F(a, b, "day")
    assert f.comparison().start == JALALI["1404-12"][0] and f.comparison().end == JALALI["1404-12"][1]
    with warehouse.read_connection(db) as con:
        out = compare_frame(con, f, ["offered"])
    assert out["offered"].iloc[0] == totals(a, b)[0]
    assert out["offered_prev"].iloc[0] == totals(*JALALI["1404-12"])[0]
