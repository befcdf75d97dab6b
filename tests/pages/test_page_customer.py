"""The Customer page on the small sample: default view, a shared link with every option, odd links,
an empty selection and numbers equal to the registry's."""
from datetime import date

from analytics.customer import data as customer
from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from apptest_helpers import errors, metric_value, run_page, notices, info_texts

OCT = {"from": "2026-10-01", "to": "2026-10-31", "period": "custom", "grain": "week"}


def test_customer_default_view(sample_db):
    at = run_page(sample_db, "customer")
    assert not errors(at)
    assert [s.value for s in at.subheader] == ["Resolution and repeat calls", "Time between a caller's calls",
                                               "Call reasons", "Satisfaction"]
    assert at.query_params["reasons"] == "10"
    # the default period (last full week) ends at the data end: the censoring note says so
    assert any("censored" in c.value and "not counted" in c.value for c in at.caption)


def test_customer_shared_link_sets_every_option(sample_db):
    at = run_page(sample_db, "customer", {**OCT, "reasons": "all", "compare": "none", "grain": "day"})
    assert not errors(at)
    assert at.session_state["p_reasons"] == "all"
    assert at.session_state["filters"].compare == "none" and at.session_state["filters"].grain == "day"
    f = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31))
    with warehouse.read_connection(sample_db) as con:
        reasons = customer.reasons_table(customer.kpis_by_reason(con, f))
    table = next(d.value for d in at.dataframe if "Reason" in d.value.columns)
    assert len(table) == len(reasons) > 10   # "all" shows every reason
    assert table["Reason"].tolist() == reasons["reason"].tolist()


def test_customer_numbers_equal_the_registry(sample_db):
    at = run_page(sample_db, "customer", OCT)
    assert not errors(at)
    f = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31), grain="week")
    with warehouse.read_connection(sample_db) as con:
        kpi = metrics.compute_one(con, f, ["fcr_pct", "repeat_rate_pct", "median_repeat_interval_h", "csat_pct",
                                           "nps"])
        by_reason = customer.kpis_by_reason(con, f, ["offered", "fcr_pct"])
        q = metrics.compute(con, f.narrowed(queues=["Billing"]), ["fcr_pct"])
    assert metric_value(at, "First-contact resolution") == f"{kpi['fcr_pct']:.1f}%"
    assert metric_value(at, "Repeat-call rate") == f"{kpi['repeat_rate_pct']:.1f}%"
    assert metric_value(at, "Median repeat interval") == f"{kpi['median_repeat_interval_h']:.1f} h"
    assert metric_value(at, "CSAT") == f"{kpi['csat_pct']:.1f}%"
    assert metric_value(at, "Net Promoter Score") == f"{kpi['nps']:+.0f}"
    table = next(d.value for d in at.dataframe if "Reason" in d.value.columns).set_index("Reason")
    top = by_reason.sort_values("offered", ascending=False).iloc[0]
    assert table.loc[top["reason"], "First-contact resolution"] == f"{top['fcr_pct']:.1f}%"
    assert q["fcr_pct"].notna().all()


def test_customer_odd_link_values_fall_back_with_notices(sample_db):
    at = run_page(sample_db, "customer", {**OCT, "reasons": "1000000", "grain": "fortnight"})
    assert not errors(at)
    notes = notices(at)
    assert "Ignored '1000000' from the link: not one of the choices of “Reasons shown”" in notes and "Unknown grain" in notes
    assert at.session_state["p_reasons"] == "10"


def test_customer_empty_selection(sample_db):
    at = run_page(sample_db, "customer", {"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                          "sites": "Toronto", "queues": "中文客服"})
    assert not errors(at)
    assert "No calls in this selection." in info_texts(at)
    assert not at.subheader
