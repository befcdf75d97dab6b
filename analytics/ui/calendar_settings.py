"""Settings → Calendar: the deployment's default calendar (what a link without cal= opens in)."""
from __future__ import annotations

import streamlit as st

from analytics.core import calendars
from analytics.i18n import _
from analytics.ui import context


def settings_section(db_path, is_admin: bool, who: str | None = None) -> None:
    st.subheader(_("Calendar"))
    st.caption(_("The calendar a link without cal= opens in, and the one the kpis command groups by when it is "
                 "not told. Persian (Jalali): weeks run Saturday to Friday, months are Jalali months, quarters "
                 "are the seasons and the year starts at Nowruz. A KPI's value never depends on the calendar, "
                 "only how days are grouped."))
    import os

    if os.environ.get(calendars.ENV_VAR, "").strip().lower() in calendars.CALENDARS:
        st.info(_("This deployment's calendar is set by {variable} on the server; a default saved here applies "
                  "once it is unset.").format(variable=calendars.ENV_VAR))
    current = context.catalog().calendar
    options = list(calendars.CALENDARS)
    picked = st.selectbox(_("Default calendar of this deployment"), options, index=options.index(current),
                          format_func=calendars.label_of, disabled=not is_admin, key="set_default_calendar")
    if is_admin and st.button(_("Save the default calendar"), key="set_default_calendar_save"):
        changed = calendars.save_default(db_path, picked, who)
        name = calendars.label_of(picked)
        st.success(_("Saved: links without a calendar now open in the {calendar} calendar.").format(calendar=name)
                   if changed else _("The {calendar} calendar was already the default.").format(calendar=name))
