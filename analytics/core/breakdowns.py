"""Registry KPIs grouped by keys that are not a period or a dimension (weekday, hour of day…).

`metrics.compute` groups by one period grain or one dimension. Heatmaps and time-of-day profiles need
other keys; this module reuses the registry's expressions (`Kpi.expr`, and num/den/sumsq for stats)
and the source tables of `analytics.core.sources`, so the formula stays the registry's and only the
GROUP BY differs. Keys are SQL templates from code constants ({t} = the table's time column);
everything the user chose is a bound parameter.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from analytics.core import registry
from analytics.core import metrics, sources
from analytics.core.filters import Filters

# ISO weekday 1 = Monday … 7 = Sunday, hour of day 0–23, of the time the KPI's period is counted in.
WEEKDAY_HOUR = {"weekday": "isodow({t})", "hour": "hour({t})"}
HOUR_OF_DAY = {"hour": "hour({t})"}
WEEKDAY = {"weekday": "isodow({t})"}
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

_SUPPORTED_SOURCES = ("calls", "queue_service", "calls_detail", "evaluations")


def _source_frame(con, source: str, items: list[registry.Kpi], f: Filters, keys: Mapping[str, str],
                  needs_hour: bool, with_stats: bool) -> pd.DataFrame:
    dims = {dim for attr, dim in sources.FILTER_DIMS.items() if getattr(f, attr)}
    table = sources.choose(source, dims, "hour" if needs_hour else "day")
    if table is None:
        raise ValueError(f"no table of source {source!r} can answer this grouping")
    t = table.time_column
    where, params = metrics.where_clause(table, f)
    key_cols = [f'{tmpl.format(t=t)} AS "{name}"' for name, tmpl in keys.items()]
    measures = [c for k in items for c in metrics.measure_columns(k, with_stats)]
    names = ", ".join(f'"{n}"' for n in keys)
    sql = (f"SELECT {', '.join(key_cols + measures)}\nFROM {table.name}\n"
           f"WHERE {where}\nGROUP BY {names}")
    return con.execute(sql, params).df()


def compute_by_keys(con, f: Filters, kpi_ids: list[str], keys: Mapping[str, str],
                    with_stats: bool = False) -> pd.DataFrame:
    """KPI values for filter `f` grouped by `keys` (name → SQL template over {t}), sorted by the keys.

    Only groups with rows appear; a key needing the hour (any template using hour()) reads an hourly
    table. Workforce and org KPIs are per day or per period, so they cannot be grouped this way.
    """
    if not keys:
        raise ValueError("compute_by_keys needs at least one key")
    items = [registry.get(i) for i in kpi_ids]
    bad = [k.id for k in items if k.source not in _SUPPORTED_SOURCES]
    if bad:
        raise ValueError(f"KPIs {', '.join(bad)} cannot be grouped by {', '.join(keys)}")
    needs_hour = any("hour(" in tmpl for tmpl in keys.values())
    names = list(keys)
    out: pd.DataFrame | None = None
    by_source: dict[str, list[registry.Kpi]] = {}
    for k in items:
        by_source.setdefault(k.source, []).append(k)
    undefined = {k.id for k in items if metrics.undefined_reason(k, f)}  # attribution: null throughout
    for source, group in by_source.items():
        group = [k for k in group if k.id not in undefined]
        if not group:
            continue
        frame = _source_frame(con, source, group, f, keys, needs_hour, with_stats).set_index(names)
        out = frame if out is None else out.join(frame, how="outer")
    if out is None:
        return pd.DataFrame(columns=names + [k.id for k in items])
    out = out.sort_index().reset_index()
    for k in items:
        if k.id in undefined:
            out[k.id] = None
        elif k.kind == "count":  # a count over no rows of this source is 0 (registry: coalesce)
            out[k.id] = out[k.id].fillna(0)
    stat_cols = [c for c in out.columns if "__" in c]
    return out[names + [k.id for k in items] + stat_cols]


def with_weekday_names(df: pd.DataFrame, col: str = "weekday") -> pd.DataFrame:
    """Replace ISO weekday numbers 1–7 by Mon…Sun (for display and charts)."""
    out = df.copy()
    out[col] = [WEEKDAY_NAMES[int(d) - 1] for d in out[col]]
    return out
