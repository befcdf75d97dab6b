"""Percentile bootstrap interval for a mean or median from raw values: seeded, so the same data
always draws the same interval, and vectorized in chunks so memory stays bounded for long series."""
from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

# Upper bound on resample cells (resamples × values) held in memory at once: 4 M float64 ≈ 32 MB.
_CHUNK_CELLS = 4_000_000


class BootstrapResult(NamedTuple):
    estimate: float    # the statistic on the original values
    low: float
    high: float
    se: float          # standard deviation of the bootstrap distribution


def bootstrap_ci(values: Sequence[float], stat: str = "mean", confidence: float = 0.95,
                 n_resamples: int = 10_000, seed: int = 0) -> BootstrapResult | None:
    """Percentile bootstrap CI for ``stat`` ("mean" or "median"). NaN values are ignored;
    no values left gives None."""
    funcs = {"mean": np.mean, "median": np.median}
    if stat not in funcs:
        raise ValueError(f"unknown statistic {stat!r}: use 'mean' or 'median'")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence!r}")
    if n_resamples < 1:
        raise ValueError("n_resamples must be >= 1")
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n == 0:
        return None
    func = funcs[stat]
    rng = np.random.default_rng(seed)
    per_chunk = max(1, _CHUNK_CELLS // n)
    draws = np.empty(n_resamples)
    for start in range(0, n_resamples, per_chunk):
        stop = min(n_resamples, start + per_chunk)
        idx = rng.integers(0, n, size=(stop - start, n))
        draws[start:stop] = func(x[idx], axis=1)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return BootstrapResult(float(func(x)), float(low), float(high), float(draws.std(ddof=1)) if n_resamples > 1 else 0.0)
