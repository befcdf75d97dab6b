"""The org-chart history kept beside `agents`: an agents import that moves someone (another supervisor,
coach, site or role) closes that person's open assignment on the import's date and opens a new one.

Runs inside the import's write transaction, with the incoming agent rows in temp table `incoming`,
before they replace the old rows of `agents` (the old values are what the closed period held).
"""
from __future__ import annotations

from datetime import date

import duckdb

_DIFFERS = ("(i.supervisor_id IS DISTINCT FROM {o}.supervisor_id OR i.coach_id IS DISTINCT FROM {o}.coach_id "
            "OR i.site IS DISTINCT FROM {o}.site OR ({o}.role IS NOT NULL AND i.role IS DISTINCT FROM {o}.role))")
# (An imported period that left role empty takes it from agents: a role there is no change.)


def record_moves(wh: duckdb.DuckDBPyConnection, as_of: date) -> int:
    """Close and open assignments for the incoming agents whose place changed; returns how many moved."""
    # A person moved for the first time has no history yet: the old record held since hiring.
    wh.execute(
        "INSERT INTO assignments (agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role) "
        "SELECT a.agent_id, a.hired_on, NULL, a.supervisor_id, a.coach_id, a.site, a.role "
        "FROM agents a JOIN incoming i USING (agent_id) "
        f"WHERE {_DIFFERS.format(o='a')} AND a.hired_on < ? "
        "AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.agent_id = a.agent_id) "
        # a placeholder's place was never real: its real record replaces it, it does not move it
        "AND a.agent_id NOT IN (SELECT agent_id FROM placeholder_agents)",
        [as_of],
    )
    wh.execute(
        "CREATE TEMP TABLE moved AS SELECT i.agent_id, i.supervisor_id, i.coach_id, i.site, i.role, "
        "s.valid_from AS open_from FROM incoming i JOIN assignments s "
        f"ON s.agent_id = i.agent_id AND s.valid_to IS NULL WHERE {_DIFFERS.format(o='s')}"
    )
    # The open period began before the import's date: it ends there, and the new place starts.
    wh.execute(
        "UPDATE assignments SET valid_to = ? FROM moved m "
        "WHERE assignments.agent_id = m.agent_id AND assignments.valid_to IS NULL AND m.open_from < ?",
        [as_of, as_of],
    )
    wh.execute(
        "INSERT INTO assignments (agent_id, valid_from, valid_to, supervisor_id, coach_id, site, role) "
        "SELECT agent_id, ?, NULL, supervisor_id, coach_id, site, role FROM moved WHERE open_from < ?",
        [as_of, as_of],
    )
    # Opened on (or after) that date already, e.g. a second import the same day: corrected in place.
    wh.execute(
        "UPDATE assignments SET supervisor_id = m.supervisor_id, coach_id = m.coach_id, site = m.site, "
        "role = m.role FROM moved m WHERE assignments.agent_id = m.agent_id AND assignments.valid_to IS NULL "
        "AND m.open_from >= ?",
        [as_of],
    )
    moved = wh.execute("SELECT count(*) FROM moved").fetchall()[0][0]
    wh.execute("DROP TABLE moved")
    return moved
