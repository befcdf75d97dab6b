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
    # Plausibility (a house rule beyond the KPI contract, docs/import.md "Plausibility"): a value past
    # `most`, or a date before `floor` (ISO), is an error in the export, not data; `why` says what the
    # bound stands for in the rejection.
    most: float | None = None
    floor: str | None = None
    why: str = ""

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


# One day. A single call's (or leg's) wait, talk, hold, wrap-up or dead air never lasts longer: ACDs
# end a queued or connected contact within hours, so a larger value is a unit slip (milliseconds read
# as seconds) or a corrupt field, and one such value turns a day's ASA/AHT/occupancy into nonsense.
# A shifts row is one agent's day, so its scheduled, logged-in and adherent seconds fit in a day too.
DAY_S = 86_400
# Calls, evaluations, surveys and shifts before this are not a contact center's history the product
# can show (a default "1800-01-01" or "1900-01-01" from an export's empty date is the usual source);
# one such row stretches every trend back two centuries.
EVENT_FLOOR = "2000-01-01"
# People's dates go further back: an agent hired in the 1990s may still work there.
PERSON_FLOOR = "1950-01-01"


def _duration(name: str, why: str, required: bool = False) -> Column:
    return Column(name, "number", required=required, min=0, most=DAY_S, why=why)


def _event(name: str, kind: str, required: bool = False) -> Column:
    return Column(name, kind, required=required, floor=EVENT_FLOOR, why="the earliest event date accepted")


def _person_date(name: str, required: bool = False) -> Column:
    return Column(name, "date", required=required, floor=PERSON_FLOOR, why="the earliest date for a person accepted")


_ONE_CALL = "one day, the most one call can last"
_ONE_SHIFT = "one day, the most one shift row can hold"


CONTRACTS: dict[str, Contract] = {
    "calls": Contract(
        table="calls",
        columns=(
            Column("call_id", "text", required=True),
            _event("arrived_at", "timestamp", required=True),
            Column("queue", "text", required=True),
            Column("caller_id", "text"),
            _duration("wait_s", _ONE_CALL),
            Column("outcome", "text", required=True, allowed=("answered", "abandoned")),
            Column("agent_id", "text"),
            _duration("talk_s", _ONE_CALL, required=True),
            _duration("hold_s", _ONE_CALL),
            _duration("acw_s", _ONE_CALL),
            Column("transferred", "boolean"),
            Column("reason", "text"),
            Column("resolved", "boolean"),
            _duration("dead_air_s", _ONE_CALL),
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
            _person_date("hired_on", required=True),
            _person_date("left_on"),
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
            _event("evaluated_at", "timestamp", required=True),
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
            _event("answered_at", "timestamp"),
        ),
        key=("call_id",),
    ),
    "shifts": Contract(
        table="shifts",
        columns=(
            Column("agent_id", "text", required=True),
            _event("date", "date", required=True),
            _duration("scheduled_s", _ONE_SHIFT, required=True),
            _duration("logged_in_s", _ONE_SHIFT, required=True),
            _duration("adherent_s", _ONE_SHIFT),
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
            _person_date("valid_from", required=True),
            _person_date("valid_to"),
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
        if c.min is not None or c.max is not None or c.most is not None:
            lo = "" if c.min is None else f"{c.min:g}"
            hi = "" if c.max is None and c.most is None else f"{c.max if c.most is None else c.most:g}"
            hint += f", {lo}..{hi}" if hi else f", >= {lo}"
        if c.floor:
            hint += f", from {c.floor}"
        lines.append(f"    {c.name}{comma}".ljust(width + 6) + f"-- {hint}")
    return "SELECT\n" + "\n".join(lines) + "\nFROM raw\n"
