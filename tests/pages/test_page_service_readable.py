"""Service & queues in readable units and sized to content (AppTest on the small sample): the longest
waits and each queue's longest wait in min/s, the wait bins in s/min, the wait chart as tall as its bins,
and the queue table as two tables that fit a 1280 px screen."""
import json

from analytics.core import units
from apptest_helpers import chart_specs, errors, run_page

LINK = {"from": "2026-10-05", "to": "2026-10-18", "period": "custom"}


def _table_with(at, column):
    return next(d for d in at.dataframe if column in d.value.columns)


def test_longest_waits_read_in_minutes_and_seconds(sample_db):
    at = run_page(sample_db, "service", LINK)
    assert not errors(at)
    longest = _table_with(at, "wait")
    view = longest.value
    assert view["wait"].tolist() == [units.duration_s(s) for s in view["wait_s"]]
    assert any(" min " in w for w in view["wait"]) and not any(w.isdigit() for w in view["wait"])
    assert "agent_id" not in view.columns and "agent" in view.columns   # one "Name (id)" column
    # the seconds stay in the frame (sorting, CSV) but are hidden on screen
    assert json.loads(longest.proto.columns)["wait_s"]["hidden"] is True


def test_queue_tables_split_and_longest_wait_readable(sample_db):
    at = run_page(sample_db, "service", LINK)
    calls = _table_with(at, "offered").value
    service = _table_with(at, "service_level_pct").value
    assert "service_level_pct" not in calls and "offered" not in service
    assert service["max_wait"].tolist() == [units.duration_s(s) for s in service["max_wait_s"]]


def test_wait_chart_is_level_bars_as_tall_as_its_bins(sample_db):
    at = run_page(sample_db, "service", LINK)
    spec = next(s for s in chart_specs(at) if s.get("encoding", {}).get("yOffset"))
    bins = spec["encoding"]["y"]["sort"]
    assert bins[0] == "0–5 s" and bins[-1] == "10 min +" and "90 s–2 min" in bins
    assert spec["height"] >= len(bins) * 2 * 13  # a bar a row per outcome, plus the axes
    assert spec["encoding"]["y"]["axis"]["labelOverlap"] is False
