"""The mapping assistant's one job: a mapping spec (per canonical column: a source column and a
transformation from a short menu) → the mapping SQL the importer reads (`SELECT … FROM raw`).

Pure: no file, no database. The Data page builds a spec from its widgets and shows the SQL; the CLI
reads the same SQL with --mapping, so the SQL stays the one format.

A value the chosen transformation cannot convert is not turned into NULL silently: it comes out as its
original text with a note (e.g. '31/04/2024 (not dd/mm/yyyy)'), so the importer rejects that row and names
the column and the value, exactly as for a hand-written mapping.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from analytics.i18n import N_, _, isolate
from analytics.importer.contract import CONTRACTS, SOURCE_ROW

# Date and time formats offered by name; values are strptime formats (DuckDB's try_strptime).
DATE_FORMATS = {
    "dd/mm/yyyy": "%d/%m/%Y",
    "mm/dd/yyyy": "%m/%d/%Y",
    "yyyy-mm-dd": "%Y-%m-%d",
    "dd.mm.yyyy": "%d.%m.%Y",
    "dd-mm-yyyy": "%d-%m-%Y",
    "yyyy/mm/dd": "%Y/%m/%d",
}
TIME_FORMATS = {"hh:mm:ss": "%H:%M:%S", "hh:mm": "%H:%M"}
ISO = "ISO 8601 (2024-04-01T08:14:13Z)"
DATETIME_FORMATS = {ISO: None, **{f"{d} {t}": f"{df} {tf}" for d, df in DATE_FORMATS.items()
                                  for t, tf in TIME_FORMATS.items()}}

# transformation id → label on screen. Which ones fit a column depends on its kind (see choices()).
TRANSFORMS = {
    "text": N_("as is"),
    "lower": N_("lower case"),
    "number": N_("number"),
    "date": N_("date in a format"),
    "datetime": N_("date and time in a format"),
    "date_time": N_("date column + time column"),
    "seconds": N_("duration in seconds"),
    "ms": N_("duration in milliseconds"),
    "mmss": N_("duration mm:ss"),
    "hhmmss": N_("duration hh:mm:ss"),
    "map": N_("value map (ANSWERED=answered; …)"),
    "yesno": N_("Y/N → true/false"),
    "filled": N_("filled → one value, empty → another"),
    "constant": N_("constant value"),
}
_BY_KIND = {
    "text": ("text", "lower", "map", "filled", "constant"),
    "number": ("number", "seconds", "ms", "mmss", "hhmmss", "map", "constant"),
    "integer": ("number", "map", "constant"),
    "timestamp": ("datetime", "date_time", "date", "constant"),
    "date": ("date", "datetime", "constant"),
    "boolean": ("yesno", "map", "filled", "text", "constant"),
}
_YES = ("Y", "YES", "TRUE", "T", "1")
_NO = ("N", "NO", "FALSE", "F", "0")


class SpecError(ValueError):
    """A spec the SQL cannot be written from (unknown column, transformation or format)."""


@dataclass(frozen=True)
class Pick:
    """How one canonical column is filled."""
    source: str = ""            # the file's column ("" = not mapped; ignored for a constant)
    transform: str = "text"
    fmt: str = ""               # a DATE_FORMATS / DATETIME_FORMATS / TIME_FORMATS name
    source2: str = ""           # date_time: the column holding the time of day
    values: str = ""            # map: "FROM=to; FROM=to"; filled: "if filled; if empty"; constant: the value
    zero_unknown: bool = False  # "0 means unknown": a 0 becomes empty
    empty_zero: bool = False    # "empty means 0" (e.g. no talk time on an abandoned call)
    fallback: str = ""          # "if empty, use this column" (e.g. InitialContactId, else ContactId)


@dataclass
class Spec:
    table: str
    picks: dict[str, Pick] = field(default_factory=dict)

    def mapped(self) -> dict[str, Pick]:
        return {name: p for name, p in self.picks.items() if p.transform == "constant" or p.source}


def choices(table: str, column: str) -> tuple[str, ...]:
    """The transformations that make sense for a canonical column, the most likely first."""
    return _BY_KIND[CONTRACTS[table].column(column).kind]


def missing_required(spec: Spec) -> list[str]:
    contract = CONTRACTS[spec.table]
    mapped = spec.mapped()
    return [n for n in contract.required if n not in mapped]


def parse_value_map(text: str) -> list[tuple[str, str]]:
    """'ANSWERED=answered; ABANDON=abandoned' (';' or new lines between pairs) → [(from, to), …]."""
    pairs = []
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        if "=" not in part:
            raise SpecError(_("value map entry {entry} needs the form FROM=to").format(entry=repr(part.strip())))
        src, _sep, dst = part.partition("=")
        pairs.append((src.strip(), dst.strip()))
    return pairs


def ident(name: str) -> str:
    """A column name as a SQL identifier (always quoted: names may hold spaces, dots, any script)."""
    if "\x00" in name:
        raise SpecError("a column name may not contain a NUL character")
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    if "\x00" in value:
        raise SpecError("a value may not contain a NUL character")
    return "'" + value.replace("'", "''") + "'"


def _keep_bad(converted: str, src: str, what: str) -> str:
    """converted as text, else the original text with a note, so the importer rejects and names it."""
    return (f"COALESCE(CAST({converted} AS VARCHAR),\n             "
            f"NULLIF(TRIM({src}), '') || {literal(f' (not {what})')})")


def _duration(src: str, parts: int) -> str:
    pattern = r"\d+:\d{1,2}" if parts == 2 else r"\d+:\d{1,2}:\d{1,2}"
    weights = (60, 1) if parts == 2 else (3600, 60, 1)
    terms = " + ".join(
        f"TRY_CAST(split_part(TRIM({src}), ':', {i + 1}) AS INTEGER)" + (f" * {w}" if w != 1 else "")
        for i, w in enumerate(weights))
    return f"CASE WHEN regexp_full_match(TRIM({src}), '{pattern}') THEN {terms} END"


def expression(table: str, column: str, pick: Pick) -> str:
    """The SQL expression producing canonical `column` of `table` from the file's columns."""
    contract = CONTRACTS[table]
    if column not in contract.names:
        raise SpecError(f"{table} has no column {column!r}")
    t = pick.transform
    if t not in TRANSFORMS:
        raise SpecError(f"unknown transformation {t!r} for {column}")
    if t == "constant":
        return literal(pick.values) if pick.values != "" else "NULL"
    if not pick.source:
        raise SpecError(_("{column}: pick a source column").format(column=isolate(column)))
    src = ident(pick.source)
    if pick.fallback:
        src = f"COALESCE(NULLIF(TRIM({src}), ''), {ident(pick.fallback)})"
    if pick.empty_zero:
        src = f"COALESCE(NULLIF(TRIM({src}), ''), '0')"
    if pick.zero_unknown and t not in ("seconds", "ms", "mmss", "hhmmss", "number"):
        src = f"NULLIF(TRIM({src}), '0')"
    if t == "text":
        expr = src
    elif t == "lower":
        expr = f"lower(TRIM({src}))"
    elif t == "number":
        expr = _keep_bad(f"TRY_CAST(TRIM({src}) AS DOUBLE)", src, "a number")
    elif t == "seconds":
        expr = _keep_bad(f"TRY_CAST(TRIM({src}) AS DOUBLE)", src, "seconds")
    elif t == "ms":
        expr = _keep_bad(f"TRY_CAST(TRIM({src}) AS DOUBLE) / 1000", src, "milliseconds")
    elif t == "mmss":
        expr = _keep_bad(_duration(src, 2), src, "mm:ss")
    elif t == "hhmmss":
        expr = _keep_bad(_duration(src, 3), src, "hh:mm:ss")
    elif t in ("date", "datetime", "date_time"):
        expr = _date_expr(contract.column(column).kind, t, src, pick)
    elif t == "map":
        pairs = parse_value_map(pick.values)
        if not pairs:
            raise SpecError(_("{column}: the value map is empty").format(column=isolate(column)))
        whens = "\n".join(f"        WHEN {literal(a)} THEN {literal(b) if b else 'NULL'}" for a, b in pairs)
        expr = f"CASE TRIM({src})\n{whens}\n        ELSE {src}\n    END"
    elif t == "yesno":
        yes = ", ".join(literal(v) for v in _YES)
        no = ", ".join(literal(v) for v in _NO)
        expr = (f"CASE WHEN upper(TRIM({src})) IN ({yes}) THEN 'true'\n"
                f"         WHEN upper(TRIM({src})) IN ({no}) THEN 'false'\n         ELSE {src} END")
    elif t == "filled":
        if pick.values.count(";") != 1:
            raise SpecError(_("{column}: give the value if filled and the value if empty, as 'answered; abandoned'").format(column=isolate(column)))
        filled, empty = (literal(v.strip()) if v.strip() else "NULL" for v in pick.values.split(";"))
        expr = f"CASE WHEN NULLIF(TRIM({src}), '') IS NOT NULL THEN {filled} ELSE {empty} END"
    else:  # pragma: no cover - TRANSFORMS and the branches above are the same list
        raise SpecError(t)
    if pick.zero_unknown and t in ("seconds", "ms", "mmss", "hhmmss", "number"):
        expr = f"NULLIF(NULLIF({expr}, '0'), '0.0')"
    return expr


def _date_expr(kind: str, t: str, src: str, pick: Pick) -> str:
    if t == "date":
        if pick.fmt not in DATE_FORMATS:
            raise SpecError(_("pick a date format ({formats})").format(formats=", ".join(DATE_FORMATS)))
        parsed = f"try_strptime(TRIM({src}), {literal(DATE_FORMATS[pick.fmt])})"
        converted = f"CAST({parsed} AS DATE)" if kind == "date" else parsed
        return _keep_bad(converted, src, pick.fmt)
    if t == "datetime":
        if pick.fmt not in DATETIME_FORMATS:
            raise SpecError(_("pick a date and time format ({formats})").format(formats=", ".join(DATETIME_FORMATS)))
        fmt = DATETIME_FORMATS[pick.fmt]
        parsed = (f"TRY_CAST(TRIM({src}) AS TIMESTAMP)" if fmt is None
                  else f"try_strptime(TRIM({src}), {literal(fmt)})")
        converted = f"CAST({parsed} AS DATE)" if kind == "date" else parsed
        return _keep_bad(converted, src, "ISO 8601" if fmt is None else pick.fmt)
    # date_time: a date column and a time-of-day column
    if not pick.source2:
        raise SpecError(_("pick the column holding the time of day"))
    date_fmt, _sep, time_fmt = pick.fmt.partition(" ")
    if date_fmt not in DATE_FORMATS or time_fmt not in TIME_FORMATS:
        raise SpecError(_("pick a date and time format ({formats})").format(formats=", ".join(k for k in DATETIME_FORMATS if k != ISO)))
    both = f"TRIM({src}) || ' ' || TRIM({ident(pick.source2)})"
    parsed = f"try_strptime({both}, {literal(DATE_FORMATS[date_fmt] + ' ' + TIME_FORMATS[time_fmt])})"
    return _keep_bad(parsed, both, pick.fmt)


HEADER = "-- Written by the Switchboard mapping assistant for table {table}. Edit freely: this is the mapping."


def to_sql(spec: Spec) -> str:
    """The mapping SQL for `spec`: source_row, then each mapped canonical column in contract order."""
    if spec.table not in CONTRACTS:
        raise SpecError(f"unknown table {spec.table!r}")
    contract = CONTRACTS[spec.table]
    unknown = [n for n in spec.picks if n not in contract.names]
    if unknown:
        raise SpecError(f"{spec.table} has no column {', '.join(map(repr, unknown))}")
    mapped = spec.mapped()
    lines = [f"    {SOURCE_ROW}"]
    for c in contract.columns:
        if c.name in mapped:
            lines.append(f"    {expression(spec.table, c.name, mapped[c.name])} AS {c.name}")
    return HEADER.format(table=spec.table) + "\nSELECT\n" + ",\n".join(lines) + "\nFROM raw\n"
