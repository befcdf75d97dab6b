"""Agent attrition risk: features (sql/attrition), models, time-based backtest, explanations,
what-if, persistence and the weekly watch-list. Support for a conversation, never a decision."""
from __future__ import annotations

import pandas as pd

WATCHLIST_COLUMNS = ["agent_id", "name", "supervisor", "risk", "band", "drivers"]


def watchlist(db_path, limit: int = 10) -> pd.DataFrame:
    """The `limit` agents with the highest risk at the latest month-end, with their top drivers.
    Empty (same columns) when no model has been trained for this warehouse."""
    from analytics.attrition import scores, store

    files = store.saved(db_path)
    if not files or store.outdated(store.load_meta(files[-1])):  # an outdated model is no model
        return pd.DataFrame(columns=WATCHLIST_COLUMNS)
    scored = scores.latest(db_path, store.load_meta(files[-1]))  # stored once per model and data
    out = scored.head(limit).reset_index(drop=True)
    if "drivers_detail" in out:   # the drivers in the reader's language (stored in English)
        from analytics.attrition import explain
        from analytics.attrition.charts import band_word

        out["drivers"] = [explain.drivers_text(d or []) for d in out["drivers_detail"]]
        out["band"] = [band_word(b) for b in out["band"]]
    return out[WATCHLIST_COLUMNS]
