"""Score agents with a trained model: risk, band and the drivers behind it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from analytics import i18n
from analytics.core import warehouse
from analytics.attrition import explain
from analytics.attrition import features as feats
from analytics.attrition import model as models

BANDS = ("high", "medium", "low")

PEOPLE_SQL = """
SELECT a.agent_id, a.name, s.name AS supervisor
FROM agents a LEFT JOIN agents s ON s.agent_id = a.supervisor_id
WHERE a.role = 'agent'
"""


def band(risk: float, bands: dict) -> str:
    if risk >= bands["high"]:
        return "high"
    if risk >= bands["medium"]:
        return "medium"
    return "low"


def score_frame(df: pd.DataFrame, model, meta: dict) -> pd.DataFrame:
    """Add risk, band, drivers (text) and drivers_detail to a feature frame."""
    out = df.copy()
    if out.empty:
        for c in ("risk", "band", "drivers", "drivers_detail"):
            out[c] = pd.Series(dtype=object)
        return out
    out["risk"] = models.predict(model, out)
    out["band"] = [band(r, meta["bands"]) for r in out["risk"]]
    # stored and exported in English whatever the session's language; screens write them again in
    # their reader's language from drivers_detail (explain.drivers_text)
    with i18n.using("en"):
        items = explain.drivers(out, explain.contributions(model, meta["kind"], out))
        out["drivers_detail"] = items
        out["drivers"] = [explain.drivers_text(i) for i in items]
    return out


def people(con) -> pd.DataFrame:
    return con.execute(PEOPLE_SQL).df()


def score(db_path, model, meta: dict, month_end: dt.date | None = None) -> pd.DataFrame:
    """Every active agent at `month_end` (default: the latest month-end), highest risk first."""
    with warehouse.read_connection(Path(db_path)) as con:
        if month_end is None:
            ends = feats.month_ends(con)
            if not ends:
                return score_frame(feats.load(con, dt.date(1900, 1, 31)), model, meta)
            month_end = ends[-1]
        df = feats.load(con, month_end)
        names = people(con)
    out = score_frame(df, model, meta).merge(names, on="agent_id", how="left")
    return out.sort_values(["risk", "agent_id"], ascending=[False, True], ignore_index=True)


def history(db_path, model, meta: dict) -> pd.DataFrame:
    """Risk of every agent at every month-end (for trends); the slow path, cache it."""
    with warehouse.read_connection(Path(db_path)) as con:
        df = feats.load(con)
        names = people(con)
    return score_frame(df, model, meta).merge(names, on="agent_id", how="left")


def by_supervisor(scored: pd.DataFrame) -> pd.DataFrame:
    if scored.empty:
        return pd.DataFrame(columns=["supervisor_id", "supervisor", "agents", "mean_risk", "high", "medium"])
    # the band counts as sums of flags: a Python lambda per group took ~0.3 s a render on a medium center
    flags = scored.assign(high=(scored["band"] == "high").astype(int), medium=(scored["band"] == "medium").astype(int))
    g = flags.groupby(["supervisor_id", "supervisor"], dropna=False)
    out = g.agg(agents=("agent_id", "size"), mean_risk=("risk", "mean"),
                high=("high", "sum"), medium=("medium", "sum")).reset_index()
    return out.sort_values(["mean_risk", "supervisor_id"], ascending=[False, True], ignore_index=True)
