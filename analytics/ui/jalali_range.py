"""The custom period's first and last day as Jalali dates, for the Persian calendar: Streamlit's date
picker is Gregorian only, so with cal=persian the sidebar shows two text boxes holding '۱۴۰۵/۰۸/۰۱'
(Persian digits in Persian; Persian, Arabic-Indic or Latin digits are read), checked as they are typed.
The Gregorian range in the session (`f_range`, what the link and every query use) stays the one truth:
the boxes are written from it whenever it changes elsewhere (a preset, the link), and a valid edit
writes it back and makes the period "custom"."""
from __future__ import annotations

from datetime import date

import streamlit as st

from analytics.core import calendars
from analytics.i18n import _

RANGE = "f_range"                    # the filter bar's Gregorian (start, end)
FROM, TO = "f_jfrom", "f_jto"        # the two text boxes
_SHOWN = "_f_jshown"                 # the range the boxes were last written from
_PROBLEM = "_f_jproblem"             # why the last edit was not taken (shown under the boxes)


def _write_boxes(rng: tuple[date, date]) -> None:
    st.session_state[FROM] = calendars.date_label(rng[0], "persian")
    st.session_state[TO] = calendars.date_label(rng[1], "persian")
    st.session_state[_SHOWN] = tuple(rng)


def _edited(first: date, last: date, on_change) -> None:
    """A box changed: take the range if both days are Jalali days inside the data, in order."""
    try:
        start = calendars.parse_day(st.session_state[FROM], "persian")
        end = calendars.parse_day(st.session_state[TO], "persian")
    except ValueError:
        st.session_state[_PROBLEM] = _("Write a Jalali day as year/month/day, e.g. {example}.").format(
            example=calendars.date_label(last, "persian"))
        return
    if start > end:
        st.session_state[_PROBLEM] = _("The first day is after the last day.")
        return
    if start < first or end > last:
        st.session_state[_PROBLEM] = _("Data available {first} – {last}").format(
            first=calendars.date_label(first, "persian"), last=calendars.date_label(last, "persian"))
        return
    st.session_state.pop(_PROBLEM, None)
    st.session_state[RANGE] = (start, end)
    _write_boxes((start, end))        # the same days in the house format (Persian digits, 2-digit months)
    on_change()


def render(sb, first: date, last: date, on_change) -> tuple[date, date]:
    """The two boxes in the sidebar `sb`; returns the Gregorian (start, end) in force."""
    rng = tuple(st.session_state.get(RANGE) or (last, last))
    if len(rng) == 1:
        rng = (rng[0], rng[0])
    # the date picker is not drawn in this calendar: keep its value in the session all the same
    st.session_state[RANGE] = rng
    if st.session_state.get(_SHOWN) != rng or FROM not in st.session_state or TO not in st.session_state:
        st.session_state.pop(_PROBLEM, None)
        _write_boxes(rng)
    c1, c2 = sb.columns(2)
    args = (first, last, on_change)
    c1.text_input(_("From (Jalali)"), key=FROM, on_change=_edited, args=args,
                  help=_("Year/month/day in the Persian calendar, e.g. {example}").format(
                      example=calendars.date_label(last, "persian")))
    c2.text_input(_("To (Jalali)"), key=TO, on_change=_edited, args=args)
    if st.session_state.get(_PROBLEM):
        sb.warning(st.session_state[_PROBLEM])
    return rng
