"""The marts: built in full, or refreshed for only what one import touched.

Each file in sql/marts is one SELECT over a *refresh scope*: temporary views named refresh_calls,
refresh_sequence, refresh_fct_calls, refresh_evaluations, refresh_fct_evaluations and refresh_shifts. A full rebuild points
them at everything; an incremental refresh points them at the rows an import can have changed, then
replaces only the mart rows (and rollup days) that differ. Both run inside the caller's transaction,
so a reader sees the old marts or the new ones, never a mix.

What an import can change (the dependency map of the SELECTs):
- fct_calls row of a call: its own columns, its caller's previous/next call (any distance: the repeat
  flags and the hours since the previous call), its evaluations (coverage flags), its survey, its
  agent's team, the settings, and the data end E (calls after E − repeat window are censored).
- the two call rollups: the fct_calls rows of their day; fct_agent_days: the agent's shift, team and that
  day's rollup; fct_evaluations: the evaluation, its call's queue, its agent's team; the evaluations
  rollup: the fct_evaluations rows of its day.
So an import seeds calls / callers / evaluations / agent-days / agents, the closure is recomputed,
and only rows that actually differ reach the marts. A calls import that moves E also recomputes every
call after min(old E, new E) − window: their censoring changes, whatever day the file touched.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

import duckdb

from analytics.core import warehouse
from analytics.core.warehouse import SQL_DIR, read_sql
from analytics.i18n import N_


@dataclass(frozen=True)
class Mart:
    name: str
    file: str
    order_by: str  # physical order of a full rebuild: the zone maps the pages' range filters use
    scope: tuple[str, ...]  # the refresh views its SELECT reads (created just before it: views bind at once)


MARTS = (
    Mart("fct_calls", "marts/10_fct_calls.sql", "arrived_at", ("refresh_calls", "refresh_sequence")),
    Mart("agg_calls_queue_hourly", "marts/20_agg_calls_queue_hourly.sql", "arrived_hour, queue",
         ("refresh_fct_calls",)),
    Mart("agg_calls_agent_daily", "marts/30_agg_calls_agent_daily.sql", "call_date, queue, agent_id",
         ("refresh_fct_calls",)),
    Mart("fct_evaluations", "marts/40_fct_evaluations.sql", "evaluated_at", ("refresh_evaluations",)),
    Mart("agg_evaluations_daily", "marts/45_agg_evaluations_daily.sql", "evaluated_date, kind, queue, agent_id",
         ("refresh_fct_evaluations",)),
    Mart("fct_agent_days", "marts/50_fct_agent_days.sql", "date", ("refresh_shifts",)),
    # no refresh scope: rebuilt whole by every refresh (the people tables are small)
    Mart("agg_org_changes", "marts/60_agg_org_changes.sql", "site, team, d", ()),
)
# marts without a refresh scope: nothing to narrow down, so an import rebuilds them whole
WHOLE_MARTS = tuple(m.name for m in MARTS if not m.scope)
MART_NAMES = tuple(m.name for m in MARTS)
# Views over the marts (CREATE VIEW files in sql/marts): nothing to materialize or refresh, (re)created
# after a full build so a new warehouse has them.
VIEWS = ("marts/25_agg_queue_service_hourly.sql",)
_BY_NAME = {m.name: m for m in MARTS}

SCOPE_ALL = {
    "refresh_calls": "SELECT * FROM stg_calls",
    "refresh_sequence": "SELECT call_id, caller_id, arrived_at FROM calls",
    "refresh_fct_calls": "SELECT * FROM fct_calls",
    "refresh_evaluations": "SELECT * FROM stg_evaluations",
    "refresh_fct_evaluations": "SELECT * FROM fct_evaluations",
    "refresh_shifts": "SELECT * FROM stg_shifts",
}
# The incremental scope: the same views over the r_* key tables built by refresh().
SCOPE_TOUCHED = {
    "refresh_calls": "SELECT * FROM temp.r_stg_calls",   # materialized by refresh(): read twice
    "refresh_sequence": "SELECT call_id, caller_id, arrived_at FROM temp.r_sequence",  # _caller_calls
    "refresh_fct_calls": "SELECT * FROM fct_calls WHERE call_date IN (SELECT call_date FROM r_days)",
    "refresh_evaluations": "SELECT * FROM stg_evaluations WHERE evaluation_id IN (SELECT evaluation_id FROM r_evals)",
    "refresh_fct_evaluations": "SELECT * FROM fct_evaluations WHERE evaluated_date IN (SELECT evaluated_date FROM r_eval_days)",
    "refresh_shifts": "SELECT s.* FROM stg_shifts s SEMI JOIN r_agent_days r ON r.agent_id = s.agent_id AND r.date = s.date",
}

# Tables whose rows no mart reads: an import of them leaves the marts as they are.
NO_MART_TABLES = ("evaluation_items",)
# Tables the incremental refresh understands; any other import rebuilds the marts in full.
INCREMENTAL_TABLES = ("calls", "evaluations", "surveys", "shifts", "agents")


def _select(mart: Mart) -> str:
    return read_sql(mart.file).strip().rstrip(";")


def _scope(con: duckdb.DuckDBPyConnection, views: dict[str, str], mart: Mart) -> None:
    for name in mart.scope:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {views[name]}")


def _drop_scope(con: duckdb.DuckDBPyConnection) -> None:
    for name in SCOPE_ALL:
        con.execute(f"DROP VIEW IF EXISTS temp.{name}")


def definitions_hash() -> str:
    """Names the staging and mart SQL a warehouse's marts were built with: marts built by another
    version are rebuilt in full on the next import, never patched row by row. The caller key's value
    for a fixed id is part of it: a DuckDB whose md5_number differed would rebuild, not miss callers."""
    h = hashlib.sha256()
    for layer in ("staging", "marts"):
        for f in sorted((SQL_DIR / layer).glob("*.sql")):
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    h.update(_caller_key_probe().encode())
    return h.hexdigest()


_KEY_PROBE: list[str] = []


def _caller_key_probe() -> str:
    if not _KEY_PROBE:
        with duckdb.connect() as con:
            probe = CALLER_KEY_SQL.format("'switchboard'")
            _KEY_PROBE.append(str(con.execute(f"SELECT {probe}").fetchone()[0]))
    return _KEY_PROBE[0]


# Calls per block of a full rebuild of fct_calls (whole months, at least this many calls each). In one
# statement over the large sample (~50 M calls) the joins and the final sort spilled more than 40 GB
# under the rebuild's 1 GB memory cap and were still growing; a block's spill is bounded by the block.
REBUILD_BLOCK_CALLS_ENV = "SWITCHBOARD_REBUILD_BLOCK_CALLS"
REBUILD_BLOCK_CALLS = 2_000_000


def _block_calls() -> int:
    return max(1, int(os.environ.get(REBUILD_BLOCK_CALLS_ENV) or REBUILD_BLOCK_CALLS))


def _blocks(con: duckdb.DuckDBPyConnection, table: str = "calls", column: str = "arrived_at") -> list[tuple]:
    """[start, end) ranges of `column` in whole months, each holding at least _block_calls() rows of
    `table` (the last one open-ended); one block (None, None) when every row fits in one. Table and
    column are this module's constants."""
    months = con.execute(f"SELECT date_trunc('month', {column}) AS m, count(*) FROM {table} "
                         "GROUP BY m ORDER BY m").fetchall()
    size = _block_calls()
    if sum(n for _, n in months) <= size:
        return [(None, None)]
    starts, held = [months[0][0]], 0
    for m, n in months:
        if held >= size:
            starts.append(m)
            held = 0
        held += n
    return [(a, b) for a, b in zip(starts, starts[1:] + [None])]


def _in_block(column: str, start, end) -> str:
    # the bounds are written into the scope's views (views take no parameters): month starts that
    # date_trunc returned, never user input. A table per block would be kept, replaced or not, until
    # the transaction ends (it could be rolled back) and spilled; a one-row bounds table read by
    # subqueries kept the scans from skipping other months (a third slower)
    return " AND ".join([f"{column} >= TIMESTAMP '{start.isoformat(sep=' ')}'"]
                        + ([f"{column} < TIMESTAMP '{end.isoformat(sep=' ')}'"] if end is not None else []))


def _build_in_blocks(con, m: Mart, blocks: list[tuple], scope_for=None, progress=None, share=(0.0, 1.0)) -> None:
    """Mart `m` block by block, appended in block order; `scope_for(start, end)` gives a block's scope
    views. The one block (None, None) of _blocks is the whole mart over SCOPE_ALL."""
    for i, (start, end) in enumerate(blocks):
        if progress and len(blocks) > 1:
            lo, hi = share
            progress(lo + (hi - lo) * i / len(blocks), f"Rebuilding {m.name} ({i + 1}/{len(blocks)})")
        _scope(con, SCOPE_ALL if start is None else scope_for(start, end), m)
        if i == 0:
            con.execute(f"CREATE OR REPLACE TABLE {m.name} AS {_select(m)} ORDER BY {m.order_by}")
        else:
            con.execute(f"INSERT INTO {m.name} BY NAME {_select(m)} ORDER BY {m.order_by}")


def _full_fct_calls(con: duckdb.DuckDBPyConnection, m: Mart, progress=None, share=(0.0, 1.0)) -> None:
    """fct_calls in blocks of months, appended in arrival order (the order a single statement gives).
    A block's calls are computed by the mart's own SELECT over a refresh scope like an import's: the
    block's calls, and for the repeat flags the block's calls with each one's previous and next call of
    the same caller (found once for all calls, ordered as the mart orders them), which is all the
    mart's lag/lead can see of a caller's history."""
    blocks = _blocks(con)
    if len(blocks) > 1:
        con.execute("""
            CREATE OR REPLACE TEMP TABLE r_neighbours AS
            SELECT call_id, lag(call_id) OVER w AS prev_id, lead(call_id) OVER w AS next_id
            FROM calls WHERE caller_id IS NOT NULL
            WINDOW w AS (PARTITION BY caller_id ORDER BY arrived_at, call_id)""")

    def scope(start, end) -> dict[str, str]:
        in_block = _in_block("arrived_at", start, end)
        return {
            "refresh_calls": f"SELECT * FROM stg_calls WHERE {in_block}",
            "refresh_sequence": f"""
                WITH k AS (SELECT call_id FROM calls WHERE caller_id IS NOT NULL AND {in_block}),
                ids AS (SELECT call_id FROM k
                        UNION SELECT n.prev_id FROM r_neighbours n SEMI JOIN k USING (call_id) WHERE n.prev_id IS NOT NULL
                        UNION SELECT n.next_id FROM r_neighbours n SEMI JOIN k USING (call_id) WHERE n.next_id IS NOT NULL)
                SELECT call_id, caller_id, arrived_at FROM calls SEMI JOIN ids USING (call_id)""",
        }
    _build_in_blocks(con, m, blocks, scope, progress, share)
    con.execute("DROP TABLE IF EXISTS temp.r_neighbours")


def _full_fct_evaluations(con: duckdb.DuckDBPyConnection, m: Mart, progress=None, share=(0.0, 1.0)) -> None:
    """fct_evaluations in blocks of months of evaluated_at (its sort spilled 10 GB on the large sample)."""
    _build_in_blocks(con, m, _blocks(con, "evaluations", "evaluated_at"), lambda start, end: {
        "refresh_evaluations": f"SELECT * FROM stg_evaluations WHERE {_in_block('evaluated_at', start, end)}"},
        progress, share)


_IN_BLOCKS = {"fct_calls": _full_fct_calls, "fct_evaluations": _full_fct_evaluations}


def full(con: duckdb.DuckDBPyConnection, progress=None) -> None:
    """Rebuild every mart and rollup from the canonical tables. Idempotent. `progress(share, text)`
    hears each mart (analytics/importer/progress.py)."""
    for i, m in enumerate(MARTS):
        if progress:
            progress(i / len(MARTS), f"Rebuilding {m.name}")
        if m.name in _IN_BLOCKS:
            _IN_BLOCKS[m.name](con, m, progress, (i / len(MARTS), (i + 1) / len(MARTS)))
        else:
            _build_in_blocks(con, m, [(None, None)])
    for view in VIEWS:
        con.execute(read_sql(view))
    _drop_scope(con)
    _scores_stale(con)
    con.execute("CREATE TABLE IF NOT EXISTS mart_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT OR REPLACE INTO mart_state VALUES ('definitions', ?)", [definitions_hash()])


# analytics/attrition/scores.py's table of scoring runs (a test holds the two names equal). Named here, not
# imported: the attrition package loads pandas, a second of every daily import's start-up.
SCORE_RUNS = "attrition_score_runs"


def _scores_stale(con) -> None:
    """Stored attrition scores describe the old data: mark them stale in this same transaction
    (what analytics.attrition.scores.mark_stale does)."""
    if con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main' "
                   "AND NOT temporary", [SCORE_RUNS]).fetchone()[0]:
        con.execute(f"UPDATE {SCORE_RUNS} SET stale = true")


def _marts_current(con) -> bool:
    """Every mart exists and was built from this version's SQL."""
    have = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary").fetchall()}
    if not all(n in have for n in MART_NAMES + ("mart_state",)):
        return False
    row = con.execute("SELECT value FROM mart_state WHERE key = 'definitions'").fetchone()
    return bool(row) and row[0] == definitions_hash()


def _data_end(con):
    return con.execute("SELECT data_end FROM stg_data_end").fetchone()[0]


# --- one import: capture() before the merge deletes old rows, refresh() after it inserted new ones ----------

@dataclass
class Capture:
    table: str
    data_end: object
    full: bool = False


def capture(con: duckdb.DuckDBPyConnection, table: str, incoming: str = "incoming") -> Capture:
    """Remember what the rows about to be replaced looked like (temp table chg_old) and the data end.

    `incoming` is the relation of the new rows, keyed like the table."""
    if table in NO_MART_TABLES:
        return Capture(table, None)
    if table not in INCREMENTAL_TABLES or not _marts_current(con):
        return Capture(table, None, full=True)
    old = {
        "calls": f"SELECT call_id, caller_id FROM calls WHERE call_id IN (SELECT call_id FROM {incoming})",
        "evaluations": f"SELECT evaluation_id, call_id FROM evaluations "
                       f"WHERE evaluation_id IN (SELECT evaluation_id FROM {incoming})",
        "agents": f"SELECT agent_id, site, supervisor_id, coach_id FROM agents "
                  f"WHERE agent_id IN (SELECT agent_id FROM {incoming})",
    }.get(table)
    if old:
        con.execute(f"CREATE OR REPLACE TEMP TABLE chg_old AS {old}")
    return Capture(table, _data_end(con))


# A caller's stored calls are found by fct_calls.caller_key, the 128-bit MD5 of the caller id: scanning
# 16 bytes a call instead of a 64-character id makes finding the day's callers' history (their previous
# call, at any distance) several times cheaper. Two ids sharing a key (odds ~1e-26 on 40 M callers) would
# only add calls to r_caller_calls; the join back on the id keeps them apart.
CALLER_KEY_SQL = "md5_number({})"


def _caller_calls(con, name: str, callers: str) -> None:
    """Temp table `name` (call_id, caller_id, arrived_at): the calls fct_calls holds for the callers of
    temp table `callers` (its caller_id column), as stored before this import's refresh."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {name} AS
        WITH k AS (SELECT DISTINCT caller_id, {CALLER_KEY_SQL.format('caller_id')} AS caller_key
                   FROM {callers} WHERE caller_id IS NOT NULL),
        hit AS MATERIALIZED (  -- the key column alone is scanned; no caller id is read
            SELECT call_id, arrived_at, caller_key FROM fct_calls
            WHERE caller_key IN (SELECT caller_key FROM k))
        SELECT hit.call_id, k.caller_id, hit.arrived_at FROM hit JOIN k USING (caller_key)""")


def _keys(con, name: str, columns: str, *selects: str) -> None:
    body = " UNION ".join(f"({s})" for s in selects) if selects else f"SELECT {columns} WHERE false"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT DISTINCT * FROM ({body}) t({columns})")


def refresh(con: duckdb.DuckDBPyConnection, cap: Capture, incoming: str = "incoming", progress=None) -> dict:
    """Bring the marts up to date after one merge; returns counts of what was recomputed.
    `progress(share, text)` hears its steps (analytics/importer/progress.py)."""
    step = progress or (lambda share, text: None)
    _scores_stale(con)
    if cap.table in NO_MART_TABLES:
        return {"mode": "none"}
    if cap.full:
        _full_with_room(con, progress)
        return {"mode": "full"}
    step(0.0, N_("Finding what the file touched"))
    t = cap.table
    nothing = "SELECT NULL::VARCHAR WHERE false"
    seed_calls, seed_callers, seed_evals, seed_agent_days, seed_agents = [], [], [], [], []
    if t == "calls":
        seed_calls.append(f"SELECT call_id FROM {incoming}")
        seed_callers += ["SELECT caller_id FROM chg_old",
                         f"SELECT caller_id FROM calls WHERE call_id IN (SELECT call_id FROM {incoming})"]
        seed_evals.append(f"SELECT evaluation_id FROM evaluations WHERE call_id IN (SELECT call_id FROM {incoming})")
    elif t == "evaluations":
        seed_evals.append(f"SELECT evaluation_id FROM {incoming}")
        seed_calls += ["SELECT call_id FROM chg_old", f"SELECT call_id FROM {incoming}"]
    elif t == "surveys":
        seed_calls.append(f"SELECT call_id FROM {incoming}")
    elif t == "shifts":
        seed_agent_days.append(f"SELECT agent_id, date FROM {incoming}")
    elif t == "agents":
        # only the team columns reach the marts; a roster re-sent unchanged recomputes nothing
        seed_agents.append(
            "SELECT a.agent_id FROM agents a WHERE a.agent_id IN (SELECT agent_id FROM "
            f"{incoming}) AND NOT EXISTS (SELECT 1 FROM chg_old o WHERE o.agent_id = a.agent_id "
            "AND o.site IS NOT DISTINCT FROM a.site AND o.supervisor_id IS NOT DISTINCT FROM a.supervisor_id "
            "AND o.coach_id IS NOT DISTINCT FROM a.coach_id)")
    _keys(con, "r_agents", "agent_id", *(seed_agents or [nothing]))
    _keys(con, "r_callers", "caller_id", *(seed_callers or [nothing]))

    # fct_calls: the seeded calls, every call of a seeded caller or agent; the censoring band is
    # re-judged in place (sql/marts/censoring.sql): its rows' sequence did not change, only E did
    _caller_calls(con, "r_caller_calls", "r_callers")
    calls_sel = list(seed_calls) + ["SELECT call_id FROM r_caller_calls"]
    if seed_agents:
        calls_sel.append("SELECT call_id FROM calls WHERE agent_id IN (SELECT agent_id FROM r_agents)")
    if t == "calls":
        new_end = _data_end(con)
        ends = [e for e in (cap.data_end, new_end) if e is not None]
        if cap.data_end != new_end and ends:
            band = con.execute("SELECT ?::TIMESTAMP - to_hours((SELECT repeat_window_h FROM stg_settings)::BIGINT)",
                               [min(ends)]).fetchone()[0]
        else:
            band = None
    else:
        band = None
    body = " UNION ".join(f"({s})" for s in calls_sel)
    con.execute(f"CREATE OR REPLACE TEMP TABLE r_calls AS SELECT DISTINCT call_id FROM ({body}) t(call_id)")
    # the touched calls as they are now, read from the call table once: fct_calls' SELECT reads its
    # refresh_calls twice (the calls, and the filter of their evaluations), and their callers come from it
    con.execute("CREATE OR REPLACE TEMP TABLE r_stg_calls AS "
                "SELECT * FROM stg_calls WHERE call_id IN (SELECT call_id FROM r_calls)")
    con.execute("CREATE OR REPLACE TEMP TABLE r_seq_callers AS SELECT DISTINCT caller_id FROM r_stg_calls "
                "WHERE caller_id IS NOT NULL")
    # every call of those callers as it is now: stored calls found by caller key (those of r_callers were
    # found above), minus the calls this import replaced, plus those calls' new rows
    con.execute("CREATE OR REPLACE TEMP TABLE r_seq_more AS SELECT caller_id FROM r_seq_callers "
                "WHERE caller_id NOT IN (SELECT caller_id FROM r_callers WHERE caller_id IS NOT NULL)")
    _caller_calls(con, "r_seq_more_calls", "r_seq_more")
    replaced = f"SELECT call_id FROM {incoming}" if t == "calls" else "SELECT NULL::VARCHAR WHERE false"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE r_sequence AS
        SELECT call_id, caller_id, arrived_at FROM (
            SELECT * FROM r_caller_calls UNION ALL SELECT * FROM r_seq_more_calls)
        WHERE caller_id IN (SELECT caller_id FROM r_seq_callers) AND call_id NOT IN ({replaced})
        UNION ALL
        SELECT call_id, caller_id, arrived_at FROM r_stg_calls
        WHERE caller_id IS NOT NULL AND call_id IN ({replaced})""")
    # no cleanup on an error: the caller rolls the transaction back, temp objects included
    stats = _refresh_touched(con, seed_evals, seed_agent_days, band, step)
    if stats["mode"] == "incremental":
        for name in WHOLE_MARTS:  # any import may change who is where (agents, or placeholders for unknown ids)
            _build_in_blocks(con, _BY_NAME[name], [(None, None)])
        _drop_scope(con)
        for name in ("chg_old", "r_agents", "r_callers", "r_calls", "r_seq_callers", "fct_new", "fct_old",
                     "fct_changed", "r_days", "r_evals", "r_eval_days", "r_agent_days", "band_changed", "r_stg_calls",
                     "r_caller_calls", "r_seq_more", "r_seq_more_calls", "r_sequence"):
            con.execute(f"DROP TABLE IF EXISTS temp.{name}")
    for view in VIEWS:  # a warehouse built before a view existed gets it with its next import
        con.execute(read_sql(view))
    return stats


def _full_with_room(con, progress=None) -> None:
    """A full rebuild inside an import (a new warehouse, or the first import after the mart definitions
    changed): the rebuild's memory cap and free-disk check (warehouse.rebuild_room)."""
    with warehouse.rebuild_room(con):
        full(con, progress)


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def _refresh_touched(con, seed_evals: list[str], seed_agent_days: list[str], band, step) -> dict:
    fct = _BY_NAME["fct_calls"]
    step(0.1, N_("Recomputing the calls the file touched"))
    _scope(con, SCOPE_TOUCHED, fct)
    con.execute(f"CREATE TEMP TABLE fct_new AS {_select(fct)}")
    if _columns(con, "fct_new") != _columns(con, "fct_calls"):  # a hand-altered mart: rebuild them all
        con.execute("DROP TABLE temp.fct_new")
        _full_with_room(con)
        return {"mode": "full", "reason": "mart columns differ from their definition"}
    # the censoring band: flags re-judged against the new data end, rows updated in place
    con.execute("CREATE TEMP TABLE band_changed AS " + read_sql("marts/censoring.sql").strip().rstrip(";"), [band])
    if band is not None:
        con.execute("UPDATE fct_calls f SET m_repeat_pop = b.m_repeat_pop, m_repeated = b.m_repeated, "
                    "m_fcr_pop = b.m_fcr_pop, m_fcr_n = b.m_fcr_n FROM band_changed b "
                    "WHERE f.call_id = b.call_id AND f.arrived_at > ?", [band])
    con.execute("CREATE TEMP TABLE fct_old AS SELECT * FROM fct_calls WHERE call_id IN (SELECT call_id FROM r_calls)")
    # rows whose every column is unchanged stay as they are (a caller's old calls, mostly)
    con.execute("""
        CREATE TEMP TABLE fct_changed AS
        SELECT call_id FROM (SELECT * FROM fct_old EXCEPT SELECT * FROM fct_new)
        UNION SELECT call_id FROM (SELECT * FROM fct_new EXCEPT SELECT * FROM fct_old)""")
    con.execute("""
        CREATE TEMP TABLE r_days AS
        SELECT call_date FROM fct_old WHERE call_id IN (SELECT call_id FROM fct_changed)
        UNION SELECT call_date FROM fct_new WHERE call_id IN (SELECT call_id FROM fct_changed)
        UNION SELECT call_date FROM band_changed""")
    con.execute("DELETE FROM fct_calls WHERE call_id IN (SELECT call_id FROM fct_changed)")
    con.execute("INSERT INTO fct_calls BY NAME SELECT * FROM fct_new "
                "WHERE call_id IN (SELECT call_id FROM fct_changed) ORDER BY arrived_at")
    stats = {"mode": "incremental",
             "calls_recomputed": con.execute("SELECT count(*) FROM fct_new").fetchone()[0],
             "calls_changed": con.execute("SELECT count(*) FROM fct_changed").fetchone()[0],
             "days": con.execute("SELECT count(*) FROM r_days").fetchone()[0]}

    # the two call rollups: every row of a touched day, recomputed from fct_calls
    step(0.5, N_("Rolling up the days the file touched"))
    _scope(con, SCOPE_TOUCHED, _BY_NAME["agg_calls_queue_hourly"])
    con.execute("DELETE FROM agg_calls_queue_hourly WHERE arrived_hour::DATE IN (SELECT call_date FROM r_days)")
    con.execute(f"INSERT INTO agg_calls_queue_hourly BY NAME {_select(_BY_NAME['agg_calls_queue_hourly'])} "
                "ORDER BY arrived_hour, queue")
    con.execute("DELETE FROM agg_calls_agent_daily WHERE call_date IN (SELECT call_date FROM r_days)")
    con.execute(f"INSERT INTO agg_calls_agent_daily BY NAME {_select(_BY_NAME['agg_calls_agent_daily'])} "
                "ORDER BY call_date, queue, agent_id")

    # fct_evaluations: the seeded evaluations and those of agents whose team changed
    step(0.75, N_("Updating evaluations"))
    _keys(con, "r_evals", "evaluation_id", *seed_evals,
          "SELECT evaluation_id FROM evaluations WHERE agent_id IN (SELECT agent_id FROM r_agents)")
    _scope(con, SCOPE_TOUCHED, _BY_NAME["fct_evaluations"])
    if con.execute("SELECT count(*) FROM r_evals").fetchone()[0]:
        # the evaluations rollup: every row of a day an evaluation left (its old date) or reached (its new one)
        con.execute("CREATE OR REPLACE TEMP TABLE r_eval_days AS SELECT DISTINCT evaluated_date FROM fct_evaluations "
                    "WHERE evaluation_id IN (SELECT evaluation_id FROM r_evals)")
        con.execute("DELETE FROM fct_evaluations WHERE evaluation_id IN (SELECT evaluation_id FROM r_evals)")
        con.execute(f"INSERT INTO fct_evaluations BY NAME {_select(_BY_NAME['fct_evaluations'])} ORDER BY evaluated_at")
        con.execute("INSERT INTO r_eval_days SELECT DISTINCT evaluated_date FROM fct_evaluations "
                    "WHERE evaluation_id IN (SELECT evaluation_id FROM r_evals)")
        agg = _BY_NAME["agg_evaluations_daily"]
        _scope(con, SCOPE_TOUCHED, agg)
        con.execute("DELETE FROM agg_evaluations_daily WHERE evaluated_date IN (SELECT evaluated_date FROM r_eval_days)")
        con.execute(f"INSERT INTO agg_evaluations_daily BY NAME {_select(agg)} ORDER BY {agg.order_by}")

    # fct_agent_days: seeded shifts, shifts of re-teamed agents, agent-days whose calls changed
    step(0.85, N_("Updating agent days"))
    _keys(con, "r_agent_days", "agent_id, date", *seed_agent_days,
          "SELECT agent_id, date FROM shifts WHERE agent_id IN (SELECT agent_id FROM r_agents)",
          "SELECT agent_id, call_date FROM fct_old WHERE agent_id IS NOT NULL "
          "AND call_id IN (SELECT call_id FROM fct_changed)",
          "SELECT agent_id, call_date FROM fct_new WHERE agent_id IS NOT NULL "
          "AND call_id IN (SELECT call_id FROM fct_changed)",
          "SELECT agent_id, call_date FROM band_changed WHERE agent_id IS NOT NULL")
    _scope(con, SCOPE_TOUCHED, _BY_NAME["fct_agent_days"])
    con.execute("DELETE FROM fct_agent_days f USING r_agent_days r WHERE f.agent_id = r.agent_id AND f.date = r.date")
    con.execute(f"INSERT INTO fct_agent_days BY NAME {_select(_BY_NAME['fct_agent_days'])} ORDER BY date")
    stats["evaluations"] = con.execute("SELECT count(*) FROM r_evals").fetchone()[0]
    stats["agent_days"] = con.execute("SELECT count(*) FROM r_agent_days").fetchone()[0]
    return stats
