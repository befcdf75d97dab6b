"""What every page starts with: run under app.py (sign-in, scope, filters), then the filters."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from analytics.core.filters import Filters


def require_app() -> None:
    """Make sure this run went through app.py.

    Because the app has a `pages/` folder, Streamlit starts each server (and each AppTest run) in its
    legacy mode, which runs a linked page's file directly — without app.py's sign-in, team scope and
    filters. Turning that mode off (as app.py's st.navigation does) and rerunning sends the request
    through app.py. Every page calls this first."""
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        from analytics.ui import state

        state.initial_page()  # the linked page, before the rerun through app.py (and its sign-in)
        PagesManager.uses_pages_directory = False
        st.rerun()


def filters() -> Filters:
    require_app()
    if "filters" not in st.session_state:
        st.rerun()
    return st.session_state["filters"]
