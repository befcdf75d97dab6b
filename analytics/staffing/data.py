"""Reads for staffing: interval aggregates, scheduled agents, daily history, holidays, the oracle.
SQL lives in sql/queries/staffing_*.sql; every value is a bound parameter."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd

from analytics.core import queries
from analytics.staffing.forecast import HISTORY_DAYS, PROFILE_WEEKS, History

HOME_QUEUE_WEEKS = 8


def _ts(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def intervals(con, start: date, end_excl: date, minutes: int, t_s: float, queues=(), short_s: float = 5.0) -> pd.DataFrame:
    df = queries.run(con, "staffing_intervals", start=_ts(start), end=_ts(end_excl), minutes=int(minutes),
                     t=float(t_s), queues=list(queues))
    df["interval_start"] = pd.to_datetime(df["interval_start"])
    return df


def home_from(start: date) -> date:
    """Where the calls that set home queues begin for intervals from `start`: 8 weeks before it (the
    home-queue window runs from there to the intervals' end)."""
    return start - timedelta(weeks=HOME_QUEUE_WEEKS)


def on_queue(con, start: date, end_excl: date, minutes: int, queues=(), home_start: date | None = None) -> pd.DataFrame:
    """Per queue and interval: agents scheduled and logged in, and the handle seconds of the queue's
    home agents on every queue they answered (one query, one home-queue rule for both). Home queues
    come from the calls in [home_start, end_excl), by default [home_from(start), end_excl)."""
    df = queries.run(con, "staffing_scheduled", start=_ts(start), end=_ts(end_excl), minutes=int(minutes),
                     queues=list(queues), home_from=_ts(home_from(start) if home_start is None else home_start))
    df["interval_start"] = pd.to_datetime(df["interval_start"])
    return df


def covered(on_queue_rows: pd.DataFrame) -> pd.DataFrame:
    """The intervals of on_queue() some shift covers (the others have home-queue calls only)."""
    return on_queue_rows[on_queue_rows["scheduled_agents"].notna()]


def scheduled(con, start: date, end_excl: date, minutes: int, queues=(), home_start: date | None = None) -> pd.DataFrame:
    """Agents scheduled and logged in per queue and interval (the intervals some shift covers)."""
    return scheduled_of(on_queue(con, start, end_excl, minutes, queues, home_start))


def scheduled_of(on_queue_rows: pd.DataFrame) -> pd.DataFrame:
    """scheduled() from on_queue() rows already read."""
    return covered(on_queue_rows).drop(columns=["home_handle_s"]).reset_index(drop=True)


def shifts_without_times(con, start: date, end_excl: date) -> int:
    return int(con.execute("SELECT count(*) FROM shifts WHERE date >= ? AND date < ? AND "
                           "(start_time IS NULL OR end_time IS NULL)", [start, end_excl]).fetchone()[0])


def measured_shrinkage(con, start: date, end_excl: date) -> float | None:
    """1 − Σ logged-in ÷ Σ scheduled over the shifts of the window (absence included), as a fraction."""
    row = con.execute("SELECT sum(m_logged_in_s), sum(m_scheduled_s) FROM stg_shifts WHERE date >= ? AND date < ?",
                      [start, end_excl]).fetchone()
    if not row or not row[1]:
        return None
    return max(0.0, 1.0 - float(row[0]) / float(row[1]))


def holidays(con) -> pd.DataFrame:
    try:
        return con.execute("SELECT date, queue, name FROM holidays ORDER BY date, queue").df()
    except Exception:  # a warehouse built before the calendar existed
        return pd.DataFrame(columns=["date", "queue", "name"])


def history(con, origin: date, minutes: int, queues=(), interval_weeks: int = PROFILE_WEEKS) -> History:
    """Everything before `origin` the forecast may use (and nothing after)."""
    daily = queries.run(con, "staffing_daily", start=_ts(origin - timedelta(days=HISTORY_DAYS)), end=_ts(origin),
                        queues=list(queues))
    iv = intervals(con, origin - timedelta(weeks=interval_weeks), origin, minutes, 20.0, queues)
    return History(daily, iv[["queue", "interval_start", "offered", "handle_s", "handled"]], holidays(con), minutes)


def truth(con, start: date, end_excl: date, minutes: int) -> pd.DataFrame | None:
    """The sample generator's true expected calls per interval (None on a real warehouse)."""
    try:
        df = con.execute("SELECT queue, interval_start, expected_calls FROM truth.queue_interval_intensity "
                         "WHERE interval_start >= ? AND interval_start < ?", [_ts(start), _ts(end_excl)]).df()
    except Exception:
        return None
    if df.empty:
        return None
    df["interval_start"] = pd.to_datetime(df["interval_start"])
    if minutes == 15:  # arrivals are uniform within the generator's half hours
        a = df.assign(expected_calls=df["expected_calls"] / 2)
        b = a.assign(interval_start=a["interval_start"] + pd.Timedelta(minutes=15))
        df = pd.concat([a, b], ignore_index=True)
    return df
