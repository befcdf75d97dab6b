"""The view in the URL: the global Filters plus each page's own choices (chosen KPI, chart options).

On a session's first run the URL is read (and corrected, with notices); after that the session's
widgets are the truth and every run writes the whole view back to the URL, so the address bar is
always a link to exactly what is on screen — also after Streamlit clears it on page switches.
"""
from __future__ import annotations

from typing import Sequence

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from analytics.core.filters import Catalog, Filters
from analytics.core.units import digits
from analytics import i18n
from analytics.i18n import _, isolate

_INITIAL = "_initial_query"
_NOTICES = "_url_notices"
_PAGE = "_initial_page"
_PAGE_DONE = "_initial_page_done"
_WRITTEN = "_url_written"      # the view the address held after the last run (follow_history)
_PENDING = "_url_pending"      # this run's view, written at its end (flush_url)
_PENDING_FILTERS = "_url_pending_filters"


def initial_query() -> dict:
    """The URL parameters the session was opened with (read once)."""
    if _INITIAL not in st.session_state:
        st.session_state[_INITIAL] = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    return st.session_state[_INITIAL]


def initial_page() -> str:
    """The page (url path) the session was opened with, read once — before the sign-in form, whose
    reruns no longer carry it: a deep link must land on its page after sign-in."""
    if _PAGE not in st.session_state:
        ctx = get_script_run_ctx()
        name = ctx.pages_manager.intended_page_name if ctx is not None else None
        st.session_state[_PAGE] = (name or "").strip("/")
    return st.session_state[_PAGE]


def pending_page() -> str | None:
    """The page the session was opened with, once (on the first run that has the navigation, i.e.
    after sign-in); None afterwards, so the user's own page changes are never overridden."""
    if st.session_state.get(_PAGE_DONE):
        return None
    st.session_state[_PAGE_DONE] = True
    return initial_page() or None


def initial_filters(catalog: Catalog) -> Filters:
    if "_filters_from_url" not in st.session_state:
        f, notices = Filters.from_query(initial_query(), catalog)
        st.session_state["_filters_from_url"] = f
        st.session_state[_NOTICES] = list(notices)
    return st.session_state["_filters_from_url"]


def notices() -> list[str]:
    return st.session_state.get(_NOTICES, [])


def add_notice(text: str) -> None:
    st.session_state.setdefault(_NOTICES, []).append(text)


def write_filters(f: Filters) -> None:
    """The run's view starts with the filters; page options join it (choice, number); app.py writes
    the whole view to the address once, at the end of the run (flush_url)."""
    st.session_state[_PENDING] = {k: _as_list(v) for k, v in f.to_query().items()}
    st.session_state[_PENDING_FILTERS] = dict(st.session_state[_PENDING])


def _write(key: str, value: str) -> None:
    st.session_state.setdefault(_PENDING, {})[key] = _as_list(value)


def flush_url() -> None:
    """Write this run's view to the address in one change. Writing it piecemeal (filters, then each
    option) made the browser keep one history entry per step, so Back stepped through half-views."""
    pending = st.session_state.pop(_PENDING, None)
    st.session_state.pop(_PENDING_FILTERS, None)
    if pending is None:
        return
    if _current_query() != pending:
        st.query_params.from_dict(pending)
    st.session_state[_WRITTEN] = pending


def handoff(**options: str) -> dict[str, list[str]]:
    """The address of a drill step that opens another page (st.switch_page's query_params): this run's
    filters plus the target page's options. This page's own view is not written."""
    view = dict(st.session_state.pop(_PENDING_FILTERS, None) or {})
    st.session_state.pop(_PENDING, None)
    view.update({k: _as_list(v) for k, v in options.items()})
    st.session_state[_WRITTEN] = view
    return view


def _as_list(v) -> list[str]:
    return [str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)]


def _current_query() -> dict[str, list[str]]:
    return {k: [str(x) for x in st.query_params.get_all(k)] for k in st.query_params.keys()}


def follow_history() -> bool:
    """Browser back and forward: the address holds a view this session did not write last (the user went
    back from an agent to the team, or from the Agents page to the Organization page), so the session
    takes its view from the address again, as a fresh session opened on that link would. Called at the
    start of every run, before the filter bar. A page switch from the menu (an address without a view)
    and the session's own widget changes (the address is still what the session wrote) change nothing.
    Returns True when the session's view was reset to the address."""
    written = st.session_state.get(_WRITTEN)
    if written is None:
        return False
    current = _current_query()
    if "from" not in current or current == written:
        return False
    st.session_state[_INITIAL] = current
    for key in list(st.session_state.keys()):
        if key in ("_filters_from_url", _NOTICES, _WRITTEN, _PENDING, _PENDING_FILTERS) or key.startswith(("p_", "f_")):
            del st.session_state[key]
    i18n.forget_session_values()
    return True


def _link_choice(key: str, options: list, default: str) -> tuple[str, str | None]:
    """The session's value of option `key`, else the link's, else the default; and the link's value
    when it was not one of `options` (ignored)."""
    state_key = f"p_{key}"
    if state_key in st.session_state:
        value = st.session_state[state_key]
        return (value, None) if value in options else (default, None)
    asked = initial_query().get(key)
    value = asked[-1] if asked else default
    if value not in options:
        return default, (value if asked else None)
    return value, None


def peek(key: str, options: Sequence[str], default: str) -> str:
    """The value `choice(key, options, default, …)` will return, before its widget is drawn (a page
    starting the reads an option selects while it draws what comes above it). Changes nothing: the
    notice about an unknown value from the link is choice's."""
    return _link_choice(key, list(options), default)[0]


def choice(key: str, options: Sequence[str], default: str, label: str, *, widget=None,
           format_func=None, container=None, help: str | None = None) -> str:
    """A page option that lives in the URL as `key`; an unknown value from a link falls back to the
    default with a notice. `widget` is st.selectbox (default), st.radio or st.segmented_control."""
    options = list(options)
    state_key = f"p_{key}"
    value, ignored = _link_choice(key, options, default)
    if ignored is not None:
        # the option by the label the reader sees beside it, not by its name in the address
        add_notice(_("Ignored '{value}' from the link: not one of the choices of “{option}”.").format(
            option=isolate(label), value=isolate(str(ignored)[:30])))
    if st.session_state.get(state_key) != value:  # first run of the session, or a value no longer offered
        st.session_state[state_key] = value
    target = container or st
    w = widget or target.selectbox
    kwargs = dict(key=state_key, format_func=format_func or str, help=help)
    value = w(label, options, **kwargs)
    if value is None:
        value = default
    _write(key, value)
    return value


def number(key: str, default: float, lo: float, hi: float, label: str, *, step: float = 1.0, widget=None,
           container=None, help: str | None = None, integer: bool = True) -> float:
    """A numeric page option that lives in the URL as `key` (a slider by default); a value from a link
    that is not a number or is out of [lo, hi] falls back to the default with a notice."""
    state_key = f"p_{key}"
    cast = int if integer else float
    if state_key not in st.session_state:
        asked = initial_query().get(key)
        value = default
        if asked:
            try:
                value = cast(float(asked[-1]))
                if not lo <= value <= hi:
                    raise ValueError
            except (TypeError, ValueError):
                add_notice(_("Ignored '{value}' from the link: “{option}” takes a number from {low} to "
                             "{high}.").format(option=isolate(label), value=isolate(str(asked[-1])[:30]),
                                               low=digits(f"{lo:g}"), high=digits(f"{hi:g}")))
                value = default
        st.session_state[state_key] = cast(value)
    target = container or st
    w = widget or target.slider
    value = w(label, min_value=cast(lo), max_value=cast(hi), step=cast(step), key=state_key, help=help)
    _write(key, str(value))
    return value
