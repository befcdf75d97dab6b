"""python -m analytics staffing: required vs scheduled agents per queue and interval (Erlang A or C),
for past intervals or the forecast weeks after --to; mirrors the Staffing page."""
from __future__ import annotations

import json
import math
import sys
from datetime import date, timedelta

from analytics.auth.cli import add_as_argument, scope_for
from analytics.core import periods, units, warehouse
from analytics.core.filters import load_catalog
from analytics.staffing import erlang, plan, whatif
from analytics.core.numbers import as_float
from analytics import cli_text as _out
from analytics.i18n import N_, _

NAME = "staffing"
HELP = "agents required per queue and interval for a service-level target, vs scheduled (Erlang A/C)"

COLUMNS = ["interval", "queue", "source", "offered", "aht_s", "required_agents", "required_scheduled_agents",
           "scheduled_agents", "logged_in_agents", "expected_service_level_pct", "expected_asa_s",
           "expected_abandon_pct", "expected_occupancy_pct", "actual_service_level_pct",
           "modelled_service_level_pct", "patience_s"]
# decimals of each figure, in json and csv and in the table alike (the rest have two)
DECIMALS = {"required_agents": 0, "required_scheduled_agents": 0, "aht_s": 1, "expected_asa_s": 1, "patience_s": 1}
# --format table in a language other than English: the Staffing page's words for the columns
HEADERS = {"interval": N_("Interval"), "queue": N_("Queue"), "source": N_("Source"), "offered": N_("Calls"),
           "aht_s": N_("AHT s"), "required_agents": N_("Required on phones"),
           "required_scheduled_agents": N_("Required to schedule"), "scheduled_agents": N_("Scheduled"),
           "logged_in_agents": N_("Logged in"), "expected_service_level_pct": N_("Expected SL"),
           "expected_asa_s": N_("Expected ASA s"), "expected_abandon_pct": N_("Expected abandon"),
           "expected_occupancy_pct": N_("Expected occupancy"), "actual_service_level_pct": N_("Actual SL"),
           "modelled_service_level_pct": N_("Modelled SL"), "patience_s": N_("Patience s")}
SOURCES = {"actual": N_("Actual"), "forecast": N_("Forecast")}


def add_arguments(p):
    p.add_argument("--from", dest="start", required=True, type=date.fromisoformat, help="first day YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, type=date.fromisoformat, help="last day YYYY-MM-DD")
    p.add_argument("--target", default="80/20", help="service level target PCT/SECONDS (default 80/20)")
    p.add_argument("--model", default="erlang_a", choices=erlang.MODELS,
                   help="erlang_a (default: callers abandon, patience estimated from the data) or erlang_c")
    p.add_argument("--interval", type=int, default=30, choices=plan.INTERVALS, help="interval minutes")
    p.add_argument("--forecast-weeks", type=int, default=0, metavar="N",
                   help="instead of the period, the N weeks (1-6) after --to, forecast from data up to --to")
    p.add_argument("--max-occupancy", type=float, metavar="X",
                   help="also require load / X agents (X as a fraction, e.g. 0.85, or a percent)")
    p.add_argument("--shrinkage", type=float, metavar="PCT",
                   help="scheduled time not on the phones, percent (default: measured absence + 12%% aux)")
    p.add_argument("--queue", action="append", default=[],
                   help="only this queue (repeatable; one the warehouse lacks is named on stderr and ignored)")
    p.add_argument("--report", action="store_true",
                   help="instead of rows: one JSON object with the forecast backtest (weekly origins up to --to, "
                        "horizon --forecast-weeks or 1), expected-vs-actual SL R² over the period, patience")
    p.add_argument("--origins", type=int, default=12, help="backtest origins for --report (default 12)")
    p.add_argument("--format", default="json", choices=("json", "csv", "table"),
                   help="json (default), csv, or table: the same figures as columns for reading")
    add_as_argument(p)


def _num(v, column):
    f = as_float(v)
    return None if f is None or math.isinf(f) else round(f, DECIMALS.get(column, 2))


def records(ev, pats) -> list[dict]:
    out = []
    for r in ev.itertuples(index=False):
        p = pats.get(r.queue)
        rec = {
            "interval": r.interval_start.strftime("%Y-%m-%d %H:%M"),
            "queue": r.queue,
            "source": r.source,
            "offered": _num(r.offered, "offered"),
            "aht_s": _num(r.aht_s, "aht_s"),
            "required_agents": int(r.required_agents),
            "required_scheduled_agents": int(r.required_scheduled),
            "scheduled_agents": _num(r.scheduled_agents, "scheduled_agents"),
            "logged_in_agents": _num(getattr(r, "logged_in_agents", None), "logged_in_agents"),
            "expected_service_level_pct": _num(r.expected_service_level_pct, "expected_service_level_pct"),
            "expected_asa_s": _num(r.expected_asa_s, "expected_asa_s"),
            "expected_abandon_pct": _num(r.expected_abandon_pct, "expected_abandon_pct"),
            "expected_occupancy_pct": _num(r.expected_occupancy_pct, "expected_occupancy_pct"),
            "actual_service_level_pct": _num(getattr(r, "actual_service_level_pct", None), "actual_service_level_pct"),
            "modelled_service_level_pct": _num(getattr(r, "modelled_service_level_pct", None),
                                               "modelled_service_level_pct"),
            "patience_s": _num(p.patience_s, "patience_s") if p else None,
        }
        out.append(rec)
    return out


def table(recs: list[dict]) -> str:
    """The rows for reading: every figure with the decimals json gives it, "—" where there is none, in
    the language's digits; English keeps the json keys as headers (like `kpis`), others get words."""
    import pandas as pd

    def cell(column, v):
        if v is None:
            return "—"
        if column in ("interval", "queue"):
            return units.digits(v) if column == "interval" else v
        if column == "source":
            return v if _out.english() else _(SOURCES.get(v, v))
        return units.number(v, DECIMALS.get(column, 2))

    frame = pd.DataFrame([[cell(c, r[c]) for c in COLUMNS] for r in recs], columns=COLUMNS)
    if not _out.english():
        frame = frame.rename(columns={c: _(HEADERS[c]) for c in COLUMNS})
    return _out.table(frame)


def run(args) -> int:
    if args.start > args.end:
        _out.error(_("--from is after --to"))
        return 2
    if not args.forecast_weeks and (args.end - args.start).days + 1 > periods.SUBDAY_MAX_DAYS:
        _out.error(_("intervals are limited to {days} days; narrow --from/--to").format(days=periods.SUBDAY_MAX_DAYS))
        return 2
    if not 0 <= args.forecast_weeks <= 6:
        _out.error(_("--forecast-weeks must be between 1 and 6"))
        return 2
    try:
        pct, secs = whatif.parse_target(args.target)
    except ValueError as exc:
        _out.error(exc)
        return 2
    occ = args.max_occupancy
    if occ is not None:
        occ = occ / 100.0 if occ > 1 else occ
        if not 0 < occ <= 1:
            _out.error(_("--max-occupancy must be a fraction in (0, 1] or a percent"))
            return 2
    if args.shrinkage is not None and not 0 <= args.shrinkage < 95:
        _out.error(_("--shrinkage is a percent between 0 and 95"))
        return 2
    path = warehouse.resolve_db_path(args.db)
    scope = scope_for(args, path)
    if args.report:
        from analytics.staffing import report
        with warehouse.read_connection(path, teams=scope.teams) as con:
            queues = _out.known(load_catalog(con), "queues", args.queue)
            res = report.center(con, args.start, args.end, args.model, max(1, args.origins),
                                max(1, args.forecast_weeks), args.interval, queues)
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    with warehouse.read_connection(path, teams=scope.teams) as con:
        queues = _out.known(load_catalog(con), "queues", args.queue)
        p = plan.build(con, args.start, args.end, args.interval, secs, queues, args.forecast_weeks)
    for n in p.notes:
        _out.note(_(n))
    sc = whatif.Scenario(target_pct=pct, target_s=secs, shrinkage_pct=args.shrinkage)
    ev = whatif.evaluate(p.frame, p.patience, sc, args.model, args.interval, p.measured_shrinkage, occ,
                         measured_aux_pct=p.measured_aux_pct)
    recs = records(ev, p.patience)
    if args.format == "json":
        json.dump(recs, sys.stdout, ensure_ascii=False, indent=1)
        print()
    elif args.format == "table":
        print(table(recs) if recs else _("no calls in this selection"))
    else:
        import csv
        w = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(recs)
    return 0
