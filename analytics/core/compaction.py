"""Giving a warehouse file's free space back to the disk.

DuckDB reuses the blocks a replaced table leaves behind, but never shrinks its file: a full rebuild of
the marts (`refresh --full`, the first import after the mart definitions changed) leaves a file about
60 % larger than its data (1.7 → 2.8 GB on the medium sample, 12.7 → 20.1 GB on the large). Compacting
copies the whole database into a new file beside the old one (DuckDB's own COPY FROM DATABASE: tables,
views, macros, sequences and constraints) and swaps it in with one rename.

The old file is only read (shared with the app's readers, who go on reading while the copy runs; a
writer is locked out meanwhile: an import retries for warehouse.LOCK_RETRY_SECONDS, then says the
warehouse is busy) and is replaced only after every table's row count is checked in the copy, so an interruption at any point, `kill -9` included, leaves the old file serving. The app's
readers notice the new file by its inode (warehouse._borrow) and never mix the two."""
from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.core import warehouse
from analytics.core.warehouse import WarehouseError
from analytics.i18n import _, isolate

# Room the copy needs beyond the data it holds: a new file's block headers, its WAL during the copy.
ROOM_MARGIN = 1.10


@dataclass(frozen=True)
class Sizes:
    file_bytes: int
    free_bytes: int  # blocks the file holds that no table uses

    @property
    def used_bytes(self) -> int:
        return self.file_bytes - self.free_bytes

    @property
    def free_share(self) -> float:
        return self.free_bytes / self.file_bytes if self.file_bytes else 0.0


@dataclass(frozen=True)
class Compacted:
    before: int  # file bytes
    after: int
    seconds: float
    tables: int


class NoRoomForCompaction(WarehouseError):
    def __init__(self, path: Path, need: int, free: int):
        gb = 1024 ** 3
        super().__init__(_(
            "Not enough free disk to compact {path}: the copy needs about {need} GB beside it and the disk has "
            "{free} GB free. Nothing was changed.").format(path=isolate(path), need=f"{need / gb:.1f}",
                                                        free=f"{free / gb:.1f}"))


class CompactionFailed(WarehouseError):
    def __init__(self, path: Path, why: str):
        super().__init__(_("Compacting {path} stopped before replacing it ({why}); the warehouse is as it was.")
                         .format(path=isolate(path), why=why))


def temp_path(path: Path) -> Path:
    """Where the copy is written: beside the warehouse, so the final rename stays on one disk (atomic)."""
    return path.with_name(path.name + ".compacting")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def sizes(path: Path) -> Sizes:
    """The file's size and the free blocks inside it (a read, shared with the app's readers)."""
    with warehouse.read_connection(Path(path), teams=None) as con:
        row = con.execute("SELECT block_size, free_blocks FROM pragma_database_size() "
                          "WHERE database_name = current_database()").fetchone()
    return Sizes(Path(path).stat().st_size, int(row[0]) * int(row[1]) if row else 0)


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _checkpoint_if_logged(path: Path) -> None:
    """A copy reads the database as DuckDB sees it, log included; but the file swapped in must not meet
    the old file's write-ahead log, so a log left by a writer is folded into the file first."""
    if _wal(path).exists():
        with warehouse.write_connection(path) as con:
            con.execute("CHECKPOINT")


def _row_counts(con: duckdb.DuckDBPyConnection, db: str) -> dict[tuple[str, str], int]:
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? "
                         "ORDER BY ALL", [db]).fetchall()
    return {(s, t): con.execute(f'SELECT count(*) FROM "{db}"."{s}"."{t}"').fetchone()[0] for s, t in tables}


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def compact(path: Path, report=None) -> Compacted:
    """Rewrite `path` without its free blocks. `report(share, text)` hears the steps
    (analytics/importer/progress.py's contract)."""
    step = report or (lambda share, text: None)
    path = Path(path)
    if not path.exists():
        raise warehouse.WarehouseMissing(path)
    warehouse._check_file(path)
    t0 = time.monotonic()
    tmp = temp_path(path)
    _remove(tmp, _wal(tmp))  # what a killed run left
    step(0.0, "Checking the file")
    _checkpoint_if_logged(path)
    before = sizes(path)
    need = int(before.used_bytes * ROOM_MARGIN)
    free = shutil.disk_usage(path.parent).free
    if free < need:
        raise NoRoomForCompaction(path, need, free)
    warehouse.release_anchors(path)  # this process's own readers: the copy's attach must not meet them
    con = duckdb.connect()
    try:
        # capped like a writer, but in the old rows' order: the marts are stored in time order, and their
        # zone maps let a page's date filter skip most of the file
        warehouse.tune_for_writes(con, path, keep_order=True)
        warehouse.while_locked(path, lambda: con.execute("ATTACH ? AS old (READ_ONLY)", [str(path)]))
        step(0.05, "Copying every table")
        con.execute("ATTACH ? AS new", [str(tmp)])
        con.execute("COPY FROM DATABASE old TO new")
        step(0.85, "Checking the copy")
        old, new = _row_counts(con, "old"), _row_counts(con, "new")
        if old != new:
            raise CompactionFailed(path, _("the copy's row counts differ"))
        con.execute("CHECKPOINT new")
        con.execute("DETACH new")
        if _wal(path).exists() or _wal(tmp).exists():
            raise CompactionFailed(path, _("a write-ahead log appeared during the copy"))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        step(0.95, "Replacing the file")
        os.replace(tmp, path)  # readers still on the old file keep it until they close
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(Exception):
            con.close()
        _remove(tmp, _wal(tmp))
        raise
    con.close()
    step(1.0, "Done")
    return Compacted(before.file_bytes, path.stat().st_size, time.monotonic() - t0, len(old))
