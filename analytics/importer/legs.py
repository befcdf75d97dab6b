"""Transfer legs → one call. An export with one row per leg (Amazon Connect contact records linked by
InitialContactId, Genesys Cloud segments, Avaya CMS call segments, Cisco TCD rows of one RouterCallKey)
is mapped with `call_id` = the id shared by all legs of a call and `leg_id` = the leg's own id. Every
leg is validated as a row (a bad leg rejects the file naming its row); then the legs of each call become
one row of `calls`, so the call is offered once (docs/import.md, "Transfer legs"):

- arrived_at, queue, caller_id, reason: of the first leg (legs ordered by arrived_at, then leg_id);
- outcome: answered if any leg was answered, else abandoned;
- agent_id: the answering agent of the first answered leg;
- wait_s: the waits summed up to and including the first answered leg (all legs if none was answered):
  how long the caller waited for an answer;
- talk_s, hold_s, acw_s, dead_air_s, hold_count: summed over the legs (handle time is summed);
- transferred: true when the call has more than one leg (or any leg says so);
- resolved: of the last leg;
- legs: the number of legs.
"""
from __future__ import annotations

import duckdb

from analytics.importer.contract import CONTRACTS, SOURCE_ROW
from analytics.importer.validate import q


def stitch(con: duckdb.DuckDBPyConnection) -> int:
    """Replace table `typed` (legs) by one row per call; returns the number of calls."""
    contract = CONTRACTS["calls"]
    first = "arg_min({c}, leg_no)"
    summed = "sum({c})"
    rules = {
        "call_id": "call_id",
        "arrived_at": "min(arrived_at)",
        "queue": first,
        "caller_id": "arg_min(caller_id, leg_no) FILTER (WHERE caller_id IS NOT NULL)",
        "wait_s": "sum(wait_s) FILTER (WHERE leg_no <= coalesce(first_answer, n_legs))",
        "outcome": "CASE WHEN bool_or(outcome = 'answered') THEN 'answered' ELSE 'abandoned' END",
        "agent_id": "arg_min(agent_id, leg_no) FILTER (WHERE outcome = 'answered')",
        "talk_s": summed, "hold_s": summed, "acw_s": summed, "dead_air_s": summed, "hold_count": summed,
        "transferred": "count(*) > 1 OR coalesce(bool_or(transferred), false)",
        "reason": "arg_min(reason, leg_no) FILTER (WHERE reason IS NOT NULL)",
        "resolved": "arg_max(resolved, leg_no)",
        "legs": "count(*)",
        "leg_id": "CAST(NULL AS VARCHAR)",
    }
    missing = [c.name for c in contract.columns if c.name not in rules]
    assert not missing, missing  # a new calls column needs its stitching rule here
    cols = ", ".join(f"{rules[c.name].format(c=q(c.name))} AS {q(c.name)}" for c in contract.columns)
    con.execute(f"""
        CREATE TABLE stitched AS
        WITH ordered AS (
            SELECT *, row_number() OVER (PARTITION BY call_id ORDER BY arrived_at, leg_id) AS leg_no,
                   count(*) OVER (PARTITION BY call_id) AS n_legs
            FROM typed
        ), answered AS (
            SELECT *, min(CASE WHEN outcome = 'answered' THEN leg_no END) OVER (PARTITION BY call_id) AS first_answer
            FROM ordered
        )
        SELECT min(__rid) AS __rid, min({SOURCE_ROW}) AS {SOURCE_ROW}, {cols}
        FROM answered GROUP BY call_id
    """)
    con.execute("DROP TABLE typed")
    con.execute("ALTER TABLE stitched RENAME TO typed")
    return con.execute("SELECT count(*) FROM typed").fetchall()[0][0]
