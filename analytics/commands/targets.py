"""`python -m analytics targets list|set|reset|history`: KPI targets in the warehouse, with who changed
them and when. A target may be for the whole center, one --queue, one --site, or both."""
from __future__ import annotations

import getpass
import json
import sys

from analytics.core import registry
from analytics.auth import config, session
from analytics.auth.cli import add_as_argument, scope_for
from analytics.core import targets, warehouse

NAME = "targets"
HELP = "list or set KPI targets (per center, queue or site) and show their change history"


def add_arguments(p):
    p.add_argument("action", choices=("list", "set", "reset", "history"),
                   help="list: targets in force; set: store one; reset: remove a scope's own target "
                        "(it falls back to the wider scope or the default); history: every change")
    p.add_argument("--kpi", metavar="ID", help="KPI id, e.g. service_level_pct (required for set/reset)")
    p.add_argument("--value", help="the target value in the KPI's unit (percent for rates, seconds for times)")
    p.add_argument("--queue", help="scope: one queue")
    p.add_argument("--site", help="scope: one site")
    p.add_argument("--by", help="who is making the change (default: your login name); only without sign-in — "
                                "with SWITCHBOARD_AUTH users or oidc the change is recorded as --as USER")
    p.add_argument("--format", default="table", choices=("table", "json", "csv"))
    add_as_argument(p)


def _who(args) -> str:
    if session.username():  # sign-in is on: the --as account, and the OS user who ran the command
        return f"{session.username()} (os user {session.os_user()})"
    if args.by:
        return args.by
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "cli"


def _print(df, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(json.loads(df.to_json(orient="records", date_format="iso")), ensure_ascii=False, indent=1))
    elif fmt == "csv":
        sys.stdout.write(df.to_csv(index=False, lineterminator="\n"))
    else:
        print(df.to_string(index=False) if len(df) else "nothing to show")


def run(args) -> int:
    path = warehouse.resolve_db_path(args.db)
    if args.kpi and args.kpi not in registry.KPIS:
        print(f"error: unknown KPI '{args.kpi}'; known: {', '.join(targets.settable())}", file=sys.stderr)
        return 2
    if args.action in ("set", "reset"):
        if not args.kpi:
            print(f"error: {args.action} needs --kpi ID", file=sys.stderr)
            return 2
        if args.action == "set" and args.value is None:
            print("error: set needs --value V", file=sys.stderr)
            return 2
        if not path.exists():
            raise warehouse.WarehouseMissing(path)
        if args.by and config.mode() != "none":
            print("error: --by is for installs without sign-in; the change is recorded as the --as user",
                  file=sys.stderr)
            return 2
        scope_for(args, path, needs="admin")  # with sign-in on: --as an admin, or refused
        change = targets.Change(args.kpi, None if args.action == "reset" else args.value, args.queue, args.site)
        try:
            written = targets.save(path, [change], _who(args))
        except targets.TargetError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        k = registry.get(args.kpi)
        scope = targets.scope_label(args.queue, args.site)
        if not written:
            print(f"unchanged: {k.label} for the {scope} already {'has no own target' if args.action == 'reset' else 'is ' + k.format(float(args.value))}")
        else:
            w = written[0]
            print(f"{k.id} ({scope}): {k.format(w['old_value']) if w['old_value'] is not None else 'no own target'}"
                  f" -> {k.format(w['new_value']) if w['new_value'] is not None else 'no own target'}"
                  f" (by {w['changed_by']})")
        return 0
    with warehouse.read_connection(path) as con:
        if args.action == "history":
            df = targets.history(con, args.kpi)
        else:
            df = targets.table(con, args.queue or None, args.site or None)
            if args.kpi:
                df = df[df["kpi_id"] == args.kpi]
            if args.format == "table":
                df = df.assign(**{c: [registry.get(i).format(v) for i, v in zip(df["kpi_id"], df[c])]
                                  for c in ("default", "this_scope", "in_force")}).drop(columns=["unit"])
    _print(df, args.format)
    return 0
