"""How well expected SL (Erlang, with the agents who were logged in) explains actual interval SL, and
why it cannot be perfect: an interval's actual SL is a proportion of a few dozen calls, so even the
true probability leaves binomial noise p(1−p)/n in it. The share of the actual SL's variance that
noise alone accounts for bounds the R² any model can reach."""
from __future__ import annotations

import numpy as np
import pandas as pd

MIN_CALLS = 10


def r_squared(ev: pd.DataFrame, min_calls: int = MIN_CALLS) -> dict:
    """R² (1 − SSE/SST) of actual on modelled SL over intervals with ≥ min_calls calls, calls-weighted;
    the binomial-noise ceiling; and the same R² with intervals pooled to queue × day."""
    need = {"actual_service_level_pct", "modelled_service_level_pct", "offered"}
    if ev.empty or not need <= set(ev.columns):
        return {"intervals": 0}
    x = ev[(ev["offered"] >= min_calls) & ev["actual_service_level_pct"].notna()
           & ev["modelled_service_level_pct"].notna()]
    if len(x) < 3:
        return {"intervals": int(len(x))}
    a = x["actual_service_level_pct"].to_numpy(float)
    m = x["modelled_service_level_pct"].to_numpy(float)
    w = x["offered"].to_numpy(float)
    mean = np.average(a, weights=w)
    sst = np.average((a - mean) ** 2, weights=w)
    sse = np.average((a - m) ** 2, weights=w)
    p = np.clip(m / 100.0, 0, 1)
    noise = np.average(1e4 * p * (1 - p) / np.maximum(w, 1), weights=w)
    out = {"intervals": int(len(x)), "r2": float(1 - sse / sst) if sst > 0 else None,
           "noise_ceiling_r2": float(max(0.0, 1 - noise / sst)) if sst > 0 else None,
           "mean_abs_error_pts": float(np.average(np.abs(a - m), weights=w))}
    # pooled to queue × day: the binomial noise shrinks with the calls
    d = x.assign(day=x["interval_start"].dt.date, num_a=a * w, num_m=m * w)
    g = d.groupby(["queue", "day"])[["num_a", "num_m", "offered"]].sum()
    if len(g) >= 3:
        ga, gm, gw = g["num_a"] / g["offered"], g["num_m"] / g["offered"], g["offered"].to_numpy(float)
        gmean = np.average(ga, weights=gw)
        gsst = np.average((ga - gmean) ** 2, weights=gw)
        out["r2_queue_day"] = float(1 - np.average((ga - gm) ** 2, weights=gw) / gsst) if gsst > 0 else None
        out["queue_days"] = int(len(g))
    return out
