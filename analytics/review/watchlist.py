"""Who needs attention: attrition risk (from the attrition model, if one is trained), agents with
repeated QA failures in the period, and supervisors whose span of control is too wide."""
from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from analytics.review.period import ReviewPeriod
from analytics.core import queries
from analytics.i18n import N_, _

log = logging.getLogger("switchboard.review")

NO_MODEL = N_("No attrition model trained yet (see the Attrition risk page).")
RESTRICTED = N_("Attrition risk is shown to managers and admins only.")
SPAN_LIMIT = 12


def attrition(db_path: Path, limit: int = 10) -> tuple[pd.DataFrame | None, str | None]:
    """(watchlist, None) from analytics.attrition if it is there and a model exists, else (None, reason).
    The review must never fail because of the model: any problem becomes the reason."""
    from analytics.auth import session

    if not session.can_see_attrition():
        return None, _(RESTRICTED)
    try:
        from analytics.attrition import watchlist as model_watchlist
    except Exception:  # module not there yet, or it fails to import
        return None, _(NO_MODEL)
    try:
        from analytics.attrition import store, trust

        files = store.saved(db_path)  # the metadata is enough here: the scores are stored
        if not files:
            return None, _(NO_MODEL)
        verdict = trust.verdict(store.load_meta(files[-1]))
        if not verdict.trusted:   # no agent ranking from a model that has not earned one
            return None, _("{headline} ({detail}.) Team conditions are on the Attrition risk page.").format(
                headline=verdict.headline, detail=verdict.detail)
        df = model_watchlist(db_path, limit=limit)
    except Exception as exc:  # no model file, incompatible model, locked warehouse…
        log.info("attrition watchlist unavailable: %s", exc)
        return None, _(NO_MODEL)
    if df is None or len(df) == 0:
        return None, _(NO_MODEL)
    df = pd.DataFrame(df).copy()
    if "drivers" in df:
        df["drivers"] = [", ".join(map(str, d)) if isinstance(d, (list, tuple)) else ("" if d is None else str(d))
                         for d in df["drivers"]]
    return df.head(limit).reset_index(drop=True), None


def qa_failures(con, period: ReviewPeriod) -> pd.DataFrame:
    """Agents with ≥ 2 human evaluations below the pass mark in the period."""
    return queries.run(con, "review_qa_failures", start=period.start, end=period.end)


def over_span(con, period: ReviewPeriod, limit: int = SPAN_LIMIT) -> pd.DataFrame:
    """Supervisors with more than `limit` active agents on the period's last day."""
    return queries.run(con, "review_span", end=period.end, limit=limit)
