"""Who is using the app, for the audit trail of changes (target and threshold history).

The one place that answers "who": until access control exists it is the name typed on the page (or
"local user"); when sign-in is added, return the signed-in user's name here and drop the text input.
"""
from __future__ import annotations

import streamlit as st

from analytics.targets import clean_name


def current_user(container=None) -> str:
    box = container or st
    typed = box.text_input("Your name (recorded in the change history)", key="who_name",
                           placeholder="local user", max_chars=120)
    return clean_name(typed)
