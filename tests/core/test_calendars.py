"""The Persian (Jalali) calendar as tables of known answers (the KPI contract, Calendars): Saturday–Friday
weeks with week 1 holding 1 Farvardin, Jalali months, seasons, the year from Nowruz; Nowruz and Esfand
leap-year edges; presets and comparisons; labels parsed back; Python and SQL label every day alike.

The Gregorian dates of Nowruz are public facts, written here by hand (not asked of jdatetime):
1 Farvardin 1403 = 2024-03-20, 1404 = 2025-03-21 (a Friday), 1405 = 2026-03-21 (a Saturday);
1403 is a leap year (30 Esfand 1403 = 2025-03-20), 1404 is not (29 Esfand 1404 = 2026-03-20)."""
from datetime import date, timedelta

import duckdb
import pytest

from analytics.core import calendars, periods

D = date
P = "persian"


@pytest.mark.parametrize("day, grain, key", [
    (D(2026, 3, 21), "year", "1405"),            # Nowruz 1405
    (D(2026, 3, 20), "year", "1404"),            # 29 Esfand 1404, the last day of a common year
    (D(2025, 3, 20), "month", "1403-12"),        # 30 Esfand 1403, a leap day
    (D(2025, 3, 21), "month", "1404-01"),
    (D(2026, 3, 21), "quarter", "1405-Q1"),      # spring
    (D(2026, 6, 21), "quarter", "1405-Q1"),      # 31 Khordad
    (D(2026, 6, 22), "quarter", "1405-Q2"),      # 1 Tir: summer
    (D(2026, 11, 21), "month", "1405-08"),       # 30 Aban
    (D(2026, 11, 22), "month", "1405-09"),       # 1 Azar
    (D(2026, 3, 21), "week", "1405-W01"),        # Nowruz on a Saturday starts week 1
    (D(2026, 3, 27), "week", "1405-W01"),        # … to the Friday
    (D(2026, 3, 20), "week", "1404-W53"),        # the Friday before: the last week of 1404
    (D(2025, 3, 15), "week", "1404-W01"),        # Sat 24 Esfand 1403: the week holding Nowruz 1404 (a Friday)
    (D(2025, 3, 14), "week", "1403-W52"),        # the Friday before it
    (D(2026, 11, 28), "week", "1405-W37"),       # a Saturday starts a week
    (D(2026, 11, 27), "week", "1405-W36"),       # a Friday ends one
    (D(2026, 11, 30), "day", "2026-11-30"),      # days stay Gregorian ISO dates
])
def test_persian_period_labels(day, grain, key):
    assert periods.label(day, grain, P) == key


@pytest.mark.parametrize("text, expected", [
    ("1405", (D(2026, 3, 21), D(2027, 3, 20))),
    ("1403", (D(2024, 3, 20), D(2025, 3, 20))),                 # a leap year: 366 days
    ("1404-12", (D(2026, 2, 20), D(2026, 3, 20))),              # Esfand of a common year: 29 days
    ("1403-12", (D(2025, 2, 19), D(2025, 3, 20))),              # Esfand of a leap year: 30 days
    ("1405-08", (D(2026, 10, 23), D(2026, 11, 21))),            # Aban: 30 days
    ("1405-01", (D(2026, 3, 21), D(2026, 4, 20))),              # Farvardin: 31 days
    ("1405-Q3", (D(2026, 9, 23), D(2026, 12, 21))),             # autumn: Mehr, Aban, Azar
    ("1405-W01", (D(2026, 3, 21), D(2026, 3, 27))),
    ("1404-W01", (D(2025, 3, 15), D(2025, 3, 21))),
    ("1405-W37", (D(2026, 11, 28), D(2026, 12, 4))),
    ("2026-11-20", (D(2026, 11, 20), D(2026, 11, 20))),        # a day is a Gregorian ISO date
])
def test_jalali_labels_parse_to_gregorian_ranges(text, expected):
    assert periods.parse_period_label(text, P) == expected
    # a year before 1700 can only be Jalali: the calendar need not be said
    if text[:4] < "1700":
        assert periods.parse_period_label(text) == expected
    start, end = expected
    if "-" in text and len(text) < 10:   # the range's every day carries the label it was parsed from
        grain = "week" if "-W" in text else "quarter" if "-Q" in text else "month"
        assert set(periods.labels(start, end, grain, P)) == {text}


@pytest.mark.parametrize("text", ["1404-W53", "1405-W54", "1405-13", "1405-Q5", "1405-1x"])
def test_no_such_jalali_period_is_a_readable_error(text):
    if text == "1404-W53":   # 1404 has 53 weeks (Nowruz 1404 on a Friday): it exists
        assert periods.parse_period_label(text, P) == (D(2026, 3, 14), D(2026, 3, 20))
        return
    with pytest.raises(ValueError, match="Jalali period"):
        periods.parse_period_label(text, P)


def test_weeks_are_saturday_to_friday_and_every_day_has_one_week():
    d = D(2024, 1, 1)
    while d < D(2027, 6, 1):
        start, end = periods.parse_period_label(periods.label(d, "week", P), P)
        assert start.weekday() == 5 and end.weekday() == 4 and start <= d <= end, d
        d += timedelta(days=1)


MON = D(2026, 11, 30)     # 9 Azar 1405, a Monday
FRI = D(2026, 11, 27)


@pytest.mark.parametrize("preset, anchor, expected", [
    ("last_full_week", MON, (D(2026, 11, 21), FRI)),            # the last Saturday–Friday
    ("last_full_week", FRI, (D(2026, 11, 21), FRI)),            # a Friday completes its own week
    ("week_to_date", MON, (D(2026, 11, 28), MON)),              # from Saturday
    ("month_to_date", MON, (D(2026, 11, 22), MON)),             # this Jalali month: from 1 Azar
    ("last_month", MON, (D(2026, 10, 23), D(2026, 11, 21))),    # Aban
    ("last_month", D(2026, 3, 25), (D(2026, 2, 20), D(2026, 3, 20))),   # after Nowruz: Esfand 1404
    ("quarter", MON, (D(2026, 9, 23), MON)),                    # season to date: from 1 Mehr
    ("last_12_months", MON, (D(2025, 12, 1), MON)),             # from 10 Azar 1404
    ("yesterday", MON, (MON, MON)),
    ("last_7_days", MON, (D(2026, 11, 24), MON)),
])
def test_persian_presets(preset, anchor, expected):
    assert periods.preset_range(preset, anchor, P) == expected


@pytest.mark.parametrize("start, end, compare, expected", [
    # a whole Jalali month: the Jalali month before (Aban ← Mehr, 30 ← 30 days)
    (D(2026, 10, 23), D(2026, 11, 21), "previous", (D(2026, 9, 23), D(2026, 10, 22))),
    # Farvardin 1405 ← Esfand 1404 (29 days, not "the 31 days before")
    (D(2026, 3, 21), D(2026, 4, 20), "previous", (D(2026, 2, 20), D(2026, 3, 20))),
    # this Jalali month to date (1–9 Azar) ← 1–9 Aban
    (D(2026, 11, 22), MON, "previous", (D(2026, 10, 23), D(2026, 10, 31))),
    # a Saturday–Friday week ← the one before
    (D(2026, 11, 21), FRI, "previous", (D(2026, 11, 14), D(2026, 11, 20))),
    # the same Jalali month a year earlier
    (D(2026, 10, 23), D(2026, 11, 21), "last_year", (D(2025, 10, 23), D(2025, 11, 21))),
    # Esfand 1403 (leap, 30 days) a year on is Esfand 1404 (29 days): the whole month, to its end
    (D(2026, 2, 20), D(2026, 3, 20), "last_year", (D(2025, 2, 19), D(2025, 3, 20))),
    # 30 Esfand 1403, a year earlier: 1402 is a common year, so 29 Esfand 1402
    (D(2025, 3, 20), D(2025, 3, 20), "last_year", (D(2024, 3, 19), D(2024, 3, 19))),
    # the Nowruz year 1405 against 1404
    (D(2026, 3, 21), D(2027, 3, 20), "last_year", (D(2025, 3, 21), D(2026, 3, 20))),
    (D(2026, 3, 21), D(2027, 3, 20), "previous", (D(2025, 3, 21), D(2026, 3, 20))),
])
def test_persian_comparisons(start, end, compare, expected):
    assert periods.comparison_range(start, end, compare, P) == expected


def test_sql_and_python_label_every_day_alike():
    """The calendar_days relation (SQL) and calendars.label (Python) agree on every day of 1402–1406:
    two Nowruz boundaries, a leap Esfand and a 53-week year."""
    con = duckdb.connect()
    calendars.install(con)
    first, last = D(2023, 3, 1), D(2027, 4, 30)
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    con.execute("CREATE TEMP TABLE t AS SELECT unnest(?::DATE[]) AS d", [days])
    for grain in periods.CALENDAR_GRAINS:
        got = dict(con.execute(f"SELECT d, {periods.bucket_sql(grain, 'd', P)} FROM t").fetchall())
        want = {d: periods.label(d, grain, P) for d in days}
        assert got == want, grain


def test_a_day_outside_the_calendar_relation_has_no_persian_label():
    con = duckdb.connect()
    calendars.install(con)
    first = calendars.first_day()
    got = con.execute(f"SELECT {periods.bucket_sql('month', 'd', P)} FROM (SELECT unnest(?::DATE[]) AS d)",
                      [[first - timedelta(days=1), first, D(2300, 1, 1)]]).fetchall()
    assert [r[0] for r in got] == [None, "1300-01", None]


def test_the_gregorian_calendar_is_unchanged_by_default():
    assert periods.label(D(2026, 3, 21), "week") == "2026-W12"
    assert periods.bucket_sql("month", "d") == periods.bucket_sql("month", "d", "gregorian")
    assert "calendar_days" not in periods.bucket_sql("week", "d")


def test_date_labels_have_one_home():
    assert calendars.date_label(MON) == "2026-11-30"
    assert calendars.date_label(MON, P) == "1405/09/09"
    assert calendars.period_label("1405-09", "month", P) == "Azar 1405"
    assert calendars.period_label("1405-Q3", "quarter", P) == "Autumn 1405"
    assert calendars.period_label("2026-11", "month") == "2026-11"


@pytest.mark.parametrize("lang, long, month, day, week", [
    ("en", "9 Azar 1405", "Azar 1405", "1405/09/09", "1405-W37"),
    ("fa", "۹ آذر ۱۴۰۵", "آذر ۱۴۰۵", "۱۴۰۵/۰۹/۰۹", "هفتهٔ ۳۷ سال ۱۴۰۵"),   # Persian words and digits on screen
    ("zh", "1405年阿扎尔月9日", "1405年阿扎尔月", "1405/09/09", "1405年第37周"),
])
def test_jalali_dates_in_each_language(lang, long, month, day, week):
    from analytics import i18n

    with i18n.using(lang):
        assert calendars.long_date(MON, P) == long
        assert calendars.axis_labels(["1405-09", "2026-11-30", "1405-W37"], P) == [month, day, week]
    assert calendars.axis_label("1405-09", P) == "Azar 1405"     # keys in data are never rewritten


def test_the_week_runs_from_saturday_in_the_persian_calendar():
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert calendars.week_order(days, P) == ["Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri"]
    assert calendars.week_order(days, "gregorian") == days
    with calendars.using(P):                         # the view's calendar when the caller does not say
        assert calendars.week_order(days)[0] == "Sat"
    assert calendars.week_order(days)[0] == "Mon"
