"""Benchmarks page: bullet charts against target, industry and comparison; sources; team vs team."""
import shutil
from datetime import date

from apptest_helpers import errors, run_page, notices, info_texts

from analytics.core import registry
from analytics.core import metrics, targets, warehouse
from analytics.core.filters import Filters

WEEK = {"from": "2026-10-05", "to": "2026-10-11", "period": "custom", "grain": "day", "compare": "previous"}


def open_benchmarks(db, params):
    at = run_page(db, "overview", params)
    at.switch_page("pages/benchmarks.py")
    at.run()
    return at


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_benchmarks_default_view(sample_db):
    at = open_benchmarks(sample_db, WEEK)
    assert not errors(at)
    text = markdown(at)
    assert "**Target.**" in text and "**Industry.**" in text and "Is it real?" in " ".join(s.value for s in at.subheader)
    with warehouse.read_connection(sample_db) as con:
        sl = metrics.compute_one(con, Filters(date(2026, 10, 5), date(2026, 10, 11)), ["service_level_pct"])
    shown = registry.get("service_level_pct").format(sl["service_level_pct"])
    assert f"{shown} is " in text
    # a week's annualized attrition is unstable: no target status, and no industry verdict either
    assert "Not compared: over so short a period the rate is unstable." in text
    summary = next(d.value for d in at.dataframe if "Ours" in d.value.columns)
    row = summary[summary["KPI"] == "Service level"].iloc[0]
    assert abs(row["Ours"] - sl["service_level_pct"]) < 1e-9
    sources = next(d.value for d in at.dataframe if "publisher" in d.value.columns)
    assert len(sources) >= 20 and sources["url"].str.startswith("http").all()
    assert at.session_state["p_bm_kpi"] == "fcr_pct" and at.session_state["p_bm_by"] == "supervisor"
    assert at.query_params["bm_kpi"] in ("fcr_pct", ["fcr_pct"])


def test_benchmarks_shared_link_uses_the_queue_target(sample_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, db)
    targets.save(db, [targets.Change("service_level_pct", 42, queue="Billing")], by="Ana")
    at = open_benchmarks(db, {**WEEK, "compare": "last_year", "queues": "Billing", "bm_kpi": "aht_s",
                              "bm_by": "site"})
    assert not errors(at)
    assert at.session_state["p_bm_kpi"] == "aht_s" and at.session_state["p_bm_by"] == "site"
    assert "queues: Billing" in " ".join(c.value for c in at.caption).replace("\\", "")  # the header describes the filter
    assert "the target 42.0%" in markdown(at)
    assert at.query_params["bm_by"] in ("site", ["site"])


def test_benchmarks_odd_link_falls_back_with_notices(sample_db):
    at = open_benchmarks(sample_db, {**WEEK, "bm_kpi": "x' OR 1=1 --", "bm_by": "planet"})
    assert not errors(at)
    notes = notices(at)
    assert "Ignored 'x' OR 1=1 --' from the link" in notes and "Ignored 'planet' from the link" in notes
    assert at.session_state["p_bm_kpi"] == "fcr_pct" and at.session_state["p_bm_by"] == "supervisor"


def test_benchmarks_empty_selection(sample_db):
    at = open_benchmarks(sample_db, {"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                     "sites": "Toronto", "queues": "中文客服"})
    assert not errors(at)
    assert "No calls in this selection." in info_texts(at)
    assert not at.get("arrow_vega_lite_chart")


def test_a_bar_without_a_target_status_is_grey_not_the_on_target_blue():
    from analytics.benchmarks import bullets
    from analytics.core import status

    k = registry.get("aht_s")

    def actual_color(state):
        spec = bullets.bullet_spec(bullets.bullet_rows(k, 470.0, None, (190.0, 420.0), 460.0, status=state), k)
        found = [layer["mark"]["color"] for layer in spec["layer"]
                 if any(t.get("filter", "").find("actual") >= 0 for t in layer.get("transform", []))]
        return found

    grey, on_target = status.look(None).hex, status.look(status.MET).hex
    assert actual_color(None) == [grey] and actual_color(status.MET) == [on_target] and grey != on_target
