"""The global filter: one object for period, grain, comparison and the queue/site/team/agent scope.

It round-trips to URL query parameters, so a pasted link is the whole view. Reading a URL never
fails: unknown values, bad dates, injected text and huge ranges are corrected to sensible defaults
and each correction is reported as a notice for the page to show.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Mapping

from analytics.core import calendars, labels, periods
from analytics.i18n import LANGS, N_
from analytics.core.units import digits
from analytics.i18n import _, isolate, ltr

DIMENSIONS = ("queues", "sites", "supervisors", "agents")
DIMENSION_ONE = {"queues": N_("queue"), "sites": N_("site"), "supervisors": N_("supervisor"),
                 "agents": N_("agent")}
DIMENSION_WORDS = {"queues": N_("queues"), "sites": N_("sites"), "supervisors": N_("supervisors"),
                   "agents": N_("agents")}
MAX_LIST = 500          # values per dimension a URL may carry
MAX_TEXT = 120          # characters per value


@dataclass(frozen=True)
class Catalog:
    """What exists in the warehouse: the values a filter may take."""
    first_day: date
    last_day: date
    queues: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)  # person id → display name
    calendar: str = calendars.DEFAULT   # the deployment's default calendar (Settings)

    def values(self, dim: str) -> tuple[str, ...]:
        return getattr(self, dim)

    def days_covered(self, start: date, end: date) -> int:
        """How many days of [start, end] lie within the data."""
        return max(0, (min(end, self.last_day) - max(start, self.first_day)).days + 1)

    def label(self, person_id: str) -> str:
        return labels.person(self.names.get(person_id), person_id)


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    preset: str = "custom"
    grain: str = "day"
    compare: str = "previous"
    queues: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    lang: str = ""       # the view's language (analytics.i18n.LANGS); "" = not chosen by the link
    calendar: str = calendars.DEFAULT   # how days group into weeks, months, quarters, years (periods.py)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def comparison(self) -> "Filters | None":
        rng = periods.comparison_range(self.start, self.end, self.compare, self.calendar)
        if rng is None:
            return None
        return replace(self, start=rng[0], end=rng[1], preset="custom")

    def with_period(self, start: date, end: date, preset: str = "custom") -> "Filters":
        return replace(self, start=start, end=end, preset=preset)

    def narrowed(self, **dims) -> "Filters":
        return replace(self, **{k: tuple(v) for k, v in dims.items()})

    def describe(self, catalog: Catalog | None = None) -> str:
        """'Last full week (2026-11-16 – 2026-11-22) · queues: Billing', in the active language (names
        from the data are isolated so they keep their order inside a right-to-left line)."""
        from analytics.core.units import digits
        from analytics.i18n import _, dot, isolate, ltr

        # each date one left-to-right run; the range itself follows the line's direction
        parts = [f"{ltr(digits(calendars.date_label(self.start, self.calendar)))} – "
                 f"{ltr(digits(calendars.date_label(self.end, self.calendar)))}"]
        if self.preset != "custom":
            parts[0] = f"{_(periods.preset_label(self.preset, self.calendar))} ({parts[0]})"
        for dim in DIMENSIONS:
            vals = getattr(self, dim)
            if vals:
                shown = [isolate(catalog.label(v) if catalog and dim in ("supervisors", "agents") else v)
                         for v in vals[:3]]
                more = digits(f" +{len(vals) - 3}") if len(vals) > 3 else ""
                sep = _(", ")
                parts.append(f"{_(DIMENSION_WORDS[dim])}: {sep.join(shown)}{more}")
        return dot().join(parts)

    # --- URL round trip -------------------------------------------------------------------------
    def to_query(self) -> dict[str, str | list[str]]:
        """Query parameters for this view; dates are always explicit so a link never drifts."""
        q: dict[str, str | list[str]] = {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "period": self.preset,
            "grain": self.grain,
            "compare": self.compare,
            "cal": self.calendar,   # always written: a link opens in its sender's calendar whatever the default
        }
        for dim in DIMENSIONS:
            vals = getattr(self, dim)
            if vals:
                q[dim] = list(vals)
        if self.lang:
            q["lang"] = self.lang
        return q

    @classmethod
    def default(cls, catalog: Catalog) -> "Filters":
        start, end = periods.preset_range("last_full_week", catalog.last_day, catalog.calendar)
        if end < catalog.first_day:
            start, end = catalog.first_day, catalog.last_day
        return cls(start=max(start, catalog.first_day), end=end, preset="last_full_week", grain="day",
                   calendar=catalog.calendar)

    @classmethod
    def from_query(cls, params: Mapping[str, object], catalog: Catalog) -> tuple["Filters", list[str]]:
        """Read a view from URL parameters, correcting anything invalid. Returns (filters, notices)."""
        notices: list[str] = []

        def one(key: str) -> str | None:
            v = params.get(key)
            if isinstance(v, (list, tuple)):
                v = v[-1] if v else None
            return None if v is None else str(v)[:MAX_TEXT]

        # the calendar first: the presets (and the default view) mean its weeks and months
        cal = one("cal") or catalog.calendar
        if cal not in calendars.CALENDARS:
            notices.append(_("Unknown calendar '{value}': showing the {calendar} calendar.").format(
                value=isolate(cal), calendar=calendars.label_of(catalog.calendar)))
            cal = catalog.calendar
        catalog = replace(catalog, calendar=cal)
        base = cls.default(catalog)

        def many(key: str) -> list[str]:
            v = params.get(key)
            if v is None:
                return []
            items = list(v) if isinstance(v, (list, tuple)) else [v]
            # a single comma-joined value is accepted too (hand-written links)
            out: list[str] = []
            for item in items:
                out.extend(s for s in str(item).split(",") if s)
            return [s[:MAX_TEXT] for s in out]

        preset = one("period") or base.preset
        if preset not in periods.PRESETS:
            notices.append(_("Unknown period '{value}': showing {period}.").format(
                value=isolate(preset), period=_(periods.preset_label(base.preset, cal)).lower()))
            preset = base.preset

        start, end = base.start, base.end
        raw_from, raw_to = one("from"), one("to")
        if raw_from or raw_to:
            try:
                start = date.fromisoformat(raw_from) if raw_from else base.start
                end = date.fromisoformat(raw_to) if raw_to else base.end
            except ValueError:
                notices.append(_("The link's dates could not be read: showing the default period."))
                start, end, preset = base.start, base.end, base.preset
            else:
                if preset != "custom" and (start, end) != periods.preset_range(preset, catalog.last_day, cal):
                    preset = "custom"  # the link's dates win: the sender's exact view
        elif preset != "custom":
            start, end = periods.preset_range(preset, catalog.last_day, cal)
        if start > end:
            start, end = end, start
            notices.append(_("The period's start was after its end: the two were swapped."))
        if start < catalog.first_day or end > catalog.last_day:
            clamped = (max(start, catalog.first_day), min(end, catalog.last_day))
            if clamped[0] > clamped[1]:
                notices.append(_("The link's period has no data: showing the default period."))
                start, end, preset = base.start, base.end, base.preset
            else:
                notices.append(_("The period was limited to the data available ({first} – {last}).").format(
                    first=ltr(digits(str(catalog.first_day))), last=ltr(digits(str(catalog.last_day)))))
                start, end = clamped
                preset = "custom" if preset != "custom" and (start, end) != periods.preset_range(
                    preset, catalog.last_day, cal) else preset

        grain = one("grain") or periods.default_grain(start, end)
        if grain not in periods.GRAINS:
            notices.append(_("Unknown grain '{value}': showing by {grain}.").format(
                value=isolate(grain), grain=_(periods.grain_label(periods.default_grain(start, end)))))
            grain = periods.default_grain(start, end)
        if grain in periods.SUBDAY and (end - start).days > periods.SUBDAY_MAX_DAYS:
            notices.append(_("Detail by {grain} is limited to {days} days: showing by day.").format(
                grain=_(periods.grain_label(grain)), days=digits(str(periods.SUBDAY_MAX_DAYS))))
            grain = "day"

        compare = one("compare") or base.compare
        if compare not in periods.COMPARISONS:
            notices.append(_("Unknown comparison '{value}': comparing with the previous period.").format(
                value=isolate(compare)))
            compare = "previous"

        dims: dict[str, tuple[str, ...]] = {}
        for dim in DIMENSIONS:
            asked = many(dim)
            if len(asked) > MAX_LIST:
                notices.append(_("Too many {items} in the link: kept the first {n}.").format(
                    items=_(DIMENSION_WORDS[dim]), n=digits(str(MAX_LIST))))
                asked = asked[:MAX_LIST]
            kept, dropped = known_values(catalog, dim, asked)
            if dropped:
                notices.append(_("Ignored unknown {item} value(s) {values} from the link.").format(
                    item=_(DIMENSION_ONE[dim]), values=isolate(quoted(dropped))))
            dims[dim] = kept

        lang = one("lang") or ""
        if lang and lang not in LANGS:
            notices.append(_("Unknown language '{value}': use one of {languages}.").format(
                value=isolate(lang[:30]), languages=", ".join(LANGS)))
            lang = ""

        return cls(start=start, end=end, preset=preset, grain=grain, compare=compare, lang=lang, calendar=cal,
                   **dims), notices


def known_values(catalog: Catalog, dim: str, asked) -> tuple[tuple[str, ...], list[str]]:
    """(kept, unknown): the one rule for a dimension's values, whether a link or the CLI asked. A value is
    known when the warehouse has it exactly; known ones are kept once each in the order asked, unknown
    ones are left out (and reported by the caller). All unknown leaves no filter on that dimension."""
    valid = set(catalog.values(dim))
    return tuple(dict.fromkeys(v for v in asked if v in valid)), [v for v in asked if v not in valid]


def quoted(values) -> str:
    """Unknown values for a notice: the first three, quoted and cut to 30 characters (they are whatever
    was typed or pasted), and how many more."""
    more = digits(f" +{len(values) - 3}") if len(values) > 3 else ""
    return ", ".join(repr(v[:30]) for v in values[:3]) + more


def data_range(con) -> tuple[date | None, date | None]:
    """The first and the latest plausible day with calls (None, None in an empty warehouse)."""
    # the latest *plausible* day: a call dated in the future (2099, an export's clock error, stored
    # before the importer refused them) must not move every default view to an empty week
    from analytics.importer.validate import future_limit

    return con.execute(
        "SELECT min(arrived_hour)::DATE, coalesce(max(arrived_hour) FILTER (WHERE arrived_hour <= ?), "
        "max(arrived_hour))::DATE FROM agg_calls_queue_hourly WHERE isfinite(arrived_hour)", [future_limit()]
    ).fetchone()


def load_catalog(con) -> Catalog:
    """Read the filter values from the warehouse (one short query per dimension)."""
    first, last = data_range(con)
    if first is None:
        today = date.today()
        first, last = today - timedelta(days=6), today

    def col(sql: str) -> tuple[str, ...]:
        return tuple(r[0] for r in con.execute(sql).fetchall())

    names = dict(con.execute("SELECT agent_id, name FROM agents").fetchall())
    calendar = default_calendar(con)
    return Catalog(
        first_day=first,
        last_day=last,
        queues=col("SELECT DISTINCT queue FROM agg_calls_queue_hourly ORDER BY 1"),
        sites=col("SELECT DISTINCT site FROM agents WHERE site IS NOT NULL ORDER BY 1"),
        # teams are the supervisors of agents: a manager above the supervisors leads no team with calls
        supervisors=col("SELECT DISTINCT supervisor_id FROM agents WHERE supervisor_id IS NOT NULL "
                        "AND role = 'agent' ORDER BY 1"),
        agents=col("SELECT agent_id FROM agents WHERE role = 'agent' ORDER BY 1"),
        names=names,
        calendar=calendar,
    )


def default_calendar(con) -> str:
    """The deployment's calendar: $SWITCHBOARD_CALENDAR, else Settings → Calendar (the settings table),
    else Gregorian; an unknown value is ignored rather than breaking every page."""
    env = os.environ.get(calendars.ENV_VAR, "").strip().lower()
    if env in calendars.CALENDARS:
        return env
    row = con.execute("SELECT value FROM settings WHERE key = ?", [calendars.SETTING_KEY]).fetchone()
    return row[0] if row and row[0] in calendars.CALENDARS else calendars.DEFAULT
