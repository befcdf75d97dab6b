"""python -m analytics holidays list|add|remove: the holiday calendar the staffing forecast uses."""
from __future__ import annotations

import json
import sys
from datetime import date

from analytics.core import warehouse

NAME = "holidays"
HELP = "list, add or remove days the staffing forecast treats as holidays (per queue or for all)"


def add_arguments(p):
    p.add_argument("action", choices=("list", "add", "remove"))
    p.add_argument("--date", type=date.fromisoformat, help="the day, YYYY-MM-DD (add/remove)")
    p.add_argument("--queue", help="only this queue (default: every queue)")
    p.add_argument("--name", default="Holiday", help="what the day is (add)")
    p.add_argument("--format", default="table", choices=("table", "json", "csv"))


def run(args) -> int:
    path = warehouse.resolve_db_path(args.db)
    if args.action in ("add", "remove"):
        if args.date is None:
            print(f"error: {args.action} needs --date YYYY-MM-DD", file=sys.stderr)
            return 2
        if not path.exists():
            raise warehouse.WarehouseMissing(path)
        with warehouse.write_connection(path) as con:
            warehouse.build_schema(con)  # an older warehouse gains the table
            with warehouse.transaction(con):
                con.execute("DELETE FROM holidays WHERE date = ? AND queue IS NOT DISTINCT FROM ?",
                            [args.date, args.queue])
                if args.action == "add":
                    con.execute("INSERT INTO holidays VALUES (?, ?, ?)", [args.date, args.queue, args.name])
        print(f"{'added' if args.action == 'add' else 'removed'} {args.date} ({args.queue or 'every queue'})")
        return 0
    with warehouse.read_connection(path) as con:
        try:
            df = con.execute("SELECT strftime(date, '%Y-%m-%d') AS date, queue, name FROM holidays ORDER BY date, queue").df()
        except Exception:
            df = None
    if df is None or df.empty:
        print("[]" if args.format == "json" else "no holidays")
        return 0
    if args.format == "json":
        recs = [{k: (None if v is None or v != v else v) for k, v in r.items()} for r in df.to_dict("records")]
        print(json.dumps(recs, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    else:
        print(df.fillna("(every queue)").to_string(index=False))
    return 0
