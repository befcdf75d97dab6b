"""Review periods: a label like 2026-W46, 2026-11, 2026-Q4 or 2026 and its neighbours.

The review compares a period with the one before it of the same kind (the previous ISO week, the
previous calendar month…) and with the same period a year earlier — not with "the same number of
days before", which would compare November with 2 October – 31 October.

Under the Persian calendar the labels are Jalali (1405-W35 a Saturday–Friday week, 1405-08 Aban,
1405-Q3 autumn, 1405 the year from Nowruz): a label's year says its calendar (periods.calendar_of_label),
so a label alone names its period everywhere (links, cache keys, saved actions)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from analytics.core import calendars, periods
from analytics.i18n import N_

KINDS = ("week", "month", "quarter", "year")
KIND_LABELS = {"week": N_("Week"), "month": N_("Month"), "quarter": N_("Quarter"), "year": N_("Year")}
_PATTERNS = {
    "week": re.compile(r"^(\d{4})-W(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}


@dataclass(frozen=True)
class ReviewPeriod:
    label: str
    kind: str
    start: date
    end: date
    calendar: str = calendars.DEFAULT

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def shifted(self, steps: int) -> "ReviewPeriod":
        """The period `steps` periods of the same kind later (negative: earlier)."""
        if self.kind == "week":
            return of_date(self.start + timedelta(weeks=steps), "week", self.calendar)
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind] * steps
        if self.calendar == "persian":
            return of_date(calendars.add_months(self.start, months), self.kind, self.calendar)
        y, m = divmod(self.start.month - 1 + months, 12)
        return of_date(date(self.start.year + y, m + 1, 1), self.kind)

    def previous(self) -> "ReviewPeriod":
        return self.shifted(-1)

    def last_year(self) -> "ReviewPeriod":
        if self.kind == "week" and self.calendar == "persian":   # the same week number of the Jalali year before
            year, week = calendars.week_of(self.start)
            week = min(week, calendars.weeks_in_year(year - 1))
            return parse(f"{year - 1}-W{week:02d}", self.calendar)
        if self.kind == "week":
            year, week = self.start.isocalendar()[:2]
            try:
                return of_date(date.fromisocalendar(year - 1, week, 1), "week")
            except ValueError:  # week 53 of a year whose predecessor has 52
                return of_date(date.fromisocalendar(year - 1, 52, 1), "week")
        return self.shifted({"month": -12, "quarter": -4, "year": -1}[self.kind])

    def describe(self) -> str:
        """'Week 2026-W46 (9 Nov 2026 – 15 Nov 2026)', in the active language (the CLI's report line)."""
        from analytics.core import units
        from analytics.i18n import _

        return _("{kind} {period} ({span})").format(kind=_(KIND_LABELS[self.kind]), period=units.digits(self.label),
                                                    span=self.span())

    def span(self) -> str:
        """'16 Nov 2026 – 22 Nov 2026'; Persian: '22 Aban 1405 – 28 Aban 1405' (calendars.long_date)."""
        return f"{calendars.long_date(self.start, self.calendar)} – {calendars.long_date(self.end, self.calendar)}"


def parse(label: str, calendar: str | None = None) -> ReviewPeriod:
    """A review period from its label; ValueError with a readable message otherwise. The calendar is
    the label's own (a Jalali year: Persian) unless given."""
    text = str(label).strip()
    calendar = calendar or periods.calendar_of_label(text)
    for kind, pattern in _PATTERNS.items():
        if pattern.match(text):
            try:
                start, end = periods.parse_period_label(text, calendar)
            except ValueError:
                break   # 2026-13, 2025-W60: the right shape but no such period
            return ReviewPeriod(text, kind, start, end, calendar)
    raise ValueError(f"cannot read review period {str(label)[:40]!r}: use 2026-W46 (ISO week), "
                     "2026-11 (month), 2026-Q4 (quarter) or 2026 (year); Jalali: 1405-W35 (Saturday–Friday "
                     "week), 1405-08, 1405-Q3, 1405")


def of_date(d: date, kind: str, calendar: str = calendars.DEFAULT) -> ReviewPeriod:
    if calendar == "persian":
        if kind not in KINDS:
            raise ValueError(f"unknown period kind {kind!r}; use one of {', '.join(KINDS)}")
        return parse(periods.label(d, kind, calendar), calendar)
    if kind == "week":
        y, w, _ = d.isocalendar()
        return parse(f"{y}-W{w:02d}")
    if kind == "month":
        return parse(f"{d.year}-{d.month:02d}")
    if kind == "quarter":
        return parse(f"{d.year}-Q{(d.month - 1) // 3 + 1}")
    if kind == "year":
        return parse(f"{d.year}")
    raise ValueError(f"unknown period kind {kind!r}; use one of {', '.join(KINDS)}")


def last_complete(last_day: date, kind: str, calendar: str = calendars.DEFAULT) -> ReviewPeriod:
    """The latest period of `kind` that ends on or before the last day of data."""
    p = of_date(last_day, kind, calendar)
    return p if p.end <= last_day else p.previous()


def available(first_day: date, last_day: date, kind: str, limit: int = 260,
              calendar: str = calendars.DEFAULT) -> list[ReviewPeriod]:
    """Periods of `kind` overlapping the data, latest first."""
    out, p = [], of_date(last_day, kind, calendar)
    while p.end >= first_day and len(out) < limit:
        out.append(p)
        p = p.previous()
    return out


def default(first_day: date, last_day: date, kind: str = "week",
            calendar: str = calendars.DEFAULT) -> ReviewPeriod:
    """The last complete period if the data covers it, else the latest (partial) one."""
    p = last_complete(last_day, kind, calendar)
    return p if p.end >= first_day else of_date(last_day, kind, calendar)
