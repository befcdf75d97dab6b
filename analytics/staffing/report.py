"""The figures docs/staffing.md reports, from one command (`python -m analytics staffing --report`):
the rolling-origin backtest against seasonal-naive (and the generator's truth when present), how well
expected SL explains actual SL, and the patience estimates."""
from __future__ import annotations

from datetime import date, timedelta

from analytics.core import queries
from analytics.staffing import data, explain, forecast, plan, whatif


def backtest(con, to: date, origins: int = 12, weeks: int = 1, minutes: int = 30, queues=()) -> dict:
    """Weekly origins (Mondays) whose horizon ends on or before `to`; `queues`: only these (all when empty)."""
    last = to - timedelta(days=7 * weeks - 1)
    last -= timedelta(days=last.weekday())
    starts = [last - timedelta(days=7 * k) for k in range(origins)][::-1]
    iv_from = starts[0] - timedelta(weeks=forecast.PROFILE_WEEKS)
    iv_to = last + timedelta(days=7 * weeks)
    iv = data.intervals(con, iv_from, iv_to, minutes, 20.0, queues=queues)
    daily = queries.run(con, "staffing_daily", start=starts[0] - timedelta(days=forecast.HISTORY_DAYS), end=iv_to,
                        queues=list(queues))
    hist = forecast.History(daily, iv[["queue", "interval_start", "offered", "handle_s", "handled"]],
                            data.holidays(con), minutes)
    truth = data.truth(con, starts[0], iv_to, minutes)
    if truth is not None and queues:
        truth = truth[truth["queue"].isin(list(queues))]
    out = forecast.backtest(hist, starts, weeks, truth)
    out["first_origin"], out["last_origin"] = starts[0].isoformat(), last.isoformat()
    return out


def center(con, start: date, end: date, model: str = "erlang_a", origins: int = 12, weeks: int = 1,
           minutes: int = 30, queues=()) -> dict:
    p = plan.build(con, start, end, minutes, 20.0, queues)
    ev = whatif.evaluate(p.frame, p.patience, whatif.Scenario(), model, minutes, p.measured_shrinkage,
                            measured_aux_pct=p.measured_aux_pct)
    try:
        truth = dict(con.execute("SELECT queue, patience_s FROM truth.queue_params").fetchall())
    except Exception:
        truth = {}
    return {
        "period": [start.isoformat(), end.isoformat()], "model": model,
        "queues": list(queues) or None,   # None: the whole center
        "backtest": backtest(con, end, origins, weeks, minutes, queues),
        "fit": explain.r_squared(ev),
        "measured_shrinkage_pct": None if p.measured_shrinkage is None else round(100 * p.measured_shrinkage, 1),
        "measured_aux_pct": None if p.measured_aux_pct is None else round(p.measured_aux_pct, 1),
        "summary": whatif.summary(ev, minutes),
        "patience": {q: {"mle_s": round(v.patience_s, 1), "ci_s": [round(v.low_s, 1), round(v.high_s, 1)],
                         "naive_s": None if v.naive_s is None else round(v.naive_s, 1),
                         "truth_s": truth.get(q)} for q, v in p.patience.items()},
    }
