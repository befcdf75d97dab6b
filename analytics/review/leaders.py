"""Best and worst teams and agents for one KPI, judged against a funnel so low volume is not punished.

A unit's standing is its distance from the center-wide value in standard errors at its own volume
(the funnel plot's z; Spiegelhalter 2005): an agent with 3 calls and a 0% rate sits inside the
funnel, an agent with 300 calls and 60% may not. The funnel flags (analytics.stats) say whether a
unit is beyond the 95% or 99.8% limit — i.e. unlikely to be chance.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analytics.core import registry
from analytics import stats
from analytics.i18n import _

RANK_KPIS = ("fcr_pct", "csat_pct", "qa_score_avg", "aht_s", "transfer_rate_pct")
COLUMNS = ["id", "name", "value", "value_text", "n", "center_text", "z", "standing"]


def _standing(row) -> str:
    if row.get("outside_998"):
        return _("beyond the 99.8% limit")
    if row.get("outside_95"):
        return _("beyond the 95% limit")
    return _("within the funnel")


def standings(frame: pd.DataFrame, k: registry.Kpi, key: str) -> pd.DataFrame:
    """One row per unit of `frame` (metrics.compute by `key` with stats): value, volume n, funnel z
    (signed so that positive is better) and the funnel standing. Units with no volume are left out."""
    if k.kind not in ("rate", "mean"):
        raise ValueError(f"{k.id} cannot be ranked on a funnel (it is not a rate or a mean)")
    num, den, ssq = f"{k.id}__num", f"{k.id}__den", f"{k.id}__sumsq"
    if frame is None or frame.empty or den not in frame:
        return pd.DataFrame(columns=COLUMNS)
    df = frame[frame[den].fillna(0) > 0].copy()
    df = df[df[key].notna()]
    if df.empty:
        return pd.DataFrame(columns=COLUMNS)
    n = df[den].astype(float).to_numpy()
    total = df[num].astype(float).to_numpy()
    names = df[f"{key}_name"] if f"{key}_name" in df else df[key]
    if k.kind == "rate":
        flags = stats.funnel_flags(total, n, labels=list(df[key]), method="exact")
        p0 = float(total.sum() / n.sum())
        se = np.sqrt(p0 * (1 - p0) / n) if 0 < p0 < 1 else np.full(n.shape, np.nan)
        z = (total / n - p0) / se
        center = 100.0 * p0
    else:
        pooled = stats.summary_from_sums(float(total.sum()), float(df[ssq].astype(float).sum()), int(n.sum())) \
            if ssq in df else None
        if pooled is None:
            return pd.DataFrame(columns=COLUMNS)
        mean, var = pooled
        sd = math.sqrt(var)
        flags = stats.funnel_flags_mean(total / n, n, target=mean, sd=sd, labels=list(df[key]))
        z = (total / n - mean) / (sd / np.sqrt(n)) if sd > 0 else np.full(n.shape, np.nan)
        center = mean * k.scale
    direction = k.direction if k.direction != registry.NEUTRAL else 1
    out = pd.DataFrame({
        "id": df[key].astype(str).to_numpy(),
        "name": names.astype(str).to_numpy(),
        "value": df[k.id].astype(float).to_numpy(),
        "n": n.astype(int),
        "z": np.where(np.isfinite(z), z * direction, 0.0),
    })
    out["value_text"] = [k.format(v) for v in out["value"]]
    out["center_text"] = k.format(center)
    out["standing"] = [_standing(r) for r in flags.to_dict("records")]
    return out[COLUMNS]


def best_and_worst(frame: pd.DataFrame, k: registry.Kpi, key: str, limit: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The `limit` units furthest above the center (best) and below it (worst), in funnel z."""
    s = standings(frame, k, key)
    best = s[s["z"] > 0].sort_values(["z", "n"], ascending=[False, False]).head(limit)
    worst = s[s["z"] < 0].sort_values(["z", "n"], ascending=[True, False]).head(limit)
    return best.reset_index(drop=True), worst.reset_index(drop=True)
