"""What every page starts with: the current filters, chosen by the sidebar in app.py."""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analytics.filters import Filters


def filters() -> Filters:
    if "filters" not in st.session_state:
        # A deep link was this server's first request: Streamlit's legacy `pages/` folder mode ran the
        # page without app.py. Turn that mode off (app.py's st.navigation would) and rerun via app.py.
        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["filters"]
