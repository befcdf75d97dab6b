"""The Staffing 'One day' chart (two concatenated parts) has a width that fits the page at 1280 px:
stretched, each part's plot took the whole column and the last half hours ran off the right edge."""
import pandas as pd

from analytics.staffing import charts


def test_day_view_parts_have_a_width_that_fits():
    starts = pd.date_range("2026-11-09 07:00", "2026-11-09 20:30", freq="30min")
    ev = pd.DataFrame({"interval_start": starts, "required_scheduled": 10.0, "scheduled_agents": 9.0,
                       "offered": 20.0, "expected_service_level_pct": 75.0})
    spec = charts.day_view(ev, 80.0).to_dict(validate=False)
    assert [part["width"] for part in spec["vconcat"]] == [charts.DAY_WIDTH, charts.DAY_WIDTH]
    assert charts.DAY_WIDTH <= 900  # the main column at a 1280 px window
