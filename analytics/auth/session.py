"""Who the code running now acts for (an app session's script thread, or a CLI run with --as), for
checks deep in shared code — the review's attrition watchlist, the writes of actions, targets and
thresholds — that must not depend on the caller remembering to ask. Unset means a local, single-user
run with every right."""
from __future__ import annotations

import contextvars
import getpass

from analytics.auth.roles import Role

_ROLE: contextvars.ContextVar[Role | None] = contextvars.ContextVar("switchboard_session_role", default=None)
_USER: contextvars.ContextVar[tuple[str, str | None] | None] = contextvars.ContextVar(
    "switchboard_session_user", default=None)   # (user name, team of a supervisor)
_CHANNEL: contextvars.ContextVar[str] = contextvars.ContextVar("switchboard_channel", default="library")


def set_role(role: Role | None) -> None:
    _ROLE.set(role)


def set_user(username: str | None, team: str | None = None) -> None:
    _USER.set(None if username is None else (username, team))


def set_channel(channel: str) -> None:
    """"app", "cli" or "library": the audit records the operating-system user of CLI runs."""
    _CHANNEL.set(channel)


def role() -> Role | None:
    return _ROLE.get()


def username() -> str | None:
    u = _USER.get()
    return u[0] if u else None


def team() -> str | None:
    u = _USER.get()
    return u[1] if u else None


def channel() -> str:
    return _CHANNEL.get()


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def can_see_attrition() -> bool:
    role = _ROLE.get()
    return role is None or role.attrition
