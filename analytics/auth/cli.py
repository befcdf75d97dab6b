"""The CLI's side of access control: `--as USER` (required when users mode is on) gives the same
scope as that user's app session — a supervisor's kpis and reports cover their team only."""
from __future__ import annotations

from pathlib import Path

from analytics.auth import config, session, users
from analytics.auth.roles import role_of
from analytics.auth.scope import Scope


class AccessDenied(Exception):
    pass


def add_as_argument(parser) -> None:
    parser.add_argument("--as", dest="as_user", metavar="USER",
                        help="act as this user of the users file (required when SWITCHBOARD_AUTH=users)")


def scope_for(args, db_path: Path, needs: str | None = None) -> Scope:
    """The Scope of `--as USER`; in users mode a missing or unknown user is refused."""
    if config.mode() != "users" and not getattr(args, "as_user", None):
        return Scope()
    name = getattr(args, "as_user", None)
    if not name:
        raise AccessDenied("users mode is on: say who you are with --as USER")
    user = users.load(config.users_file(db_path)).get(name)
    role = role_of(user.role) if user else None
    if user is None or role is None:
        raise AccessDenied(f"no user {name!r} with a valid role in {config.users_file(db_path)}")
    if needs == "attrition" and not role.attrition:
        raise AccessDenied(f"the role {role.name!r} cannot see attrition risk")
    session.set_role(role)
    return Scope.for_user(user, role)
