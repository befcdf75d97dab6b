"""python -m analytics users add|remove|list: manage the users file of the `users` auth mode."""
from __future__ import annotations

import getpass
import json
import os
import sys

from analytics.core import warehouse
from analytics.auth import config, rights, users
from analytics.auth.roles import ROLES

NAME = "users"
HELP = "manage sign-in users (users mode): add, remove, list"


def add_arguments(p):
    p.add_argument("action", choices=("add", "remove", "list"))
    p.add_argument("username", nargs="?")
    p.add_argument("--role", choices=list(ROLES))
    p.add_argument("--name", help="display name")
    p.add_argument("--team", help="supervisor id whose team a supervisor-role user sees")
    p.add_argument("--email", help="e-mail for single sign-on (oidc mode)")
    p.add_argument("--password-env", metavar="VAR",
                   help="read the password from this environment variable (default: prompt)")
    p.add_argument("--format", choices=("json", "table"), default="table")


def run(args) -> int:
    path = config.users_file(warehouse.resolve_db_path(args.db))
    try:
        if args.action == "list":
            rows = [u.public() for u in users.load(path).values()]
            if args.format == "json":
                print(json.dumps(rows, ensure_ascii=False, indent=1))
            else:
                for r in rows:
                    print(f"{r['username']:<20} {r['role']:<11} {r['name']}"
                          + (f"  team {r['supervisor_id']}" if r["supervisor_id"] else ""))
                print(f"{len(rows)} user(s) in {path}")
            return 0
        if not args.username:
            print("error: give a user name", file=sys.stderr)
            return 2
        if args.action == "remove":
            if not users.remove(path, args.username):
                print(f"error: no user {args.username!r}", file=sys.stderr)
                return 2
            rights.record_write(warehouse.resolve_db_path(args.db), "user_removed", username=args.username)
            print(f"removed {args.username}")
            return 0
        if not args.role:
            print("error: --role is required for add", file=sys.stderr)
            return 2
        password = os.environ.get(args.password_env, "") if args.password_env else getpass.getpass("Password: ")
        users.add(path, args.username, password, args.role, args.name, args.team, args.email)
        rights.record_write(warehouse.resolve_db_path(args.db), "user_added", username=args.username,
                            role_given=args.role, team=args.team)
        print(f"saved {args.username} ({args.role}) in {path}")
        return 0
    except users.UsersFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
