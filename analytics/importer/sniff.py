"""What a file's columns look like: sample values and a detected type, for the mapping assistant.

Reads only the file's first rows (through the same readers as the import, so the columns are exactly
the ones a mapping sees in `raw`). Detection is on text values, in Python: small and easy to test.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from analytics.importer import readers
from analytics.importer.assistant import DATE_FORMATS, DATETIME_FORMATS, ISO, Pick
from analytics.importer.contract import SOURCE_ROW

SAMPLE_ROWS = 200
SHOWN_SAMPLES = 3

_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_HMS_RE = re.compile(r"\d+:\d{1,2}:\d{1,2}")
_MS_RE = re.compile(r"\d+:\d{1,2}")
_NUM_RE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_YESNO = {"Y", "N", "YES", "NO", "TRUE", "FALSE", "T", "F"}


@dataclass
class ColumnInfo:
    name: str
    samples: list[str]
    detected: str            # words shown to the user, e.g. "date and time dd/mm/yyyy hh:mm:ss"
    suggestion: Pick         # the transformation that reads this kind of value (source filled in)
    empty_share: float = 0.0


def _parses(values: list[str], fmt: str) -> bool:
    try:
        for v in values:
            datetime.strptime(v, fmt)
    except ValueError:
        return False
    return True


def detect(name: str, values: list[str | None]) -> ColumnInfo:
    """The kind of a column from its (text) values; empty values are ignored."""
    present = [v.strip() for v in values if v is not None and v.strip() != ""]
    samples = list(dict.fromkeys(present))[:SHOWN_SAMPLES]
    empty = 1 - len(present) / len(values) if values else 1.0
    info = lambda what, pick: ColumnInfo(name, samples, what, pick, empty)  # noqa: E731
    if not present:
        return info("empty", Pick(name))
    if all(v.upper() in _YESNO for v in present):
        return info("yes/no", Pick(name, "yesno"))
    if all(_NUM_RE.fullmatch(v) for v in present):
        whole = all(float(v).is_integer() for v in present)
        return info("whole number" if whole else "number", Pick(name, "number"))
    if all(_HMS_RE.fullmatch(v) for v in present):
        return info("duration hh:mm:ss", Pick(name, "hhmmss"))
    if all(_MS_RE.fullmatch(v) for v in present):
        return info("duration mm:ss", Pick(name, "mmss"))
    if all(_ISO_RE.fullmatch(v) for v in present):
        return info("date and time, ISO 8601", Pick(name, "datetime", fmt=ISO))
    for label, fmt in DATETIME_FORMATS.items():
        if fmt and _parses(present, fmt):
            return info(f"date and time {label}", Pick(name, "datetime", fmt=label))
    for label, fmt in DATE_FORMATS.items():
        if _parses(present, fmt):
            return info(f"date {label}", Pick(name, "date", fmt=label))
    distinct = set(present)
    if len(distinct) <= 8 and len(present) >= 2 * len(distinct):
        return info(f"text, {len(distinct)} value{'s' if len(distinct) > 1 else ''}", Pick(name))
    return info("text", Pick(name))


def inspect_file(path: Path, encoding: str | None = None, rows: int = SAMPLE_ROWS) -> list[ColumnInfo]:
    """Every column of the file as a mapping sees it in `raw`, with samples and a detected type."""
    from analytics.importer.pipeline import _staging  # the private in-memory database of imports

    with tempfile.TemporaryDirectory(prefix="switchboard-sniff-") as work:
        con = _staging(work)
        try:
            readers.load_raw(con, Path(path), Path(work), encoding, limit=rows)
            names = [r[0] for r in con.execute("DESCRIBE raw").fetchall() if r[0] != SOURCE_ROW]
            data = con.execute("SELECT * EXCLUDE (" + SOURCE_ROW + ") FROM raw").fetchall()
        finally:
            con.close()
    return [detect(n, [None if r[i] is None else str(r[i]) for r in data]) for i, n in enumerate(names)]


def distinct_values(path: Path, column: str, encoding: str | None = None, rows: int = SAMPLE_ROWS,
                    limit: int = 12) -> list[str]:
    """The most frequent values of one column in the first rows (to prefill a value map)."""
    from analytics.importer.pipeline import _staging

    with tempfile.TemporaryDirectory(prefix="switchboard-sniff-") as work:
        con = _staging(work)
        try:
            readers.load_raw(con, Path(path), Path(work), encoding, limit=rows)
            col = '"' + column.replace('"', '""') + '"'
            return [r[0] for r in con.execute(
                f"SELECT TRIM({col}) AS v FROM raw WHERE NULLIF(TRIM({col}), '') IS NOT NULL "
                f"GROUP BY v ORDER BY count(*) DESC, v LIMIT ?", [limit]).fetchall()]
        finally:
            con.close()
