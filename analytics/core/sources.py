"""Where each KPI source's numbers come from, and which table answers a given question fastest.

A source has candidate tables from smallest to largest. A table can answer when it has every
dimension the question filters or groups by and a time column fine enough for the grain; the first
such table wins. All candidates of a source carry the same `m_` measures, so the answer is the same.
"""
from __future__ import annotations

from dataclasses import dataclass

from analytics.core import periods
from analytics.i18n import N_

# filter/group dimension → column name in the marts
DIM_COLUMNS = {"queue": "queue", "site": "site", "supervisor": "supervisor_id", "agent": "agent_id",
               "evaluator": "evaluator_id"}
FILTER_DIMS = {"queues": "queue", "sites": "site", "supervisors": "supervisor", "agents": "agent"}


@dataclass(frozen=True)
class Table:
    name: str
    time_column: str
    time_is_date: bool
    dims: frozenset[str]

    def can_answer(self, dims: set[str], grain: str | None, detail_only: bool = False) -> bool:
        if detail_only and not self.name.startswith("fct_"):
            return False
        if grain in periods.SUBDAY and self.time_is_date:
            return False
        if grain in periods.SUBDAY and grain != "hour" and self.name.startswith("agg_"):
            return False  # the hourly rollup cannot split an hour into intervals
        return dims <= self.dims


_ALL = frozenset({"queue", "site", "supervisor", "agent"})
_CALLS_DETAIL = Table("fct_calls", "arrived_at", False, _ALL)

SOURCES: dict[str, tuple[Table, ...]] = {
    "calls": (
        Table("agg_calls_queue_hourly", "arrived_hour", False, frozenset({"queue"})),
        Table("agg_calls_agent_daily", "call_date", True, _ALL),
        _CALLS_DETAIL,
    ),
    # The KPIs that count abandoned calls: queue-level only (see ATTRIBUTION). Their hourly rollup is
    # not personal data, so a supervisor's scope leaves it whole (sql/security/team_scope.sql).
    "queue_service": (
        Table("agg_queue_service_hourly", "arrived_hour", False, frozenset({"queue"})),
        _CALLS_DETAIL,
    ),
    "calls_detail": (_CALLS_DETAIL,),
    # day × kind × queue × agent × evaluator (sql/marts/45_agg_evaluations_daily.sql); sub-day grains and
    # hour-of-day keys read the evaluations themselves
    "evaluations": (Table("agg_evaluations_daily", "evaluated_date", True, _ALL | {"evaluator"}),
                    Table("fct_evaluations", "evaluated_at", False, _ALL | {"evaluator"})),
    # Shifts are per agent and day: no queue, and no hour.
    "shifts": (Table("fct_agent_days", "date", True, frozenset({"site", "supervisor", "agent"})),),
}

# Attribution (the KPI contract, second edition): what a KPI's rows belong to decides the filters and
# groupings under which it is undefined (null, "—" on screen) rather than computed from part of its rows.
# Kpi.belongs_to names the rule; the note says why, on stderr in the CLI and under the tiles on a page.
ATTRIBUTION = {
    # offered, abandoned, short abandons, service level, abandonment, abandon wait, longest wait
    "queue": (frozenset({"site", "supervisor", "agent", "evaluator"}),
              N_("Offered and abandoned calls, service level, abandonment and waits are undefined for a site, "
                 "team or agent: abandoned calls belong to a queue, never to an agent, team or site.")),
    # occupancy, adherence, shrinkage, absence, calls per agent hour
    "agent": (frozenset({"queue"}),
              N_("Workforce KPIs (occupancy, adherence, shrinkage, absence, calls per agent hour) are undefined "
                 "for a queue: they come from shifts, which belong to agents and are not split by queue.")),
}

# Which filter dimensions a source ignores, with the reason a page shows.
NOT_APPLICABLE = {
    "org": {"queue": N_("Headcount and attrition are not split by queue."),
            "agent": N_("Headcount and attrition are computed for teams and sites, not single agents.")},
}


def choose(source: str, dims: set[str], grain: str | None) -> Table | None:
    for table in SOURCES[source]:
        if table.can_answer(dims, grain):
            return table
    return None


def choose_detail(source: str) -> Table:
    """The largest table of a source: the reference path the rollups are tested and benchmarked against."""
    return SOURCES[source][-1]
