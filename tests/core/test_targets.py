"""Targets with history, thresholds with mart refresh, the comparison words, bullet charts and the
`targets` CLI — on tiny hand-built warehouses."""
from datetime import date

import pytest

from analytics.benchmarks import comparison as bc
from analytics import cli
from analytics.benchmarks import bullets as bullet_charts
from analytics.core import metrics, targets, thresholds, warehouse
from analytics.core import registry
from analytics.core.filters import Filters
from warehouse_builder import build

D = "2026-03-02"
AGENTS = [
    dict(agent_id="S1", name="Sara", role="supervisor", site="X", hired_on="2024-01-01"),
    dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="X", hired_on="2025-01-01"),
    dict(agent_id="A2", name="王伟", role="agent", supervisor_id="S1", site="Y", hired_on="2025-01-01"),
]
# Waits 10, 15, 30 s answered; one 40 s abandon. With T = 20 s: SL = 2 / 4 = 50%; with T = 12 s: 1 / 4 = 25%.
CALLS = [
    dict(call_id="c1", arrived_at=f"{D} 10:00", queue="Billing", wait_s=10, outcome="answered", agent_id="A1",
         talk_s=100),
    dict(call_id="c2", arrived_at=f"{D} 10:10", queue="Billing", wait_s=15, outcome="answered", agent_id="A2",
         talk_s=100),
    dict(call_id="c3", arrived_at=f"{D} 10:20", queue="支持", wait_s=30, outcome="answered", agent_id="A1",
         talk_s=100),
    dict(call_id="c4", arrived_at=f"{D} 10:30", queue="支持", wait_s=40, outcome="abandoned", talk_s=0),
]
SL = "service_level_pct"


@pytest.fixture()
def db(tmp_path):
    return build(tmp_path / "t.duckdb", agents=AGENTS, calls=CALLS)


def effective(db, **scope):
    with warehouse.read_connection(db) as con:
        return targets.effective(con, **scope)


def history(db):
    with warehouse.read_connection(db) as con:
        return targets.history(con)


def test_defaults_when_none_set(db):
    assert effective(db) == targets.defaults()
    assert effective(db, queue="Billing", site="X")[SL].value == 80.0
    assert effective(db)[SL].source.startswith("Default")
    assert targets.effective() == targets.defaults()  # no connection: the registry's defaults


def test_a_warehouse_from_before_targets_reads_defaults_and_gets_the_tables_on_first_write(db):
    with warehouse.write_connection(db) as con:
        con.execute("DROP TABLE targets; DROP TABLE target_history")
    assert effective(db, queue="Billing") == targets.defaults()
    assert history(db).empty
    targets.save(db, [targets.Change(SL, 70)], by="Ana")
    assert effective(db)[SL].value == 70.0


def test_setting_a_target_writes_history_with_who_old_and_new(db):
    assert targets.save(db, [targets.Change(SL, 70)], by="Ana")
    targets.save(db, [targets.Change(SL, "75.5")], by="  Bo   Li ")
    assert targets.save(db, [targets.Change(SL, 75.5)], by="Cy") == []  # unchanged: no row
    h = history(db)
    assert len(h) == 2
    newest, oldest = h.iloc[0], h.iloc[1]
    assert (oldest["changed_by"], oldest["new_value"]) == ("Ana", 70.0) and oldest["old_value"] != oldest["old_value"]
    assert (newest["changed_by"], newest["old_value"], newest["new_value"]) == ("Bo Li", 70.0, 75.5)
    assert newest["changed_at"] is not None
    t = effective(db)[SL]
    assert t.value == 75.5 and "Bo Li" in t.source


def test_anonymous_changes_are_recorded_as_local_user(db):
    targets.save(db, [targets.Change(SL, 70)], by="")
    assert history(db).iloc[0]["changed_by"] == "local user"


def test_queue_and_site_targets_take_precedence(db):
    targets.save(db, [targets.Change(SL, 70), targets.Change(SL, 60, queue="Billing"),
                      targets.Change(SL, 65, site="X"), targets.Change(SL, 55, queue="Billing", site="X")], by="Ana")
    assert effective(db)[SL].value == 70
    assert effective(db, queue="Billing")[SL].value == 60
    assert effective(db, queue="支持")[SL].value == 70
    assert effective(db, site="X")[SL].value == 65
    assert effective(db, site="Y")[SL].value == 70
    assert effective(db, queue="Billing", site="X")[SL].value == 55
    assert effective(db, queue="支持", site="X")[SL].value == 65
    assert effective(db, queue="Billing")["asa_s"].value == 20  # other KPIs keep their default
    f = Filters(date(2026, 3, 2), date(2026, 3, 2))
    with warehouse.read_connection(db) as con:
        assert targets.for_filter(con, f.narrowed(queues=["Billing"]))[SL].value == 60
        assert targets.for_filter(con, f.narrowed(queues=["Billing", "支持"]))[SL].value == 70


def test_removing_a_scope_target_falls_back_and_is_logged(db):
    targets.save(db, [targets.Change(SL, 70), targets.Change(SL, 60, queue="Billing")], by="Ana")
    targets.save(db, [targets.Change(SL, None, queue="Billing")], by="Bo")
    assert effective(db, queue="Billing")[SL].value == 70
    h = history(db).iloc[0]
    assert (h["queue"], h["old_value"], h["changed_by"]) == ("Billing", 60.0, "Bo")
    assert h["new_value"] != h["new_value"]  # NULL: removed


@pytest.mark.parametrize("change, message", [
    (targets.Change(SL, 120), "between 0.0% and 100.0%"),
    (targets.Change(SL, "eighty"), "not a number"),
    (targets.Change(SL, float("nan")), "finite"),
    (targets.Change("nope", 1), "Unknown KPI"),
    (targets.Change("offered", 1), "takes no target"),
    (targets.Change("nps", -101), "between"),
])
def test_invalid_targets_are_refused_with_a_clear_message(db, change, message):
    with pytest.raises(targets.TargetError, match=message):
        targets.save(db, [change], by="Ana")
    assert history(db).empty


def test_one_bad_change_stores_none_of_the_batch(db):
    with pytest.raises(targets.TargetError, match="Unknown queue 'Nope'"):
        targets.save(db, [targets.Change(SL, 70), targets.Change(SL, 60, queue="Nope")], by="Ana")
    assert history(db).empty and effective(db)[SL].value == 80


def test_status_follows_direction():
    t = targets.Target(SL, 80, "x")
    assert targets.status(SL, 85, t) == "met" and targets.status(SL, 70, t) == "missed"
    assert targets.status("asa_s", 10, targets.Target("asa_s", 20, "x")) == "met"
    assert targets.status("occupancy_pct", 90, targets.Target("occupancy_pct", 85, "x")) is None
    assert targets.status(SL, None, t) is None


def _sl(db):
    with warehouse.read_connection(db) as con:
        return metrics.compute_one(con, Filters(date(2026, 3, 2), date(2026, 3, 2)), [SL])[SL]


def test_threshold_change_refreshes_marts_and_is_logged(db):
    assert _sl(db) == pytest.approx(50.0)
    written = thresholds.save(db, {"sl_threshold_s": 12, "qa_pass_mark": 80}, by="Ana")
    assert [w["key"] for w in written] == ["sl_threshold_s"]  # qa_pass_mark unchanged
    assert _sl(db) == pytest.approx(25.0)
    with warehouse.read_connection(db) as con:
        h = thresholds.history(con)
        assert thresholds.current(con)["sl_threshold_s"] == 12
    assert (h.iloc[0]["key"], h.iloc[0]["old_value"], h.iloc[0]["new_value"], h.iloc[0]["changed_by"]) == (
        "sl_threshold_s", "20", "12", "Ana")


@pytest.mark.parametrize("values, message", [
    ({"sl_threshold_s": 0}, "between 1 and 600"),
    ({"csat_satisfied_min": 3.5}, "whole number"),
    ({"repeat_window_h": "a week"}, "not a number"),
    ({"short_abandon_s": 30}, "shorter than the service-level threshold"),
    ({"nope": 1}, "Unknown setting"),
])
def test_invalid_thresholds_change_nothing(db, values, message):
    with pytest.raises(thresholds.ThresholdError, match=message):
        thresholds.save(db, values, by="Ana")
    assert _sl(db) == pytest.approx(50.0)
    with warehouse.read_connection(db) as con:
        assert thresholds.history(con).empty


def test_words_against_target_and_industry():
    k = registry.get(SL)
    t = targets.Target(SL, 80, "x")
    assert bc.versus_target(k, 72.5, t) == "72.5% is 7.5 pts below the target 80.0% — off target."
    assert "could be chance" in bc.versus_target(k, 78, t, ci=(70, 85))
    assert bc.versus_target(k, 78, None) == "No target is set."
    aht = registry.get("aht_s")
    assert bc.versus_industry(aht, 450, 190, 420, 4) == (
        "30 s above the top of the range of 4 published figures (190 s – 420 s): worse than all of them.")
    assert bc.versus_industry(aht, 300, 190, 420, 4).startswith("Inside the range")
    assert bc.versus_industry(k, 85, 80, 80, 1) == "5.0 pts above the published figure 80.0% (better)."
    assert bc.versus_industry(k, 85, None, None, 0) == "No published industry figure."


def test_team_intervals_flag_teams_outside_the_noise():
    import pandas as pd
    k = registry.get(SL)
    df = pd.DataFrame({"supervisor": ["S1", "S2", None], "supervisor_name": ["Sara", "王芳", None],
                       SL: [90.0, 70.0, 0.0], f"{SL}__num": [900, 7, 0], f"{SL}__den": [1000, 10, 40]})
    out = bc.team_intervals(df, k, "supervisor", center=80.0)
    assert out["team"].tolist() == ["Sara (S1)", "王芳 (S2)"]  # the row without a team is left out
    assert out["verdict"].tolist() == ["above center", "within noise"]
    assert bc.unassigned_n(df, k, "supervisor") == 40


def test_bullet_frame_and_chart():
    k = registry.get(SL)
    df = bullet_charts.bullet_frame(k, 72.0, 80.0, (70.0, 85.0), 75.0, status="missed")
    assert df["measure"].tolist() == ["actual", "target", "industry", "comparison"]
    assert df.loc[df["measure"] == "industry", ["low", "high"]].values.tolist() == [[70.0, 85.0]]
    spec = bullet_charts.bullet(df, k).to_dict()
    assert len(spec["layer"]) == 4
    only_value = bullet_charts.bullet_frame(k, 72.0, None, (None, None), None)
    assert only_value["measure"].tolist() == ["actual"]
    bullet_charts.bullet(only_value, k).to_dict()


def test_cli_set_and_list(db, capsys):
    assert cli.main(["targets", "set", "--db", str(db), "--kpi", SL, "--value", "70", "--queue", "Billing",
                     "--by", "王芳"]) == 0
    assert "no own target -> 70.0%" in capsys.readouterr().out
    assert effective(db, queue="Billing")[SL].value == 70
    assert cli.main(["targets", "list", "--db", str(db), "--queue", "Billing", "--kpi", SL]) == 0
    out = capsys.readouterr().out
    assert "70.0%" in out and "王芳" in out
    assert cli.main(["targets", "history", "--db", str(db), "--format", "csv"]) == 0
    assert "王芳,service_level_pct,Billing" in capsys.readouterr().out
    assert cli.main(["targets", "set", "--db", str(db), "--kpi", SL, "--value", "170"]) == 2
    assert "between" in capsys.readouterr().err
    assert cli.main(["targets", "set", "--db", str(db), "--kpi", SL]) == 2
    assert cli.main(["targets", "list", "--db", str(db.parent / "missing.duckdb")]) == 1
