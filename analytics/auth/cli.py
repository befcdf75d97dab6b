"""The CLI's side of access control: `--as USER` (required whenever sign-in is on: users or oidc mode)
gives the same scope and rights as that user's app session — a supervisor's kpis and reports cover
their team only, only an admin sets targets.

A CLI run has no password (oidc has none to give): it is trusted as the operating-system user who can
read the warehouse file, which can read every row anyway. `--as` narrows what that person sees and
does to the named account's scope; the audit records both the account and the OS user
(docs/security.md)."""
from __future__ import annotations

from pathlib import Path

from analytics.auth import config, session, users
from analytics.auth.roles import role_of
from analytics.auth.scope import Scope


class AccessDenied(Exception):
    pass


def add_as_argument(parser) -> None:
    parser.add_argument("--as", dest="as_user", metavar="USER",
                        help="act as this user of the users file (required when SWITCHBOARD_AUTH is users or oidc)")


def scope_for(args, db_path: Path, needs: str | None = None) -> Scope:
    """The Scope of `--as USER`; with sign-in on (any mode but none) a missing or unknown user is refused."""
    mode = config.mode()
    name = getattr(args, "as_user", None)
    if mode == "none" and not name:
        return Scope()
    if not name:
        raise AccessDenied(f"sign-in is on (SWITCHBOARD_AUTH={mode}): say who you are with --as USER")
    user = users.load(config.users_file(db_path)).get(name)
    role = role_of(user.role) if user else None
    if user is None or role is None:
        raise AccessDenied(f"no user {name!r} with a valid role in {config.users_file(db_path)}")
    if needs == "attrition" and not role.attrition:
        raise AccessDenied(f"the role {role.name!r} cannot see attrition risk")
    if needs == "admin" and not role.admin:
        raise AccessDenied(f"the role {role.name!r} cannot do this: only an admin can")
    session.set_role(role)
    session.set_user(user.username, user.supervisor_id if role.team_scope else None)
    return Scope.for_user(user, role)
