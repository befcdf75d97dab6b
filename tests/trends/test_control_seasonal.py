"""Control charts that know the weekly pattern: over four weeks of days whose weekends always run lower,
the plain p-chart calls the weekends signals; comparing each day with the same weekday does not, and
still flags a planted bad Wednesday."""
from datetime import date, timedelta

import numpy as np
import pandas as pd

from analytics.core import registry
from analytics.stats import control_charts as cc
from analytics.trends import data as trends


def _days(bad_day: int | None = None):
    rng = np.random.default_rng(3)
    rows = []
    start = date(2026, 3, 2)   # a Monday
    for i in range(28):
        d = start + timedelta(days=i)
        p = 0.70 if d.weekday() >= 5 else 0.85
        if i == bad_day:
            p = 0.60
        n = 2000
        k = rng.binomial(n, p)
        rows.append({"day": d.isoformat(), "service_level_pct": 100 * k / n,
                     "service_level_pct__num": k, "service_level_pct__den": n})
    return pd.DataFrame(rows)


def test_weekends_are_the_process_not_signals():
    cur = _days()
    k = registry.get("service_level_pct")
    plain = cc.p_chart(cur["service_level_pct__num"], cur["service_level_pct__den"], percent=True)
    assert plain["out_of_control"].sum() >= 8                         # every weekend day, at least
    kind, ctrl = trends.control_frame(cur, k, "day")
    assert kind == "p_seasonal"
    assert ctrl["out_of_control"].sum() == 0
    assert ctrl.loc[5, "center"] < ctrl.loc[2, "center"]               # Saturday's centre is Saturdays'


def test_a_real_bad_day_is_still_a_signal():
    cur = _days(bad_day=9)                                             # the second Wednesday
    kind, ctrl = trends.control_frame(cur, registry.get("service_level_pct"), "day")
    assert kind == "p_seasonal"
    assert list(ctrl.index[ctrl["out_of_control"]]) == [9]


def test_one_week_is_too_short_to_compare_weekdays():
    cur = _days().head(7)
    kind, _ = trends.control_frame(cur, registry.get("service_level_pct"), "day")
    assert kind == "p"


def test_means_are_de_seasonalized():
    cur = _days()
    cur["asa_s"] = [30.0 if pd.Timestamp(d).weekday() >= 5 else 12.0 for d in cur["day"]]
    cur["asa_s"] += np.random.default_rng(1).normal(scale=0.5, size=len(cur))
    kind, ctrl = trends.control_frame(cur, registry.get("asa_s"), "day")
    assert kind == "xmr_seasonal" and ctrl["out_of_control"].sum() == 0
