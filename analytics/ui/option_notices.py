"""Notices raised by a page's own URL options (state.choice) after the header has been drawn.

components.header shows the session's notices before the page's options exist, so on the first run a
link's bad page option would go unreported; the page shows those right under the option instead (later
runs show them in the header with the rest)."""
from __future__ import annotations

import streamlit as st

from analytics.ui import state
from analytics.ui.markdown import escape as md


def count() -> int:
    return len(state.notices())


def show(note: str) -> None:
    """One notice. Notices quote what a link asked for, so the text is shown literally: a value like
    [Sign in](https://…) or ![](http://…/t.png) must not become a link or load an image."""
    st.info(md(note), icon=":material/info:")


def show_since(seen: int) -> int:
    """Show the notices added after `seen`; returns the new count."""
    notes = state.notices()
    for note in notes[seen:]:
        show(note)
    return len(notes)
