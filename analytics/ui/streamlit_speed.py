"""The first element a Streamlit process draws asks whether it runs in a Python REPL, to print a
"use streamlit run" warning: `inspect.stack()` over the whole call stack, which reads the source of
every frame and resolves the path of every loaded module (~1,500 here) — 140 ms of the first render
after a start, measured with cProfile on the Overview. The app always runs under `streamlit run` (or
Streamlit's AppTest), never in a REPL, so the question is answered before the first element: the
warning it guards is one Streamlit prints only outside a running app.

Emoji icons cost the first render too: Streamlit checks an emoji icon against its emoji catalog,
whose module compiles one large regular expression on import (150 ms). The app's icons are Material
symbols (":material/…:"), which Streamlit checks against a plain set; tests/pages/test_first_render.py
keeps emoji icons out of app.py, pages/ and analytics/.

app.py calls skip_repl_check() before its first element, on every run (an assignment)."""
from __future__ import annotations

from streamlit import delta_generator


def skip_repl_check() -> None:
    # a private flag: if Streamlit renames it, this sets an unused attribute and the check runs again
    delta_generator._use_warning_has_been_displayed = True
