"""python -m analytics kpis: KPI values for a period, grouped, as json, csv or a table."""
from __future__ import annotations

import json
import math
import sys
from datetime import date

import duckdb

from analytics.core import registry
from analytics.core import calendars, metrics, periods, warehouse
from analytics.auth import rights
from analytics.auth.cli import add_as_argument, scope_for
from analytics.core.filters import DIMENSIONS, Filters, default_calendar, load_catalog
from analytics import cli_text as _out
from analytics.i18n import _

NAME = "kpis"
HELP = "print KPIs for arrivals from --from to --to (both included)"


def add_arguments(p):
    p.add_argument("--from", dest="start", help="first day YYYY-MM-DD, or a period (its first day): "
                   "2026-W46, 2026-11, 2026-Q4, 2026; with --calendar persian 1405-W35, 1405-08, 1405-Q3, 1405")
    p.add_argument("--to", dest="end", help="last day YYYY-MM-DD, or a period (its last day)")
    p.add_argument("--period", help="one period instead of --from/--to, e.g. 2026-11 or (persian) 1405-08")
    p.add_argument("--calendar", choices=calendars.CALENDARS,
                   help="how --by week|month|quarter|year groups days (default: the warehouse's calendar "
                        "setting, else gregorian); persian: Saturday–Friday weeks, Jalali months, seasons")
    p.add_argument("--by", default="none", choices=metrics.GROUPS)
    p.add_argument("--kpi", help="comma-separated KPI ids (default: all)")
    for dim in ("queue", "site", "supervisor", "agent"):
        p.add_argument(f"--{dim}", action="append", default=[],
                       help=f"only this {dim} (repeatable; one the warehouse lacks is named on stderr and ignored)")
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
                notes.append(_("{kpi} is annualized over fewer than {days} days: unstable, shown with its count "
                               "of leavers ({column}) and no target status.").format(
                    kpi=k, days=registry.UNSTABLE_BELOW_DAYS, column=f"{k}_leavers"))
    df = df.rename(columns=renames)
    return df[[c for c in df.columns if "__" not in c]]


def _range(args, calendar: str) -> tuple[date, date]:
    """--period, or --from/--to, each a day or a period label in `calendar`; ValueError with the message."""
    if args.period:
        if args.start or args.end:
            raise ValueError(_("give --period or --from/--to, not both"))
        return periods.parse_period_label(args.period, calendar)
    if not (args.start and args.end):
        raise ValueError(_("give --from and --to (or --period)"))
    return periods.parse_period_label(args.start, calendar)[0], periods.parse_period_label(args.end, calendar)[1]


def _calendar(args, path) -> str:
    """--calendar; else Persian when a period is written as a Jalali one (1405-08); else the
    warehouse's calendar setting (the deployment default); else Gregorian."""
    if args.calendar:
        return args.calendar
    if any(periods.calendar_of_label(t) == "persian" for t in (args.period, args.start, args.end) if t):
        return "persian"
    try:
        with warehouse.read_connection(path) as con:
            return default_calendar(con)
    except (warehouse.WarehouseError, duckdb.Error):   # the read below reports a missing or broken file
        return calendars.DEFAULT


def run(args) -> int:
    path = warehouse.resolve_db_path(args.db)
    calendar = _calendar(args, path)
    try:
        args.start, args.end = _range(args, calendar)
    except ValueError as exc:
        _out.error(exc)
        return 2
    if args.start > args.end:
        _out.error(_("--from is after --to"))
        return 2
    try:
        ids = registry.parse_ids(args.kpi)
    except KeyError as exc:
        _out.error(exc.args[0])
        return 2
    f = Filters(start=args.start, end=args.end, grain=args.by if args.by in periods.GRAINS else "day",
                compare=args.compare or "none", queues=tuple(args.queue), sites=tuple(args.site),
                supervisors=tuple(args.supervisor), agents=tuple(args.agent), calendar=calendar)
    scope = scope_for(args, path)
    if not scope.allows_group(args.by):
        _out.error(_("your role shows center-level KPIs only (no --by {group})").format(group=args.by))
        return 2
    f, notices = scope.clamp(f)
    for n in notices:
        _out.note(_(n))
    notes: list[str] = []
    with warehouse.read_connection(path, teams=scope.teams) as con:
        # after the scope's clamp: another team's supervisor is "outside your scope", not "unknown"
        catalog = load_catalog(con)
        f = f.narrowed(**{dim: _out.known(catalog, dim, getattr(f, dim)) for dim in DIMENSIONS})
        # zeros for days the warehouse never saw would read as quiet days
        covered = catalog.days_covered(f.start, f.end)
        if not catalog.queues:  # no calls at all (the catalog's dates are then a stand-in week)
            _out.note(_("the warehouse holds no calls yet"))
        elif covered < f.days:
            _out.note(_("the period {start} – {end} has data on {covered} of its {days} days (the warehouse holds "
                        "{first} – {last})").format(start=f.start, end=f.end, covered=covered, days=f.days,
                                                    first=catalog.first_day, last=catalog.last_day))
        if args.compare:
            from analytics.core.comparison import compare_frame
            cmp = f.comparison()
            covered = catalog.days_covered(cmp.start, cmp.end)
            if covered < cmp.days:   # the app's rule: no change against days without data
                _out.note(_("the comparison period {start} – {end} has data on {covered} of its {days} days: "
                            "no change is given").format(start=cmp.start, end=cmp.end, covered=covered,
                                                         days=cmp.days))
            df = compare_frame(con, f, ids, by=args.by, notes=notes, withhold=covered < cmp.days)
        else:
            df = metrics.compute(con, f, ids, by=args.by, notes=notes)
    df = _small_numbers(df, ids, notes)
    for n in notes:  # why a KPI is undefined or flagged (translated where the catalog has it); JSON keeps its null
        _out.note(_(n))
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
        print(_out.kpi_table(df) if len(df) else _("no calls in this selection"))
    return 0
