"""Settings → Calendar: the deployment's default calendar (what a link without cal= opens in)."""
from __future__ import annotations

import streamlit as st

from analytics.core import calendars
from analytics.ui import context


def settings_section(db_path, is_admin: bool, who: str | None = None) -> None:
    st.subheader("Calendar")
    st.caption("The calendar a link without cal= opens in, and the one the kpis command groups by when it is "
               "not told. Persian (Jalali): weeks run Saturday to Friday, months are Jalali months, quarters "
               "are the seasons and the year starts at Nowruz. A KPI's value never depends on the calendar, "
               "only how days are grouped.")
    current = context.catalog().calendar
    options = list(calendars.CALENDARS)
    picked = st.selectbox("Default calendar of this deployment", options, index=options.index(current),
                          format_func=calendars.label_of, disabled=not is_admin, key="set_default_calendar")
    if is_admin and st.button("Save the default calendar", key="set_default_calendar_save"):
        changed = calendars.save_default(db_path, picked, who)
        st.success(f"Saved: links without a calendar now open in the {calendars.label_of(picked)} calendar."
                   if changed else f"The {calendars.label_of(picked)} calendar was already the default.")
