"""What a user may see, applied to a Filters: a supervisor's team, a viewer's center level.

The query layer enforces the team (warehouse.read_connection(teams=…)); clamping the filter as well
keeps the view honest about it — a link that asks for more is narrowed, with a notice."""
from __future__ import annotations

from dataclasses import dataclass, replace

from analytics.auth.roles import Role
from analytics.auth.users import User
from analytics.core.filters import Filters


@dataclass(frozen=True)
class Scope:
    teams: tuple[str, ...] | None = None   # None = every team
    center_only: bool = False

    @classmethod
    def for_user(cls, user: User | None, role: Role | None) -> "Scope":
        if role is None:
            return cls()
        if role.team_scope:
            return cls(teams=(user.supervisor_id,) if user and user.supervisor_id else ())
        return cls(center_only=role.center_only)

    def clamp(self, f: Filters) -> tuple[Filters, list[str]]:
        notices = []
        if self.teams is not None:
            outside = [s for s in f.supervisors if s not in self.teams]
            if outside:
                notices.append("The link asked for other teams: you can see your own team only.")
            f = replace(f, supervisors=tuple(s for s in f.supervisors if s in self.teams) or self.teams)
        if self.center_only and (f.supervisors or f.agents):
            notices.append("Your role shows center-level KPIs only: team and agent filters were removed.")
            f = replace(f, supervisors=(), agents=())
        return f, notices

    def allows_group(self, by: str) -> bool:
        return not (self.center_only and by in ("supervisor", "agent", "evaluator"))  # people, one by one
