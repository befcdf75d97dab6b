"""The Organization page on the small sample: default view, a shared link, odd links, an empty
selection, and numbers equal to the registry's."""
from datetime import date

import duckdb
import pytest

from analytics.core import metrics
from analytics.core.filters import Filters
from apptest_helpers import errors, run_page, notices, info_texts

OCT = {"from": "2026-10-01", "to": "2026-10-31", "period": "custom"}


def test_organization_default_view(sample_db):
    at = run_page(sample_db, "organization")
    assert not errors(at)
    subs = [s.value for s in at.subheader]
    assert "Span of control" in subs and "Org chart" in subs
    assert at.query_params["history"] == "12m" and at.query_params["org_grain"] == "month"


def test_organization_shared_link_and_registry_numbers(sample_db):
    at = run_page(sample_db, "organization", OCT | {"history": "24m", "org_grain": "quarter"})
    assert not errors(at)
    assert at.session_state["p_history"] == "24m" and at.session_state["p_org_grain"] == "quarter"
    f = Filters(start=date(2026, 10, 1), end=date(2026, 10, 31))
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        now = metrics.compute_one(con, f, ["headcount", "span_of_control"])
        trend = metrics.compute(con, f.with_period(date(2025, 1, 1), date(2026, 10, 31)),
                                ["headcount", "attrition_rate_pct"], by="quarter")
        sup = metrics.compute(con, f, ["span_of_control"], by="supervisor").set_index("supervisor")
        hires = con.execute("SELECT count(*) FROM agents WHERE role = 'agent' AND hired_on BETWEEN "
                            "'2026-10-01' AND '2026-10-31'").fetchone()[0]
    finally:
        con.close()
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Headcount"] == f"{now['headcount']:,.0f}"
    assert tiles["Span of control"] == f"{now['span_of_control']:.1f}"
    timeline = next(d.value for d in at.dataframe if "hires" in d.value.columns and "period" in d.value.columns)
    assert timeline["period"].tolist() == trend["quarter"].tolist()
    assert timeline["headcount"].tolist() == trend["headcount"].tolist()
    assert timeline["hires"].iloc[-1] == hires
    span = next(d.value for d in at.dataframe if "span_of_control" in d.value.columns).set_index("supervisor")
    for s in span.index:
        assert span.loc[s, "span_of_control"] == pytest.approx(sup.loc[s, "span_of_control"])
        assert span.loc[s, "flagged"] == (not 8 <= sup.loc[s, "span_of_control"] <= 12)


def test_organization_odd_links(sample_db):
    at = run_page(sample_db, "organization", OCT | {"history": "forever", "org_grain": "'; DROP"})
    assert not errors(at)
    notes = notices(at)
    assert "Ignored 'forever' from the link: not one of the choices of “Over”" in notes
    assert "Ignored ''; DROP' from the link: not one of the choices of “By”" in notes


def test_organization_empty_selection(sample_db):
    at = run_page(sample_db, "organization", OCT | {"sites": "Shenzhen", "supervisors": "S01"})
    assert not errors(at)
    assert "No calls in this selection." in info_texts(at)
