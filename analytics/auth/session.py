"""The role of the code running now (an app session's script thread, or a CLI run with --as), for
checks deep in shared code — e.g. the review's attrition watchlist — that must not depend on the
caller remembering to ask. Unset means a local, single-user run with every right."""
from __future__ import annotations

import contextvars

from analytics.auth.roles import Role

_ROLE: contextvars.ContextVar[Role | None] = contextvars.ContextVar("switchboard_session_role", default=None)


def set_role(role: Role | None) -> None:
    _ROLE.set(role)


def can_see_attrition() -> bool:
    role = _ROLE.get()
    return role is None or role.attrition
