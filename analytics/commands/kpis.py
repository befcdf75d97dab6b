"""python -m analytics kpis: KPI values for a period, grouped, as json, csv or a table."""
from __future__ import annotations

import json
import math
import sys
from datetime import date

from analytics.core import registry
from analytics.core import metrics, periods, warehouse
from analytics.auth import rights
from analytics.auth.cli import add_as_argument, scope_for
from analytics.core.filters import Filters

NAME = "kpis"
HELP = "print KPIs for arrivals from --from to --to (both included)"


def add_arguments(p):
    p.add_argument("--from", dest="start", required=True, type=date.fromisoformat, help="first day YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, type=date.fromisoformat, help="last day YYYY-MM-DD")
    p.add_argument("--by", default="none", choices=metrics.GROUPS)
    p.add_argument("--kpi", help="comma-separated KPI ids (default: all)")
    for dim in ("queue", "site", "supervisor", "agent"):
        p.add_argument(f"--{dim}", action="append", default=[], help=f"only this {dim} (repeatable)")
    p.add_argument("--compare", choices=("previous", "last_year"),
                   help="add <id>_prev, <id>_delta and <id>_delta_significant")
    p.add_argument("--format", default="table", choices=("json", "csv", "table"))
    add_as_argument(p)


def _clean(v):
    if v is None:
        return None
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):  # NaN and ±Infinity are not JSON: null
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return v
    return v


def _small_numbers(df, ids: list[str], notes: list[str]):
    """Annualized rates carry `<id>_leavers` and `<id>_unstable` (the KPI contract, small numbers)."""
    renames = {}
    for k in ids:
        if f"{k}__unstable" in df.columns:
            renames[f"{k}__leavers"], renames[f"{k}__unstable"] = f"{k}_leavers", f"{k}_unstable"
            if df[f"{k}__unstable"].fillna(False).astype(bool).any():
                notes.append(f"{k} is annualized over fewer than {registry.UNSTABLE_BELOW_DAYS} days: "
                             f"unstable, shown with its count of leavers ({k}_leavers) and no target status.")
    df = df.rename(columns=renames)
    return df[[c for c in df.columns if "__" not in c]]


def run(args) -> int:
    if args.start > args.end:
        print("error: --from is after --to", file=sys.stderr)
        return 2
    try:
        ids = registry.parse_ids(args.kpi)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    f = Filters(start=args.start, end=args.end, grain=args.by if args.by in periods.GRAINS else "day",
                compare=args.compare or "none", queues=tuple(args.queue), sites=tuple(args.site),
                supervisors=tuple(args.supervisor), agents=tuple(args.agent))
    path = warehouse.resolve_db_path(args.db)
    scope = scope_for(args, path)
    if not scope.allows_group(args.by):
        print(f"error: your role shows center-level KPIs only (no --by {args.by})", file=sys.stderr)
        return 2
    f, notices = scope.clamp(f)
    for n in notices:
        print(f"note: {n}", file=sys.stderr)
    notes: list[str] = []
    with warehouse.read_connection(path, teams=scope.teams) as con:
        if args.compare:
            from analytics.core.comparison import compare_frame
            df = compare_frame(con, f, ids, by=args.by, notes=notes)
        else:
            df = metrics.compute(con, f, ids, by=args.by, notes=notes)
    df = _small_numbers(df, ids, notes)
    for n in notes:  # why a KPI is undefined or flagged; the JSON keeps its null
        print(f"note: {n}", file=sys.stderr)
    records = [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
    rights.record_write(path, "kpis_exported", start=args.start, end=args.end, by=args.by, format=args.format)
    if args.format == "json":
        # the KPI contract: an array of objects, one per group; `--by none` prints one object
        payload = (records[0] if records else {}) if args.by == "none" else records
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1, default=str, allow_nan=False)
        print()
    elif args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    else:
        shown = df.copy()
        for k in ids:
            shown[k] = [registry.get(k).format(v) for v in df[k]]
        print(shown.to_string(index=False) if len(shown) else "no calls in this selection")
    return 0
