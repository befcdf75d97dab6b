"""How a person (or any named id) is written on screen, in tables, charts and reports: "Name (id)",
or the id alone when there is no name (or the name is the id). One rule, so a person reads the same
on every page."""
from __future__ import annotations


def person(name, person_id) -> str:
    pid = str(person_id)
    if isinstance(name, str) and name and name != pid:
        return f"{name} ({pid})"
    return pid
