"""`python -m analytics refresh --full`: rebuild every mart from the canonical tables.

Imports refresh only the marts their rows touch (analytics.core.marts); this full rebuild is the
fallback after a manual change to the canonical tables, or to check an incremental result."""
from __future__ import annotations

import time

from analytics.core import compaction, warehouse

NAME = "refresh"
HELP = "rebuild every mart and rollup in full (imports refresh only what they touched)"
# a rebuilt file this share free or more is worth compacting (a full rebuild of medium leaves ~37 %)
HINT_FREE_SHARE = 0.2


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
    left = compaction.sizes(db)
    if left.free_share >= HINT_FREE_SHARE:
        # DuckDB reuses the old marts' blocks for later writes but never shrinks the file by itself
        print(f"{left.free_share:.0%} of the file ({left.free_bytes / 1024 ** 2:,.0f} MB) is space the old marts "
              f"left: `python -m analytics compact --db {db}` gives it back to the disk")
    return 0
