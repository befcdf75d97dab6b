"""The forecast is time-ordered (it never sees data after its origin), beats seasonal-naive in a
rolling-origin backtest, and is closer than seasonal-naive to the generator's true intensity."""
from __future__ import annotations

import shutil
from datetime import date, timedelta

import duckdb
import numpy as np
import pandas as pd
import pytest

from analytics.core import warehouse
from analytics.staffing import data, forecast

ORIGIN = date(2026, 11, 9)  # a Monday in the small sample (window ends 2026-11-22)


def _forecast_from(db, origin=ORIGIN, weeks=2):
    with warehouse.read_connection(db) as con:
        return forecast.forecast(data.history(con, origin, 30), origin, weeks)


def test_the_future_does_not_change_the_forecast(sample_db, tmp_path):
    before = _forecast_from(sample_db)
    # the same warehouse with every call after the origin doubled and some deleted, marts rebuilt
    other = tmp_path / "perturbed.duckdb"
    shutil.copy(sample_db, other)
    con = duckdb.connect(str(other))
    try:
        con.execute("INSERT INTO calls (call_id, arrived_at, queue, caller_id, wait_s, outcome, agent_id, talk_s, "
                    "hold_s, acw_s, transferred, reason, resolved, dead_air_s, hold_count) SELECT 'X' || call_id, arrived_at + INTERVAL 7 MINUTE, queue, caller_id, "
                    "wait_s * 3, outcome, agent_id, talk_s * 2, hold_s, acw_s, transferred, reason, resolved, "
                    "dead_air_s, hold_count FROM calls WHERE arrived_at >= ?", [ORIGIN])
        con.execute("DELETE FROM calls WHERE arrived_at >= ? AND arrived_at < ?",
                    [ORIGIN + timedelta(days=2), ORIGIN + timedelta(days=4)])
        changed = con.execute("SELECT count(*) FROM calls WHERE call_id LIKE 'X%'").fetchone()[0]
        warehouse.refresh_marts(con)
    finally:
        con.close()
    assert changed > 1000
    after = _forecast_from(other)
    pd.testing.assert_frame_equal(before, after)
    # and the perturbation is real: a forecast from a later origin does see it
    later = ORIGIN + timedelta(days=7)
    assert not _forecast_from(sample_db, later, 1)["offered"].equals(_forecast_from(other, later, 1)["offered"])


def test_history_before_drops_rows_at_and_after_the_origin():
    iv = pd.DataFrame({"queue": ["Q"] * 3, "interval_start": pd.to_datetime(["2026-11-08 23:30", "2026-11-09 00:00", "2026-11-20 10:00"]),
                       "offered": [1.0, 2.0, 3.0], "handle_s": [1.0] * 3, "handled": [1.0] * 3})
    daily = pd.DataFrame({"queue": ["Q"] * 2, "day": [date(2026, 11, 8), date(2026, 11, 9)], "offered": [1.0, 2.0]})
    h = forecast.History(daily, iv, pd.DataFrame(columns=["date", "queue", "name"])).before(ORIGIN)
    assert h.intervals["offered"].tolist() == [1.0] and h.daily["offered"].tolist() == [1.0]


def test_forecast_shape_and_holidays(sample_db):
    f = _forecast_from(sample_db, weeks=1)
    assert set(f.columns) == {"queue", "interval_start", "offered", "aht_s"}
    assert f["interval_start"].min() >= pd.Timestamp(ORIGIN)
    assert f["interval_start"].max() < pd.Timestamp(ORIGIN + timedelta(days=7))
    assert (f["offered"] >= 0).all() and (f["aht_s"] > 60).all()
    # an editable calendar: marking a day as a holiday for every queue lowers that day's forecast
    with warehouse.read_connection(sample_db) as con:
        h = data.history(con, ORIGIN, 30)
    day = ORIGIN + timedelta(days=1)
    past = [ORIGIN - timedelta(days=7 * k) for k in (2, 4, 6)]  # past "holidays" that were ordinary days …
    h2 = forecast.History(h.daily.copy(), h.intervals, pd.DataFrame({"date": past + [day], "queue": [None] * 4,
                                                                      "name": ["x"] * 4}), 30)
    # … made to look like real holidays: 40 % of the usual calls
    h2.daily.loc[pd.to_datetime(h2.daily["day"]).dt.date.isin(past), "offered"] *= 0.4
    g = forecast.forecast(h2, ORIGIN, 1)
    on = lambda fr: fr[fr["interval_start"].dt.date == day]["offered"].sum()  # noqa: E731
    assert on(g) < 0.6 * on(f)


@pytest.fixture(scope="module")
def backtest_result(sample_db):
    with warehouse.read_connection(sample_db) as con:
        start, end = date(2026, 8, 1), date(2026, 11, 23)
        iv = data.intervals(con, start, end, 30, 20)
        daily = con.execute(warehouse.read_sql("queries/staffing_daily.sql"),
                            {"start": start, "end": end, "queues": []}).df()
        truth = data.truth(con, start, end, 30)
        hist = forecast.History(daily, iv[["queue", "interval_start", "offered", "handle_s", "handled"]],
                                data.holidays(con), 30)
    origins = [date(2026, 10, 26) + timedelta(days=7 * k) for k in range(4)]
    return forecast.backtest(hist, origins, 1, truth)


def test_backtest_beats_seasonal_naive_and_is_nearer_the_oracle(backtest_result):
    r = backtest_result
    assert r["origins"] == 4 and r["intervals"] > 1000
    assert r["wape_forecast_pct"] < r["wape_seasonal_naive_pct"]
    # nothing can beat the truth on Poisson noise: the oracle's WAPE is the floor
    assert r["wape_oracle_pct"] <= r["wape_forecast_pct"]
    assert r["wape_forecast_vs_truth_pct"] < r["wape_naive_vs_truth_pct"]


def test_wape():
    assert forecast.wape(pd.Series([1.0, 3.0]), pd.Series([2.0, 2.0])) == 50.0
    assert np.isclose(forecast.wape(pd.Series([2.0]), pd.Series([2.0])), 0.0)
