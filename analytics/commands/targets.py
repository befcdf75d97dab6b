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
from analytics import cli_text as _out
from analytics.core import units
from analytics.i18n import N_, _

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
        if not len(df):
            print(_("nothing to show"))
        elif _out.english():
            print(df.to_string(index=False))
        else:
            print(_out.table(_localized(df)))


TARGET_HEADERS = {"kpi_id": N_("KPI"), "kpi": N_("KPI"), "scope": N_("Scope"), "queue": N_("Queue"),
                  "site": N_("Site"), "default": N_("Default"), "this_scope": N_("This scope"),
                  "in_force": N_("In force"), "from": N_("From"), "old_value": N_("Old value"),
                  "new_value": N_("New value"), "changed_by": N_("Changed by"), "changed_at": N_("Changed at"), "better": N_("Better when"),
                  "source": N_("Source")}
BETTER = (N_("lower"), N_("higher"))   # the target table's "better" words


def _localized(df):
    """The table for people in the run's language: KPI names for ids, words for headers, local digits."""
    out = df.copy()
    for c in ("old_value", "new_value"):   # the history's values in their KPI's unit
        if c in out.columns and "kpi_id" in out.columns:
            out[c] = [registry.get(i).format(v) if i in registry.KPIS and v is not None and v == v else _("no own target")
                      for i, v in zip(out["kpi_id"], out[c])]
    if "kpi_id" in out.columns:
        if "kpi" in out.columns:   # the list has the KPI's name already
            out = out.drop(columns=["kpi_id"])
        else:
            out["kpi_id"] = [registry.get(i).label if i in registry.KPIS else i for i in out["kpi_id"]]
    for c in out.columns:
        if c in ("better", "source"):   # words of the target table ("lower", "No target"), where translated
            out[c] = [_(str(v)) if v is not None and v == v else "—" for v in out[c]]
        elif c not in ("kpi_id", "kpi", "changed_by", "queue", "site", "old_value", "new_value"):
            out[c] = [units.digits(str(v)) if v is not None and v == v else "—" for v in out[c]]
    return out.rename(columns={c: _(TARGET_HEADERS[c]) for c in out.columns if c in TARGET_HEADERS})


def run(args) -> int:
    path = warehouse.resolve_db_path(args.db)
    if args.kpi and args.kpi not in registry.KPIS:
        _out.error(_("unknown KPI '{kpi}'; known: {known}").format(kpi=args.kpi, known=", ".join(targets.settable())))
        return 2
    if args.action in ("set", "reset"):
        if not args.kpi:
            _out.error(_("{action} needs --kpi ID").format(action=args.action))
            return 2
        if args.action == "set" and args.value is None:
            _out.error(_("set needs --value V"))
            return 2
        if not path.exists():
            raise warehouse.WarehouseMissing(path)
        if args.by and config.mode() != "none":
            _out.error(_("--by is for installs without sign-in; the change is recorded as the --as user"))
            return 2
        scope_for(args, path, needs="admin")  # with sign-in on: --as an admin, or refused
        change = targets.Change(args.kpi, None if args.action == "reset" else args.value, args.queue, args.site)
        try:
            written = targets.save(path, [change], _who(args))
        except targets.TargetError as exc:
            _out.error(exc)
            return 2
        k = registry.get(args.kpi)
        scope = targets.scope_label(args.queue, args.site)
        if not written:
            if args.action == "reset":
                print(_("unchanged: {kpi} for the {scope} already has no own target").format(kpi=k.label, scope=scope))
            else:
                print(_("unchanged: {kpi} for the {scope} already is {value}").format(
                    kpi=k.label, scope=scope, value=k.format(float(args.value))))
        else:
            w = written[0]
            none = _("no own target")
            print(_("{kpi} ({scope}): {old} -> {new} (by {who})").format(
                kpi=k.id if _out.english() else k.label, scope=scope,
                old=k.format(w["old_value"]) if w["old_value"] is not None else none,
                new=k.format(w["new_value"]) if w["new_value"] is not None else none, who=w["changed_by"]))
        return 0
    with warehouse.read_connection(path) as con:
        try:   # the scope's rule of `set`: a typo'd queue lists no one's targets as if they were its own
            targets.check_scope(con, targets.Change(args.kpi or "", None, args.queue, args.site))
        except targets.TargetError as exc:
            _out.error(exc)
            return 2
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
