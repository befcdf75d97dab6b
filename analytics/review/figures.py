"""The review's numbers in a handful of queries: one pass per KPI source (sql/queries/review_figures.sql)
gives the period, the one before and last year's totals, the per-queue and weekday × block splits of the
highlights, the trend and the team/agent rankings — the frames metrics.compute would give one question
at a time (same tables, as sources.py picks them; same registry expressions; same shapes), so the
review's ranking, decomposition and tables are unchanged. tests/review/test_review_figures.py holds
every frame equal to metrics.compute's."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics.core import metrics, periods, queries, registry, sources
from analytics.core.filters import Filters
from analytics.review.highlights import BLOCK_H
from analytics.review.period import ReviewPeriod

TAGS = ("cur", "prev", "ly")
# the groupings of review_figures.sql, and the compute() grouping each stands for
KEYS = {"queue": "queue", "block": None, "trend": None, "supervisor": "supervisor", "agent": "agent"}


@dataclass
class Figures:
    totals: dict                      # tag → one metrics.compute row (with stats) as a dict
    by_queue: dict                    # tag → frame as metrics.compute(by="queue", with_stats=True)
    by_block: dict                    # tag → frame: weekday (0 = Mon), block (start hour), stats
    trend: pd.DataFrame               # the period by the trend grain (metrics.compute(by=grain))
    teams: pd.DataFrame | None = None   # metrics.compute(by="supervisor", with_stats=True) of rank_by
    agents: pd.DataFrame | None = None  # metrics.compute(by="agent", with_stats=True) of rank_by
    queries: int = 0
    notes: list = field(default_factory=list)


def _daily_parts(items: list[registry.Kpi]) -> tuple[str, str]:
    """metrics.daily_parts, or a placeholder column when no KPI has statistics."""
    return metrics.daily_parts(items) or ("NULL AS __nothing", "NULL AS __nothing")


def _run(con, table: sources.Table, items: list[registry.Kpi], spans: dict[str, ReviewPeriod], grain: str,
         *, queue: bool, blocks: bool, trend: bool, people: bool) -> pd.DataFrame:
    t = f"t.{table.time_column}"
    has = table.dims

    def key(on: bool, expr: str) -> str:
        return expr if on else "NULL"

    inner, outer = _daily_parts(items)
    parts = {
        "table": table.name, "time": table.time_column,
        "queue": key(queue and "queue" in has, "t.queue"),
        "weekday": key(blocks and not table.time_is_date, f"isodow({t}) - 1"),
        "block": key(blocks and not table.time_is_date, f"(hour({t}) // {BLOCK_H}) * {BLOCK_H}"),
        "bucket": key(trend, periods.bucket_sql(grain, t, spans["cur"].calendar)),
        "supervisor": key(people and "supervisor" in has, "t.supervisor_id"),
        "agent": key(people and "agent" in has, "t.agent_id"),
        "measures": ",\n        ".join(c for k in items for c in metrics.measure_columns(k, True)),
        "daily_inner": inner, "daily_outer": outer,
    }
    params = {f"{tag}_{side}": getattr(spans[tag], side) for tag in TAGS for side in ("start", "end")}
    return queries.run(con, "review_figures", parts=parts, **params)


def _split(raw: pd.DataFrame) -> dict:
    """(grouping, period) → its rows of the query's result, the rows of a key the table lacks dropped."""
    key_of = {"queue": ["queue"], "block": ["weekday", "block"], "trend": ["bucket"],
              "supervisor": ["supervisor"], "agent": ["agent"], "total": []}
    out = {}
    for (grouping, tag), df in raw.groupby(["grouping", "period"], sort=False):
        keys = key_of[grouping]
        out[(grouping, tag)] = df.dropna(subset=keys, how="any") if keys else df
    return out


def _frame(parts: dict, grouping: str, tag: str, key_cols: list[str], out_keys: list[str],
           items: list[registry.Kpi]) -> pd.DataFrame:
    """The rows of one grouping and period, keyed like metrics.compute's frame."""
    df = parts.get((grouping, tag))
    ids = {k.id for k in items}
    if df is None or df.empty or not ids:
        return pd.DataFrame()
    stat_cols = [c for c in df.columns if "__" in c and c.split("__")[0] in ids
                 and not c.endswith(("__days", "__q"))]
    cols = [k.id for k in items] + stat_cols
    out = df[key_cols + cols].rename(columns=dict(zip(key_cols, out_keys)))
    return out.set_index(out_keys)


def gather(con, spans: dict[str, ReviewPeriod], ids: list[str], seg_ids: list[str], trend_ids: list[str],
           grain: str, rank_by: str | None = None) -> Figures:
    """The review's figures for the periods `spans` (tags cur, prev, ly): totals of `ids` with stats,
    queue and weekday × block splits of `seg_ids` (cur and prev), the trend of `trend_ids` over cur,
    and rank_by by supervisor and agent over cur. Periods of one kind are equal or disjoint: an equal
    period (a year's previous year is last year) is read once and shared."""
    spans = dict(spans)
    same_as_prev = spans["ly"] == spans["prev"]
    if same_as_prev:  # the query's CASE tags such rows 'prev'; ly then reads the prev rows
        spans["ly"] = spans["prev"]
    cur_f = Filters(start=spans["cur"].start, end=spans["cur"].end, preset="custom", grain=grain,
                    compare="none", calendar=spans["cur"].calendar)
    wanted = list(dict.fromkeys([*ids, *seg_ids, *trend_ids, *([rank_by] if rank_by else [])]))
    items = [registry.get(i) for i in wanted]
    by_source: dict[str, list[registry.Kpi]] = {}
    for k in items:
        by_source.setdefault(k.source, []).append(k)
    totals = {tag: {} for tag in TAGS}
    q_frames = {tag: [] for tag in TAGS}
    b_frames = {tag: [] for tag in TAGS}
    t_frames, team_frames, agent_frames = [], [], []
    n_queries = 0
    for source, group in by_source.items():
        if source not in sources.SOURCES:  # org and drift KPIs: the review shows none of them
            raise ValueError(f"the review's figures do not cover {source} KPIs ({', '.join(k.id for k in group)})")
        table = sources.choose(source, set(), None)
        rank_here = bool(rank_by) and registry.get(rank_by).source == source
        people_table = sources.choose(source, {"supervisor", "agent"}, None) if rank_here else None
        together = people_table is not None and people_table.name == table.name
        raw = _run(con, table, group, spans, grain, queue=True, blocks=True, trend=True, people=together)
        parts = _split(raw)
        n_queries += 1
        if people_table is not None and not together:
            people_parts = _split(_run(con, people_table, [registry.get(rank_by)], spans, grain,
                                       queue=False, blocks=False, trend=False, people=True))
            n_queries += 1
        else:
            people_parts = parts
        for tag in TAGS:
            src_tag = "prev" if (tag == "ly" and same_as_prev) else tag
            row = parts.get(("total", src_tag))
            if row is not None and len(row):
                rec = row.iloc[0].to_dict()
            else:  # no rows in the period: what compute(by="none") gives over nothing
                rec = {}
            for k in group:
                for col in [k.id] + [c for c in raw.columns if c.startswith(f"{k.id}__")]:
                    v = rec.get(col)
                    totals[tag][col] = (0 if (k.kind == "count" and col == k.id and v is None) else v)
            q_frames[tag].append(_frame(parts, "queue", src_tag, ["queue"], ["queue"], group))
            b_frames[tag].append(_frame(parts, "block", src_tag, ["weekday", "block"], ["weekday", "block"],
                                        group))
        t_frames.append(_frame(parts, "trend", "cur", ["bucket"], [grain],
                               [k for k in group if k.id in trend_ids]))
        if rank_here:
            k = [registry.get(rank_by)]
            team_frames.append(_frame(people_parts, "supervisor", "cur", ["supervisor"], ["supervisor"], k))
            agent_frames.append(_frame(people_parts, "agent", "cur", ["agent"], ["agent"], k))
    return Figures(
        totals={tag: _clean(totals[tag], items) for tag in TAGS},
        by_queue={tag: _joined(q_frames[tag], ["queue"], seg_ids) for tag in TAGS},
        by_block={tag: _calendar_blocks(_joined(b_frames[tag], ["weekday", "block"], seg_ids), seg_ids)
                  for tag in TAGS},
        trend=_trend(t_frames, cur_f, grain, trend_ids),
        teams=_people(con, team_frames, "supervisor", rank_by) if rank_by else None,
        agents=_people(con, agent_frames, "agent", rank_by) if rank_by else None,
        queries=n_queries,
    )


def _clean(row: dict, items: list[registry.Kpi]) -> dict:
    """NaN and None alike as compute's row gives them (None stays None for the undefined)."""
    return {k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in row.items()}


def _joined(frames: list[pd.DataFrame], keys: list[str], ids: list[str]) -> pd.DataFrame:
    """Sources side by side on the key (an outer join, as compute's), sorted by key; every KPI of `ids`
    has its columns (and its stats columns) even where a period had no rows, as compute's frame has."""
    frames = [f for f in frames if len(f.columns)]
    if len(frames) > 1:
        out = pd.concat(frames, axis=1, join="outer").sort_index()
    elif frames:
        out = frames[0].sort_index()
    else:
        out = pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=keys) if len(keys) > 1
                           else pd.Index([], name=keys[0]))
    cols = []
    for kid in ids:
        k = registry.get(kid)
        cols.append(kid)
        if k.has_stats:
            cols += [f"{kid}__num", f"{kid}__den"] + ([f"{kid}__sumsq"] if k.sumsq else [])
    for c in cols:
        if c not in out.columns:
            out[c] = float("nan")
    return out[cols].reset_index()


def _calendar_blocks(df: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """Every weekday × block cell (a review period covers every weekday), counts 0 where no rows: what
    compute(by="hour")'s calendar frame, grouped into blocks, gives — so a period without calls still
    lets a count's change be placed."""
    cells = pd.MultiIndex.from_product([range(7), range(0, 24, BLOCK_H)], names=["weekday", "block"])
    out = df.set_index(["weekday", "block"]).reindex(cells)
    for kid in ids:
        if registry.get(kid).kind == "count":
            out[kid] = out[kid].fillna(0)
    return out.reset_index()


def _trend(frames: list[pd.DataFrame], f, grain: str, ids: list[str]) -> pd.DataFrame:
    """metrics.compute(f, ids, by=grain): every period label of the range, counts 0 where no rows."""
    frames = [x for x in frames if len(x.columns)]
    out = pd.concat(frames, axis=1, join="outer") if frames else pd.DataFrame(index=pd.Index([], name=grain))
    out = out.reindex(pd.Index(periods.labels(f.start, f.end, grain, f.calendar), name=grain))
    for kid in ids:
        k = registry.get(kid)
        if kid not in out.columns:
            out[kid] = None
        elif k.kind == "count":
            out[kid] = out[kid].fillna(0)
    return out[list(ids)].reset_index()


def _people(con, frames: list[pd.DataFrame], key: str, rank_by: str) -> pd.DataFrame:
    frames = [x for x in frames if len(x.columns)]
    if not frames:
        return pd.DataFrame(columns=[key, f"{key}_name", rank_by])
    out = frames[0].sort_index().reset_index()
    names = dict(con.execute("SELECT agent_id, name FROM agents").fetchall())
    out.insert(1, f"{key}_name", out[key].map(names))
    return out
