"""Calendars: how days group into weeks, months, quarters and years (the KPI contract, Calendars).

Two calendars:
- `gregorian` (the default): ISO weeks Monday–Sunday, calendar months, quarters, years.
- `persian` (Solar Hijri, "Jalali"): weeks Saturday–Friday, week 1 of a year is the week that holds
  1 Farvardin; Jalali months (Farvardin = 01); quarters are the four seasons; the year starts at Nowruz.
  Labels read `1405-W08`, `1405-08`, `1405-Q3`, `1405` (Latin digits: data, not display).

Jalali dates come from the maintained `jdatetime` library, never from our own conversion: each Jalali
month's first day is asked of jdatetime once; every day in between is that day plus n days.

In SQL a Persian period is a lookup in the `calendar_days` relation (one row per Gregorian day with its
Persian week/month/quarter/year labels), generated here from the same month starts and registered on the
connection by `install(con)`; `bucket_sql` looks the row's day up in it. Nothing the user typed is formatted into
SQL: the bucket expression is a constant per grain, the day is the row's own column. A KPI's value never
depends on the calendar, only its grouping.
"""
from __future__ import annotations

import functools
import re
import threading
from contextlib import contextmanager
from datetime import date, timedelta

import jdatetime

from analytics.i18n import N_, session_value

CALENDARS = ("gregorian", "persian")
DEFAULT = "gregorian"
CALENDAR_LABELS = {"gregorian": "Gregorian", "persian": "Persian (Jalali)"}
SETTING_KEY = "calendar"        # the deployment default, in the settings table
ENV_VAR = "SWITCHBOARD_CALENDAR"  # … or from the environment, which wins (like SWITCHBOARD_LANG)

# Jalali month names (transliterated: the English face of the product; i18n translates them)
JALALI_MONTHS = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                 "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand")
SEASONS = ("Spring", "Summer", "Autumn", "Winter")

# The Gregorian days the SQL relation covers (Jalali years 1300–1500, 1921–2122). A day outside has no Persian
# label in SQL (NULL bucket); the importer refuses such dates long before (far past/future).
_FIRST_JYEAR, _LAST_JYEAR = 1300, 1500
TABLE = "calendar_days"


def check(calendar: str) -> str:
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}; use one of {', '.join(CALENDARS)}")
    return calendar


def label_of(calendar: str) -> str:
    """The calendar's name in the active language."""
    return _tr(CALENDAR_LABELS[calendar]) if calendar in CALENDAR_LABELS else calendar


# --- Jalali arithmetic through jdatetime ------------------------------------------------------------
def to_jalali(d: date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=d)
    return j.year, j.month, j.day


def from_jalali(year: int, month: int, day: int = 1) -> date:
    """The Gregorian date of a Jalali date; ValueError if there is no such day (e.g. 30 Esfand of a
    common year)."""
    return jdatetime.date(year, month, day).togregorian()


def month_days(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def is_leap(year: int) -> bool:
    return jdatetime.date(year, 1, 1).isleap()


def nowruz(year: int) -> date:
    """1 Farvardin of Jalali `year`, in Gregorian."""
    return from_jalali(year, 1, 1)


def add_months(d: date, months: int) -> date:
    """The Jalali date `months` Jalali months after `d` (negative: before), the day clamped to the
    month's length (30 Esfand of a leap year, a year on, is 29 Esfand)."""
    y, m, day = to_jalali(d)
    yy, mm = divmod(m - 1 + months, 12)
    year, month = y + yy, mm + 1
    return from_jalali(year, month, min(day, month_days(year, month)))


def month_start(d: date) -> date:
    y, m, _ = to_jalali(d)
    return from_jalali(y, m, 1)


def month_end(d: date) -> date:
    return add_months(month_start(d), 1) - timedelta(days=1)


def season_start(d: date) -> date:
    y, m, _ = to_jalali(d)
    return from_jalali(y, 3 * ((m - 1) // 3) + 1, 1)


def year_start(d: date) -> date:
    return nowruz(to_jalali(d)[0])


def week_start(d: date) -> date:
    """The Saturday on or before `d` (weekday(): Monday 0 … Saturday 5)."""
    return d - timedelta(days=(d.weekday() - 5) % 7)


def week_of(d: date) -> tuple[int, int]:
    """(Jalali year, week number) of the Saturday–Friday week holding `d`: the week belongs to the
    year of its Friday, so the week that holds 1 Farvardin is week 1 of the new year."""
    ws = week_start(d)
    year = to_jalali(ws + timedelta(days=6))[0]
    return year, (ws - week_start(nowruz(year))).days // 7 + 1


def weeks_in_year(year: int) -> int:
    return (week_start(nowruz(year + 1)) - week_start(nowruz(year))).days // 7


def week_range(year: int, week: int) -> tuple[date, date]:
    if not 1 <= week <= weeks_in_year(year):
        raise ValueError(f"Jalali year {year} has no week {week}")
    start = week_start(nowruz(year)) + timedelta(weeks=week - 1)
    return start, start + timedelta(days=6)


def label(d: date, grain: str) -> str:
    """A day's Persian period label (day grain and coarser); `day` stays the Gregorian ISO date."""
    if grain == "day":
        return d.isoformat()
    if grain == "week":
        y, w = week_of(d)
        return f"{y}-W{w:02d}"
    y, m, _ = to_jalali(d)
    if grain == "month":
        return f"{y}-{m:02d}"
    if grain == "quarter":
        return f"{y}-Q{(m - 1) // 3 + 1}"
    if grain == "year":
        return f"{y}"
    raise ValueError(f"unknown grain {grain!r}")


def parse_label(text: str) -> tuple[date, date]:
    """'1405-W08' | '1405-08' | '1405-Q3' | '1405' | a Gregorian ISO day → inclusive Gregorian range."""
    t = text.strip()
    if "-W" in t:
        y, w = t.split("-W")
        return week_range(int(y), int(w))
    if "-Q" in t:
        y, q = (int(p) for p in t.split("-Q"))
        if not 1 <= q <= 4:
            raise ValueError(t)
        start = from_jalali(y, 3 * (q - 1) + 1, 1)
        return start, add_months(start, 3) - timedelta(days=1)
    parts = t.split("-")
    if len(parts) == 1:
        y = int(parts[0])
        return nowruz(y), nowruz(y + 1) - timedelta(days=1)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        if not 1 <= m <= 12:
            raise ValueError(t)
        start = from_jalali(y, m, 1)
        return start, start + timedelta(days=month_days(y, m) - 1)
    d = date.fromisoformat(t)
    return d, d


# --- the SQL relation -------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _month_starts() -> tuple[tuple[date, ...], tuple[tuple[int, int], ...]]:
    """Every Jalali month's first day (asked of jdatetime) with its (year, month), in order."""
    starts, ym = [], []
    for y in range(_FIRST_JYEAR, _LAST_JYEAR + 2):
        for m in range(1, 13):
            starts.append(from_jalali(y, m, 1))
            ym.append((y, m))
    return tuple(starts), tuple(ym)


@functools.lru_cache(maxsize=1)
def days_table():
    """The `calendar_days` relation as an Arrow table: day (DATE) → persian_week, persian_month,
    persian_quarter, persian_year labels and persian_week_start. Built once per process (~74k rows,
    vectorised from the month starts)."""
    import numpy as np
    import pyarrow as pa

    starts, ym = _month_starts()
    first, last = starts[0], starts[-1] - timedelta(days=1)
    ep = np.datetime64(first, "D")
    days = np.arange(ep, np.datetime64(last, "D") + 1, dtype="datetime64[D]")
    start_arr = np.array(starts, dtype="datetime64[D]")
    idx = np.searchsorted(start_arr, days, side="right") - 1
    years = np.array([y for y, _ in ym])[idx]
    months = np.array([m for _, m in ym])[idx]
    # weeks start on Saturday (week_start): weekday as Python counts it (Monday 0), from the epoch,
    # 1970-01-01, a Thursday (3)
    def saturday_on_or_before(d):
        weekday = ((d - np.datetime64("1970-01-01", "D")).astype(np.int64) + 3) % 7
        return d - ((weekday - 5) % 7).astype("timedelta64[D]")

    wstart = saturday_on_or_before(days)
    friday = wstart + np.timedelta64(6, "D")
    fidx = np.clip(np.searchsorted(start_arr, friday, side="right") - 1, 0, len(ym) - 1)
    wyear = np.array([y for y, _ in ym])[fidx]
    nowruz_of = {y: s for s, (y, m) in zip(starts, ym) if m == 1}
    nw = np.array([np.datetime64(nowruz_of[y], "D") for y in range(_FIRST_JYEAR, _LAST_JYEAR + 2)])
    nw_start = saturday_on_or_before(nw)
    wk = (wstart - nw_start[wyear - _FIRST_JYEAR]).astype(np.int64) // 7 + 1
    ys = years.astype(str)
    return pa.table({
        "day": pa.array(days.astype("datetime64[D]"), type=pa.date32()),
        "persian_week": pa.array(np.char.add(np.char.add(wyear.astype(str), "-W"), np.char.zfill(wk.astype(str), 2))),
        "persian_month": pa.array(np.char.add(np.char.add(ys, "-"), np.char.zfill(months.astype(str), 2))),
        "persian_quarter": pa.array(np.char.add(np.char.add(ys, "-Q"), ((months - 1) // 3 + 1).astype(str))),
        "persian_year": pa.array(ys),
        "persian_week_start": pa.array(wstart.astype("datetime64[D]"), type=pa.date32()),
    })


def install(con) -> None:
    """Make `calendar_days` readable on this connection (a registered in-memory relation: no write to
    the warehouse, so it works on the read-only connections the app uses)."""
    # DuckDB 2 refuses register() while an earlier execute() on this connection has a result not read
    # to its end (a fetchone() of a one-row result leaves its end unread); a new statement closes it
    con.execute("SELECT 1").fetchall()
    con.register(TABLE, days_table())


# SQL that labels a date/timestamp column with its Persian period: the labels of calendar_days as one
# list in day order (an uncorrelated subquery, computed once per query), indexed by the row's day
# offset from the relation's first day. As fast as the Gregorian strftime on 7.5 M calls; a correlated
# lookup of each row's day was 3–4 times slower. A day outside the relation gets NULL (index 0 or past
# the end), never another day's label.
_PERSIAN_BUCKET = ("(SELECT list(cd.persian_{grain} ORDER BY cd.day) FROM " + TABLE + " AS cd)"
                   "[greatest(CAST({t} AS DATE) - DATE '{first}' + 1, 0)]")


def first_day() -> date:
    """The first day calendar_days holds (1 Farvardin of its first Jalali year)."""
    return _month_starts()[0][0]


def bucket_sql(grain: str, column: str) -> str:
    """The Persian label of `column` at `grain` (week, month, quarter, year) as a SQL expression; the
    connection must have `install(con)` run first."""
    if grain not in ("week", "month", "quarter", "year"):
        raise ValueError(f"grain {grain!r} does not depend on the calendar")
    return _PERSIAN_BUCKET.format(grain=grain, t=column, first=first_day().isoformat())


# --- display ----------------------------------------------------------------------------------------
# The one place that writes dates and period names for people. Words go through the language catalog
# (analytics.i18n: month and season names, the order of day, month and year), digits through
# units.digits (Persian digits in Persian); a Gregorian day in Chinese or Persian is written by Babel's
# CLDR formats. Keys in data never pass through here.
DAY_MONTH_YEAR = N_("{day} {month} {year}")   # translators: the order of a day in words
MONTH_YEAR = N_("{month} {year}")             # a Jalali month or a season with its year
WEEK_YEAR = N_("{year}-W{week}")              # a week on screen (English: its key, 1405-W35 / 2026-W46)


def _tr(message: str) -> str:
    from analytics.i18n import _

    return _(message)


def _digits(text: str, lang: str | None) -> str:
    from analytics.core.units import digits

    return digits(text, lang)


def _lang(lang: str | None) -> str:
    from analytics import i18n

    return lang or i18n.current()


def date_label(d: date, calendar: str = DEFAULT, lang: str | None = None) -> str:
    """A single day, short, on screen and in reports: Gregorian '2026-11-30'; Persian '1405/09/09'
    (Persian digits in Persian). Jalali dates take slashes, as Iranians write them — and because a
    slash (a common separator in Unicode's bidi algorithm) keeps '۱۴۰۵/۰۹/۰۹' one left-to-right number
    inside a right-to-left line, where hyphens would let the parts run right to left ('۰۹-۰۹-۱۴۰۵')."""
    if calendar == "persian":
        y, m, day = to_jalali(d)
        text = f"{y}/{m:02d}/{day:02d}"
    else:
        text = d.isoformat()
    return _digits(text, lang)


def long_date(d: date, calendar: str = DEFAULT, lang: str | None = None) -> str:
    """A day in words: '16 Nov 2026'; Persian '25 Aban 1405' (fa: '۲۵ آبان ۱۴۰۵'); a Gregorian day in
    Chinese or Persian by the locale's CLDR medium format."""
    lang = _lang(lang)
    if calendar == "persian":
        y, m, day = to_jalali(d)
        text = _tr(DAY_MONTH_YEAR).format(day=day, month=_tr(JALALI_MONTHS[m - 1]), year=y)
        return _digits(text, lang)
    from analytics import i18n

    if lang == i18n.DEFAULT:
        return f"{d:%d %b %Y}"
    from babel.dates import format_date

    return _digits(format_date(d, format="medium", locale=i18n.LOCALES[lang]), lang)


def period_label(key: str, grain: str, calendar: str = DEFAULT, lang: str | None = None) -> str:
    """How a period key (as the kpis command prints it) is written on an axis or in a table: Persian
    months by name ('Azar 1405'), seasons by name ('Autumn 1405'), weeks as the language writes them
    (English: the key '1405-W35'; Persian 'هفتهٔ ۳۵ سال ۱۴۰۵', which reads right to left as a key would
    not), years as their keys."""
    text = key
    if grain == "week" and _WEEK.match(key):
        y, w = key.split("-W")
        text = _tr(WEEK_YEAR).format(year=y, week=w)
    elif calendar == "persian" and grain == "month" and _MONTH.match(key):
        y, m = key.split("-")
        text = _tr(MONTH_YEAR).format(month=_tr(JALALI_MONTHS[int(m) - 1]), year=y)
    elif calendar == "persian" and grain == "quarter" and _QUARTER.match(key):
        y, q = key.split("-Q")
        text = _tr(MONTH_YEAR).format(month=_tr(SEASONS[int(q) - 1]), year=y)
    return _digits(text, lang)


_DIGITS_IN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DAY_TEXT = re.compile(r"^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$")


def parse_day(text: str, calendar: str = DEFAULT) -> date:
    """A day as date_label writes it, read back: Persian '1405/08/01' (Persian, Arabic-Indic or Latin
    digits; '/', '-' or '.' between the parts) or Gregorian '2026-10-23' → the Gregorian date.
    ValueError when it is not a day of that calendar (month 13, Esfand 30 of a common year…)."""
    m = _DAY_TEXT.match(str(text).translate(_DIGITS_IN))
    if not m:
        raise ValueError(text)
    y, mo, d = (int(g) for g in m.groups())
    if calendar == "persian":
        if not (_FIRST_JYEAR <= y < _LAST_JYEAR and 1 <= mo <= 12 and 1 <= d <= month_days(y, mo)):
            raise ValueError(text)
        return from_jalali(y, mo, d)
    return date(y, mo, d)


def range_text(start: date, end: date, calendar: str = DEFAULT, lang: str | None = None) -> str:
    return f"{date_label(start, calendar, lang)} – {date_label(end, calendar, lang)}"


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2})?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def axis_label(key, calendar: str | None = None, lang: str | None = None):
    """The words a chart axis or tooltip shows for a period key as metrics.compute writes it (any
    grain): under the Persian calendar a day '2026-11-30' (or an hour '2026-11-30 09:00') reads
    '1405/09/09' ('1405/09/09 09:00'), a Jalali month '1405-09' reads 'Azar 1405', a season 'Autumn
    1405'; weeks and years keep their keys. Gregorian keys are left as they are. Not a string (a
    number, a missing value): returned unchanged. The axis keeps the keys' chronological order."""
    if not isinstance(key, str):
        return key
    calendar = calendar or current()
    text = key
    m = _DAY.match(key)
    if _WEEK.match(key):
        text = period_label(key, "week", calendar, lang)
    elif m and calendar == "persian":
        try:
            text = date_label(date(int(m[1]), int(m[2]), int(m[3])), calendar) + (m[4] or "")
        except ValueError:
            text = key
    elif key[:4].isdigit() and int(key[:4]) < 1700:   # a Jalali period key (periods.calendar_of_label)
        if _MONTH.match(key):
            text = period_label(key, "month", "persian", lang)
        elif _QUARTER.match(key):
            text = period_label(key, "quarter", "persian", lang)
    return _digits(text, lang)


def week_order(monday_first: list, calendar: str | None = None) -> list:
    """Seven weekday names given Monday first, in the order the calendar's week runs: Persian weeks start
    on Saturday (a weekday × hour heatmap then reads Saturday … Friday)."""
    days = list(monday_first)
    return days[5:] + days[:5] if (calendar or current()) == "persian" else days


def axis_labels(keys, calendar: str | None = None, lang: str | None = None) -> list:
    return [axis_label(k, calendar, lang) for k in keys]


# The calendar a chart is drawn in when its caller does not say: a `using(calendar)` block in this
# thread (the report), else the Streamlit session's sidebar choice (f_calendar), else Gregorian.
_local = threading.local()


@contextmanager
def using(calendar: str | None):
    before = getattr(_local, "calendar", None)
    _local.calendar = calendar if calendar in CALENDARS else before
    try:
        yield
    finally:
        _local.calendar = before


def current() -> str:
    cal = getattr(_local, "calendar", None)
    if cal:
        return cal
    cal = session_value("f_calendar")
    return cal if cal in CALENDARS else DEFAULT


# --- the deployment's default (Settings) -------------------------------------------------------------
def save_default(path, calendar: str, by: str | None = None) -> bool:
    """Store the deployment's calendar (the one a link without cal= opens in, and the CLI's default) in
    the warehouse's settings table, with a line in settings_history and the audit log. Admins only.
    Returns False when it was already that calendar (nothing written)."""
    from pathlib import Path

    from analytics.auth import rights
    from analytics.core import warehouse
    from analytics.core.targets import clean_name

    rights.require_admin("the calendar")
    check(calendar)
    who = clean_name(by)
    with warehouse.write_connection(Path(path)) as con, warehouse.transaction(con):
        con.execute(warehouse.read_sql("raw/71_settings_history.sql"))
        row = con.execute("SELECT value FROM settings WHERE key = ?", [SETTING_KEY]).fetchone()
        before = row[0] if row and row[0] in CALENDARS else DEFAULT
        if before == calendar:
            return False
        con.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, current_localtimestamp()) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    [SETTING_KEY, calendar])
        con.execute("INSERT INTO settings_history (key, old_value, new_value, changed_by) VALUES (?, ?, ?, ?)",
                    [SETTING_KEY, before, calendar, who])
    rights.record_write(path, "calendar_changed", old_value=before, new_value=calendar, changed_by=who)
    return True
