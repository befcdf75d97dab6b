"""Compute KPIs from the registry for a filter, grouped by a period grain or a dimension.

`compute()` is the only way anything in Switchboard gets a KPI value. It groups the requested KPIs by
source, picks the smallest table that can answer (sources.py), and runs one parameterized query per
source; the org KPIs come from sql/queries/org_kpis.sql. Output columns: the group key (named after
`by`, formatted as in the KPI contract), `<key>_name` for people, then one column per KPI id.
With `with_stats=True` the numerator/denominator/sum-of-squares behind rate and mean KPIs come too
(`<id>__num`, `<id>__den`, `<id>__sumsq`) so confidence intervals need no second query, and
`<id>__days`, `<id>__q` (days with data, Σ num²/den over days) for the over-dispersion φ.
Annualized rates always carry `<id>__leavers` and `<id>__unstable` (small numbers, the KPI contract).
"""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from analytics.core import calendars, periods, queries, registry, sources
from analytics.core.filters import Filters

GROUPS = ("none",) + periods.GRAINS + ("queue", "site", "supervisor", "agent", "evaluator")
PEOPLE_GROUPS = ("supervisor", "agent", "evaluator")


def measure_columns(kpi: registry.Kpi, with_stats: bool) -> list[str]:
    """SELECT items for a KPI: its value, and with_stats its numerator/denominator/sum of squares."""
    cols = [f"{kpi.expr} AS \"{kpi.id}\""]
    if with_stats and kpi.has_stats:
        cols.append(f"({kpi.num}) AS \"{kpi.id}__num\"")
        cols.append(f"({kpi.den}) AS \"{kpi.id}__den\"")
        if kpi.sumsq:
            cols.append(f"({kpi.sumsq}) AS \"{kpi.id}__sumsq\"")
    return cols


OTHER = "__other"  # compute_pair's key for the second period's rows


def _period_clause(table: sources.Table, f: Filters) -> tuple[str, list]:
    t = table.time_column
    if table.time_is_date:
        return f"{t} BETWEEN ? AND ?", [f.start, f.end]
    return f"{t} >= ? AND {t} < ?", [f.start, f.end + timedelta(days=1)]


def where_clause(table: sources.Table, f: Filters, ignored: set[str] = frozenset(),
                 other: Filters | None = None) -> tuple[str, list]:
    """The filter's period and scope as a WHERE clause on `table`, with its bound parameters; with
    `other` (the same scope, another period), rows of either period."""
    clause, params = _period_clause(table, f)
    clauses = [clause]
    if other is not None:
        clause_o, params_o = _period_clause(table, other)
        clauses, params = [f"(({clause}) OR ({clause_o}))"], params + params_o
    for attr, dim in sources.FILTER_DIMS.items():
        values = getattr(f, attr)
        if values and dim not in ignored:
            clauses.append(f"list_contains(?::VARCHAR[], {sources.DIM_COLUMNS[dim]})")
            params.append(list(values))
    return " AND ".join(clauses), params


def _filter_dims(f: Filters) -> set[str]:
    return {dim for attr, dim in sources.FILTER_DIMS.items() if getattr(f, attr)}


def undefined_reason(k: registry.Kpi, f: Filters, by: str = "none") -> str | None:
    """Why KPI `k` is undefined under filter `f` grouped by `by` (attribution, sources.ATTRIBUTION), or None.

    A supervisor's scope arrives here as a supervisor filter (auth.scope.Scope.clamp). A page that shows
    the center's or a queue's service drops the site/team/agent filter for those KPIs (center_view)."""
    rule = sources.ATTRIBUTION.get(k.belongs_to)
    if rule is None:
        return None
    dims = _filter_dims(f) | ({by} if by in sources.DIM_COLUMNS else set())
    return rule[1] if dims & rule[0] else None


def center_view(f: Filters) -> Filters:
    """The filter a center/queue service view uses: period and queues only. Queue service KPIs are not
    personal data, so every role sees them for the whole center (the KPI contract, who sees queue KPIs)."""
    return f.narrowed(sites=(), supervisors=(), agents=())


def daily_parts(items: list[registry.Kpi]) -> tuple[str, str] | None:
    """The daily statistics of the rate and mean KPIs among `items`, as two SELECT lists: `inner` per
    group and day (each KPI's numerator `<id>__n` and denominator `<id>__d`), `outer` over a group's
    days — `<id>__days` (days with a denominator) and `<id>__q` (Σ over days of num²/den), from which
    comparison.py gets the over-dispersion φ (analytics/stats/overdispersion.py). None when no KPI has
    statistics. The review's one-pass query (analytics/review/figures.py) uses the same lists."""
    stat_items = [k for k in items if k.has_stats]
    if not stat_items:
        return None
    inner = ",\n       ".join(f"({k.num}) AS \"{k.id}__n\", ({k.den}) AS \"{k.id}__d\"" for k in stat_items)
    outer = ",\n       ".join(
        f"count(*) FILTER (WHERE \"{k.id}__d\" > 0) AS \"{k.id}__days\", "
        f"SUM(CASE WHEN \"{k.id}__d\" > 0 THEN \"{k.id}__n\" * \"{k.id}__n\" / \"{k.id}__d\" END) AS \"{k.id}__q\""
        for k in stat_items)
    return inner, outer


def _source_frame(con, source: str, items: list[registry.Kpi], f: Filters, by: str,
                  path: str, with_stats: bool, notes: list[str], other: Filters | None = None) -> pd.DataFrame | None:
    ignored = set(sources.NOT_APPLICABLE.get(source, {}))
    for dim in _filter_dims(f) & ignored:
        notes.append(sources.NOT_APPLICABLE[source][dim])
    dims = _filter_dims(f) - ignored
    grain = by if by in periods.GRAINS else None
    if by in sources.DIM_COLUMNS:
        if by in ignored:
            return None
        dims.add(by)
    table = sources.choose_detail(source) if path == "detail" else sources.choose(source, dims, grain)
    if table is None or not table.can_answer(dims, grain):
        return None
    if grain:
        key = periods.bucket_sql(grain, table.time_column, f.calendar)
        if f.calendar != calendars.DEFAULT:
            calendars.install(con)
    elif by in sources.DIM_COLUMNS:
        key = sources.DIM_COLUMNS[by]
    else:
        key = "'all'"
    where, params = where_clause(table, f, ignored, other)
    group = "" if by == "none" else "\nGROUP BY __key"  # no grouping: one row even over no rows
    if other is not None:  # by none over two periods: each row says which (compute_pair)
        clause, key_params = _period_clause(table, f)
        key, params, group = f"CASE WHEN {clause} THEN 'all' ELSE '{OTHER}' END", key_params + params, "\nGROUP BY __key"
    measures = ",\n       ".join(c for k in items for c in measure_columns(k, with_stats))
    sql = f"SELECT {key} AS __key,\n       {measures}\nFROM {table.name}\nWHERE {where}{group}"
    df = con.execute(sql, params).df()
    if with_stats:
        daily = _daily_stats(con, table, key, where, params, items)
        if daily is not None:
            df = df.join(daily, on="__key")
    return df


def _daily_stats(con, table: sources.Table, key: str, where: str, params: list,
                 items: list[registry.Kpi]) -> pd.DataFrame | None:
    """Per group, the daily statistics of daily_parts. A second statement rather than a CTE of the
    values' query: DuckDB runs the two parts one after the other either way, and the join cost more
    than the round trip it saved (measured: 10–12 ms for the two in one, 10 ms apart)."""
    parts = daily_parts(items)
    if parts is None:
        return None
    inner, outer = parts
    sql = (f"SELECT __key,\n       {outer}\nFROM (\n"
           f"SELECT {key} AS __key, CAST({table.time_column} AS DATE) AS __day,\n       {inner}\n"
           f"FROM {table.name}\nWHERE {where}\nGROUP BY __key, __day) AS daily\nGROUP BY __key")
    return con.execute(sql, params).df().set_index("__key")


def _drift_frame(con, f: Filters, by: str) -> pd.DataFrame | None:
    """evaluator_drift_pts per evaluator, from the query the Quality page shows (one definition)."""
    if by != "evaluator":
        return None
    df = queries.run(con, "quality_evaluator_drift", f)
    return df.rename(columns={"evaluator_id": "__key"})[["__key", "evaluator_drift_pts"]]


def _org_frame(con, items: list[registry.Kpi], f: Filters, by: str, notes: list[str]) -> pd.DataFrame | None:
    _org_notes(f, notes)
    if by in periods.GRAINS:
        if by in periods.SUBDAY:
            return None
        day_bucket, person_group = periods.bucket_sql(by, "d", f.calendar), "'all'"
    elif by == "site":
        day_bucket, person_group = "'all'", "site"
    elif by == "supervisor":
        day_bucket, person_group = "'all'", "team"  # a supervisor's own row is in their team
    elif by == "none":
        day_bucket, person_group = "'all'", "'all'"
    else:
        return None
    data_end = _data_end(con) or f.end
    df = queries.run(con, "org_kpis", f, parts={"day_bucket": day_bucket, "person_group": person_group},
                     data_end=data_end)
    df["__key"] = df["bucket"] if by in periods.GRAINS or by == "none" else df["grp"]
    return _org_columns(df, items)


# compute_pair's calendar for org_kpis: each day of the period 'all', of the other period OTHER, the days
# between them no bucket (their rows fall out of the query's joins). Dates arrive as bound parameters.
PAIR_BUCKET = ("CASE WHEN d BETWEEN CAST($pair_start AS DATE) AND CAST($pair_end AS DATE) THEN 'all' "
               f"WHEN d BETWEEN CAST($other_start AS DATE) AND CAST($other_end AS DATE) THEN '{OTHER}' END")


def _org_pair(con, items: list[registry.Kpi], f: Filters, g: Filters,
              notes: list[str]) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """_org_frame(f) and _org_frame(g) by 'none' (f and g not overlapping, the same scope) from one
    org_kpis statement over the days from the first period's start to the last one's end: headcounts
    run from that start, and each period's stock and flows are read over its own days."""
    data_end = _data_end(con)
    if data_end is None:  # no data: each period falls back to its own end (as _org_frame)
        return _org_frame(con, items, f, "none", notes), _org_frame(con, items, g, "none", [])
    _org_notes(f, notes)
    span = f.with_period(min(f.start, g.start), max(f.end, g.end))
    df = queries.run(con, "org_kpis", span, parts={"day_bucket": PAIR_BUCKET, "person_group": "'all'"},
                     data_end=data_end, pair_start=f.start, pair_end=f.end, other_start=g.start, other_end=g.end)
    df["__key"] = df["bucket"]
    both = _org_columns(df, items)
    return tuple(both[both["__key"] == tag].assign(__key="all") for tag in ("all", OTHER))


def _org_notes(f: Filters, notes: list[str]) -> None:
    for dim in _filter_dims(f) & set(sources.NOT_APPLICABLE["org"]):
        notes.append(sources.NOT_APPLICABLE["org"][dim])


def _data_end(con):
    return con.execute("SELECT data_end::DATE FROM stg_data_end").fetchone()[0]


def _org_columns(df: pd.DataFrame, items: list[registry.Kpi]) -> pd.DataFrame:
    """_org_frame's columns from org_kpis rows keyed by __key."""
    cols = ["__key"] + [k.id for k in items]
    for k in items:  # small numbers: an annualized rate carries its leavers and whether it is unstable
        if k.annualized:
            leavers = "voluntary_leavers" if k.id.startswith("voluntary") else "leavers"
            df[f"{k.id}__leavers"] = df[leavers]
            df[f"{k.id}__unstable"] = [k.unstable(int(n)) for n in df["n_days"]]
            # the mean daily headcount the rate divides by, so "1 leaver of 69 agents" can stand beside it
            df[f"{k.id}__agents"] = df["mean_headcount"].round(0)
            cols += [f"{k.id}__leavers", f"{k.id}__unstable", f"{k.id}__agents"]
    return df[cols]


def compute(con, f: Filters, kpi_ids: list[str] | None = None, by: str = "none",
            path: str = "auto", with_stats: bool = False, notes: list[str] | None = None) -> pd.DataFrame:
    """KPI values for filter `f` grouped by `by`; `path='detail'` forces the detail tables.

    A KPI undefined under the filter or grouping (attribution) is null throughout, and `notes` gets
    the reason once. A grouping by period has a row for every period from f.start to f.end: counts 0
    and rates/means null where a period has no rows."""
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(GROUPS)}")
    ids = list(kpi_ids) if kpi_ids else list(registry.KPIS)
    items = [registry.get(i) for i in ids]
    notes = notes if notes is not None else []
    undefined = _undefined(items, f, by, notes)
    frames = []
    for source, group in _by_source(items, undefined).items():
        if source == "org":
            frame = _org_frame(con, group, f, by, notes)
        elif source == "evaluator_drift":
            frame = _drift_frame(con, f, by)
        else:
            frame = _source_frame(con, source, group, f, by, path, with_stats, notes)
        if frame is not None:
            frames.append(frame.set_index("__key"))
    return _assemble(con, frames, f, ids, items, undefined, by)


def _undefined(items: list[registry.Kpi], f: Filters, by: str, notes: list[str]) -> set[str]:
    undefined = set()
    for k in items:
        reason = undefined_reason(k, f, by)
        if reason:
            undefined.add(k.id)
            if reason not in notes:
                notes.append(reason)
    return undefined


def _by_source(items: list[registry.Kpi], undefined: set[str]) -> dict[str, list[registry.Kpi]]:
    by_source: dict[str, list[registry.Kpi]] = {}
    for k in items:
        if k.id not in undefined:
            by_source.setdefault(k.source, []).append(k)
    return by_source


def compute_pair(con, f: Filters, g: Filters, kpi_ids: list[str] | None = None, with_stats: bool = False,
                 notes: list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(compute(con, f, ids), compute(con, g, ids)) by='none', for a period and another of the same
    scope (its comparison period): each source's values, and their daily statistics, are read in one
    statement for both periods, so a row of tiles with their changes costs one query per source and
    part, not two. The same frames as the two computes (tests/core/test_compute_pair.py)."""
    scope = ("queues", "sites", "supervisors", "agents", "calendar")
    overlap = f.start <= g.end and g.start <= f.end
    if overlap or any(getattr(f, a) != getattr(g, a) for a in scope):
        return (compute(con, f, kpi_ids, with_stats=with_stats, notes=notes),
                compute(con, g, kpi_ids, with_stats=with_stats, notes=notes))
    ids = list(kpi_ids) if kpi_ids else list(registry.KPIS)
    items = [registry.get(i) for i in ids]
    notes = notes if notes is not None else []
    undefined = _undefined(items, f, "none", notes)
    frames_f, frames_g = [], []
    for source, group in _by_source(items, undefined).items():
        if source == "org":  # org_kpis has its own calendar, labelled per period
            pair = _org_pair(con, group, f, g, notes)
        elif source == "evaluator_drift":
            continue  # by evaluator only
        else:
            both = _source_frame(con, source, group, f, "none", "auto", with_stats, notes, other=g)
            if both is None:
                continue
            pair = []
            for tag, period in (("all", f), (OTHER, g)):
                part = both[both["__key"] == tag]
                if part.empty:  # a period without rows: the ungrouped query's one row (counts 0)
                    part = _source_frame(con, source, group, period, "none", "auto", with_stats, [])
                pair.append(part.assign(__key="all"))
        for frames, frame in zip((frames_f, frames_g), pair):
            if frame is not None:
                frames.append(frame.set_index("__key"))
    return (_assemble(con, frames_f, f, ids, items, undefined, "none"),
            _assemble(con, frames_g, g, ids, items, undefined, "none"))


def _assemble(con, frames: list[pd.DataFrame], f: Filters, ids: list[str], items: list[registry.Kpi],
              undefined: set[str], by: str) -> pd.DataFrame:
    """compute()'s frame from its sources' frames (indexed by __key)."""
    key_name = "all" if by == "none" else by
    if frames:
        out = pd.concat(frames, axis=1, join="outer").sort_index()
    else:
        out = pd.DataFrame(index=pd.Index([], name="__key"))
    if by == "none":
        out = out.reindex(["all"])
    elif by in periods.GRAINS:  # the calendar frame: every period in range, with or without rows
        out = out.reindex(pd.Index(periods.labels(f.start, f.end, by, f.calendar), name="__key"))
    out = out.reset_index().rename(columns={"__key": key_name})
    for k in items:  # every requested KPI has a column even where no source could answer
        if k.id not in out.columns:
            out[k.id] = None
        elif k.kind == "count" and k.id not in undefined and by in periods.GRAINS:
            out[k.id] = out[k.id].fillna(0)  # a count over a period without rows is 0
    stat_cols = [c for c in out.columns if "__" in c]
    out = out[[key_name] + ids + stat_cols]
    if by == "none":
        out = out.drop(columns=[key_name])
    elif by in PEOPLE_GROUPS:
        names = dict(con.execute("SELECT agent_id, name FROM agents").fetchall())
        out.insert(1, f"{by}_name", out[by].map(names))
    # undefined stays None (NaN in floats); integer-valued counts stay numbers
    return out


def compute_one(con, f: Filters, kpi_ids: list[str] | None = None, **kw) -> dict:
    """One row (by='none') as a dict id → value (None where undefined)."""
    df = compute(con, f, kpi_ids, by="none", **kw)
    row = df.iloc[0].to_dict() if len(df) else {}
    if not kw.get("with_stats"):  # the KPI values only (annualized rates' leavers/unstable need compute)
        row = {k: v for k, v in row.items() if "__" not in k}
    return {k: (None if pd.isna(v) else float(v)) for k, v in row.items()}
