"""A user's file (CSV in any common encoding/delimiter, JSON lines, Parquet, xlsx) → the DuckDB relation `raw`.

`raw` is the file's columns as text (Parquet keeps its types) plus `source_row`, the record's row in
the file with the header as row 1, so a rejection can point at the row the user sees in a spreadsheet.
JSON lines (`.jsonl`, `.ndjson`: one object per line, no header) have `source_row` = the line number, and
nested objects are flattened into dotted text columns (`Queue.Name`), so a mapping reaches them like any
other column; arrays stay JSON text.
CSV is read by DuckDB straight from disk: it is never loaded into Python memory.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from analytics.importer import encoding as enc
from analytics.importer.contract import SOURCE_ROW
from analytics.i18n import _, isolate
from analytics.importer.errors import ImportInputError

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# A named --file of any other suffix is read as delimited text; a drop folder takes only these, so a
# stray notes.txt or README beside the exports is not mistaken for one (analytics/importer/batch.py).
CSV_SUFFIXES = {".csv", ".tsv"}
DATA_SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES | JSONL_SUFFIXES
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class RawInfo:
    rows: int
    columns: list[str]
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    first_row: int = 2  # the file row of the first record: 2 below a header, 1 for JSON lines


def load_raw(con: duckdb.DuckDBPyConnection, path: Path, workdir: Path, encoding: str | None = None,
             limit: int | None = None) -> RawInfo:
    """Create table raw_file and view raw in `con`; `limit` reads only the first rows (previews)."""
    path = Path(path)
    if not path.exists():
        raise ImportInputError(_("no such file: {path}").format(path=path))
    if not path.is_file():
        raise ImportInputError(_("not a file: {path}").format(path=path))
    if path.stat().st_size == 0:
        raise ImportInputError(_("{file} is empty (0 bytes)").format(file=isolate(path.name)))
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        info = _load_parquet(con, path, limit)
    elif suffix in EXCEL_SUFFIXES:
        info = _load_excel(con, path, limit)
    elif suffix in JSONL_SUFFIXES:
        info = _load_jsonl(con, path, limit)
    else:
        info = _load_csv(con, path, workdir, encoding, limit)
    if info.rows == 0:
        raise ImportInputError(_("{file} has a header but no data rows").format(file=isolate(path.name)))
    text_columns = {r[0] for r in con.execute("DESCRIBE raw_file").fetchall() if r[1] == "VARCHAR"}
    cols = ", ".join(_unguarded(c) if c in text_columns else _qi(c) for c in info.columns if c != SOURCE_ROW)
    con.execute(f"CREATE VIEW raw AS SELECT rowid + {int(info.first_row)} AS {SOURCE_ROW}, {cols} FROM raw_file")
    return info


# The characters the quarantine file (like every export) guards with a leading apostrophe so that a
# spreadsheet does not run the cell as a formula: analytics/core/exports._TRIGGERS, kept equal by a test
# (tests/importer/test_import_hardening.py); exports imports pandas, too slow to load for every import.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _unguarded(name: str) -> str:
    """The column with the quarantine's formula guard undone. The rejected rows file is fixed and imported
    again: its "'+98912" must be the caller "+98912" then, not a second caller. An apostrophe before any
    other character is the user's own and stays."""
    col = _qi(name)
    triggers = ", ".join("'" + t + "'" for t in FORMULA_TRIGGERS)  # constants above, no quote among them
    return (f"CASE WHEN starts_with({col}, '''') AND substr({col}, 2, 1) IN ({triggers}) "
            f"THEN substr({col}, 2) ELSE {col} END AS {col}")


def add_empty_columns(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    """Redefine view raw with extra all-empty text columns (JSON keys no record in the file has)."""
    extra = ", ".join(f"CAST(NULL AS VARCHAR) AS {_qi(n)}" for n in names)
    con.execute("ALTER VIEW raw RENAME TO raw_without_absent_keys")
    con.execute(f"CREATE VIEW raw AS SELECT *, {extra} FROM raw_without_absent_keys")


def _count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM raw_file").fetchall()[0][0]


def _columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("DESCRIBE raw_file").fetchall()]


def _limit_clause(limit: int | None) -> tuple[str, list]:
    return (" LIMIT ?", [int(limit)]) if limit else ("", [])


def _load_parquet(con, path: Path, limit: int | None) -> RawInfo:
    clause, params = _limit_clause(limit)
    try:
        con.execute(f"CREATE TABLE raw_file AS SELECT * FROM read_parquet(?){clause}", [str(path), *params])
    except duckdb.Error as exc:
        raise ImportInputError(_("{file} is not a readable Parquet file ({error})").format(file=isolate(path.name), error=_first_line(exc))) from None
    return RawInfo(_count(con), _columns(con), "parquet")


def _load_excel(con, path: Path, limit: int | None) -> RawInfo:
    from python_calamine import CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=True)
    except Exception as exc:  # calamine raises its own types for broken workbooks
        raise ImportInputError(_("{file} is not a readable spreadsheet ({error})").format(file=isolate(path.name), error=exc)) from None
    if not rows:
        raise ImportInputError(_("{file} is empty (its first sheet has no cells)").format(file=isolate(path.name)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        top, left = sheet.start or (0, 0)
        for (r, c), formula in _unsaved_formulas(path).items():
            i, j = r - top, c - left
            if 0 <= i < len(rows) and 0 <= j < len(rows[i]) and rows[i][j] in ("", None):
                rows[i][j] = FORMULA_MARK + formula
    header = _unique_names([_cell_text(v) or "" for v in rows[0]])
    body = rows[1: (1 + limit) if limit else None]
    data = {
        name: pa.array([_cell_text(r[i]) if i < len(r) else None for r in body], pa.string())
        for i, name in enumerate(header)
    }
    con.register("raw_excel", pa.table(data))
    con.execute("CREATE TABLE raw_file AS SELECT * FROM raw_excel")
    con.unregister("raw_excel")
    return RawInfo(_count(con), header, "xlsx")


# A cell holding a formula whose result was never saved (a sheet written by a program, not saved in
# Excel) reads as empty, and "talk_s is empty" sends the user looking for a value that is there. Such a
# cell is passed on as this mark (a private-use character) and the formula, and validation names it
# (validate.FORMULA_MARK); no text of a real export starts with it.
FORMULA_MARK = "\ue000"
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")


def _unsaved_formulas(path: Path) -> dict[tuple[int, int], str]:
    """(row, column) from 0 → formula text, for the first sheet's formula cells without a saved value.

    Reads the sheet's XML as a stream, only when it has a formula at all; a workbook whose parts are not
    where the format puts them yields nothing (calamine has read the values already)."""
    import posixpath
    import zipfile
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(path) as zf:
            book = ET.fromstring(zf.read("xl/workbook.xml"))
            first = book.find(f"{_SHEET_NS}sheets/{_SHEET_NS}sheet")
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            rid = first.get(f"{_REL_NS}id") if first is not None else None
            target = next((r.get("Target") for r in rels if r.get("Id") == rid), None)
            if not target:
                return {}
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            with zf.open(part) as fh:
                tail, found = b"", False
                while chunk := fh.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        found = True
                        break
                    tail = chunk[-16:]
            if not found:
                return {}
            out: dict[tuple[int, int], str] = {}
            with zf.open(part) as fh:
                for _event, el in ET.iterparse(fh):
                    if el.tag != f"{_SHEET_NS}c":
                        continue
                    f, v = el.find(f"{_SHEET_NS}f"), el.find(f"{_SHEET_NS}v")
                    # an empty <v/> is a saved empty text only in a text-typed cell
                    unsaved = v is None or (not v.text and el.get("t") not in ("str", "inlineStr", "s"))
                    ref = _CELL_REF.fullmatch(el.get("r") or "")
                    if f is not None and unsaved and ref:
                        col = 0
                        for ch in ref.group(1):
                            col = col * 26 + ord(ch) - 64
                        out[(int(ref.group(2)) - 1, col - 1)] = "=" + (f.text or "…")
                    el.clear()
            return out
    except (KeyError, OSError, ET.ParseError, zipfile.BadZipFile):
        return {}


def _flat_paths(obj: dict, prefix: tuple[str, ...], out: dict) -> None:
    for key, value in obj.items():
        path = (*prefix, str(key))
        if isinstance(value, dict) and value:
            _flat_paths(value, path, out)
        else:
            out.setdefault(path, None)


def jsonl_columns(path: Path, limit: int | None = None) -> list[tuple[str, ...]]:
    """Every flattened key path of the file's objects, in order of first appearance.

    Reads line by line (memory stays flat); a line that is not one JSON object is a file-level error
    naming that line, so a broken export is rejected before anything else happens."""
    paths: dict[tuple[str, ...], None] = {}
    records = 0
    try:
        fh = open(path, encoding="utf-8-sig", newline=None)
    except OSError as exc:
        raise ImportInputError(_("cannot read {file}: {error}").format(file=isolate(path.name), error=exc.strerror)) from None
    with fh:
        line_no = 0
        try:
            for line_no, line in enumerate(fh, start=1):
                if limit and records >= limit:
                    break
                if not line.strip():
                    raise ImportInputError(_("{file} line {line}: blank line (JSON lines need one object per line)").format(file=isolate(path.name), line=line_no))
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ImportInputError(_("{file} line {line}: not valid JSON ({error}, column {column})").format(file=isolate(path.name), line=line_no, error=exc.msg, column=exc.colno)) from None
                if not isinstance(obj, dict):
                    raise ImportInputError(_("{file} line {line}: a JSON object {{…}} is expected, found {found}").format(file=isolate(path.name), line=line_no, found=type(obj).__name__))
                _flat_paths(obj, (), paths)
                records += 1
        except UnicodeDecodeError:
            raise ImportInputError(_("{file} after line {line}: not valid UTF-8 text (JSON lines must be UTF-8)").format(file=isolate(path.name), line=line_no)) from None
    if not records:
        raise ImportInputError(_("{file} has no JSON records").format(file=isolate(path.name)))
    # A key that is null in some records and an object in others is reached through its fields.
    prefixes = {p[:i] for p in paths for i in range(1, len(p))}
    return [p for p in paths if p not in prefixes]


def _json_path(path: tuple[str, ...]) -> str:
    return "$" + "".join('."' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in path)


def _load_jsonl(con, path: Path, limit: int | None) -> RawInfo:
    paths = jsonl_columns(path, limit)
    names = _unique_names([".".join(p) for p in paths])
    select = ", ".join(f"json_extract_string(json, ?) AS {_qi(n)}" for n in names)
    clause, params = _limit_clause(limit)
    try:
        con.execute(
            f"CREATE TABLE raw_file AS SELECT {select} FROM read_json_objects(?, format='newline_delimited')" + clause,
            [*(_json_path(p) for p in paths), str(path), *params],
        )
    except duckdb.Error as exc:
        raise ImportInputError(_("{file} is not readable as JSON lines ({error})").format(file=isolate(path.name), error=_first_line(exc))) from None
    return RawInfo(_count(con), names, "jsonl", "utf-8", None, first_row=1)


def _qi(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cell_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # ids and counts typed as numbers in a sheet must not become "1001.0"
    return str(value)


def _load_csv(con, path: Path, workdir: Path, encoding: str | None, limit: int | None) -> RawInfo:
    detected = enc.detect(path) if not encoding else encoding.lower()
    source = path
    if detected.replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
        source = enc.transcode_to_utf8(path, detected, Path(workdir) / "transcoded.csv")
    header_line = _first_record(source)
    if not header_line.strip():
        raise ImportInputError(_("{file} has no header line (the first line is blank)").format(file=isolate(path.name)))
    delim = max(DELIMITERS, key=header_line.count)
    names = _unique_names(next(csv.reader([header_line], delimiter=delim)))
    columns = {n: "VARCHAR" for n in names}
    clause, params = _limit_clause(limit)
    try:
        con.execute(
            "CREATE TABLE raw_file AS SELECT * FROM read_csv(?, auto_detect=false, header=true, delim=?, "
            "quote='\"', escape='\"', columns=?, encoding='utf-8')" + clause,
            [str(source), delim, columns, *params],
        )
    except duckdb.Error as exc:
        raise ImportInputError(_csv_error(path, exc, delim, len(names))) from None
    rows = _count(con)
    if rows == 0 and _has_data_after_header(source):
        # DuckDB skips a record over its line-size limit without an error when it is the only one
        raise ImportInputError(_("{file} on line {line}: {problem}").format(file=isolate(path.name), line=2, problem=_too_long()))
    return RawInfo(rows, names, "csv", detected, delim)


MAX_LINE_BYTES = 2_000_000  # DuckDB's read_csv max_line_size default


def _too_long() -> str:
    return _("a record is longer than the {limit} MB limit for one line "
             "(a missing line break, or a huge value in one field?)").format(limit=f"{MAX_LINE_BYTES / 1e6:g}")


def _has_data_after_header(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.readline()
        return bool(fh.read(4096).strip())


def _first_record(path: Path) -> str:
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        return fh.readline().rstrip("\r\n")


def _unique_names(raw_names: list[str]) -> list[str]:
    names: list[str] = []
    for i, name in enumerate(raw_names, start=1):
        base = name.strip().lstrip("\ufeff") or f"column_{i}"
        if base == SOURCE_ROW:
            base = f"{SOURCE_ROW}_in_file"
        candidate, n = base, 2
        while candidate in names:
            candidate, n = f"{base}_{n}", n + 1
        names.append(candidate)
    return names


def _csv_error(path: Path, exc: Exception, delim: str, n_columns: int) -> str:
    text = str(exc)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    # "<file> on line N: <problem>" or "<file>: <problem>", one template each
    def where(problem: str) -> str:
        if line:
            return _("{file} on line {line}: {problem}").format(file=isolate(path.name), line=line.group(1), problem=problem)
        return _("{file}: {problem}").format(file=isolate(path.name), problem=problem)
    shown = {"\t": "tab"}.get(delim, delim)
    if "maximum line size" in text.lower():  # before the quote check: the error lists quote settings
        return where(_too_long())
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if counts:
        return where(_("found {found} fields where the header has {header} (delimiter '{delimiter}'; mixed "
                       "delimiters or an unquoted '{delimiter}' inside a value?)").format(
            found=counts.group(2), header=counts.group(1), delimiter=shown))
    if "Invalid unicode" in text:
        return where(_("not valid UTF-8 text; pass --encoding (e.g. cp1256, gb18030) or re-save as UTF-8"))
    if "quote" in text.lower():
        return where(_("unterminated or misplaced quote"))
    return where(_("cannot be read as CSV ({error})").format(error=_first_line(exc)))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
