"""Periods: grains, their labels, the preset ranges and comparison periods.

Presets are anchored on the warehouse's last day of data, not on today: a demo warehouse or a nightly
export that ends yesterday still opens on data. Ranges are inclusive of both ends (the KPI contract).

Every function that groups days takes a `calendar` (calendars.py): `gregorian` (the default: ISO weeks
Monday–Sunday, calendar months) or `persian` (Saturday–Friday weeks, Jalali months, seasons, the year
from Nowruz). Hours, intervals and days are the same in both.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from analytics.core import calendars

GRAINS = ("interval15", "interval30", "hour", "day", "week", "month", "quarter", "year")
# Grains finer than a day: they need timestamps (not daily rollups) and are limited to 31 days.
SUBDAY = ("interval15", "interval30", "hour")
SUBDAY_MAX_DAYS = 31
INTERVAL_MINUTES = {"interval15": 15, "interval30": 30, "hour": 60}
GRAIN_LABELS = {"interval15": "15 minutes", "interval30": "30 minutes", "hour": "hour", "day": "day",
                "week": "week", "month": "month", "quarter": "quarter", "year": "year"}


def grain_label(grain: str) -> str:
    return GRAIN_LABELS.get(grain, grain)

# SQL that labels a timestamp/date column t with its period, in the format the kpis command prints.
# Only these constants (never user input) are formatted into SQL.
_BUCKET_SQL = {
    # an interval is labelled by its start, e.g. '2026-11-16 09:30'
    "interval15": "strftime(time_bucket(INTERVAL 15 MINUTE, {t}::TIMESTAMP), '%Y-%m-%d %H:%M')",
    "interval30": "strftime(time_bucket(INTERVAL 30 MINUTE, {t}::TIMESTAMP), '%Y-%m-%d %H:%M')",
    "hour": "strftime(date_trunc('hour', {t}), '%Y-%m-%d %H:00')",
    "day": "strftime({t}::DATE, '%Y-%m-%d')",
    "week": "strftime({t}::DATE, '%G-W%V')",
    "month": "strftime({t}::DATE, '%Y-%m')",
    "quarter": "strftime({t}::DATE, '%Y') || '-Q' || quarter({t}::DATE)",
    "year": "strftime({t}::DATE, '%Y')",
}


def bucket_sql(grain: str, column: str, calendar: str = calendars.DEFAULT) -> str:
    """SQL labelling `column` with its period. A Persian week/month/quarter/year looks the day up in the
    calendar_days relation: run calendars.install(con) on the connection first (metrics and queries do)."""
    if calendar == "persian" and grain in CALENDAR_GRAINS:
        return calendars.bucket_sql(grain, column)
    return _BUCKET_SQL[grain].format(t=column)


CALENDAR_GRAINS = ("week", "month", "quarter", "year")   # the grains whose periods depend on the calendar


def label(d: date, grain: str, calendar: str = calendars.DEFAULT) -> str:
    """A day's period label, exactly as bucket_sql labels it in SQL (day grain and coarser)."""
    if calendar == "persian" and grain in CALENDAR_GRAINS:
        return calendars.label(d, grain)
    if grain == "day":
        return d.isoformat()
    if grain == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if grain == "month":
        return f"{d:%Y-%m}"
    if grain == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if grain == "year":
        return f"{d.year}"
    raise ValueError(f"unknown grain {grain!r}")


PRESETS = {
    "yesterday": "Yesterday",
    "last_7_days": "Last 7 days",
    "last_full_week": "Last full week",
    "week_to_date": "Week to date",
    "month_to_date": "Month to date",
    "last_month": "Last month",
    "quarter": "Quarter to date",
    "last_12_months": "Last 12 months",
    "custom": "Custom",
}

COMPARISONS = {"previous": "Previous", "last_year": "Last year", "none": "None"}  # short: the sidebar box is narrow


def preset_label(preset: str, calendar: str = calendars.DEFAULT) -> str:
    """The picker's words for a preset; under the Persian calendar the weeks and months it means."""
    if calendar == "persian":
        return PERSIAN_PRESETS.get(preset, PRESETS.get(preset, preset))
    return PRESETS.get(preset, preset)


PERSIAN_PRESETS = {
    "last_full_week": "Last week (Sat–Fri)",
    "week_to_date": "Week to date (from Saturday)",
    "month_to_date": "This Jalali month",
    "last_month": "Last Jalali month",
    "quarter": "Season to date",
    "last_12_months": "Last 12 Jalali months",
}


def labels(start: date, end: date, grain: str, calendar: str = calendars.DEFAULT) -> list[str]:
    """Every period label from `start` to `end` (inclusive), in order, as bucket_sql writes them: the
    calendar frame a grouping by period is laid on, so a period without rows still gets its row."""
    out: list[str] = []
    d = start
    while d <= end:
        if grain in SUBDAY:
            step = INTERVAL_MINUTES[grain]
            fmt = "%Y-%m-%d %H:00" if grain == "hour" else "%Y-%m-%d %H:%M"
            out.extend(datetime(d.year, d.month, d.day, m // 60, m % 60).strftime(fmt)
                       for m in range(0, 24 * 60, step))
        else:
            lab = label(d, grain, calendar)
            if not out or out[-1] != lab:
                out.append(lab)
        d += timedelta(days=1)
    return out


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(d.day, last))


def preset_range(preset: str, anchor: date, calendar: str = calendars.DEFAULT) -> tuple[date, date]:
    """The inclusive range a preset means when the latest day of data is `anchor`.

    'Yesterday' is the anchor day itself: the last complete day the warehouse holds. Under the Persian
    calendar weeks run Saturday–Friday and months, seasons and years are Jalali.
    """
    if calendar == "persian":
        return _persian_preset_range(preset, anchor)
    if preset == "yesterday":
        return anchor, anchor
    if preset == "last_7_days":
        return anchor - timedelta(days=6), anchor
    if preset == "last_full_week":
        # the last Monday–Sunday week that is complete on the anchor day
        sunday = anchor - timedelta(days=(anchor.weekday() + 1) % 7)
        return sunday - timedelta(days=6), sunday
    if preset == "week_to_date":   # the incomplete week the data end in (Monday first)
        return anchor - timedelta(days=anchor.weekday()), anchor
    if preset == "month_to_date":
        return _month_start(anchor), anchor
    if preset == "last_month":
        end = _month_start(anchor) - timedelta(days=1)
        return _month_start(end), end
    if preset == "quarter":
        q_start = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
        return q_start, anchor
    if preset == "last_12_months":
        return _add_months(anchor, -12) + timedelta(days=1), anchor
    raise ValueError(f"unknown period preset {preset!r}")


def _persian_preset_range(preset: str, anchor: date) -> tuple[date, date]:
    if preset in ("yesterday", "last_7_days"):
        return preset_range(preset, anchor)            # days are days in every calendar
    if preset == "last_full_week":   # the last Saturday–Friday week that is complete on the anchor day
        friday = calendars.week_start(anchor + timedelta(days=1)) - timedelta(days=1)
        return friday - timedelta(days=6), friday
    if preset == "week_to_date":
        return calendars.week_start(anchor), anchor
    if preset == "month_to_date":
        return calendars.month_start(anchor), anchor
    if preset == "last_month":
        end = calendars.month_start(anchor) - timedelta(days=1)
        return calendars.month_start(end), end
    if preset == "quarter":
        return calendars.season_start(anchor), anchor
    if preset == "last_12_months":
        return calendars.add_months(anchor, -12) + timedelta(days=1), anchor
    raise ValueError(f"unknown period preset {preset!r}")


def comparison_range(start: date, end: date, compare: str,
                     calendar: str = calendars.DEFAULT) -> tuple[date, date] | None:
    """The range a period is compared with: the period just before, or a year earlier. Whole calendar
    months compare with the same number of calendar months before (October with September, not with
    Aug 31 – Sep 30); a month to date with the same days of the month before; else the same number of
    days just before. Under the Persian calendar the months are Jalali months and "a year earlier" is
    the same Jalali dates of the Jalali year before (30 Esfand of a leap year → 29 Esfand)."""
    if calendar == "persian":
        return _persian_comparison_range(start, end, compare)
    if compare == "previous":
        if start.day == 1 and (end + timedelta(days=1)).day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            return _add_months(start, -months), start - timedelta(days=1)
        if start.day == 1 and (start.year, start.month) == (end.year, end.month):
            return _add_months(start, -1), _add_months(end, -1)
        days = (end - start).days + 1
        return start - timedelta(days=days), start - timedelta(days=1)
    if compare == "last_year":
        return _add_months(start, -12), _add_months(end, -12)
    return None


def _persian_comparison_range(start: date, end: date, compare: str) -> tuple[date, date] | None:
    first_of_month = calendars.to_jalali(start)[2] == 1
    if compare == "previous":
        if first_of_month and calendars.to_jalali(end + timedelta(days=1))[2] == 1:
            (ys, ms, _), (ye, me, _) = calendars.to_jalali(start), calendars.to_jalali(end)
            months = (ye - ys) * 12 + me - ms + 1
            return calendars.add_months(start, -months), start - timedelta(days=1)
        if first_of_month and calendars.month_start(start) == calendars.month_start(end):
            return calendars.add_months(start, -1), calendars.add_months(end, -1)
        days = (end - start).days + 1
        return start - timedelta(days=days), start - timedelta(days=1)
    if compare == "last_year":
        if first_of_month and calendars.to_jalali(end + timedelta(days=1))[2] == 1:
            # whole Jalali months: the same months a year earlier, to their (possibly shorter) end
            return calendars.add_months(start, -12), calendars.add_months(end + timedelta(days=1), -12) - timedelta(days=1)
        return calendars.add_months(start, -12), calendars.add_months(end, -12)
    return None


def default_grain(start: date, end: date) -> str:
    days = (end - start).days + 1
    if days <= 2:
        return "hour"
    if days <= 62:
        return "day"
    if days <= 400:
        return "week"
    return "month"


def calendar_of_label(label: str) -> str:
    """The calendar a period label is written in when the caller did not say: a year before 1700 can
    only be a Jalali year (1405 is 2026), any later one is Gregorian."""
    head = label.strip().split("-")[0]
    return "persian" if head.isdigit() and len(head) == 4 and int(head) < 1700 else calendars.DEFAULT


def parse_period_label(label: str, calendar: str | None = None) -> tuple[date, date]:
    """'2026-W46' | '2026-11' | '2026-Q4' | '2026' | '2026-11-20' → inclusive date range. With the
    Persian calendar (or a Jalali year, calendar_of_label) '1405-W35' | '1405-08' | '1405-Q3' | '1405'."""
    text = label.strip()
    calendar = calendar or calendar_of_label(text)
    if calendar == "persian" and text.count("-") < 2:
        try:
            return calendars.parse_label(text)
        except ValueError:
            raise ValueError(
                f"cannot read Jalali period {label!r}: use 1405-W35 (Saturday–Friday week), 1405-08 "
                "(Jalali month), 1405-Q3 (season), 1405 (year from Nowruz) or a day 2026-11-20"
            ) from None
    try:
        if "-W" in text:
            y, w = text.split("-W")
            start = date.fromisocalendar(int(y), int(w), 1)
            return start, start + timedelta(days=6)
        if "-Q" in text:
            y, q = text.split("-Q")
            q = int(q)
            if not 1 <= q <= 4:
                raise ValueError
            start = date(int(y), 3 * (q - 1) + 1, 1)
            return start, _add_months(start, 3) - timedelta(days=1)
        parts = text.split("-")
        if len(parts) == 1:
            y = int(parts[0])
            return date(y, 1, 1), date(y, 12, 31)
        if len(parts) == 2:
            start = date(int(parts[0]), int(parts[1]), 1)
            return start, _add_months(start, 1) - timedelta(days=1)
        d = date.fromisoformat(text)
        return d, d
    except ValueError:
        raise ValueError(
            f"cannot read period {label!r}: use 2026-W46 (ISO week), 2026-11, 2026-Q4, 2026 or 2026-11-20"
        ) from None
