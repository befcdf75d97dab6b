"""15- and 30-minute intervals are grains: labelled by their start, and they add up to the hour and day."""
from __future__ import annotations

from datetime import date

import pytest

from analytics.core import metrics, warehouse
from analytics.core.filters import Filters

DAY = date(2026, 11, 16)


@pytest.fixture(scope="module")
def frames(sample_db):
    f = Filters(start=DAY, end=DAY, grain="day")
    ids = ["offered", "answered", "abandoned"]
    with warehouse.read_connection(sample_db) as con:
        return {by: metrics.compute(con, f, ids, by=by) for by in ("interval15", "interval30", "hour", "day")}


def test_intervals_add_up_to_hours_and_the_day(frames):
    i15, i30, hour, day = frames["interval15"], frames["interval30"], frames["hour"], frames["day"]
    assert i15["offered"].sum() == i30["offered"].sum() == hour["offered"].sum() == day["offered"].sum() > 0
    # each half hour is the sum of its two quarter hours
    i15 = i15.assign(half=[s[:14] + ("00" if int(s[14:]) < 30 else "30") for s in i15["interval15"]])
    halves = i15.groupby("half")["offered"].sum()
    assert halves.to_dict() == dict(zip(i30["interval30"], i30["offered"]))


def test_interval_labels_are_their_starts(frames):
    minutes = {s[-2:] for s in frames["interval30"]["interval30"]}
    assert minutes <= {"00", "30"} and len(minutes) == 2
    assert {s[-2:] for s in frames["interval15"]["interval15"]} == {"00", "15", "30", "45"}


def test_long_range_falls_back_to_day_with_a_notice():
    from analytics.core.filters import Catalog
    cat = Catalog(first_day=date(2026, 1, 1), last_day=date(2026, 11, 22))
    f, notes = Filters.from_query({"from": "2026-09-01", "to": "2026-11-22", "grain": "interval30"}, cat)
    assert f.grain == "day" and any("30 minutes" in n for n in notes)
    f, notes = Filters.from_query({"from": "2026-11-16", "to": "2026-11-22", "grain": "interval15"}, cat)
    assert f.grain == "interval15" and not notes
