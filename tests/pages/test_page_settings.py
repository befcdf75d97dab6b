"""Settings page: set targets and thresholds through the widgets; history; links; validation."""
import math
import shutil
from datetime import date

import pytest
from apptest_helpers import errors, run_page, tile_status, notices

from analytics.core import metrics, targets, thresholds, warehouse
from analytics.core.filters import Filters

WEEK = {"from": "2026-10-05", "to": "2026-10-11", "period": "custom", "grain": "day"}
SL = "service_level_pct"


@pytest.fixture()
def db(sample_db, tmp_path):
    """A private copy: these tests write to the warehouse."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, path)
    return path


def sl_value(db) -> float:
    with warehouse.read_connection(db) as con:
        return metrics.compute_one(con, Filters(date(2026, 10, 5), date(2026, 10, 11)), [SL])[SL]


def sl_tile(at):
    return tile_status(at, SL)


def test_setting_a_target_through_the_widgets_changes_the_tile_status(db):
    at = run_page(db, "overview", WEEK)
    before = sl_tile(at)
    value = sl_value(db)
    # a target on the other side of this week's value flips the tile's status
    new_target = float(math.floor(value) - 1) if not before.startswith("on target") else float(min(100, math.ceil(value) + 1))
    at.switch_page("pages/settings.py")
    at.run()
    assert not errors(at)
    at.text_input(key="who_name").input("Ana Лі 王")
    at.number_input(key=f"set_value_{SL}_*_*").set_value(new_target)
    at.button(key="set_save").click()
    at.run()
    assert not errors(at)
    assert any("Saved" in s.value and "Ana Лі 王" in s.value for s in at.success)
    history = next(d.value for d in at.dataframe if "changed_by" in d.value.columns)
    assert history.iloc[0]["changed_by"] == "Ana Лі 王" and history.iloc[0]["new_value"] == new_target
    at.switch_page("pages/overview.py")
    at.run()
    after = sl_tile(at)
    assert after.split(" target")[0] != before.split(" target")[0]
    assert after.endswith(f"{new_target:.1f}%")
    with warehouse.read_connection(db) as con:
        h = targets.history(con)
    assert len(h) == 1 and h.iloc[0]["changed_by"] == "Ana Лі 王" and math.isnan(h.iloc[0]["old_value"])


def test_settings_shared_link_opens_the_queue_scope(db):
    targets.save(db, [targets.Change("asa_s", 25, queue="Billing")], by="Bo")
    at = run_page(db, "settings", {**WEEK, "set_kpi": "asa_s", "set_queue": "Billing", "set_site": "*"})
    assert not errors(at)
    assert (at.session_state["p_set_kpi"], at.session_state["p_set_queue"], at.session_state["p_set_site"]) == (
        "asa_s", "Billing", "*")
    field = at.number_input(key="set_value_asa_s_Billing_*")
    assert "queue Billing" in field.label and field.value == 25
    at.button(key="set_remove").click()
    at.run()
    assert any("Removed" in s.value for s in at.success)
    with targets_connection(db) as con:
        assert targets.effective(con, queue="Billing")["asa_s"].value == 20  # back to the default


def targets_connection(db):
    return warehouse.read_connection(db)


def test_settings_odd_link_falls_back_with_notices(sample_db):
    at = run_page(sample_db, "settings", {"set_kpi": "offered", "set_queue": "Nope'; DROP TABLE calls", "set_site": "x"})
    assert not errors(at)
    notes = notices(at)
    assert "Ignored 'offered' from the link" in notes and "Ignored 'Nope'; DROP TABLE calls' from the link" in notes
    assert at.session_state["p_set_kpi"] == SL and at.session_state["p_set_queue"] == "*"


def test_threshold_change_refreshes_marts_and_says_so(db):
    before = sl_value(db)
    at = run_page(db, "settings", WEEK)
    at.number_input(key="thr_sl_threshold_s").set_value(40.0)
    at.button(key="thr_save").click()
    at.run()
    assert not errors(at)
    assert any("recalculated" in s.value for s in at.success)
    assert sl_value(db) > before  # more calls are answered within 40 s than within 20 s
    with warehouse.read_connection(db) as con:
        assert thresholds.current(con)["sl_threshold_s"] == 40


def test_inconsistent_thresholds_are_refused_with_a_message(db):
    at = run_page(db, "settings", WEEK)
    at.number_input(key="thr_short_abandon_s").set_value(25.0)  # longer than T = 20 s
    at.button(key="thr_save").click()
    at.run()
    assert any("must be shorter than the service-level threshold" in e.value for e in at.error)
    assert not at.exception
    with warehouse.read_connection(db) as con:
        assert thresholds.current(con)["short_abandon_s"] == 5 and thresholds.history(con).empty
