"""The staffing table: one row per queue × interval with offered calls, handle time, scheduled and
logged-in agents and actual outcomes (past), or the forecast (future); whatif.evaluate adds the Erlang
columns. Shared by the page, the CLI and the weekly review."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.staffing import data, forecast, patience
from analytics.staffing.forecast import AHT_PRIOR_CALLS

PATIENCE_WEEKS = 8
INTERVALS = (30, 15)


@dataclass
class Plan:
    frame: pd.DataFrame
    patience: dict
    measured_shrinkage: float | None
    minutes: int
    start: date
    end: date              # inclusive
    source: str            # 'actual' | 'forecast'
    notes: list[str] = field(default_factory=list)
    measured_aux_pct: float | None = None  # logged-in time off the phones, from saturated intervals
    # what the notes say, for the page to write in the user's language (notes are English, for the CLI)
    no_forecast_shifts: bool = False
    shifts_without_times: int = 0


def _shrunk_aht(iv: pd.DataFrame) -> np.ndarray:
    """An interval's handle time from its own calls, shrunk toward its queue's mean where calls are few."""
    q = iv.groupby("queue")[["handle_s", "handled"]].transform("sum")
    mean = q["handle_s"] / q["handled"].where(q["handled"] > 0)
    return ((iv["handle_s"].fillna(0) + AHT_PRIOR_CALLS * mean) / (iv["handled"].fillna(0) + AHT_PRIOR_CALLS)).to_numpy(float)


SATURATED_SL_PCT = 50.0
SATURATED_MIN = 20


def measured_aux_pct(iv: pd.DataFrame, on_queue_rows: pd.DataFrame, minutes: int) -> float | None:
    """Percent of logged-in time not on the phones, from the intervals where callers queued (actual SL
    under 50 %, 20+ calls): there every agent who can take the queue's calls is busy, so the handle time
    of the agents at home on that queue ÷ the interval's length ÷ those agents logged in is the share of
    logged-in time on the phones (median; None when fewer than 20 such intervals). The handle time is
    the agents' own on every queue they answered, not the queue's: on pooled lines, where agents serve
    several queues, a queue's calls are partly answered by other queues' agents and its own agents
    answer other queues, so the queue's handle time against its own agents counted an agent's time
    per queue, not once. `iv` and `on_queue_rows` (data.intervals and data.on_queue) cover the same
    window."""
    sch = data.covered(on_queue_rows)
    if iv.empty or sch.empty:
        return None
    x = iv.merge(sch, on=["queue", "interval_start"], how="inner")
    denom = x["answered"] + x["abandoned"] - x["short_abandoned"]
    sl = 100.0 * x["answered_in_t"] / denom.where(denom > 0)
    sat = x[(sl < SATURATED_SL_PCT) & (x["offered"] >= 20) & (x["logged_in_agents"] > 3)]
    if len(sat) < SATURATED_MIN:
        return None
    busy = float(np.median(sat["home_handle_s"].fillna(0) / (minutes * 60.0) / sat["logged_in_agents"]))
    return float(np.clip(100.0 * (1.0 - busy), 0.0, 40.0))


def build(con, start: date, end: date, minutes: int = 30, sl_seconds: float = 20.0, queues=(),
          forecast_weeks: int = 0) -> Plan:
    """Past intervals [start, end] (forecast_weeks = 0), or the forecast of the `forecast_weeks` weeks
    after `end`, made only from data up to `end`."""
    if minutes not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(map(str, INTERVALS))} minutes")
    end_excl = end + timedelta(days=1)
    notes: list[str] = []
    pat_start = end_excl - timedelta(weeks=PATIENCE_WEEKS)
    pat_iv = data.intervals(con, pat_start, end_excl, minutes, sl_seconds, queues)
    pats = patience.by_queue(pat_iv)
    shrink = data.measured_shrinkage(con, pat_start, end_excl)
    # one home-queue window for the estimate's 8 weeks and a period inside them, so the period's
    # agents are a slice of the 8 weeks' rows rather than a second read
    home_start = data.home_from(min(start, pat_start))
    pat_oq = data.on_queue(con, pat_start, end_excl, minutes, queues, home_start)
    aux = measured_aux_pct(pat_iv, pat_oq, minutes)
    if forecast_weeks:
        origin = end_excl
        hist = data.history(con, origin, minutes, queues)
        fc = forecast.forecast(hist, origin, forecast_weeks, list(queues) or None)
        fc_end = origin + timedelta(weeks=forecast.MAX_WEEKS if forecast_weeks > forecast.MAX_WEEKS else forecast_weeks)
        sch = data.scheduled(con, origin, fc_end, minutes, queues)
        frame = fc.merge(sch, on=["queue", "interval_start"], how="left")
        if sch.empty:
            notes.append("No shifts are scheduled for the forecast weeks: scheduled agents are unknown.")
        frame["source"] = "forecast"
        return Plan(frame, pats, shrink, minutes, origin, fc_end - timedelta(days=1), "forecast", notes, aux,
                    no_forecast_shifts=sch.empty)
    if start >= pat_start:  # the patience window's rows already hold the period
        iv = pat_iv[pat_iv["interval_start"] >= pd.Timestamp(start)].reset_index(drop=True)
        sch = data.scheduled_of(pat_oq[pat_oq["interval_start"] >= pd.Timestamp(start)])
    else:
        iv = data.intervals(con, start, end_excl, minutes, sl_seconds, queues)
        sch = data.scheduled(con, start, end_excl, minutes, queues, home_start)
    frame = iv.merge(sch, on=["queue", "interval_start"], how="outer")
    for c in ("offered", "answered", "abandoned", "short_abandoned", "answered_in_t", "handled"):
        frame[c] = frame[c].fillna(0)
    frame["aht_s"] = _shrunk_aht(frame) if len(frame) else []
    denom = frame["answered"] + frame["abandoned"] - frame["short_abandoned"]
    frame["actual_service_level_pct"] = np.where(denom > 0, 100.0 * frame["answered_in_t"] / denom.where(denom > 0), np.nan)
    frame = frame[(frame["offered"] > 0) | (frame["scheduled_agents"].fillna(0) > 0)]
    frame = frame.sort_values(["queue", "interval_start"]).reset_index(drop=True)
    frame["source"] = "actual"
    missing = data.shifts_without_times(con, start, end_excl)
    if missing:
        notes.append(f"{missing:,} shifts have no start/end time and are not placed in intervals.")
    return Plan(frame, pats, shrink, minutes, start, end, "actual", notes, aux, shifts_without_times=int(missing))
