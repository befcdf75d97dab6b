"""How a person (or any named id) is written on screen, in tables, charts and reports: "Name (id)",
or the id alone when there is no name (or the name is the id). One rule, so a person reads the same
on every page."""
from __future__ import annotations

from analytics import i18n


def person(name, person_id) -> str:
    pid = str(person_id)
    if isinstance(name, str) and name and name != pid:
        return f"{name} ({pid})"
    return pid


def criterion(name) -> str:
    """A QA criterion as a reader sees it. Scorecards often export criteria as identifiers
    ("first_call_resolution", "greeting"): those read "First call resolution", "Greeting". A name the
    user wrote with capitals, spaces or in another script is their data and stays as written."""
    text = str(name)
    if text.isascii() and text == text.lower() and " " not in text and any(c.isalpha() for c in text):
        return i18n.capitalized(text.replace("_", " ").strip())
    return text
