"""The session's language on screen: decided once when the session opens (the link's `lang=`, else
the deployment default, else the browser's Accept-Language — analytics.i18n.preference), changed by the
sidebar's selector, written back to the link by the filter bar (Filters.lang); and right-to-left
layout for Persian."""
from __future__ import annotations

import streamlit as st

from analytics import i18n
from analytics.i18n import _, preference
from analytics.ui import state

_PICK = "_lang_pick"

# Streamlit has no right-to-left mode: the main block and the sidebar are turned by CSS. Charts stay
# left-to-right — their time axis runs left to right in every language (docs/i18n.md) — and so do the
# data grids (drawn on a canvas that does not mirror); text inside them is still Persian.
RTL_CSS = """<style>
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stSidebarContent"] {direction: rtl;}
[data-testid="stMain"] :is(h1, h2, h3, h4, p, li, label, [data-testid="stCaptionContainer"]),
[data-testid="stSidebar"] :is(p, label, li, span) {text-align: right;}
.vega-embed, [data-testid="stVegaLiteChart"], [data-testid="stDataFrame"], [data-testid="stTable"],
[data-testid="stCode"] {direction: ltr;}
[data-testid="stMetricValue"], [data-testid="stMetricDelta"] {direction: rtl; text-align: right;}
body, [data-testid="stMain"], [data-testid="stSidebar"] {font-family: Vazirmatn, "Noto Sans Arabic",
  "Source Sans", "DejaVu Sans", sans-serif;}
</style>"""


def _accept_language() -> str | None:
    try:
        return st.context.headers.get("Accept-Language")
    except Exception:  # no request headers (tests, a script run outside a browser session)
        return None


def activate(db_path=None) -> str:
    """First thing on every run: the session's language (decided on its first run) and its layout."""
    if i18n.SESSION_KEY not in st.session_state:
        asked = state.initial_query().get("lang")
        st.session_state[i18n.SESSION_KEY] = preference.initial(asked[-1] if asked else None, db_path,
                                                                _accept_language())
        i18n.forget_session_values()
    lang = i18n.current()
    if i18n.rtl(lang):
        st.html(RTL_CSS)
    return lang


def _picked() -> None:
    st.session_state[i18n.SESSION_KEY] = st.session_state[_PICK]
    i18n.forget_session_values()


def selector() -> str:
    """The language box at the top of the sidebar; each language is named in itself."""
    st.session_state[_PICK] = i18n.current()
    st.sidebar.selectbox(_("Language"), i18n.LANGS, format_func=i18n.NAMES.get, key=_PICK,
                         on_change=_picked)
    return i18n.current()


def settings_section(db_path, is_admin: bool) -> None:
    """Settings: the deployment's default language (the language a link without `lang=` opens in)."""
    st.subheader(_("Language"))
    current = preference.deployment_default(db_path)
    options = ["", *i18n.LANGS]
    st.caption(_("The language a link without lang= opens in. Without a default here, each browser's "
                 "preferred language decides (English when it is none of these)."))
    picked = st.selectbox(_("Default language of this deployment"), options,
                          index=options.index(current or ""), disabled=not is_admin,
                          format_func=lambda v: i18n.NAMES.get(v) or _("The browser's language"),
                          key="set_default_lang")
    if is_admin and st.button(_("Save the default language"), key="set_default_lang_save"):
        preference.save_deployment_default(db_path, picked or None)
        st.success(_("Saved: new sessions open in {language}.").format(
            language=i18n.NAMES.get(picked) or _("the browser's language")))
