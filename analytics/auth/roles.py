"""Roles and what each may do. The page list is by url_path (analytics/ui/navigation.py)."""
from __future__ import annotations

from dataclasses import dataclass

ALL_PAGES = frozenset({"overview", "trends", "service", "quality", "customer", "benchmarks", "agents",
                       "organization", "attrition", "review", "data", "settings", "staffing"})
CENTER_PAGES = frozenset({"overview", "trends", "service", "customer", "benchmarks"})


@dataclass(frozen=True)
class Role:
    name: str
    description: str
    pages: frozenset[str]
    admin: bool = False            # settings, targets, imports
    attrition: bool = False        # the HR-sensitive attrition risk and its exports
    team_scope: bool = False       # rows limited to the user's own team (query layer)
    center_only: bool = False      # no breakdown by team or agent
    # review actions (meeting notes): "all" = any team or the whole center, "team" = own team only
    write_actions: str | None = None


ROLES = {
    "admin": Role("admin", "Everything, including settings, targets and imports.", ALL_PAGES,
                  admin=True, attrition=True, write_actions="all"),
    "manager": Role("manager", "Reads everything, including attrition risk; writes review actions.",
                    ALL_PAGES - {"data", "settings"}, attrition=True, write_actions="all"),
    "analyst": Role("analyst", "All data; no administration, no attrition risk.",
                    ALL_PAGES - {"data", "settings", "attrition"}),
    "supervisor": Role("supervisor", "Only their own team's agents, calls and review actions.",
                       # staffing needs a queue's abandoned calls, which belong to no team
                       ALL_PAGES - {"data", "settings", "attrition", "staffing"}, team_scope=True,
                       write_actions="team"),
    "viewer": Role("viewer", "Center-level KPIs only.", CENTER_PAGES, center_only=True),
}


def role_of(name: str | None) -> Role | None:
    return ROLES.get(name or "")


def can_open(role: Role | None, page: str) -> bool:
    return role is not None and page in role.pages
