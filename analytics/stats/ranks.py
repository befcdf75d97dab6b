"""Percentile rank of a value among its peers ("agent vs peers", within team and within center).

The rank is the "mean" definition: 100 × (count below + ½ · count equal) / count, so ties share the
middle and a group of one gives 50. NaN values take no part and get no rank.
"""
from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import pandas as pd


def percentile_rank(value: float, group: Sequence[float]) -> float | None:
    """Percentile rank (0–100) of ``value`` within ``group``; None for an empty group or NaN value."""
    g = np.asarray(group, dtype=float)
    g = g[~np.isnan(g)]
    if g.size == 0 or value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(50.0 * (np.count_nonzero(g < value) + np.count_nonzero(g <= value)) / g.size)


def percentile_rank_within(frame: pd.DataFrame, value_col: str, by: str | Sequence[str] | None = None) -> pd.Series:
    """Each row's percentile rank of ``value_col`` among the rows of its group (all rows if by is None)."""
    values = frame[value_col].astype(float)
    if by is None:
        ranks = values.rank(method="average")
        counts = values.notna().sum()
    else:
        grouped = values.groupby([frame[c] for c in ([by] if isinstance(by, str) else by)], dropna=False)
        ranks = grouped.rank(method="average")
        counts = grouped.transform("count")
    # Average rank = below + (equal + 1)/2, so (rank − ½)/count is the "mean" percentile.
    return ((ranks - 0.5) / counts * 100.0).rename(f"{value_col}_pct_rank")


def peer_percentiles(frame: pd.DataFrame, value_col: str, team_col: str) -> pd.DataFrame:
    """Copy of ``frame`` with ``pct_in_team`` and ``pct_in_center`` percentile ranks of ``value_col``."""
    out = frame.copy()
    out["pct_in_team"] = percentile_rank_within(frame, value_col, team_col).to_numpy()
    out["pct_in_center"] = percentile_rank_within(frame, value_col).to_numpy()
    return out
