"""The quarantine CSV: every rejected row, its reasons and its row in the source file (UTF-8).

It is opened in a spreadsheet to fix the rows, so it is formula-safe like every export: a text cell
starting with = + - @ tab or CR gets a leading apostrophe (analytics/core/exports.neutralize). The
importer reads that guard back (readers.FORMULA_TRIGGERS), so the fixed file imports as the corrected
original rows would."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from analytics.importer.contract import CONTRACTS, SOURCE_ROW
from analytics.importer.readers import FORMULA_MARK
from analytics.importer.validate import q, text_col

BATCH = 10_000


def quarantine_path(file_path: Path) -> Path:
    return Path(str(file_path) + ".rejected.csv")


def _formula_text(value):
    """A formula cell without a saved value is shown as its formula (guarded like any =… text)."""
    if isinstance(value, str) and value.startswith(FORMULA_MARK):
        return value[len(FORMULA_MARK):]
    return value


def write(con: duckdb.DuckDBPyConnection, table: str, dest: Path) -> Path:
    """Streams rejected rows in file order; values are shown as they were in the mapped result."""
    from analytics.core.exports import neutralize  # it imports pandas: only a rejected file pays for it

    contract = CONTRACTS[table]
    values = ", ".join(f"{text_col(c)} AS {q(c.name)}" for c in contract.columns)
    cur = con.execute(
        f"WITH why AS (SELECT __rid, string_agg(column_name || ': ' || reason || ' (' || detail || ')', '; ' "
        f"ORDER BY column_name, reason) AS why_rejected FROM rejects GROUP BY __rid) "
        f"SELECT typed.{SOURCE_ROW}, why.why_rejected, {values} FROM why JOIN typed USING (__rid) "
        f"ORDER BY typed.{SOURCE_ROW}, __rid"
    )
    with open(dest, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([SOURCE_ROW, "reasons", *contract.names])
        while batch := cur.fetchmany(BATCH):
            writer.writerows([neutralize(_formula_text(v)) for v in row] for row in batch)
    return dest
