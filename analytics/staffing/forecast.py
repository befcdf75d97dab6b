"""Calls and handle time per queue and interval for the next 1–6 weeks, and its rolling-origin backtest.

Method (top-down, as WFM planners do it): each queue's daily calls are forecast with Holt–Winters
exponential smoothing (statsmodels `ExponentialSmoothing`: damped additive trend, multiplicative weekly
seasonality), fitted on up to a year of days with holidays taken out; a holiday in the horizon gets the
median ratio of past holidays to their ordinary-day expectation. Each day is then split over its
intervals with the queue's weekday × interval-of-day profile (the share of the day's calls in each
interval, over the last 8 ordinary same weekdays). Handle time per interval-of-day is the last 8 weeks'
mean, shrunk toward the queue's mean where calls are few.

The forecast never sees the future: every function takes an `origin` and cuts its history at it before
anything else (tests/staffing/test_forecast.py perturbs the data after the origin to prove it).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

HISTORY_DAYS = 364          # the daily model's training window
PROFILE_WEEKS = 8           # the intraday profile and handle time
AHT_PRIOR_CALLS = 30.0      # shrinkage of an interval's handle time toward the queue's mean
MAX_WEEKS = 6


@dataclass
class History:
    """What the forecast may use: daily calls per queue, interval rows, the holiday calendar."""
    daily: pd.DataFrame        # queue, day (date), offered
    intervals: pd.DataFrame    # queue, interval_start (Timestamp), offered, handle_s, handled
    holidays: pd.DataFrame     # date, queue (None = all), name
    minutes: int = 30

    def before(self, origin: date) -> "History":
        """Only what was known at the start of `origin` (the first forecast day)."""
        o = pd.Timestamp(origin)
        return History(self.daily[pd.to_datetime(self.daily["day"]) < o],
                       self.intervals[self.intervals["interval_start"] < o],
                       self.holidays, self.minutes)


def holiday_days(holidays: pd.DataFrame, queue: str) -> set[date]:
    if holidays is None or holidays.empty:
        return set()
    h = holidays[holidays["queue"].isna() | (holidays["queue"] == queue)]
    return {pd.Timestamp(d).date() for d in h["date"]}


def _daily_series(daily: pd.DataFrame, queue: str, origin: date) -> pd.Series:
    d = daily[daily["queue"] == queue]
    s = pd.Series(d["offered"].to_numpy(float), index=pd.to_datetime(d["day"]))
    start = max(s.index.min(), pd.Timestamp(origin) - pd.Timedelta(days=HISTORY_DAYS)) if len(s) else None
    if start is None:
        return pd.Series(dtype=float)
    idx = pd.date_range(start, pd.Timestamp(origin) - pd.Timedelta(days=1), freq="D")
    return s.reindex(idx, fill_value=0.0)


def _fill_holidays(s: pd.Series, hol: set[date]) -> tuple[pd.Series, list[tuple[int, float]]]:
    """Holidays replaced by the mean of the same weekday one and two weeks earlier (ordinary days);
    returns the cleaned series and (position, actual) of each replaced day."""
    out = s.copy()
    replaced = []
    for i, ts in enumerate(s.index):
        if ts.date() in hol:
            prev = [out.iloc[i - 7 * k] for k in (1, 2) if i - 7 * k >= 0]
            if prev:
                replaced.append((i, float(s.iloc[i])))
                out.iloc[i] = float(np.mean(prev))
    return out, replaced


def _fit_daily(s: pd.Series, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """(fitted values, forecast) of the daily model; falls back to the mean of the same weekday over
    the last 4 weeks when the history is too short for Holt–Winters."""
    y = s.to_numpy(float)
    if len(y) >= 28 and (y > 0).all():
        from statsmodels.tsa.holtwinters import ExponentialSmoothing
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="mul",
                                         seasonal_periods=7, initialization_method="estimated")
            fit = model.fit(optimized=True, use_brute=False, method="least_squares")
        return np.asarray(fit.fittedvalues, float), np.maximum(np.asarray(fit.forecast(horizon), float), 0.0)
    if len(y) == 0:
        return y, np.zeros(horizon)
    weeks = min(4, max(1, len(y) // 7))
    fc = np.array([np.mean([y[len(y) - 7 * k + ((h % 7) - 0)] for k in range(1, weeks + 1)
                            if 0 <= len(y) - 7 * k + (h % 7) < len(y)] or [y.mean()]) for h in range(horizon)])
    return np.full(len(y), np.nan), fc


def _profile(iv: pd.DataFrame, hol: set[date], origin: date, slots: int) -> np.ndarray:
    """(7, slots): share of a weekday's calls in each interval of the day, last PROFILE_WEEKS weeks."""
    lo = pd.Timestamp(origin) - pd.Timedelta(weeks=PROFILE_WEEKS)
    x = iv[(iv["interval_start"] >= lo)]
    x = x[~x["interval_start"].dt.date.isin(hol)]
    counts = np.zeros((7, slots))
    if len(x):
        slot = ((x["interval_start"].dt.hour * 60 + x["interval_start"].dt.minute) // (1440 // slots)).to_numpy()
        np.add.at(counts, (x["interval_start"].dt.day_of_week.to_numpy(), slot), x["offered"].to_numpy(float))
    tot = counts.sum(axis=1, keepdims=True)
    overall = counts.sum(axis=0)
    flat = overall / overall.sum() if overall.sum() > 0 else np.full(slots, 1.0 / slots)
    return np.where(tot > 0, counts / np.maximum(tot, 1e-12), flat[None, :])


def _aht(iv: pd.DataFrame, origin: date, slots: int) -> np.ndarray:
    lo = pd.Timestamp(origin) - pd.Timedelta(weeks=PROFILE_WEEKS)
    x = iv[iv["interval_start"] >= lo]
    h = np.zeros(slots)
    n = np.zeros(slots)
    if len(x):
        slot = ((x["interval_start"].dt.hour * 60 + x["interval_start"].dt.minute) // (1440 // slots)).to_numpy()
        np.add.at(h, slot, x["handle_s"].fillna(0).to_numpy(float))
        np.add.at(n, slot, x["handled"].fillna(0).to_numpy(float))
    mean = h.sum() / n.sum() if n.sum() > 0 else np.nan
    return (h + AHT_PRIOR_CALLS * mean) / (n + AHT_PRIOR_CALLS)


def forecast(history: History, origin: date, weeks: int = 1, queues: list[str] | None = None) -> pd.DataFrame:
    """Forecast rows (queue, interval_start, offered, aht_s) for [origin, origin + weeks)."""
    weeks = int(min(max(weeks, 1), MAX_WEEKS))
    h = history.before(origin)
    slots = 1440 // h.minutes
    horizon = 7 * weeks
    days = [origin + timedelta(days=i) for i in range(horizon)]
    rows = []
    for q in sorted(queues or set(h.daily["queue"]) | set(h.intervals["queue"])):
        hol = holiday_days(h.holidays, q)
        s = _daily_series(h.daily, q, origin)
        clean, replaced = _fill_holidays(s, hol)
        fitted, fc = _fit_daily(clean, horizon)
        ratios = [actual / fitted[i] for i, actual in replaced if i < len(fitted) and fitted[i] > 0]
        hol_factor = float(np.median(ratios)) if ratios else 1.0
        iv = h.intervals[h.intervals["queue"] == q]
        prof = _profile(iv, hol, origin, slots)
        aht = _aht(iv, origin, slots)
        for i, d in enumerate(days):
            day_calls = fc[i] * (hol_factor if d in hol else 1.0)
            rows.append((q, d, day_calls * prof[d.weekday()], aht))
    if not rows:
        return pd.DataFrame(columns=["queue", "interval_start", "offered", "aht_s"])
    step = pd.Timedelta(minutes=h.minutes)
    q_col = np.repeat([r[0] for r in rows], slots)
    t_col = np.concatenate([pd.Timestamp(r[1]) + step * np.arange(slots) for r in rows])
    out = pd.DataFrame({"queue": q_col, "interval_start": t_col,
                        "offered": np.concatenate([r[2] for r in rows]),
                        "aht_s": np.concatenate([r[3] for r in rows])})
    return out[out["offered"] > 1e-9].reset_index(drop=True)


def seasonal_naive(history: History, origin: date, weeks: int = 1) -> pd.DataFrame:
    """The benchmark: each interval gets the calls of the same interval in the last week before the origin."""
    h = history.before(origin)
    last = h.intervals[h.intervals["interval_start"] >= pd.Timestamp(origin) - pd.Timedelta(days=7)]
    parts = []
    for w in range(weeks):
        p = last[["queue", "interval_start", "offered"]].copy()
        p["interval_start"] = p["interval_start"] + pd.Timedelta(days=7 * (w + 1))
        parts.append(p)
    return pd.concat(parts, ignore_index=True) if parts else last[["queue", "interval_start", "offered"]]


def wape(forecast_: pd.Series, actual: pd.Series) -> float:
    """Weighted absolute percentage error: Σ|F − A| ÷ Σ A, in percent."""
    a = actual.to_numpy(float)
    return float(100.0 * np.abs(forecast_.to_numpy(float) - a).sum() / max(a.sum(), 1e-12))


def backtest(history: History, origins: list[date], weeks: int = 1, truth: pd.DataFrame | None = None) -> dict:
    """Rolling-origin backtest: forecast from each origin, score the following `weeks` against what
    happened (and against the generator's true intensity when `truth` is given). Returns WAPEs in percent."""
    rows = []
    for o in origins:
        end = pd.Timestamp(o) + pd.Timedelta(days=7 * weeks)
        act = history.intervals[(history.intervals["interval_start"] >= pd.Timestamp(o))
                                & (history.intervals["interval_start"] < end)][["queue", "interval_start", "offered"]]
        f = forecast(history, o, weeks).rename(columns={"offered": "forecast"})
        n = seasonal_naive(history, o, weeks).rename(columns={"offered": "naive"})
        m = act.merge(f[["queue", "interval_start", "forecast"]], on=["queue", "interval_start"], how="outer")
        m = m.merge(n, on=["queue", "interval_start"], how="left")
        m = m[(m["interval_start"] >= pd.Timestamp(o)) & (m["interval_start"] < end)]
        if truth is not None and len(truth):
            m = m.merge(truth.rename(columns={"expected_calls": "truth"}), on=["queue", "interval_start"], how="left")
        m["origin"] = o
        rows.append(m.fillna({"offered": 0.0, "forecast": 0.0, "naive": 0.0}))
    allm = pd.concat(rows, ignore_index=True)
    out = {"origins": len(origins), "weeks": weeks, "intervals": int(len(allm)),
           "wape_forecast_pct": wape(allm["forecast"], allm["offered"]),
           "wape_seasonal_naive_pct": wape(allm["naive"], allm["offered"])}
    if "truth" in allm:
        t = allm["truth"].fillna(0.0)
        out["wape_oracle_pct"] = wape(t, allm["offered"])            # the noise floor: truth vs what happened
        out["wape_forecast_vs_truth_pct"] = wape(allm["forecast"], t)  # distance of the forecast from the oracle
        out["wape_naive_vs_truth_pct"] = wape(allm["naive"], t)
    return out


def as_date(v) -> date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v))
