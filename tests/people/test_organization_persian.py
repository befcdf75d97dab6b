"""The Organization trend's history under the Persian calendar: whole Jalali months (seasons) ending with
the period's end, so its first bucket is not a partial month."""
from datetime import date

from analytics.core import periods
from analytics.people import organization as org

END = date(2026, 11, 30)   # 9 Azar 1405


def test_history_in_jalali_months_and_seasons():
    # 12 Jalali months, this one included (Dey 1404 … Azar 1405): from 1 Dey 1404 (2025-12-22)
    assert org.history_range(date(2026, 11, 22), END, "12m", "month", "persian") == (date(2025, 12, 22), END)
    # 12 months by season: the season of Azar 1405 is autumn (from 1 Mehr); three seasons before: 1 Dey 1404
    assert org.history_range(date(2026, 11, 22), END, "12m", "quarter", "persian")[0] == date(2025, 12, 22)
    start, _ = org.history_range(date(2026, 11, 22), END, "12m", "month", "persian")
    months = periods.labels(start, END, "month", "persian")
    assert months[0] == "1404-10" and months[-1] == "1405-09" and len(months) == 12
    assert periods.parse_period_label(months[0], "persian")[0] == start     # the first month is whole
