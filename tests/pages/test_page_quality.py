"""The Quality page on the small sample: default view, a shared link with every option, odd links,
an empty selection and numbers equal to the registry's."""
from datetime import date

import pytest

from analytics.core import metrics, queries, warehouse
from analytics.quality import data as quality
from analytics.core.filters import Filters
from apptest_helpers import errors, metric_value, run_page, notices, info_texts

OCT = {"from": "2026-10-01", "to": "2026-10-31", "period": "custom", "grain": "week"}


def test_quality_default_view(sample_db):
    at = run_page(sample_db, "quality")
    assert not errors(at)
    heads = [s.value for s in at.subheader]
    assert heads == ["QA score and pass rate", "Coverage: people vs automation", "Weak spots by criterion",
                     "Evaluator calibration", "Automated call flags"]
    assert at.query_params["flag"] == "long_hold" and at.query_params["criteria_by"] == "overall"
    captions = " ".join(c.value for c in at.caption)
    assert "3–5%" in captions and f"{quality.LONG_HOLD_S:.0f} s" in captions


def test_quality_shared_link_sets_every_option(sample_db):
    at = run_page(sample_db, "quality", {**OCT, "criteria_by": "team", "flag": "dead_air", "queues": "Billing"})
    assert not errors(at)
    assert at.session_state["p_criteria_by"] == "team" and at.session_state["p_flag"] == "dead_air"
    assert at.session_state["filters"].queues == ("Billing",)
    assert at.query_params["flag"] == "dead_air"
    f = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31), queues=("Billing",))
    with warehouse.read_connection(sample_db) as con:
        flags = quality.flag_table(queries.run(con, quality.flag_counts_query(f))).set_index("flag")
        calls = queries.run(con, quality.flagged_calls_query(f, "dead_air"))
    shown = next(d.value for d in at.dataframe if "call_id" in d.value.columns)
    assert shown["call_id"].tolist() == calls["call_id"].tolist()
    assert len(shown) == min(quality.FLAGGED_CALLS_LIMIT, flags.loc["dead_air", "flagged"])
    assert set(shown["queue"]) == {"Billing"}


def test_quality_numbers_equal_the_registry(sample_db):
    at = run_page(sample_db, "quality", OCT)
    assert not errors(at)
    f = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31), grain="week")
    with warehouse.read_connection(sample_db) as con:
        kpi = metrics.compute_one(con, f, ["qa_score_avg", "qa_pass_rate_pct", "qa_coverage_pct", "evaluations",
                                           "transfer_rate_pct"])
    assert metric_value(at, "QA score") == f"{kpi['qa_score_avg']:.1f}"
    assert metric_value(at, "QA pass rate") == f"{kpi['qa_pass_rate_pct']:.1f}%"
    assert metric_value(at, "QA coverage (human)") == f"{kpi['qa_coverage_pct']:.1f}%"
    assert metric_value(at, "Human evaluations") == f"{kpi['evaluations']:,.0f}"
    flags = next(d.value for d in at.dataframe if "judged_on" in d.value.columns).set_index("label")
    assert flags.loc["Transferred", "rate_pct"] == pytest.approx(kpi["transfer_rate_pct"])


def test_quality_odd_link_values_fall_back_with_notices(sample_db):
    at = run_page(sample_db, "quality", {**OCT, "flag": "x' OR 1=1 --", "criteria_by": "<b>site</b>"})
    assert not errors(at)
    notes = notices(at)
    assert "Ignored 'x' OR 1=1 --' from the link" in notes and "Ignored '<b>site</b>' from the link" in notes
    assert at.session_state["p_flag"] == "long_hold" and at.session_state["p_criteria_by"] == "overall"


def test_quality_empty_selection(sample_db):
    at = run_page(sample_db, "quality", {"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                         "sites": "Toronto", "queues": "中文客服"})
    assert not errors(at)
    assert "No calls in this selection." in info_texts(at)
    assert not at.subheader
