"""Batch loading of a drop folder: every new data file, in name order, one all-or-nothing import each.

A file whose content (sha256) the warehouse has already imported into the same table is skipped, so a
nightly job can run over a folder that keeps yesterday's exports. A rejected file stops nothing: the
next files are still tried, and the summary lists what happened to each, in name order. A file without a
data-file suffix (readers.DATA_SUFFIXES; a notes.txt, a README) is listed as not a data file and never
read: it is no failure, or a nightly job would report one every night. A `pattern` (a shell glob such as
`calls_*.txt`, matched case-insensitively on the name) names the exports instead of the suffixes: ACD
systems that write tab-separated `.txt` files load as they land, and a folder shared by several exports
gives each table its own files."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from analytics.core import warehouse
from analytics.importer import progress as progress_mod
from analytics.importer.errors import ImportInputError
from analytics.importer.pipeline import _sha256, import_file
from analytics.importer.readers import DATA_SUFFIXES
from analytics.importer.result import ImportResult


@dataclass
class BatchResult:
    imported: list[ImportResult] = field(default_factory=list)
    rejected: list[ImportResult] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # file-level errors (unreadable, bad mapping)
    skipped: list[Path] = field(default_factory=list)              # already imported (same content)
    not_data: list[Path] = field(default_factory=list)             # no data-file suffix: not read, not a failure
    # every file of the folder with its outcome, in name order: the summary follows the folder, so a
    # night's log reads like the listing it was run on
    order: list[tuple[Path, str]] = field(default_factory=list)
    pattern: str | None = None                                     # the glob that named the exports, if any

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
        results = {r.file_path: r for r in self.imported + self.rejected}
        reasons = dict(self.failed)
        for path, outcome in self.order:
            r = results.get(path)
            if outcome == "imported":
                line = _("imported  {file}: {new} new, {updated} updated").format(
                    file=path.name, new=n(r.rows_inserted), updated=n(r.rows_updated))
            elif outcome == "rejected":
                line = (_("rejected  {file}: {rows} rows failed checks (quarantine: {quarantine})") if r.quarantine_path
                        else _("rejected  {file}: {rows} rows failed checks")).format(
                    file=path.name, rows=n(r.rows_rejected), quarantine=r.quarantine_path)
            elif outcome == "failed":
                line = _("failed    {file}: {reason}").format(file=path.name, reason=reasons[path])
            elif outcome == "not_data" and self.pattern:
                line = _("skipped   {file} (does not match {pattern})").format(file=path.name, pattern=self.pattern)
            elif outcome == "not_data":
                line = _("skipped   {file} (not a data file)").format(file=path.name)
            else:
                line = _("skipped   {file}").format(file=path.name)
            lines.append("  " + line)
        return "\n".join(lines)


def _listing(folder: Path) -> list[Path]:
    """The folder's own files in name order, without hidden files and the quarantine files imports write."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportInputError(f"no such folder: {folder}")
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.endswith(".rejected.csv") and not p.name.startswith("."))


def is_data_file(path: Path, pattern: str | None = None) -> bool:
    """An export to read: its name matches `pattern` when one is given (any suffix; one that is not a
    known format is read as delimited text), else it has a data-file suffix."""
    if pattern:
        return fnmatch.fnmatchcase(path.name.lower(), pattern.lower())
    return path.suffix.lower() in DATA_SUFFIXES


def candidates(folder: Path, pattern: str | None = None) -> list[Path]:
    """Importable files of `folder` (not its subfolders), in name order; quarantine files excluded."""
    return [p for p in _listing(folder) if is_data_file(p, pattern)]


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
                  report: progress_mod.Report | None = None, pattern: str | None = None) -> BatchResult:
    """Import every new file of `folder` into `table` (those whose names match `pattern`, when given);
    `on_file(path, outcome)` after each one.
    `report(share, text)` hears the whole batch's progress (each file's stages within its share of the
    files); `progress=True` draws it as a bar on stderr (the CLI)."""
    db_path = Path(db_path)
    listing = _listing(Path(folder))
    files = [p for p in listing if is_data_file(p, pattern)]
    done = imported_hashes(db_path, table)
    out = BatchResult(pattern=pattern)
    bar = progress_mod.Bar(len(files), f"import {table}", "file") if progress else None
    listeners = [r for r in (report, bar) if r is not None]

    def tell(share: float, text: str) -> None:
        for r in listeners:
            r(share, text)

    n = max(len(files), 1)
    try:
        i = 0
        for path in listing:
            if not is_data_file(path, pattern):
                out.not_data.append(path)
                out.order.append((path, "not_data"))
                continue
            outcome = _one(db_path, table, path, mapping_sql, create_missing_agents, encoding, done, out,
                           progress_mod.within(tell, i / n, (i + 1) / n) if listeners else None,
                           f"{i + 1}/{len(files)} {path.name}")
            i += 1
            out.order.append((path, outcome))
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
