"""Where the CLI may write a file it was asked for (`report --out`).

A report can be asked for by any role, so its destination must never replace the warehouse, the users
file or the audit log (not even with --force), an existing file only with --force, and a missing folder
is created only with --mkdir: a typo in a path should fail, not build a tree somewhere."""
from __future__ import annotations

from pathlib import Path

from analytics.auth import config
from analytics.core.warehouse import is_duckdb_file as _is_duckdb


class OutputRefused(Exception):
    """The destination is protected, exists, or its folder is missing; the message says which."""


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def protected(db_path: Path) -> dict[str, Path]:
    db = Path(db_path)
    return {"the warehouse": db, "the warehouse's write-ahead log": Path(str(db) + ".wal"),
            "the users file": config.users_file(db), "the audit log": config.audit_file(db)}


def check(out: Path, db_path: Path, force: bool = False, mkdir: bool = False) -> None:
    """Raise OutputRefused unless `out` may be written (then its folder exists)."""
    out = Path(out)
    for what, path in protected(db_path).items():
        if _same(out, path):
            raise OutputRefused(f"refusing to write over {what} ({out}); choose another --out")
    if out.is_dir():
        raise OutputRefused(f"{out} is a folder; give a file name with --out")
    if out.exists():
        if _is_duckdb(out):
            raise OutputRefused(f"refusing to write over a DuckDB database ({out}); choose another --out")
        if not force:
            raise OutputRefused(f"{out} already exists; pass --force to replace it")
    if not out.parent.exists():
        if not mkdir:
            raise OutputRefused(f"the folder {out.parent} does not exist; create it or pass --mkdir")
        out.parent.mkdir(parents=True, exist_ok=True)


def write(out: Path, data: bytes, force: bool = False) -> None:
    """Write `data`; without force the file is created exclusively (no race with a file made meanwhile)."""
    with open(out, "wb" if force else "xb") as fh:
        fh.write(data)
