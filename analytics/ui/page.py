"""What every page starts with: the current filters, chosen by the sidebar in app.py."""
from __future__ import annotations

import streamlit as st

from analytics.filters import Filters


def filters() -> Filters:
    return st.session_state["filters"]
