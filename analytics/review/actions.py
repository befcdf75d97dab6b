"""Meeting notes: actions with an owner and a due date, saved with the review period in the warehouse
and shown at the next review as "last review's actions", where they are ticked done.

Each action belongs to a team (a supervisor id) or to the whole center (None): a supervisor reads their
team's actions only (the team scope) and writes them only (analytics/auth/rights.py, checked here, in
the layer that writes); every write is recorded in the audit log."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from analytics.auth import rights, session
from analytics.core import queries, warehouse
from analytics.review.period import ReviewPeriod

MAX_NOTE = 500
MAX_OWNER = 80
COLUMNS = ["action_id", "period_label", "note", "owner", "due_on", "done", "created_at", "done_at", "team"]


class ActionError(ValueError):
    """An action the user typed cannot be saved; the message says why."""


@dataclass(frozen=True)
class LastReview:
    period_label: str | None
    actions: pd.DataFrame


def _table_exists(con) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
                       "AND table_name = 'review_actions'").fetchone()[0] > 0


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS)


def for_period(con, label: str) -> pd.DataFrame:
    if not _table_exists(con):  # a warehouse built before the review existed; created on first save
        return _empty()
    return queries.run(con, "review_actions_for_period", period=label)


def last_review(con, period: ReviewPeriod) -> LastReview:
    """The actions of the latest earlier review of the same kind (weeks skip when a meeting is missed)."""
    if not _table_exists(con):
        return LastReview(None, _empty())
    found = queries.run(con, "review_actions_last_period", kind=period.kind, start=period.start)
    if found.empty:
        return LastReview(None, _empty())
    label = found["period_label"].iloc[0]
    return LastReview(label, for_period(con, label))


def _clean(note: str, owner: str | None, due_on) -> tuple[str, str | None, date | None]:
    note = (note or "").strip()
    if not note:
        raise ActionError("An action needs a note: say what is to be done.")
    if len(note) > MAX_NOTE:
        raise ActionError(f"The note is {len(note)} characters long; keep it under {MAX_NOTE}.")
    owner = (owner or "").strip() or None
    if owner and len(owner) > MAX_OWNER:
        raise ActionError(f"The owner is {len(owner)} characters long; keep it under {MAX_OWNER}.")
    if due_on is not None and not isinstance(due_on, date):
        try:
            due_on = date.fromisoformat(str(due_on))
        except ValueError:
            raise ActionError(f"The due date {str(due_on)[:20]!r} is not a date (YYYY-MM-DD).") from None
    return note, owner, due_on


def _ensure_table(con) -> None:
    con.execute(warehouse.read_sql("raw/80_review_actions.sql"))


def add(db_path: Path, period: ReviewPeriod, note: str, owner: str | None = None, due_on=None,
        team: str | None = None) -> int:
    """Save one action for the period (about `team`, None = the whole center) in one write
    transaction; returns its id. rights.WriteDenied if the acting role may not."""
    note, owner, due_on = _clean(note, owner, due_on)
    team = rights.action_team(team)
    with warehouse.write_connection(Path(db_path)) as con, warehouse.transaction(con):
        _ensure_table(con)
        action_id = con.execute(
            "INSERT INTO review_actions (period_label, period_kind, period_start, note, owner, due_on, "
            "team, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING action_id",
            [period.label, period.kind, period.start, note, owner, due_on, team,
             session.username()]).fetchone()[0]
    rights.record_write(db_path, "action_added", action_id=int(action_id), period=period.label, team=team)
    return int(action_id)


def set_done(db_path: Path, action_id: int, done: bool) -> None:
    """Tick an action done (or not); rights.WriteDenied if the acting role may not change it."""
    with warehouse.write_connection(Path(db_path)) as con, warehouse.transaction(con):
        _ensure_table(con)
        row = con.execute("SELECT team FROM review_actions WHERE action_id = ?", [int(action_id)]).fetchone()
        if row is None:
            raise ActionError(f"There is no action {int(action_id)}.")
        rights.require_action_change(row[0])
        con.execute("UPDATE review_actions SET done = ?, "
                    "done_at = CASE WHEN ? THEN current_localtimestamp() END WHERE action_id = ?",
                    [bool(done), bool(done), int(action_id)])
    rights.record_write(db_path, "action_done" if done else "action_reopened", action_id=int(action_id))
