"""Mapping profiles: a named mapping SQL for one table, recognised by the source columns it reads.

Two kinds: profiles saved in the warehouse (table `mapping_profiles`, from the Data page or the CLI) and
profiles bundled with the product for common exports (analytics/importer/profiles/*.sql, each written
from the vendor's public field documentation, named in its header). A file "matches" a profile when it
has every column the profile's SQL reads; otherwise the profile says which columns are missing.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from analytics.core import warehouse
from analytics.importer.contract import CONTRACTS, SOURCE_ROW
from analytics.i18n import _
from analytics.importer.errors import ImportInputError

BUNDLED_DIR = Path(__file__).resolve().parent / "profiles"
# DuckDB does not escape quotes in the name; the second form is a file column spelled like an alias
_MISSING = re.compile(r'(?:Referenced column "(.*)" not found|Column "(.*)" referenced that exists in the SELECT)')
_META = re.compile(r"^--\s*(profile|table|document|fields|format):\s*(.*)$")


@dataclass(frozen=True)
class Profile:
    name: str
    table: str
    sql: str
    columns: tuple[str, ...]          # the source columns the SQL reads
    bundled: bool = False
    document: str = ""                # bundled: the vendor document the mapping follows
    fields: str = ""                  # bundled: the documented fields it uses
    note: str = ""
    saved_at: datetime | None = field(default=None, compare=False)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.columns)

    def missing(self, file_columns, json_lines: bool = False) -> list[str]:
        """The profile's columns the file lacks. In JSON lines a field may be absent from (or null in)
        every record of a file, e.g. Agent.* when no call was answered; those are not held against it
        as long as most of the profile's fields are there (the mapping then reads them as empty)."""
        have = set(file_columns)
        lacking = [c for c in self.columns if c not in have]
        if json_lines and len(lacking) * 2 < len(self.columns):
            return []
        return lacking


def fingerprint(columns) -> str:
    """The header fingerprint: sha256 over the sorted column names (order and extras do not matter)."""
    return hashlib.sha256("\n".join(sorted(columns)).encode("utf-8")).hexdigest()


def referenced_columns(sql: str) -> tuple[str, ...]:
    """The columns of `raw` the mapping SQL reads, found by binding it (never running it) against an
    empty `raw` that grows by each column DuckDB reports missing."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_external_access = false")
        found: list[str] = []
        for _attempt in range(1000):
            cols = ", ".join(['"source_row" BIGINT', *('"' + c.replace('"', '""') + '" VARCHAR' for c in found)])
            con.execute("DROP TABLE IF EXISTS raw")
            con.execute(f"CREATE TABLE raw ({cols})")
            try:
                con.sql(sql)
                return tuple(found)
            except duckdb.BinderException as exc:
                hit = _MISSING.search(str(exc).splitlines()[0])
                if not hit:
                    raise ImportInputError(_("mapping SQL error: {error}").format(error=str(exc).splitlines()[0])) from None
                name = hit.group(1) if hit.group(1) is not None else hit.group(2)
                if name in found or name == SOURCE_ROW:
                    raise ImportInputError(_("mapping SQL error: {error}").format(error=str(exc).splitlines()[0])) from None
                found.append(name)
            except duckdb.Error as exc:
                raise ImportInputError(_("mapping SQL error: {error}").format(error=str(exc).splitlines()[0])) from None
        raise ImportInputError("the mapping reads more than 1000 columns")
    finally:
        con.close()


def parse_bundled(path: Path) -> Profile:
    sql = path.read_text(encoding="utf-8")
    meta: dict[str, list[str]] = {}
    for line in sql.splitlines():
        m = _META.match(line.strip())
        if m:
            meta.setdefault(m.group(1), []).append(m.group(2).strip())
    name = " ".join(meta.get("profile", [path.stem]))
    table = " ".join(meta.get("table", ["calls"]))
    return Profile(name=name, table=table, sql=sql, columns=referenced_columns(sql), bundled=True,
                   document=" ".join(meta.get("document", [])), fields=" ".join(meta.get("fields", [])))


def bundled() -> list[Profile]:
    return [parse_bundled(p) for p in sorted(BUNDLED_DIR.glob("*.sql"))]


def saved(db_path: Path) -> list[Profile]:
    if not Path(db_path).exists():
        return []
    with warehouse.read_connection(Path(db_path), teams=None) as con:
        has = con.execute("SELECT count(*) FROM information_schema.tables "
                          "WHERE table_name = 'mapping_profiles' AND table_schema = 'main'").fetchall()[0][0]
        if not has:
            return []
        rows = con.execute("SELECT name, table_name, mapping_sql, source_columns, note, saved_at "
                           "FROM mapping_profiles ORDER BY name").fetchall()
    return [Profile(n, t, s, tuple(json.loads(c)), note=note or "", saved_at=at) for n, t, s, c, note, at in rows]


def all_profiles(db_path: Path) -> list[Profile]:
    """Saved profiles first (a saved profile may reuse a bundled profile's name and then wins)."""
    mine = saved(db_path)
    names = {p.name for p in mine}
    return mine + [p for p in bundled() if p.name not in names]


def find(db_path: Path, name: str) -> Profile:
    for p in all_profiles(db_path):
        if p.name == name:
            return p
    known = ", ".join(repr(p.name) for p in all_profiles(db_path))
    raise ImportInputError(f"no mapping profile named {name!r} (known: {known})")


def matching(profiles, table: str | None, file_columns, json_lines: bool = False) -> list[Profile]:
    """The profiles whose every source column is in the file (of `table`, when given)."""
    return [p for p in profiles if (table is None or p.table == table) and p.columns
            and not p.missing(file_columns, json_lines)]


def is_json_lines(file_name: str) -> bool:
    return Path(file_name).suffix.lower() in (".jsonl", ".ndjson")


def check(profile: Profile, file_name: str, file_columns) -> None:
    missing = profile.missing(file_columns, is_json_lines(file_name))
    if missing:
        raise ImportInputError(
            f"{file_name} does not match mapping profile {profile.name!r}: missing column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        )


def save(db_path: Path, name: str, table: str, sql: str, note: str = "") -> Profile:
    """Store (or replace) a profile in the warehouse; the SQL must bind (it is checked, not run)."""
    name = name.strip()
    if not name:
        raise ImportInputError(_("a mapping profile needs a name"))
    if table not in CONTRACTS:
        raise ImportInputError(f"unknown table {table!r}")
    columns = referenced_columns(sql)
    with warehouse.write_connection(Path(db_path)) as con:
        warehouse.build_schema(con)
        con.execute("DELETE FROM mapping_profiles WHERE name = ?", [name])
        con.execute(
            "INSERT INTO mapping_profiles (name, table_name, mapping_sql, header_fingerprint, source_columns, "
            "note, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, table, sql, fingerprint(columns), json.dumps(list(columns), ensure_ascii=False), note,
             datetime.now()],
        )
    return Profile(name, table, sql, columns, note=note)
