"""Turning what comes out of a query (None, NaN, pandas NA, numpy scalars, numeric text) into a float
or None: an undefined KPI stays undefined all the way to the "—" on screen."""
from __future__ import annotations

import math


def as_float(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f
