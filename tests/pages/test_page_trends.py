from datetime import date

from analytics.core import registry
from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from apptest_helpers import errors, run_page, notices

LINK = {"from": "2026-10-05", "to": "2026-11-01", "period": "custom", "grain": "week", "compare": "previous"}


def _infos(at):
    return notices(at)


def test_trends_default_view(sample_db):
    at = run_page(sample_db, "trends")
    assert not errors(at)
    assert at.session_state["p_kpi"] == "service_level_pct" and at.session_state["p_breakdown"] == "none"
    assert any(s.value.startswith("Control chart") for s in at.subheader)
    assert at.query_params["kpi"] == "service_level_pct"


def test_trends_shared_link_reproduces_the_view_and_numbers(sample_db):
    at = run_page(sample_db, "trends", {**LINK, "kpi": "asa_s", "breakdown": "none", "queues": "Billing"})
    assert not errors(at)
    assert at.session_state["p_kpi"] == "asa_s" and at.query_params["queues"] in ("Billing", ["Billing"])
    assert at.query_params["kpi"] == "asa_s" and at.query_params["breakdown"] == "none"
    f = Filters(start=date(2026, 10, 5), end=date(2026, 11, 1), grain="week", queues=("Billing",))
    with warehouse.read_connection(sample_db) as con:
        cur = metrics.compute_one(con, f, ["asa_s"])
        prev = metrics.compute_one(con, f.comparison(), ["asa_s"])
    k = registry.get("asa_s")
    shown = {m.label: m.value for m in at.metric}
    assert shown["Average speed of answer, this period"] == k.format(cur["asa_s"])
    assert shown["Comparison (2026-09-07 – 2026-10-04)"] == k.format(prev["asa_s"])
    assert "statistically significant" in " ".join(m.value for m in at.markdown)


def test_trends_breakdown_by_queue_and_a_workforce_kpi(sample_db):
    at = run_page(sample_db, "trends", {**LINK, "kpi": "abandon_rate_pct", "breakdown": "queue"})
    assert not errors(at)
    assert at.session_state["p_breakdown"] == "queue"
    assert any("One line per queue: all 4" in c.value for c in at.caption)
    at = run_page(sample_db, "trends", {**LINK, "kpi": "adherence_pct", "breakdown": "queue"})
    assert not errors(at)
    assert "not split by queue" in _infos(at)


def test_trends_odd_link_falls_back_with_notices(sample_db):
    at = run_page(sample_db, "trends", {**LINK, "kpi": "x'); DROP TABLE calls; --", "breakdown": "galaxy"})
    assert not errors(at)
    notes = _infos(at)
    assert "Ignored 'x'); DROP TABLE calls; --' from the link" in notes and "Ignored 'galaxy' from the link" in notes
    assert at.session_state["p_kpi"] == "service_level_pct" and at.session_state["p_breakdown"] == "none"


def test_trends_hourly_org_kpi_and_empty_selection(sample_db):
    at = run_page(sample_db, "trends", {"from": "2026-11-20", "to": "2026-11-20", "period": "custom",
                                        "grain": "hour", "kpi": "headcount"})
    assert not errors(at)
    assert "has no values by hour" in _infos(at)
    at = run_page(sample_db, "trends", {"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                        "sites": "Toronto", "queues": "中文客服", "kpi": "aht_s"})
    assert not errors(at)
    assert "No calls in this selection." in _infos(at)
    assert at.query_params["kpi"] == "aht_s"
