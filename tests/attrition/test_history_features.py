"""The long-history features (issue #17, part 2): an agent's absence over their whole tenure, the team's
absence over its whole record and its exit history, each read with the team of the date. None of them
may see past the month-end — not even an org-chart move made after it — and each must move when the
history before the month-end does."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from attrition_fixtures import copy_db, labeled_db

from analytics.attrition import features
from analytics.core import warehouse

MONTH = dt.date(2026, 5, 31)
NEW = ["absence_logodds_tenure", "team_absence_rate_all", "team_vol_exit_rate_365d", "team_vol_exit_rate_all",
       "adherence_365d", "team_adherence_all"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return labeled_db(tmp_path_factory)


def _at(path, month=MONTH):
    with duckdb.connect(str(path), read_only=True) as con:
        df = features.load(con, month)
    return df.drop(columns=[features.LABEL]).sort_values("agent_id").reset_index(drop=True)


def test_history_features_are_model_features(db):
    assert set(NEW) <= set(features.FEATURE_IDS)
    df = _at(db)
    assert df[NEW].notna().all().all()


def test_history_features_ignore_everything_after_the_month_end_including_moves(db, tmp_path):
    before = _at(db)
    path = copy_db(db, tmp_path)
    cut = MONTH + dt.timedelta(days=1)
    with warehouse.write_connection(path) as con:
        later = con.execute("SELECT count(*) FROM assignments WHERE valid_from > ?", [MONTH]).fetchone()[0]
        assert later > 0  # the sample has agents who change team after the month-end
        # Undo every move made after the month-end: the team of the month-end becomes today's team.
        con.execute("""UPDATE agents a SET supervisor_id = s.supervisor_id FROM assignments s
                       WHERE s.agent_id = a.agent_id AND s.valid_to > ? AND s.valid_from <= ?""", [MONTH, MONTH])
        con.execute("DELETE FROM assignments WHERE valid_from > ?", [MONTH])
        con.execute("UPDATE assignments SET valid_to = NULL WHERE valid_to > ?", [MONTH])
        con.execute("DELETE FROM calls WHERE arrived_at >= ?", [cut])
        con.execute("DELETE FROM shifts WHERE date >= ?", [cut])
        con.execute("DELETE FROM evaluations WHERE evaluated_at >= ?", [cut])
        con.execute("DELETE FROM surveys WHERE answered_at >= ?", [cut])
        con.execute("UPDATE agents SET left_on = ?, exit_type = 'voluntary' WHERE role = 'agent' AND "
                    "(left_on IS NULL OR left_on > ?) AND hired_on <= ?", [cut + dt.timedelta(days=3), cut, MONTH])
    after = _at(path)
    pd.testing.assert_frame_equal(before[["agent_id", "supervisor_id", *NEW]], after[["agent_id", "supervisor_id", *NEW]])


def test_history_features_move_with_the_history_before_the_month_end(db, tmp_path):
    before = _at(db)
    agent = before.sort_values("tenure_days").iloc[-1]["agent_id"]  # the longest-serving agent
    team = before.loc[before["agent_id"] == agent, "supervisor_id"].iloc[0]
    path = copy_db(db, tmp_path)
    with warehouse.write_connection(path) as con:
        # months ago, before the 30/60/90-day windows (the sample starts in February)
        n = con.execute("UPDATE shifts SET absent = true WHERE agent_id = ? AND date <= ? AND NOT absent",
                        [agent, MONTH - dt.timedelta(days=95)]).fetchone()[0]
        assert n > 0
        # and kept to the schedule less on the days they came in (still before the 30-day window)
        n = con.execute("UPDATE shifts SET adherent_s = adherent_s * 0.8 WHERE agent_id = ? AND date <= ? AND NOT absent",
                        [agent, MONTH - dt.timedelta(days=31)]).fetchone()[0]
        assert n > 0
    after = _at(path)
    row = lambda df: df[df["agent_id"] == agent].iloc[0]  # noqa: E731
    assert row(after)["absence_logodds_tenure"] > row(before)["absence_logodds_tenure"]
    assert row(after)["adherence_365d"] < row(before)["adherence_365d"]
    assert row(after)["adherence_30d"] == row(before)["adherence_30d"]
    mates = before["supervisor_id"] == team
    assert (after.loc[mates, "team_absence_rate_all"] > before.loc[mates, "team_absence_rate_all"]).all()
    assert (after.loc[mates, "team_adherence_all"] < before.loc[mates, "team_adherence_all"]).all()
    others = ~mates
    # the other teams move only through the center's rate they are steadied toward (a little)
    assert ((after.loc[others, "team_absence_rate_all"] - before.loc[others, "team_absence_rate_all"]).abs() < 0.5).all()


def test_an_exit_counts_in_the_team_of_the_agents_last_day(db, tmp_path):
    """Move a voluntary leaver, on paper, to another team for their whole tenure: their exit now counts
    there, and the old team's exit rate falls."""
    before = _at(db)
    with duckdb.connect(str(db), read_only=True) as con:
        leaver, old = con.execute("""SELECT agent_id, supervisor_id FROM agents WHERE role = 'agent'
                                     AND exit_type = 'voluntary' AND left_on <= ?
                                     AND agent_id NOT IN (SELECT agent_id FROM assignments)
                                     ORDER BY left_on DESC, agent_id LIMIT 1""", [MONTH]).fetchone()
        new = con.execute("""SELECT supervisor_id FROM agents WHERE role = 'agent' AND supervisor_id <> ?
                             GROUP BY 1 ORDER BY 1 LIMIT 1""", [old]).fetchone()[0]
    path = copy_db(db, tmp_path)
    with warehouse.write_connection(path) as con:
        con.execute("UPDATE agents SET supervisor_id = ? WHERE agent_id = ?", [new, leaver])
    after = _at(path)
    rate = lambda df, sup: df.loc[df["supervisor_id"] == sup, "team_vol_exit_rate_all"].iloc[0]  # noqa: E731
    assert rate(after, old) < rate(before, old)
    assert rate(after, new) > rate(before, new)
