"""The sidebar that edits the global Filters; the same on every page."""
from __future__ import annotations

import streamlit as st

from analytics import i18n
from analytics.core import calendars, periods
from analytics.i18n import _, label
from analytics.auth.scope import Scope
from analytics.core.filters import Catalog, Filters
from analytics.ui import jalali_range, state

_KEYS = ("f_preset", "f_range", "f_grain", "f_compare", "f_queues", "f_sites", "f_supervisors", "f_agents",
         "f_calendar")


def _seed_widgets(f: Filters) -> None:
    """Give the widgets the URL's view once, before they are created."""
    if "f_preset" in st.session_state:
        return
    st.session_state.update({
        "f_preset": f.preset,
        "f_range": (f.start, f.end),
        "f_grain": f.grain,
        "f_compare": f.compare,
        "f_queues": list(f.queues),
        "f_sites": list(f.sites),
        "f_supervisors": list(f.supervisors),
        "f_agents": list(f.agents),
        "f_calendar": f.calendar,
    })
    i18n.forget_session_values()  # the calendar may have been read before it was seeded


def _calendar() -> str:
    return st.session_state.get("f_calendar", calendars.DEFAULT)


def _on_preset_change(catalog: Catalog) -> None:
    preset = st.session_state["f_preset"]
    if preset != "custom":
        start, end = periods.preset_range(preset, catalog.last_day, _calendar())
        start, end = max(start, catalog.first_day), max(min(end, catalog.last_day), catalog.first_day)
        st.session_state["f_range"] = (start, end)
        st.session_state["f_grain"] = periods.default_grain(start, end)


def _on_calendar_change(catalog: Catalog) -> None:
    """A preset means the new calendar's weeks and months ("last month" → the last Jalali month)."""
    _on_preset_change(catalog)


def _on_range_change() -> None:
    st.session_state["f_preset"] = "custom"


def _keep_range_inside(catalog: Catalog) -> None:
    """The data changed under this session (e.g. a first import on the Data page): a range outside the
    dates that now exist would make the date picker raise, so it is clamped to them."""
    rng = st.session_state.get("f_range")
    if not isinstance(rng, (tuple, list)) or not rng:
        return
    lo, hi = catalog.first_day, catalog.last_day
    if any(d < lo or d > hi for d in rng):
        st.session_state["f_range"] = tuple(min(max(d, lo), hi) for d in rng)


def render(catalog: Catalog, scope: Scope | None = None) -> Filters:
    scope = scope or Scope()
    if "f_preset" not in st.session_state:
        first, notices = scope.clamp(state.initial_filters(catalog))
        for n in notices:
            state.add_notice(n)
        _seed_widgets(first)
    _keep_range_inside(catalog)
    sb = st.sidebar
    cal = _calendar()
    sb.selectbox(_("Period"), list(periods.PRESETS), format_func=lambda p: _(periods.preset_label(p, cal)),
                 key="f_preset", on_change=_on_preset_change, args=(catalog,))
    if cal == "persian":   # Streamlit's date picker is Gregorian: Jalali days in text boxes instead
        start, end = jalali_range.render(sb, catalog.first_day, catalog.last_day, _on_range_change)
        sb.caption(_("{calendar}: {dates}").format(calendar=calendars.label_of(calendars.DEFAULT),
                                                   dates=i18n.ltr(calendars.range_text(start, end, calendars.DEFAULT))))
    else:
        picked = sb.date_input(_("From – to"), key="f_range", min_value=catalog.first_day,
                               max_value=catalog.last_day, on_change=_on_range_change,
                               help=_("Data available {first} – {last}").format(first=catalog.first_day,
                                                                                last=catalog.last_day))
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            start, end = picked
        else:  # mid-selection: one date picked so far
            start = end = picked[0] if isinstance(picked, (tuple, list)) and picked else catalog.last_day
    c1, c2 = sb.columns(2)
    grain = c1.selectbox(_("Grain"), periods.GRAINS, key="f_grain",
                         format_func=lambda g: label(periods.grain_label(g)))
    compare = c2.selectbox(_("Compare"), list(periods.COMPARISONS), format_func=lambda c: _(periods.COMPARISONS[c]),
                           key="f_compare")
    cal = sb.selectbox(_("Calendar"), calendars.CALENDARS, format_func=calendars.label_of, key="f_calendar",
                       on_change=_on_calendar_change, args=(catalog,),
                       help=_("How days group into weeks, months, quarters and years. Persian: Saturday–Friday "
                              "weeks, Jalali months, seasons, the year from Nowruz."))
    if grain in periods.SUBDAY and (end - start).days > periods.SUBDAY_MAX_DAYS:
        sb.caption(_("Detail by {grain} is limited to {days} days: showing by day.").format(
            grain=_(periods.grain_label(grain)), days=periods.SUBDAY_MAX_DAYS))
        grain = "day"
    sups: list[str] = []
    agents: list[str] = []
    with sb.expander(_("Scope: queues, sites, teams, agents"),
                     expanded=any(st.session_state.get(k) for k in _KEYS[4:])):
        queues = st.multiselect(_("Queues"), catalog.queues, key="f_queues", placeholder=_("All queues"))
        sites = st.multiselect(_("Sites"), catalog.sites, key="f_sites", placeholder=_("All sites"))
        if not scope.center_only:
            team_options = catalog.supervisors if scope.teams is None else scope.teams
            sups = st.multiselect(_("Supervisors (teams)"), team_options, key="f_supervisors",
                                  format_func=catalog.label,
                                  placeholder=_("All teams") if scope.teams is None else _("Your team"))
            agents = st.multiselect(_("Agents"), catalog.agents, key="f_agents", format_func=catalog.label,
                                    placeholder=_("All agents"))
    f = Filters(start=start, end=end, preset=st.session_state["f_preset"], grain=grain, compare=compare,
                queues=tuple(queues), sites=tuple(sites), supervisors=tuple(sups), agents=tuple(agents),
                lang=i18n.current(), calendar=cal)
    f, _clamped = scope.clamp(f)
    state.write_filters(f)
    return f
