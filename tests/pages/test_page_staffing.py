"""The Staffing page: required vs scheduled per interval, a what-if from the URL, expected vs actual SL."""
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.core import warehouse
from analytics.staffing import plan, whatif
from apptest_helpers import errors, run_page, notices

LINK = {"from": "2026-11-16", "to": "2026-11-22", "period": "custom", "grain": "day"}


def _infos(at):
    return notices(at)


def test_staffing_default_view(sample_db):
    at = run_page(sample_db, "staffing", LINK, timeout=180)
    assert not errors(at)
    subs = [s.value for s in at.subheader]
    assert subs[:3] == ["Scheduled − required, by weekday and interval", "One day", "Where the schedule is short or over"]
    assert "Expected vs actual service level" in subs
    labels = [m.label for m in at.metric]
    assert labels == ["Expected SL", "Required agent hours", "Scheduled agent hours", "Understaffed intervals"]
    assert "R² =" in " ".join(c.value for c in at.caption)


def test_whatif_from_the_link_matches_the_engine(sample_db):
    q = {**LINK, "st_target": "90/30", "st_aht": "-10", "st_vol": "10", "st_shr": "25", "st_add": "2",
         "st_add_at": "9", "st_model": "erlang_a"}
    at = run_page(sample_db, "staffing", q, timeout=180)
    assert not errors(at)
    for k, v in q.items():
        if k.startswith("st_"):
            assert str(at.query_params[k]) in (v, [v]) or at.query_params[k] == [v], k
    with warehouse.read_connection(sample_db) as con:
        p = plan.build(con, date(2026, 11, 16), date(2026, 11, 22), 30, 20.0)
    sc = whatif.Scenario(target_pct=90, target_s=30, aht_delta_s=-10, volume_pct=10, shrinkage_pct=25,
                         extra_agents=2, extra_start_h=9, extra_hours=8)
    s = whatif.summary(whatif.evaluate(p.frame, p.patience, sc, "erlang_a", 30, p.measured_shrinkage,
                                       measured_aux_pct=p.measured_aux_pct), 30)
    shown = {m.label: m.value for m in at.metric}
    assert shown["Expected SL"] == f"{s['expected_service_level_pct']:.1f}%"
    assert shown["Required agent hours"] == f"{s['required_agent_hours']:,.0f}"
    # a what-if shows its change against the base
    assert any(m.delta for m in at.metric)


def test_bad_link_values_fall_back_with_notices(sample_db):
    at = run_page(sample_db, "staffing", {**LINK, "st_aht": "lots", "st_vol": "999", "st_target": "99/1"}, timeout=180)
    assert not errors(at)
    text = _infos(at)
    assert "Ignored 'lots' from the link" in text and "Ignored '999' from the link" in text and "Ignored '99/1' from the link" in text
    assert "st_aht" not in text   # the option by its label, not by its name in the address
    assert at.session_state["p_st_aht"] == 0 and at.session_state["p_st_target"] == "80/20"


def test_forecast_view_and_quarter_hours(sample_db):
    at = run_page(sample_db, "staffing", {**LINK, "st_view": "forecast", "st_weeks": "1", "st_iv": "15"}, timeout=180)
    assert not errors(at)
    assert "Expected vs actual service level" not in [s.value for s in at.subheader]
    assert at.session_state["p_st_iv"] == "15"


def test_the_fit_reads_only_what_the_base_scenario_shares(sample_db):
    """The page draws the expected-vs-actual fit from the base scenario's evaluation (one Erlang run for
    both): the modelled SL must not depend on the target percent, the shrinkage or the extra agents, and
    must follow the handle-time and volume changes and the threshold (which the base keeps at zero and at
    the setting)."""
    with warehouse.read_connection(sample_db) as con:
        p = plan.build(con, date(2026, 11, 9), date(2026, 11, 15), 30, 20.0)

    def modelled(sc):
        ev = whatif.evaluate(p.frame, p.patience, sc, "erlang_a", 30, p.measured_shrinkage,
                             measured_aux_pct=p.measured_aux_pct)
        return ev["modelled_service_level_pct"].to_numpy()

    plain = modelled(whatif.Scenario(target_s=20.0))
    assert (plain[~np.isnan(plain)] > 0).sum() > 20
    same = whatif.Scenario(target_pct=95.0, target_s=20.0, shrinkage_pct=40.0, extra_agents=3, extra_start_h=7)
    np.testing.assert_array_equal(modelled(same), plain)
    for moved in (whatif.Scenario(target_s=20.0, volume_pct=20.0), whatif.Scenario(target_s=30.0),
                  whatif.Scenario(target_s=20.0, aht_delta_s=30.0)):
        assert not np.allclose(modelled(moved), plain, equal_nan=True)


@pytest.mark.parametrize("minutes", [15, 30])
def test_a_period_inside_the_patience_window_is_its_slice(sample_db, minutes):
    """plan.build reads a recent period's intervals out of the patience window's (one scan of the calls
    instead of two): the slice must be the period's own query, row for row."""
    from datetime import timedelta

    from analytics.staffing import data

    end_excl = date(2026, 11, 16)
    with warehouse.read_connection(sample_db) as con:
        window = data.intervals(con, end_excl - timedelta(weeks=plan.PATIENCE_WEEKS), end_excl, minutes, 20.0)
        own = data.intervals(con, date(2026, 11, 9), end_excl, minutes, 20.0)
        built = plan.build(con, date(2026, 11, 9), date(2026, 11, 15), minutes, 20.0).frame
    cut = window[window["interval_start"] >= "2026-11-09"].reset_index(drop=True)
    assert len(own) > 100
    pd.testing.assert_frame_equal(cut, own)
    assert built["offered"].sum() == own["offered"].sum()


@pytest.mark.parametrize("minutes", [15, 30])
def test_a_recent_periods_agents_are_the_patience_windows_slice(sample_db, minutes):
    """plan.build cuts a recent period's scheduled and logged-in agents out of the 8-week window's rows
    (one home-queue window for both): the cut equals the period's own read with that home window, and
    is what the plan carries."""
    from datetime import timedelta

    from analytics.staffing import data

    start, end_excl = date(2026, 11, 9), date(2026, 11, 16)
    pat_start = end_excl - timedelta(weeks=plan.PATIENCE_WEEKS)
    home = data.home_from(pat_start)
    with warehouse.read_connection(sample_db) as con:
        window = data.on_queue(con, pat_start, end_excl, minutes, (), home)
        own = data.scheduled(con, start, end_excl, minutes, (), home)
        built = plan.build(con, start, date(2026, 11, 15), minutes, 20.0).frame
    cut = data.scheduled_of(window[window["interval_start"] >= pd.Timestamp(start)])
    assert len(own) > 100
    pd.testing.assert_frame_equal(cut, own)
    got = built.dropna(subset=["scheduled_agents"]).sort_values(["queue", "interval_start"]).reset_index(drop=True)
    want = own.sort_values(["queue", "interval_start"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got[list(want.columns)], want, check_dtype=False)
