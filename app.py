"""Switchboard: `streamlit run app.py`. Sets up the page, the global filter sidebar and navigation;
each page under pages/ lays out its view."""
import logging
import traceback

import streamlit as st

from analytics import warehouse
from analytics.ui import context, filter_bar, navigation

st.set_page_config(page_title="Switchboard", page_icon="📞", layout="wide")
log = logging.getLogger("switchboard")

path = context.db_path()
if not path.exists():
    st.title("Switchboard")
    st.warning(
        f"No warehouse at `{path}`. Build the sample contact center with "
        f"`python -m analytics sample --preset small --db {path}` or import your own data "
        "(see docs/import.md), then reload this page."
    )
    st.stop()

pg = st.navigation(navigation.pages())
try:
    st.session_state["filters"] = filter_bar.render(context.catalog())
    pg.run()
except warehouse.WarehouseError as exc:
    st.error(str(exc))
except Exception as exc:  # the user sees a plain message; the trace goes to the server log
    log.error("page %s failed: %s", pg.title, traceback.format_exc())
    st.error(f"This view could not be drawn ({type(exc).__name__}). Your filters are kept: "
             "try another selection, or reload. The details are in the server log.")
