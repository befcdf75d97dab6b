"""Who is making a change, for the audit trail (target and threshold history).

The one place that answers "who": the signed-in account when sign-in is on (analytics/auth), else the
name typed on the page, else "local user". Safe to call from widget callbacks.
"""
from __future__ import annotations

import streamlit as st

from analytics.core import labels
from analytics.core.targets import clean_name
from analytics.i18n import _

NAME_KEY = "who_name"


def _signed_in() -> str | None:
    from analytics.auth import config
    from analytics.ui import auth_gate

    try:
        if config.mode() == "none":
            return None
    except config.AuthConfigError:
        return None
    u = auth_gate.user()
    return clean_name(labels.person(u.name, u.username))


def name_input() -> None:
    """Ask for a name only when nobody is signed in."""
    who = _signed_in()
    if who:
        st.caption(_("Changes are recorded as {who}.").format(who=who))
    else:
        st.text_input(_("Your name (recorded in the change history)"), key=NAME_KEY, placeholder=_("local user"),
                      max_chars=120)


def current_user() -> str:
    return _signed_in() or clean_name(st.session_state.get(NAME_KEY))
