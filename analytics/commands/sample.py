"""`python -m analytics sample`: build a realistic sample contact-center warehouse."""
from __future__ import annotations

import datetime as dt

from analytics.core import warehouse

NAME = "sample"
HELP = "replace the warehouse with a generated sample contact center (small, medium or large)"


def add_arguments(parser):
    from analytics.sample.presets import PRESETS

    parser.add_argument("--preset", choices=list(PRESETS), default="small", help="size of the center")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed -> same data)")
    parser.add_argument("--end", help="first day after the data, YYYY-MM-DD (default 2026-11-22)")
    parser.add_argument("--months", type=int, help="override the preset's number of months")
    parser.add_argument("--agents", type=int, help="override the preset's number of agent seats")


def run(args) -> int:
    from analytics.sample import generate

    end = None
    if args.end:
        try:
            end = dt.date.fromisoformat(args.end)
        except ValueError:
            print(f"error: --end {args.end!r} is not a date in YYYY-MM-DD form")
            return 2
    path = warehouse.resolve_db_path(args.db)
    try:
        stats = generate(path, preset=args.preset, seed=args.seed, end=end, progress=True,
                         months=args.months, agents=args.agents)
    except ValueError as exc:
        print(f"error: {exc}")
        return 2
    rows = ", ".join(f"{t} {n:,}" for t, n in stats["rows"].items())
    print(f"sample warehouse ready: {path} ({stats['preset']}, {stats['start']} to {stats['end']}, "
          f"{stats['seconds']} s, {stats['bytes'] / 1e6:.1f} MB)\n  {rows}")
    if stats.get("marts") != "ok":
        print(f"warning: marts were not refreshed: {stats['marts']}")
    return 0
