"""Python's cyclic garbage collector walks every tracked object of the process in its oldest
generation: after the app's imports (pandas, Altair, DuckDB, scikit-learn, Streamlit) that is a few
hundred thousand objects, and a collection of it took 30–220 ms. It runs when enough objects have
survived, so it landed inside whichever view was being drawn: the bench's slow single views (a p95
twice the p50) were these pauses (gc.callbacks over the bench's runs of two pages: six full
collections of ~165,000 objects, three of them inside views at 113–184 ms; docs/performance.md).

The modules and everything they hold live as long as the process, so once a run has imported new
modules the process collects once and freezes what is left (gc.freeze: later collections skip those
objects). Later objects are collected as before. It happens once per set of newly imported modules —
at the end of the first run, and of the first visit of a page that imports more (the attrition
model's scikit-learn) — after the page is drawn. Only the young generations are collected first: a
full collection there found 28 unreachable objects among ~149,000 and took 116 ms of the first render,
so the few that reached the old generation are frozen with the rest (a one-time, bounded cost)."""
from __future__ import annotations

import gc
import sys

_modules_frozen = 0


def freeze_long_lived() -> bool:
    """Collect and freeze if modules were imported since the last freeze; True if it did."""
    global _modules_frozen
    loaded = len(sys.modules)
    if loaded <= _modules_frozen:
        return False
    gc.collect(1)
    gc.freeze()
    _modules_frozen = loaded
    return True
