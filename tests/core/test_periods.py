"""Periods as tables of known answers: presets anchored on the last day of data, comparison ranges,
period labels (Python and SQL agree), label parsing and the default grain."""
from datetime import date, timedelta

import duckdb
import pytest

from analytics.core import periods

D = date
TUE = D(2026, 3, 31)   # the warehouse's last day in most rows: a Tuesday
SUN = D(2026, 3, 29)


@pytest.mark.parametrize("preset, anchor, expected", [
    ("yesterday", TUE, (TUE, TUE)),
    ("last_7_days", TUE, (D(2026, 3, 25), TUE)),
    ("last_full_week", TUE, (D(2026, 3, 23), SUN)),
    ("last_full_week", SUN, (D(2026, 3, 23), SUN)),          # a Sunday completes its own week
    ("last_full_week", D(2026, 3, 28), (D(2026, 3, 16), D(2026, 3, 22))),
    ("month_to_date", TUE, (D(2026, 3, 1), TUE)),
    ("last_month", TUE, (D(2026, 2, 1), D(2026, 2, 28))),
    ("last_month", D(2026, 1, 15), (D(2025, 12, 1), D(2025, 12, 31))),
    ("quarter", TUE, (D(2026, 1, 1), TUE)),
    ("quarter", D(2026, 11, 5), (D(2026, 10, 1), D(2026, 11, 5))),
    ("last_12_months", TUE, (D(2025, 4, 1), TUE)),
    ("last_12_months", D(2024, 2, 29), (D(2023, 3, 1), D(2024, 2, 29))),
])
def test_preset_ranges(preset, anchor, expected):
    assert periods.preset_range(preset, anchor) == expected


def test_an_unknown_preset_is_an_error():
    with pytest.raises(ValueError):
        periods.preset_range("fortnight", TUE)


@pytest.mark.parametrize("start, end, compare, expected", [
    (D(2026, 3, 1), D(2026, 3, 31), "previous", (D(2026, 2, 1), D(2026, 2, 28))),    # a whole month: the month before
    (D(2026, 3, 2), D(2026, 3, 31), "previous", (D(2026, 1, 31), D(2026, 3, 1))),    # else the same number of days
    (D(2026, 3, 23), D(2026, 3, 29), "previous", (D(2026, 3, 16), D(2026, 3, 22))),
    (TUE, TUE, "previous", (D(2026, 3, 30), D(2026, 3, 30))),
    (D(2026, 3, 1), D(2026, 3, 31), "last_year", (D(2025, 3, 1), D(2025, 3, 31))),
    (D(2024, 2, 29), D(2024, 2, 29), "last_year", (D(2023, 2, 28), D(2023, 2, 28))),  # no 29 February
    (D(2026, 3, 1), D(2026, 3, 31), "none", None),
])
def test_comparison_ranges(start, end, compare, expected):
    assert periods.comparison_range(start, end, compare) == expected


LABELS = [
    (D(2026, 3, 31), "day", "2026-03-31"),
    (D(2026, 3, 31), "week", "2026-W14"),
    (D(2026, 1, 1), "week", "2026-W01"),      # a Thursday: ISO week 1 of 2026
    (D(2027, 1, 1), "week", "2026-W53"),      # a Friday: the last ISO week of 2026
    (D(2026, 3, 31), "month", "2026-03"),
    (D(2026, 3, 31), "quarter", "2026-Q1"),
    (D(2026, 10, 1), "quarter", "2026-Q4"),
    (D(2026, 3, 31), "year", "2026"),
]


@pytest.mark.parametrize("day, grain, label", LABELS)
def test_python_and_sql_label_a_day_alike(day, grain, label):
    assert periods.label(day, grain) == label
    sql = f"SELECT {periods.bucket_sql(grain, 'd')} FROM (SELECT ?::DATE AS d)"
    assert duckdb.connect().execute(sql, [day]).fetchone()[0] == label


@pytest.mark.parametrize("label, expected", [
    ("2026-W14", (D(2026, 3, 30), D(2026, 4, 5))),
    ("2026-W53", (D(2026, 12, 28), D(2027, 1, 3))),
    ("2026-03", (D(2026, 3, 1), D(2026, 3, 31))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2026-Q4", (D(2026, 10, 1), D(2026, 12, 31))),
    ("2026", (D(2026, 1, 1), D(2026, 12, 31))),
    ("2026-03-31", (TUE, TUE)),
])
def test_period_labels_parse_to_inclusive_ranges(label, expected):
    assert periods.parse_period_label(label) == expected


@pytest.mark.parametrize("bad", ["2026-Q5", "2026-13", "W14", "last week", ""])
def test_a_label_that_names_no_period_is_an_error(bad):
    with pytest.raises(ValueError):
        periods.parse_period_label(bad)


@pytest.mark.parametrize("days, grain", [(1, "hour"), (2, "hour"), (3, "day"), (62, "day"), (63, "week"),
                                         (400, "week"), (401, "month")])
def test_default_grain_by_length(days, grain):
    assert periods.default_grain(TUE - timedelta(days=days - 1), TUE) == grain
