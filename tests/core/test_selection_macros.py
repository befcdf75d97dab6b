"""The selection macros are stored in the warehouse (a read creates none of its own); a warehouse built
before that still answers every query (the macros are created on the connection when missing)."""
import shutil

import duckdb

from analytics.core import queries, warehouse
from analytics.core.filters import Filters, load_catalog


def _stored(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return {r[0]: r[1] for r in con.execute(
            "SELECT function_name, database_name = 'temp' FROM duckdb_functions() WHERE function_name IN "
            "('in_selection', 'in_days', 'chosen')").fetchall()}


def test_macros_are_stored_and_queries_run_without_creating_them(sample_db, tmp_path):
    assert _stored(sample_db) == {"in_selection": False, "in_days": False, "chosen": False}
    with warehouse.read_connection(sample_db) as con:
        cat = load_catalog(con)
        f = Filters(start=cat.last_day, end=cat.last_day, queues=cat.queues[:1])
        got = queries.run(con, "service_wait_distribution", f, edges=[0, 20, 60])
        temp = con.execute("SELECT count(*) FROM duckdb_functions() WHERE database_name = 'temp' "
                           "AND function_name = 'in_selection'").fetchone()[0]
    assert len(got) and temp == 0

    old = tmp_path / "old.duckdb"
    shutil.copy(sample_db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP MACRO in_selection; DROP MACRO in_days; DROP MACRO chosen")
    assert _stored(old) == {}
    with warehouse.read_connection(old) as con:
        again = queries.run(con, "service_wait_distribution", f, edges=[0, 20, 60])
    assert again.equals(got)
    warehouse.release_anchors(old)
    warehouse.init(old)  # any write that builds the schema (init, an import, refresh) stores them again
    assert _stored(old) == {"in_selection": False, "in_days": False, "chosen": False}
