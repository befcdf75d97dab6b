"""Who may write what, checked in the layer that writes (not only in the form that asks), and the
audit record of every write.

| write | admin | manager | supervisor | analyst, viewer |
|---|---|---|---|---|
| KPI targets, thresholds | yes | no | no | no |
| review actions (add, tick done) | any team or the whole center | any team or the whole center | own team only | no |

The actor is the session's (analytics/auth/session.py): the signed-in user in the app, `--as USER` in
the CLI. Unset is a local single-user run (auth mode `none`), which has every right.
"""
from __future__ import annotations

from pathlib import Path

from analytics.auth import audit, config, session


class WriteDenied(PermissionError):
    """The acting user's role may not make this change; the message says why."""


def _who() -> str:
    role = session.role()
    return f"{session.username() or 'this account'} ({role.name})" if role else "this account"


def require_admin(what: str) -> None:
    role = session.role()
    if role is not None and not role.admin:
        raise WriteDenied(f"{_who()} cannot change {what}: only an admin can.")


def action_team(team: str | None) -> str | None:
    """The team a new action is saved under: a supervisor's own (whatever was asked), anyone else's
    choice (None = the whole center); WriteDenied for roles that may not write actions."""
    role = session.role()
    if role is None:
        return team
    if role.write_actions == "all":
        return team
    if role.write_actions == "team":
        own = session.team()
        if not own:
            raise WriteDenied(f"{_who()} has no team: ask an admin to set it before saving actions.")
        if team not in (None, own):
            raise WriteDenied(f"{_who()} can save actions for their own team ({own}) only.")
        return own
    raise WriteDenied(f"{_who()} cannot save review actions: the role is read only.")


def require_action_change(action_team_id: str | None) -> None:
    """May the actor tick done an existing action that belongs to `action_team_id`?"""
    role = session.role()
    if role is None or role.write_actions == "all":
        return
    if role.write_actions == "team" and session.team() and action_team_id == session.team():
        return
    raise WriteDenied(f"{_who()} cannot change this action: "
                      + ("it belongs to another team." if role.write_actions == "team" else "the role is read only."))


def record_write(db_path: Path, event: str, **details) -> None:
    """One audit line per write or CLI export: who (account, role), through what, and — for a CLI run —
    the operating-system user, the only identity a CLI run really has (docs/security.md)."""
    role = session.role()
    extra = {"role": role.name if role else None, "via": session.channel()}
    if session.channel() == "cli":
        extra["os_user"] = session.os_user()
    audit.record(config.audit_file(Path(db_path)), event, session.username(), **extra, **details)
