"""A full rebuild computes fct_calls and fct_evaluations in blocks of months (bounded spill on a large warehouse); the blocks
must give exactly what one statement over every call gives, also for callers whose calls fall in
different blocks and calls of one caller in the same second."""
from __future__ import annotations

import shutil
from datetime import datetime

import duckdb

from analytics.core import marts, warehouse


def _rows(con, table: str) -> set:
    # a sum of squares adds its terms in another order when the rows come in blocks: its last bit may
    # differ (24045.230000000003 against 24045.23), which no screen or test of a KPI can see
    return {tuple(round(v, 6) if isinstance(v, float) else v for v in row)
            for row in con.execute(f"SELECT * FROM {table}").fetchall()}


def test_blocks_of_months_equal_one_statement(sample_db, tmp_path, monkeypatch):
    one, blocks = tmp_path / "one.duckdb", tmp_path / "blocks.duckdb"
    shutil.copyfile(sample_db, one)
    with duckdb.connect(str(one)) as con:
        calls = con.execute("SELECT count(*) FROM calls").fetchone()[0]
        # the busiest caller's calls on both sides of a month boundary, three of them in one second: the
        # tie order (arrived_at, call_id) decides which is previous and next across the blocks
        con.execute("""UPDATE calls SET arrived_at = CASE WHEN call_id = (SELECT max(call_id) FROM calls c2
                                                                          WHERE c2.caller_id = calls.caller_id)
                                                     THEN TIMESTAMP '2026-10-01 00:00:00'
                                                     ELSE TIMESTAMP '2026-09-30 23:59:59' END
                       WHERE call_id IN (SELECT call_id FROM calls WHERE caller_id = (
                                             SELECT caller_id FROM calls WHERE caller_id IS NOT NULL
                                             GROUP BY caller_id ORDER BY count(*) DESC, caller_id LIMIT 1)
                                         ORDER BY call_id LIMIT 4)""")
    shutil.copyfile(one, blocks)

    monkeypatch.setenv(marts.REBUILD_BLOCK_CALLS_ENV, str(calls + 1))        # everything in one statement
    with warehouse.write_connection(one) as con, warehouse.transaction(con):
        assert marts._blocks(con) == [(None, None)]
        marts.full(con)
    monkeypatch.setenv(marts.REBUILD_BLOCK_CALLS_ENV, str(max(calls // 25, 1)))  # a block a month
    seen = []
    with warehouse.write_connection(blocks) as con, warehouse.transaction(con):
        starts = [b[0] for b in marts._blocks(con)]
        assert len(starts) >= 3 and datetime(2026, 10, 1) in starts
        assert len(marts._blocks(con, "evaluations", "evaluated_at")) >= 3
        marts.full(con, progress=lambda share, text: seen.append(text))
    assert any("fct_calls (2/" in t for t in seen) and any("fct_evaluations (2/" in t for t in seen)

    with duckdb.connect(str(one), read_only=True) as a, duckdb.connect(str(blocks), read_only=True) as b:
        for table in marts.MART_NAMES:
            assert _rows(a, table) == _rows(b, table), table
        assert b.execute("SELECT count(*) FROM fct_calls").fetchone()[0] == calls
        # the repeat flags did see callers across blocks
        assert b.execute("SELECT sum(m_repeated) FROM fct_calls").fetchone()[0] > 0
        assert b.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone()[0] == 0
