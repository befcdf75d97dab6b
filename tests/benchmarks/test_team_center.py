"""The Benchmarks page sets teams against the center of the teams it shows (comparison.teams_only):
the center is the KPI over exactly those teams' calls — not the unassigned ones (abandoned before an
agent), and not a narrower list of today's teams."""
from __future__ import annotations

from datetime import date

import pytest

from analytics.benchmarks import comparison as bc
from analytics.core import metrics, registry, warehouse
from analytics.core.filters import Filters

F = Filters(start=date(2026, 10, 1), end=date(2026, 11, 15), compare="previous")


@pytest.mark.parametrize("by", ["supervisor", "site"])
@pytest.mark.parametrize("kid", ["repeat_rate_pct", "fcr_pct"])  # abandoned calls count in the first only
def test_the_center_is_the_teams_shown(sample_db, by, kid):
    with warehouse.read_connection(sample_db) as con:
        by_team = metrics.compute(con, F, [kid], by=by, with_stats=True)
        center = metrics.compute(con, bc.teams_only(F, by, by_team), [kid]).iloc[0][kid]
        everyone = metrics.compute(con, F, [kid]).iloc[0][kid]
    teams = by_team[by_team[by].notna()]
    left_out = bc.unassigned_n(by_team, registry.get(kid), by)
    assert len(teams) >= 2 and (left_out > 0) == (kid == "repeat_rate_pct")
    pooled = 100.0 * teams[f"{kid}__num"].sum() / teams[f"{kid}__den"].sum()
    assert center == pytest.approx(pooled, rel=1e-9)
    if left_out:
        assert center != pytest.approx(everyone, rel=1e-6)


def test_a_chosen_team_filter_is_kept(sample_db):
    f = F.narrowed(supervisors=("S01",))
    with warehouse.read_connection(sample_db) as con:
        by_team = metrics.compute(con, f, ["fcr_pct"], by="supervisor", with_stats=True)
    assert bc.teams_only(f, "supervisor", by_team) == f
    assert bc.teams_only(F, "queue", by_team) == F
