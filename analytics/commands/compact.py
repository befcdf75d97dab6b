"""`python -m analytics compact`: give the warehouse file's free space back to the disk
(analytics/core/compaction.py). Worth running after `refresh --full` or an import that rebuilt the marts."""
from __future__ import annotations

from analytics.auth import rights
from analytics.core import compaction, warehouse

NAME = "compact"
HELP = "rewrite the warehouse file without its free space (after a full rebuild of the marts)"


def _size(n: int) -> str:
    return f"{n / 1024 ** 3:.2f} GB" if n >= 1024 ** 3 else f"{n / 1024 ** 2:.0f} MB"


def add_arguments(parser):
    pass


def run(args) -> int:
    from analytics.importer.progress import Bar

    db = warehouse.resolve_db_path(args.db)
    if not db.exists():  # said before a progress bar is drawn
        raise warehouse.WarehouseMissing(db)
    bar = Bar(1, "compact", "file")
    try:
        done = compaction.compact(db, report=bar)
    finally:
        bar.close()
    rights.record_write(db, "compacted", before_bytes=done.before, after_bytes=done.after)
    print(f"compacted {db}: {_size(done.before)} → {_size(done.after)} "
          f"({done.tables} tables, {done.seconds:.1f} s)")
    return 0
