"""Periods and filters that led nowhere: last month against the previous calendar month, a week to
date, and a team list without managers who lead no agents."""
from datetime import date

import pytest

from analytics.core import periods


@pytest.mark.parametrize("start,end,expected", [
    (date(2026, 10, 1), date(2026, 10, 31), (date(2026, 9, 1), date(2026, 9, 30))),     # last month
    (date(2026, 3, 1), date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
    (date(2026, 7, 1), date(2026, 9, 30), (date(2026, 4, 1), date(2026, 6, 30))),       # a whole quarter
    (date(2026, 11, 1), date(2026, 11, 21), (date(2026, 10, 1), date(2026, 10, 21))),   # month to date
    (date(2026, 3, 31), date(2026, 3, 31), (date(2026, 3, 30), date(2026, 3, 30))),     # one day
    (date(2026, 11, 9), date(2026, 11, 15), (date(2026, 11, 2), date(2026, 11, 8))),    # a week
])
def test_previous_period(start, end, expected):
    assert periods.comparison_range(start, end, "previous") == expected


def test_week_to_date_and_last_full_week():
    saturday = date(2026, 11, 21)
    assert periods.preset_range("week_to_date", saturday) == (date(2026, 11, 16), saturday)
    assert periods.preset_range("last_full_week", saturday) == (date(2026, 11, 9), date(2026, 11, 15))


def test_team_filter_offers_no_manager_without_agents(sample_db):
    from analytics.core import warehouse
    from analytics.core.filters import load_catalog

    with warehouse.read_connection(sample_db) as con:
        cat = load_catalog(con)
        managers = {r[0] for r in con.execute("SELECT agent_id FROM agents WHERE role = 'manager'").fetchall()}
        leads = {r[0] for r in con.execute(
            "SELECT DISTINCT supervisor_id FROM agents WHERE role = 'agent' AND supervisor_id IS NOT NULL").fetchall()}
    assert managers and not (managers & set(cat.supervisors))
    assert set(cat.supervisors) == leads
