"""Headcount and the annualized attrition rates (org_kpis.sql) against a brute-force reference in pandas:
every person-interval tested on every day, as the KPI contract words it (role = 'agent', hired_on <= d <
left_on, in the team of the assignment valid on d). The query counts by +1/−1 steps instead (so the
large center's two-year trend does not join every day to every person); the answers must not move.

The small sample has an org-chart history (agents moved between teams and sites), so team and site
groupings and filters cross those moves."""
from datetime import date, timedelta

import pandas as pd
import pytest

from analytics.core import metrics, warehouse
from analytics.core.filters import Filters

FAR = date(9999, 12, 31)


@pytest.fixture(scope="module")
def placed(sample_db):
    with warehouse.read_connection(sample_db) as con:
        df = con.execute(
            "SELECT a.agent_id, coalesce(t.role, a.role) AS role, t.site, t.supervisor_id, a.hired_on, a.left_on, "
            "t.valid_from, t.valid_to FROM agents a JOIN stg_agent_team_at_date t USING (agent_id) "
            "WHERE a.agent_id NOT IN (SELECT agent_id FROM placeholder_agents)").df()
        moved = con.execute("SELECT count(DISTINCT agent_id) FROM assignments").fetchone()[0]
        first, last = con.execute("SELECT min(arrived_at)::DATE, max(arrived_at)::DATE FROM calls").fetchone()
    assert moved > 0, "the sample should have an org-chart history for this test to mean anything"
    for c in ("hired_on", "left_on", "valid_from", "valid_to"):
        df[c] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in df[c]]
    return df, first, last


def _counts(placed_df: pd.DataFrame, days, group: str | None, sites=(), supervisors=()) -> pd.DataFrame:
    """Agents in headcount per day (and group): the brute-force definition."""
    rows = []
    for r in placed_df.itertuples():
        if r.role != "agent" or r.hired_on is None:
            continue
        if sites and r.site not in sites:
            continue
        if supervisors and r.supervisor_id not in supervisors:
            continue
        for d in days:
            if r.hired_on <= d < (r.left_on or FAR) and (r.valid_from or date.min) <= d < (r.valid_to or FAR):
                rows.append((d, getattr(r, group) if group else "all"))
    return pd.DataFrame(rows, columns=["d", "grp"]).groupby(["d", "grp"]).size().rename("n").reset_index()


def _days(start, end):
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def test_daily_headcount_matches_the_definition(sample_db, placed):
    df, first, last = placed
    f = Filters(start=first + timedelta(days=20), end=first + timedelta(days=50))
    with warehouse.read_connection(sample_db) as con:
        got = metrics.compute(con, f, ["headcount"], by="day")
    ref = _counts(df, _days(f.start, f.end), None).set_index("d")["n"]
    want = [int(ref.get(d, 0)) for d in _days(f.start, f.end)]
    assert got["headcount"].astype(int).tolist() == want
    assert len(set(want)) > 1, "headcount should change over these weeks (hires, leavers)"


@pytest.mark.parametrize("by,column", [("supervisor", "supervisor_id"), ("site", "site")])
def test_headcount_by_team_and_site_at_the_period_end(sample_db, placed, by, column):
    df, first, last = placed
    f = Filters(start=last - timedelta(days=40), end=last - timedelta(days=3))
    with warehouse.read_connection(sample_db) as con:
        got = metrics.compute(con, f, ["headcount"], by=by)
    ref = _counts(df, [f.end], column)
    want = dict(zip(ref["grp"], ref["n"]))
    have = {k: int(v) for k, v in zip(got[by], got["headcount"]) if v}
    assert have == want


@pytest.mark.parametrize("scope", [{}, {"sites": "first"}, {"supervisors": "first"}])
def test_monthly_attrition_rate_uses_the_mean_daily_headcount(sample_db, placed, scope):
    """attrition = leavers / mean daily headcount × 365 / days: the mean over every day of the month."""
    df, first, last = placed
    kw = {}
    if scope.get("sites"):
        # the biggest site: a small one (8 seats) can go three months without a leaver
        kw["sites"] = (df.loc[df["role"] == "agent", "site"].value_counts().index[0],)
    if scope.get("supervisors"):
        kw["supervisors"] = tuple(sorted(df.loc[df["role"] == "agent", "supervisor_id"].dropna().unique())[:2])
    f = Filters(start=first, end=last, **kw)
    with warehouse.read_connection(sample_db) as con:
        got = metrics.compute(con, f, ["headcount", "attrition_rate_pct"], by="month")
    daily = _counts(df, _days(f.start, f.end), None, kw.get("sites", ()), kw.get("supervisors", ()))
    per_day = {d: 0 for d in _days(f.start, f.end)} | dict(zip(daily["d"], daily["n"]))
    checked = 0
    for row in got.itertuples():
        days = [d for d in per_day if d.strftime("%Y-%m") == row.month]
        mean = sum(per_day[d] for d in days) / len(days)
        assert int(row.headcount) == per_day[max(days)]
        leavers = row.attrition_rate_pct__leavers
        if mean and leavers:
            assert row.attrition_rate_pct == pytest.approx(100.0 * leavers / mean * 365 / len(days), rel=1e-12)
            checked += 1
    assert checked, "some month should have leavers"
