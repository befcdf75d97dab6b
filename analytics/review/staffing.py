"""The weekly review's staffing section: the intervals that missed the SL target, and whether they
missed because of staffing or because of load.

For each missed interval (actual SL below target, ≥ 10 calls), Erlang A answers one question: with the
agents who were logged in, would the load that was planned (the forecast made at the start of the
week, from data before it) have met the target? Yes → the miss came from load (more calls or longer
handling than planned). No → it came from staffing (too few agents even for the planned load: a short
schedule, absence, or agents off the phones)."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.staffing import data, erlang, forecast, plan, whatif

MIN_CALLS = 10


def misses(con, start: date, end: date, target_pct: float = 80.0, target_s: float = 20.0,
           minutes: int = 30) -> pd.DataFrame:
    """One row per missed interval: queue, interval, calls, planned calls, actual and expected SL, cause."""
    if (end - start).days > 31:
        return pd.DataFrame()
    p = plan.build(con, start, end, minutes, target_s)
    fr = p.frame
    if fr.empty or "logged_in_agents" not in fr:
        return pd.DataFrame()
    fc = forecast.forecast(data.history(con, start, minutes), start, max(1, ((end - start).days + 7) // 7))
    fr = fr.merge(fc.rename(columns={"offered": "planned_calls", "aht_s": "planned_aht_s"}),
                  on=["queue", "interval_start"], how="left")
    missed = fr[(fr["offered"] >= MIN_CALLS) & (fr["actual_service_level_pct"] < target_pct)
                & fr["logged_in_agents"].notna()].copy()
    if missed.empty:
        return pd.DataFrame(columns=["queue", "interval", "calls", "planned_calls", "actual_sl_pct", "cause"])
    pat = np.array([getattr(p.patience.get(q), "patience_s", 1e6) for q in missed["queue"]], float)
    on_phone = missed["logged_in_agents"].to_numpy(float) * (1 - whatif.aux(whatif.Scenario(), p.measured_aux_pct) / 100.0)
    planned = missed["planned_calls"].fillna(0).to_numpy(float) / (minutes * 60.0)
    aht = missed["planned_aht_s"].fillna(missed["aht_s"]).to_numpy(float)
    sl_planned = erlang.interpolate(on_phone, planned, aht, target_s, pat)["service_level"] * 100
    sl_actual = erlang.interpolate(on_phone, missed["offered"].to_numpy(float) / (minutes * 60.0),
                                   missed["aht_s"].to_numpy(float), target_s, pat)["service_level"] * 100
    missed["cause"] = np.where(sl_planned >= target_pct, "load", "staffing")
    out = pd.DataFrame({
        "queue": missed["queue"], "interval": missed["interval_start"].dt.strftime("%a %Y-%m-%d %H:%M"),
        "calls": missed["offered"].astype(int), "planned_calls": missed["planned_calls"].round(1),
        "logged_in_agents": missed["logged_in_agents"].round(1),
        "actual_sl_pct": missed["actual_service_level_pct"].round(1),
        "expected_sl_pct": np.round(sl_actual, 1), "sl_with_planned_load_pct": np.round(sl_planned, 1),
        "cause": missed["cause"]})
    return out.sort_values(["cause", "actual_sl_pct"]).reset_index(drop=True)


def summary(df: pd.DataFrame) -> dict:
    if df is None or df.empty:
        return {"missed": 0, "staffing": 0, "load": 0}
    c = df["cause"].value_counts()
    return {"missed": int(len(df)), "staffing": int(c.get("staffing", 0)), "load": int(c.get("load", 0))}
