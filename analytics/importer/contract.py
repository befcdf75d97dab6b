"""The canonical columns of every importable table: what an import must produce.

The canonical input, as created by sql/raw/*.sql. Column names
and allowed values here are constants of the product, so validation SQL may name them directly.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | number | integer | timestamp | date | time | boolean
    required: bool = False
    min: float | None = None
    max: float | None = None
    allowed: tuple[str, ...] = ()
    stored: bool = True  # False: read from the mapping and used by the import, not a warehouse column

    @property
    def sql_type(self) -> str:
        return {
            "text": "VARCHAR",
            "number": "DOUBLE",
            "integer": "INTEGER",
            "timestamp": "TIMESTAMP",
            "date": "DATE",
            "time": "TIME",
            "boolean": "BOOLEAN",
        }[self.kind]


@dataclass(frozen=True)
class Contract:
    table: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # Columns holding agent ids that must exist (in the warehouse, or in the file for agents itself).
    agent_refs: tuple[str, ...] = ()
    # The column whose date is an unknown agent's hired_on when --create-missing-agents creates it.
    first_seen: str | None = None
    notes: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def stored(self) -> list[str]:
        return [c.name for c in self.columns if c.stored]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _nonneg(name: str, required: bool = False, kind: str = "number") -> Column:
    return Column(name, kind, required=required, min=0)


CONTRACTS: dict[str, Contract] = {
    "calls": Contract(
        table="calls",
        columns=(
            Column("call_id", "text", required=True),
            Column("arrived_at", "timestamp", required=True),
            Column("queue", "text", required=True),
            Column("caller_id", "text"),
            _nonneg("wait_s"),
            Column("outcome", "text", required=True, allowed=("answered", "abandoned")),
            Column("agent_id", "text"),
            _nonneg("talk_s", required=True),
            _nonneg("hold_s"),
            _nonneg("acw_s"),
            Column("transferred", "boolean"),
            Column("reason", "text"),
            Column("resolved", "boolean"),
            _nonneg("dead_air_s"),
            _nonneg("hold_count", kind="integer"),
            Column("legs", "integer", min=1),
            # One row per transfer leg: rows sharing call_id are legs of one call, stitched on import
            # (analytics/importer/legs.py); leg_id is then the key inside the file.
            Column("leg_id", "text", stored=False),
        ),
        key=("call_id",),
        agent_refs=("agent_id",),
        first_seen="arrived_at",
    ),
    "agents": Contract(
        table="agents",
        columns=(
            Column("agent_id", "text", required=True),
            Column("name", "text", required=True),
            Column("supervisor_id", "text"),
            Column("coach_id", "text"),
            Column("site", "text"),
            Column("role", "text", required=True, allowed=("agent", "supervisor", "coach", "manager")),
            Column("hired_on", "date", required=True),
            Column("left_on", "date"),
            Column("exit_type", "text", allowed=("voluntary", "involuntary")),
        ),
        key=("agent_id",),
        agent_refs=("supervisor_id", "coach_id"),
    ),
    "evaluations": Contract(
        table="evaluations",
        columns=(
            Column("evaluation_id", "text", required=True),
            Column("call_id", "text"),
            Column("agent_id", "text", required=True),
            Column("evaluator_id", "text", required=True),
            Column("evaluated_at", "timestamp", required=True),
            Column("score", "number", required=True, min=0, max=100),
            Column("kind", "text", allowed=("human", "auto")),
        ),
        key=("evaluation_id",),
        agent_refs=("agent_id",),
        first_seen="evaluated_at",
    ),
    "evaluation_items": Contract(
        table="evaluation_items",
        columns=(
            Column("evaluation_id", "text", required=True),
            Column("criterion", "text", required=True),
            Column("score", "number", required=True, min=0, max=100),
        ),
        key=("evaluation_id", "criterion"),
    ),
    "surveys": Contract(
        table="surveys",
        columns=(
            Column("call_id", "text", required=True),
            Column("csat", "integer", min=1, max=5),
            Column("nps", "integer", min=0, max=10),
            Column("answered_at", "timestamp"),
        ),
        key=("call_id",),
    ),
    "shifts": Contract(
        table="shifts",
        columns=(
            Column("agent_id", "text", required=True),
            Column("date", "date", required=True),
            _nonneg("scheduled_s", required=True),
            _nonneg("logged_in_s", required=True),
            _nonneg("adherent_s"),
            Column("absent", "boolean", required=True),
            # Optional scheduled start and end (time of day; an end before the start ends after
            # midnight). Given, they must both be there and span at least scheduled_s, so the
            # daily totals stay the measure and the times only place them within the day.
            Column("start_time", "time"),
            Column("end_time", "time"),
        ),
        key=("agent_id", "date"),
        agent_refs=("agent_id",),
        first_seen="date",
    ),
    # Second edition: where each person sat over time. An import replaces the whole history of every
    # person in the file (analytics/importer/load.py); valid_to is exclusive, empty = still valid.
    "assignments": Contract(
        table="assignments",
        columns=(
            Column("agent_id", "text", required=True),
            Column("valid_from", "date", required=True),
            Column("valid_to", "date"),
            Column("supervisor_id", "text"),
            Column("coach_id", "text"),
            Column("site", "text"),
            Column("role", "text", allowed=("agent", "supervisor", "coach", "manager")),
        ),
        key=("agent_id", "valid_from"),
        agent_refs=("agent_id", "supervisor_id", "coach_id"),
    ),
}

TABLES = tuple(CONTRACTS)

# The pseudo-column every `raw` relation carries: the record's row in the source file (header = row 1).
SOURCE_ROW = "source_row"


def template_sql(table: str) -> str:
    """A canonical mapping for `table`: edit the right-hand sides to match the file's columns."""
    contract = CONTRACTS[table]
    width = max(len(c.name) for c in contract.columns)
    lines = [f"    {SOURCE_ROW},  -- keep: rejected rows name their row in the file"]
    for i, c in enumerate(contract.columns):
        comma = "," if i < len(contract.columns) - 1 else ""
        need = "required" if c.required else "optional"
        hint = f"{c.sql_type.lower()}, {need}"
        if c.allowed:
            hint += ", one of " + "/".join(c.allowed)
        if c.min is not None or c.max is not None:
            lo = "" if c.min is None else f"{c.min:g}"
            hi = "" if c.max is None else f"{c.max:g}"
            hint += f", {lo}..{hi}" if hi else f", >= {lo}"
        lines.append(f"    {c.name}{comma}".ljust(width + 6) + f"-- {hint}")
    return "SELECT\n" + "\n".join(lines) + "\nFROM raw\n"
