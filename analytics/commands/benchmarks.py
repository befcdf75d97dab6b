"""`python -m analytics benchmarks`: the published industry benchmark figures, with their sources."""
from __future__ import annotations

import json
import math
import sys

from analytics.benchmarks import library as benchmarks
from analytics import cli_text as _out
from analytics.core import registry, units
from analytics.i18n import _

import pandas as pd

NAME = "benchmarks"
HELP = "list published industry benchmark figures for the KPIs, with their sources"

OUTPUT_COLUMNS = ("kpi_id", "source", "year", "value", "low", "high", "percentile", "industry", "segment",
                  "channel", "region", "publisher", "title", "url", "note")


def add_arguments(parser):
    parser.add_argument("--kpi", metavar="ID", help="only this KPI id (e.g. fcr_pct)")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table",
                        help="output format (default: table)")


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if value == "":
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def _figure(row) -> str:
    def num(x):
        return f"{x:g}"
    if row["value"] is not None and not (isinstance(row["value"], float) and math.isnan(row["value"])):
        return num(row["value"])
    low, high = row["low"], row["high"]
    low = None if isinstance(low, float) and math.isnan(low) else low
    high = None if isinstance(high, float) and math.isnan(high) else high
    if low is not None and high is not None:
        return f"{num(low)}–{num(high)}"
    return f"≥ {num(low)}" if low is not None else f"≤ {num(high)}"


def run(args) -> int:
    try:
        frame = benchmarks.list_benchmarks(args.kpi)
    except benchmarks.BenchmarkDataError as exc:
        _out.error(exc)
        return 1
    except ValueError as exc:
        _out.error(exc)
        return 2
    frame = frame[list(OUTPUT_COLUMNS)]
    if args.format == "json":
        records = [{k: _clean(v) for k, v in rec.items()} for rec in frame.to_dict(orient="records")]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    else:
        if frame.empty:
            print(_("no published benchmark for {kpi}").format(kpi=args.kpi) if args.kpi else _("no benchmarks"))
            return 0
        rows = [(r["kpi_id"], _figure(r), str(r["year"]), r["source"]) for _r, r in frame.iterrows()]
        if not _out.english():   # KPI names and the language's digits; the sources are titles, kept as published
            rows = [(registry.get(k).label if k in registry.KPIS else k, units.digits(f), units.digits(y), s)
                    for k, f, y, s in rows]
            print(_out.table(pd.DataFrame(rows, columns=[_("KPI"), _("Figure"), _("Year"), _("Source")])))
            return 0
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(("kpi_id", "figure", "year"))]
        print(f"{'kpi_id':<{widths[0]}}  {'figure':<{widths[1]}}  {'year':<{widths[2]}}  source")
        for r in rows:
            print(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}")
    return 0
