"""The industry benchmark library: published figures for our KPIs, shipped as data in
sql/seeds/industry_benchmarks.csv, one row per figure with its citation.

Every row names a KPI id of the registry (docs/metrics.md), a publisher, a title and a
year. A row holds either a single ``value`` or a ``low``/``high`` range (either end may be open).
The ``note`` says what was measured and how it differs from our definition: a bullet-chart band
drawn from these rows is context, not a like-for-like target.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from analytics.core import registry

import pandas as pd

SEED_PATH = Path(__file__).resolve().parents[2] / "sql" / "seeds" / "industry_benchmarks.csv"

COLUMNS = ("kpi_id", "value", "low", "high", "percentile", "industry", "segment", "channel", "region",
           "publisher", "title", "year", "url", "note")
NUMERIC = ("value", "low", "high", "percentile")
# columns written by us (what was measured, how it differs from our definition): in the catalog, shown in
# the reader's language; publisher, title and url are the publication's own and stay as published
TRANSLATED = ("industry", "segment", "channel", "region", "note")
REQUIRED = ("kpi_id", "publisher", "title", "year")

# Benchmarks may cite any KPI of the registry, and evaluator drift (a per-evaluator measure of the
# Quality page that has no single value per period).
KPI_IDS = frozenset(registry.KPIS) | {"evaluator_drift_pts"}


class BenchmarkDataError(ValueError):
    """The benchmark CSV is malformed; the message names the file, row and column."""


def _fail(path: Path, line: int | None, message: str) -> BenchmarkDataError:
    where = f"{path}" if line is None else f"{path}, line {line}"
    return BenchmarkDataError(f"{where}: {message}")


def load_benchmarks(path: str | Path = SEED_PATH) -> pd.DataFrame:
    """Read and validate the benchmark CSV; adds ``source`` = "publisher — title"."""
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise _fail(path, None, "benchmark file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise _fail(path, None, f"not a readable UTF-8 CSV ({exc})") from None
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise _fail(path, None, f"missing column(s): {', '.join(missing)}")
    frame = frame[list(COLUMNS)].apply(lambda col: col.str.strip())
    for i, row in frame.iterrows():
        line = int(i) + 2  # header is line 1
        for col in REQUIRED:
            if not row[col]:
                raise _fail(path, line, f"'{col}' is empty; every figure needs kpi_id, publisher, title and year")
        if row["kpi_id"] not in KPI_IDS:
            raise _fail(path, line, f"unknown kpi_id '{row['kpi_id']}' (not a KPI of the registry: see docs/metrics.md)")
        if not row["year"].isdigit() or not 1950 <= int(row["year"]) <= 2100:
            raise _fail(path, line, f"year '{row['year']}' is not a four-digit year")
        for col in NUMERIC:
            if row[col]:
                try:
                    float(row[col])
                except ValueError:
                    raise _fail(path, line, f"'{col}' is not a number: '{row[col]}'") from None
        if not (row["value"] or row["low"] or row["high"]):
            raise _fail(path, line, "needs a value or a low/high range")
        if row["low"] and row["high"] and float(row["low"]) > float(row["high"]):
            raise _fail(path, line, "low is greater than high")
    out = frame.copy()
    for col in NUMERIC:
        out[col] = pd.to_numeric(out[col].replace("", None), errors="raise").astype("float64")
    out["year"] = out["year"].astype(int)
    out.insert(1, "source", out["publisher"] + " — " + out["title"])
    return out.reset_index(drop=True)


@lru_cache(maxsize=1)
def _library() -> pd.DataFrame:
    return load_benchmarks()


def list_benchmarks(kpi_id: str | None = None) -> pd.DataFrame:
    """All benchmark rows, or those of one KPI (ValueError for an id not in the KPI contract)."""
    frame = _library()
    if kpi_id is None:
        return frame.copy()
    if kpi_id not in KPI_IDS:
        raise ValueError(f"unknown KPI id '{kpi_id}'; known ids: {', '.join(sorted(KPI_IDS))}")
    return frame[frame["kpi_id"] == kpi_id].reset_index(drop=True)


def band(kpi_id: str) -> tuple[float | None, float | None, pd.DataFrame]:
    """(low, high, rows) spanning every published figure for the KPI, for a bullet-chart band.

    A row contributes its value, or its low and high ends; open ends contribute nothing. No rows
    gives (None, None, empty frame).
    """
    low, high, rows = _band(kpi_id)
    return low, high, rows.copy()


@lru_cache(maxsize=None)
def _band(kpi_id: str) -> tuple[float | None, float | None, pd.DataFrame]:
    # the library is fixed for the process (_library): a page draws a dozen bullets from it per view
    rows = list_benchmarks(kpi_id)
    points = pd.concat([rows["value"], rows["low"], rows["high"]]).dropna()
    if points.empty:
        return None, None, rows
    return float(points.min()), float(points.max()), rows
