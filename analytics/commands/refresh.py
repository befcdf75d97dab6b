"""`python -m analytics refresh --full`: rebuild every mart from the canonical tables.

Imports refresh only the marts their rows touch (analytics.core.marts); this full rebuild is the
fallback after a manual change to the canonical tables, or to check an incremental result."""
from __future__ import annotations

import time

from analytics.core import warehouse

NAME = "refresh"
HELP = "rebuild every mart and rollup in full (imports refresh only what they touched)"


def add_arguments(parser):
    parser.add_argument("--full", action="store_true", required=True,
                        help="rebuild every mart from the canonical tables (the only mode the command has)")


def run(args) -> int:
    db = warehouse.resolve_db_path(args.db)
    if not db.exists():
        raise warehouse.WarehouseMissing(db)
    t0 = time.monotonic()
    with warehouse.write_connection(db) as con:
        # capped memory, spilling beside the warehouse; a disk without room for the spill is refused first
        warehouse.tune_for_writes(con, db)
        with warehouse.transaction(con):
            warehouse.build_schema(con)
            with warehouse.rebuild_room(con):
                warehouse.refresh_marts(con)
        con.execute("CHECKPOINT")
    print(f"marts rebuilt in full: {db} ({time.monotonic() - t0:.1f} s)")
    return 0
