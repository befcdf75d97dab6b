"""Batch loading of a drop folder: every new file, in name order, one all-or-nothing import each.

A file whose content (sha256) the warehouse has already imported into the same table is skipped, so a
nightly job can run over a folder that keeps yesterday's exports. A rejected file stops nothing: the
next files are still tried, and the summary lists what happened to each."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from analytics.core import warehouse
from analytics.importer import progress as progress_mod
from analytics.importer.errors import ImportInputError
from analytics.importer.pipeline import _sha256, import_file
from analytics.importer.result import ImportResult

SUFFIXES = {".csv", ".txt", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq", ".xlsx", ".xlsm", ".xls", ".ods"}


@dataclass
class BatchResult:
    imported: list[ImportResult] = field(default_factory=list)
    rejected: list[ImportResult] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # file-level errors (unreadable, bad mapping)
    skipped: list[Path] = field(default_factory=list)              # already imported (same content)

    @property
    def exit_code(self) -> int:
        return 2 if (self.rejected or self.failed) else 0

    def summary(self) -> str:
        from analytics.core import units
        from analytics.i18n import _

        n = lambda v: units.number(v, 0)  # noqa: E731
        rows = sum(r.rows_accepted for r in self.imported)
        lines = [_("{imported} imported ({rows} rows), {skipped} skipped (already imported), {rejected} rejected, "
                   "{failed} failed").format(imported=n(len(self.imported)), rows=n(rows), skipped=n(len(self.skipped)),
                                             rejected=n(len(self.rejected)), failed=n(len(self.failed)))]
        lines += ["  " + _("imported  {file}: {new} new, {updated} updated").format(
            file=r.file_path.name, new=n(r.rows_inserted), updated=n(r.rows_updated)) for r in self.imported]
        lines += ["  " + _("skipped   {file}").format(file=p.name) for p in self.skipped]
        lines += ["  " + (_("rejected  {file}: {rows} rows failed checks (quarantine: {quarantine})") if r.quarantine_path
                          else _("rejected  {file}: {rows} rows failed checks")).format(
            file=r.file_path.name, rows=n(r.rows_rejected), quarantine=r.quarantine_path) for r in self.rejected]
        lines += ["  " + _("failed    {file}: {reason}").format(file=p.name, reason=msg) for p, msg in self.failed]
        return "\n".join(lines)


def candidates(folder: Path) -> list[Path]:
    """Importable files of `folder` (not its subfolders), in name order; quarantine files excluded."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportInputError(f"no such folder: {folder}")
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.endswith(".rejected.csv")
                  and not p.name.startswith("."))


def imported_hashes(db_path: Path, table: str) -> set[str]:
    if not Path(db_path).exists():
        return set()
    with warehouse.read_connection(Path(db_path), teams=None) as con:
        has = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'import_log'").fetchone()[0]
        if not has:
            return set()
        return {r[0] for r in con.execute(
            "SELECT file_sha256 FROM import_log WHERE table_name = ? AND status = 'imported'", [table]).fetchall()}


def import_folder(db_path, table: str, folder, mapping_sql: str | None = None, *,
                  create_missing_agents: bool = False, encoding: str | None = None,
                  on_file: Callable[[Path, str], None] | None = None, progress: bool = False,
                  report: progress_mod.Report | None = None) -> BatchResult:
    """Import every new file of `folder` into `table`; `on_file(path, outcome)` after each one.
    `report(share, text)` hears the whole batch's progress (each file's stages within its share of the
    files); `progress=True` draws it as a bar on stderr (the CLI)."""
    db_path = Path(db_path)
    files = candidates(Path(folder))
    done = imported_hashes(db_path, table)
    out = BatchResult()
    bar = progress_mod.Bar(len(files), f"import {table}", "file") if progress else None
    listeners = [r for r in (report, bar) if r is not None]

    def tell(share: float, text: str) -> None:
        for r in listeners:
            r(share, text)

    n = max(len(files), 1)
    try:
        for i, path in enumerate(files):
            outcome = _one(db_path, table, path, mapping_sql, create_missing_agents, encoding, done, out,
                           progress_mod.within(tell, i / n, (i + 1) / n) if listeners else None,
                           f"{i + 1}/{len(files)} {path.name}")
            if on_file:
                on_file(path, outcome)
        if listeners:
            tell(1.0, "Done")
    finally:
        if bar is not None:
            bar.close()
    return out


def _one(db_path: Path, table: str, path: Path, mapping_sql, create_missing_agents, encoding, done: set,
         out: BatchResult, report, name: str) -> str:
    """One file of the batch: skipped, imported, rejected or failed (recorded in `out`)."""
    file_report = None
    if report is not None:
        def file_report(share: float, text: str) -> None:
            report(share, f"{name}: {text}")
    digest = _sha256(path)
    if digest in done:
        out.skipped.append(path)
        if file_report:
            file_report(1.0, "already imported")
        return "skipped"
    try:
        res = import_file(db_path, table, path, mapping_sql=mapping_sql,
                          create_missing_agents=create_missing_agents, encoding=encoding, progress=file_report)
    except ImportInputError as exc:
        out.failed.append((path, str(exc)))
        return "failed"
    if res.status == "imported":
        out.imported.append(res)
        done.add(digest)
        return "imported"
    out.rejected.append(res)
    return "rejected"
