"""Units: the one vocabulary for how a number is written — tiles, tables, chart axes and tooltips,
CSV and report text, the settings form and target ranges all ask the KPI's Unit. Formatting lives in
this module only, in the active language (analytics.i18n): Babel's CLDR data gives the separators
(Persian ٫ and ٬, Chinese grouping), Persian text gets Persian digits (۰–۹), and a number and its unit
are put together by a translated template ("{value} s" → "{value} ثانیه"), never by concatenation."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from analytics import i18n
from analytics.i18n import N_, _

UNDEFINED = "—"  # an undefined value (no population) is shown as an em dash, never as 0


def undefined(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class Unit:
    id: str
    word: str             # in a sentence or form label: "%", "seconds"
    title_suffix: str     # after an axis title: "Service level (%)"
    column: str           # printf format of a sortable table column (st.column_config.NumberColumn)
    d3: str               # d3 format of a chart's values: axis labels and tooltips of trend charts
    d3_ticks: str         # d3 format of the coarse ticks of a bullet chart
    bounds: tuple[float, float]  # plausible values; a target outside them is a typo, not an ambition
    step: float           # the step of a number input
    decimals: int         # display digits of format()
    delta_suffix: str = ""  # a change of a percentage is in points

    def format(self, value, minutes: bool | None = None) -> str:
        """Display a value; undefined (None/NaN) shows as an em dash. Seconds of 10 minutes or more read
        as m:ss min; `minutes` forces one way, so a table column keeps one unit (column_formatter)."""
        if undefined(value):
            return UNDEFINED
        v = float(value)
        if self.id == "s" and (abs(v) >= 600 if minutes is None else minutes):
            return _("{minutes}:{seconds} min").format(minutes=number(int(v // 60), 0, group=False),
                                                       seconds=digits(f"{int(round(v % 60)):02d}"))
        if self.id == "nps":
            return number(v, 0, sign=True, group=False)
        if self.id == "count":
            return number(v, 0)
        if self.id == "h":
            return duration_h(v)
        return self._with_unit(number(v, self.decimals, group=False))

    def column_formatter(self, values):
        """format() for every cell of one table column, in one unit: a column of seconds is written as
        m:ss min when its typical (median) value would be on its own, so "10:10 min" never sits above
        "401 s", and a table of handle times by queue reads in the unit of the center's tile above it
        (466 s, not 6:37 min beside a tile of 466 s)."""
        if self.id != "s":
            return self.format
        defined = sorted(abs(float(v)) for v in values if not undefined(v))
        minutes = bool(defined) and defined[len(defined) // 2] >= 600
        return lambda v: self.format(v, minutes)

    def format_delta(self, delta) -> str:
        """A signed change: +2.0 pts, −3 s, +1,204."""
        if undefined(delta):
            return UNDEFINED
        d = float(delta)
        if self.id == "count":
            return number(d, 0, sign=True)
        if self.id == "pct":
            return _("{value} pts").format(value=number(d, self.decimals, sign=True, group=False))
        if self.id == "s":
            return _("{value} s").format(value=number(d, self.decimals, sign=True, group=False))
        return number(d, 1, sign=True, group=False)

    def _with_unit(self, text: str) -> str:
        template = _UNIT_TEMPLATES.get(self.id)
        return _(template).format(value=text) if template else text

    def column_format(self) -> str:
        """The printf format of a sortable table column in the active language: the number as
        `column` writes it (thousands grouped), the unit by format()'s own translated template ("%,.0f s",
        "%'٬,.0f ثانیه", "%,.0f 秒"; "%.1f%%", "%.1f٪"), so a Persian or Chinese table does not say "s"."""
        template = _UNIT_TEMPLATES.get(self.id)
        spec = PRINTF_NUMBER.match(self.column)
        column = group_separator(self.column)
        if not template or not spec:
            return column
        return _(template).replace("%", "%%").replace("{value}", group_separator(spec.group(0)))


# one printf number conversion as the browser's sprintf reads it: sign, pad character ('x), alignment,
# thousands grouping (','), width, precision, type
PRINTF_NUMBER = re.compile(r"%\+?(?:0|'.)?-?[,_]?\d*(?:\.\d+)?[dfi]")


def group_separator(fmt: str, lang: str | None = None) -> str:
    """A printf format's thousands grouping in the reader's language: the browser's sprintf groups with
    ',' unless a pad character names another (Persian groups with ٬)."""
    if (lang or i18n.current()) != "fa":
        return fmt
    return re.sub(r"%(\+?),", "%\\1'٬,", fmt)


# a number and its unit, as format() and the tables write them (translated templates)
_UNIT_TEMPLATES = {"pct": N_("{value}%"), "s": N_("{value} s"), "h": N_("{value} h")}


# Persian digits: CLDR's Persian numbering system is 'arabext', but Babel writes its separators only
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def digits(text: str, lang: str | None = None) -> str:
    """Digits of the active language: Persian text reads ۱۲۳, the others 123."""
    return text.translate(PERSIAN_DIGITS) if (lang or i18n.current()) == "fa" else text


def number(v: float, decimals: int, *, sign: bool = False, group: bool = True, lang: str | None = None) -> str:
    """A number in the active language: 1,234.5 · ۱٬۲۳۴٫۵ · 1,234.5 (zh). Rounded once, by Python's
    format (so every language shows the same digits), then written with the locale's symbols."""
    lang = lang or i18n.current()
    if round(v, decimals) == 0:
        v = 0.0  # -0.0, or -0.3 shown without decimals, is written 0, not -0
    text = f"{v:{'+' if sign else ''}{',' if group else ''}.{decimals}f}"
    if lang == i18n.DEFAULT:
        return text
    from babel.numbers import format_decimal

    body = "#,##0" if group else "0"
    pattern = body + ("." + "0" * decimals if decimals else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    out = format_decimal(Decimal(text.replace(",", "")), format=pattern, locale=i18n.LOCALES[lang],
                         numbering_system="default", decimal_quantization=False)
    if lang in i18n.RTL and out[:1] in "+-":
        out = "\u200e" + out  # a left-to-right mark keeps the sign before the digits in a right-to-left line
    return digits(out, lang)


def duration_s(seconds: float, *, short: bool = False) -> str:
    """Seconds in readable units: '45 s', '3 min 05 s', '1 h 02 min' (a call's parts, a longest wait:
    not '1139'). `short` (bin edges and axis labels): '90 s', '2 min', '10 min'."""
    if undefined(seconds):
        return UNDEFINED
    v = round(float(seconds))
    sign, v = ("-" if v < 0 else ""), abs(v)
    if v < (120 if short else 60):
        return _("{value} s").format(value=digits(f"{sign}{v}"))
    if v < 3600:
        m, s = divmod(v, 60)
        if short and not s:
            return _("{value} min").format(value=digits(f"{sign}{m}"))
        return _("{minutes} min {seconds} s").format(minutes=digits(f"{sign}{m}"), seconds=digits(f"{s:02d}"))
    h, m = divmod(round(v / 60), 60)
    if short and not m:
        return _("{value} h").format(value=digits(f"{sign}{h}"))
    return _("{hours} h {minutes} min").format(hours=digits(f"{sign}{h}"), minutes=digits(f"{m:02d}"))


def date_text(d, pattern: str = "d MMM y", lang: str | None = None) -> str:
    """A date in the active language (CLDR pattern): '16 Nov 2026' · '۱۶ نوامبر ۲۰۲۶' · '2026年11月16日'.
    The pattern is the English one; Persian and Chinese use their locale's own order for the same
    fields (Babel's skeletons), so a Chinese date reads year–month–day."""
    lang = lang or i18n.current()
    if lang == i18n.DEFAULT:
        return {"d MMM y": f"{d:%d %b %Y}", "d MMM": f"{d:%d %b}", "MMM y": f"{d:%b %Y}"}.get(pattern, d.isoformat())
    from babel.dates import format_skeleton

    skeleton = {"d MMM y": "yMMMd", "d MMM": "MMMd", "MMM y": "yMMM"}.get(pattern, "yMd")
    return digits(format_skeleton(skeleton, d, locale=i18n.LOCALES[lang]), lang)


def weekday_name(d, width: str = "abbreviated", lang: str | None = None) -> str:
    """A day's weekday in the active language (CLDR): 'Tue' · 'سه‌شنبه' · '周二'. `d` is a date, or an ISO
    weekday number 1 (Monday) … 7 (Sunday) as SQL's isodow gives it."""
    lang = lang or i18n.current()
    iso = not hasattr(d, "weekday")   # an ISO number (int or numpy integer), not a date
    if lang == i18n.DEFAULT and not iso:
        return f"{d:%a}" if width == "abbreviated" else f"{d:%A}"
    from babel.dates import get_day_names

    return get_day_names(width, locale=i18n.LOCALES[lang])[(int(d) - 1) % 7 if iso else d.weekday()]


def datetime_text(ts, calendar: str | None = None, lang: str | None = None) -> str:
    """A moment with its weekday, in the active language and the view's calendar: 'Tue 13 Oct 2026, 09:14'
    · 'سه‌شنبه ۲۱ مهر ۱۴۰۵، ۰۹:۱۴' (Persian calendar) · '2026年10月13日 周二 09:14'."""
    from analytics.core import calendars

    lang = lang or i18n.current()
    calendar = calendar or calendars.current()
    if lang == i18n.DEFAULT and calendar == calendars.DEFAULT:
        return f"{ts:%a %d %b %Y, %H:%M}"
    day = calendars.long_date(ts.date(), calendar, lang) if calendar != calendars.DEFAULT or lang == i18n.DEFAULT \
        else date_text(ts.date(), lang=lang)
    return _("{weekday} {date}, {time}").format(weekday=weekday_name(ts, lang=lang), date=day,
                                                time=digits(f"{ts:%H:%M}", lang))


def datetime_texts(values, calendar: str | None = None, lang: str | None = None) -> list[str]:
    """datetime_text of each of `values`, the language and calendar read once (a table of 700
    intervals asked the session 1,400 times)."""
    from analytics.core import calendars

    lang = lang or i18n.current()
    calendar = calendar or calendars.current()
    return [datetime_text(v, calendar, lang) for v in values]


def hour_range(hour: int, lang: str | None = None) -> str:
    """One hour of the day as a clock range, '09:00–09:59' (Persian digits in Persian)."""
    return digits(f"{int(hour):02d}:00–{int(hour):02d}:59", lang)


def duration_h(hours: float) -> str:
    """Hours in readable units: '45 min', '5.5 h', '11 d 3 h' (not '266.8 h')."""
    if abs(hours) < 1:
        return _("{value} min").format(value=number(hours * 60, 0, group=False))
    if abs(hours) < 24:
        return _("{value} h").format(value=number(hours, 1, group=False))
    d, h = divmod(round(abs(hours)), 24)
    sign = "-" if hours < 0 else ""
    if h:
        return _("{days} d {hours} h").format(days=digits(f"{sign}{d}"), hours=digits(str(h)))
    return _("{days} d").format(days=digits(f"{sign}{d}"))


UNITS: dict[str, Unit] = {u.id: u for u in (
    Unit("pct", "%", " (%)", "%.1f%%", ".1f", ".0f", (0.0, 100.0), 1.0, 1, " pts"),
    Unit("s", "seconds", " (s)", "%,.0f s", ",.0f", ",.0f", (0.0, 86_400.0), 1.0, 0, " s"),
    Unit("h", "hours", " (h)", "%,.1f h", ".1f", ",.1f", (0.0, 8_760.0), 1.0, 1),
    Unit("count", "count", "", "%,d", ",.0f", ",.1f", (0.0, 1e12), 1.0, 0),
    Unit("score", "points", "", "%.1f", ".2f", ",.1f", (0.0, 100.0), 1.0, 1),
    Unit("nps", "NPS points", "", "%+.0f", "+.0f", "+.0f", (-100.0, 100.0), 1.0, 0),
    Unit("ratio", "ratio", "", "%.2f", ".2f", ",.1f", (0.0, 1e6), 0.1, 1),
    Unit("pts", "points", "", "%.1f", ".2f", ",.1f", (-100.0, 100.0), 0.1, 1),
)}


def get(unit_id: str) -> Unit:
    try:
        return UNITS[unit_id]
    except KeyError:
        raise ValueError(f"unknown unit {unit_id!r}; use one of {', '.join(UNITS)}") from None


def format_value(value, unit_id: str) -> str:
    return get(unit_id).format(value)


def format_delta(delta, unit_id: str) -> str:
    return get(unit_id).format_delta(delta)
