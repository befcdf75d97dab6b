from datetime import date

import pandas as pd
import pytest

from analytics.core import registry
from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from apptest_helpers import errors, run_page, notices

LINK = {"from": "2026-10-05", "to": "2026-10-18", "period": "custom", "grain": "day", "compare": "previous"}


def _infos(at):
    return notices(at)


def test_service_default_view(sample_db):
    at = run_page(sample_db, "service")
    assert not errors(at)
    assert at.session_state["p_heat"] == "service_level_pct"
    subheaders = [s.value for s in at.subheader]
    assert subheaders == ["By weekday and hour", "Queues", "How long callers wait", "Short abandons", "Longest waits"]


def test_service_shared_link_reproduces_the_view_and_numbers(sample_db):
    at = run_page(sample_db, "service", {**LINK, "heat": "abandon_rate_pct", "sites": "Tehran"})
    assert not errors(at)
    assert at.session_state["p_heat"] == "abandon_rate_pct" and at.query_params["sites"] in ("Tehran", ["Tehran"])
    assert at.query_params["heat"] == "abandon_rate_pct"
    # the Service page shows queue service for the whole center: the site filter does not apply there
    f = metrics.center_view(Filters(start=date(2026, 10, 5), end=date(2026, 10, 18), sites=("Tehran",)))
    with warehouse.read_connection(sample_db) as con:
        total = metrics.compute_one(con, f, ["short_abandoned"])
        by_queue = metrics.compute(con, f, ["offered", "service_level_pct"], by="queue")
    shown = {m.label: m.value for m in at.metric}
    assert shown["Short abandons"] == registry.get("short_abandoned").format(total["short_abandoned"])
    tables = [d.value for d in at.dataframe]
    table = next(t for t in tables if "offered" in t).set_index("queue")
    table = table.join(next(t for t in tables if "service_level_pct" in t).set_index("queue"))
    for row in by_queue.itertuples():  # under a site filter these are undefined (attribution): both null
        for col in ("offered", "service_level_pct"):
            shown_v, ref = table.loc[row.queue, col], getattr(row, col)
            assert (pd.isna(shown_v) and pd.isna(ref)) or shown_v == pytest.approx(ref)


def test_service_odd_link_falls_back_with_a_notice(sample_db):
    at = run_page(sample_db, "service", {**LINK, "heat": "<script>alert(1)</script>"})
    assert not errors(at)
    assert "Ignored '<script>alert(1)</script>' from the link" in _infos(at)
    assert at.session_state["p_heat"] == "service_level_pct"


def test_service_shows_the_center_under_a_site_filter(sample_db):
    """Toronto takes no Chinese-queue calls, but queue service is the whole center's (attribution):
    the page says so and shows the Chinese queue's service instead of an empty selection."""
    at = run_page(sample_db, "service", {"from": "2026-09-01", "to": "2026-09-01", "period": "custom",
                                         "sites": "Toronto", "queues": "中文客服", "heat": "asa_s"})
    assert not errors(at)
    assert "for the whole center" in _infos(at) and "No calls in this selection." not in _infos(at)
    assert at.query_params["heat"] == "asa_s"          # the link still carries the page's option
    assert at.query_params["sites"] in ("Toronto", ["Toronto"])   # the link keeps the site for other pages
    assert at.dataframe