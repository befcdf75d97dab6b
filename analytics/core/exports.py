"""Tabular exports (CSV/XLSX) that are safe to open in a spreadsheet.

A cell starting with = + - @ or a tab/CR would run as a formula in Excel or Sheets (CSV injection):
such text cells are prefixed with an apostrophe. Numbers are left alone, so -3.5 stays a number.
"""
from __future__ import annotations

import io

import pandas as pd

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel shows Persian and Chinese text correctly."""
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")
