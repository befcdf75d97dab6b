"""Tabular exports (CSV) that a person can read and a spreadsheet can open safely. Every table and
chart download in the app goes through `to_csv_bytes`.

Two kinds of export, decided here once:

- **For people** (the default; every "Download CSV" button): headers are words — a KPI column is
  its registry label with its unit ("Average handle time (s)", "Service level (%)"), a column with a
  column_config label keeps the label the screen shows, anything else is spelled out from its name
  ("hold_count" → "Hold count", "wait_s" → "Wait (s)"); a person's id and name become one column
  written as on screen, "Ava Gagnon (M01)" under "Manager"; numbers are rounded to the digits the
  screen shows (a KPI to its unit's digits, a whole number as a whole number: rank 1, not 1.0);
  yes/no for flags. Numbers stay numbers (sortable, summable), in the unit named in the header.
- **For machines** (`raw=True`, and the `python -m analytics kpis --format csv` command): the
  machine column names and full precision, as the query returned them. The rejected-rows file of an
  import is also machine data (it is fixed and imported again) and is offered as written.

Either way a text cell starting with = + - @ or a tab/CR would run as a formula in Excel or Sheets
(CSV injection): such cells are prefixed with an apostrophe. Numbers are left alone, so -3.5 stays
a number. Files are UTF-8 with a BOM so Excel shows Persian and Chinese text correctly.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from analytics.core import labels, registry, units
from analytics.i18n import N_, _, capitalized

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A person column pair (id, name) is written as one column, "Name (id)", under the role's word.
_ROLES = {"agent": N_("Agent"), "supervisor": N_("Supervisor"), "coach": N_("Coach"), "manager": N_("Manager"),
          "evaluator": N_("Evaluator")}
# Unit suffixes of machine column names: "wait_s" → "Wait (s)", and the digits such a value is shown with.
_SUFFIX_UNITS = {"pct": ("%", 1), "s": (N_("s"), 0), "h": (N_("h"), 1), "days": (N_("days"), 0),
                 "months": (N_("months"), 1), "pts": (N_("pts"), 1)}
# Words of machine names that are written differently in a header.
_WORDS = {"id": "ID", "qa": "QA", "sl": "SL", "csat": "CSAT", "nps": "NPS", "fcr": "FCR", "aht": "AHT",
          "asa": "ASA", "acw": "ACW", "ci": "CI", "kpi": "KPI", "url": "URL", "n": "N", "z": "z",
          "lcl": "lower limit", "ucl": "upper limit", "pct": "percentile"}


# Headers for people are in the session's language (a download from the app; English in the CLI and by
# default): a header spelled out from a machine name is looked up in the catalog whole ("Hold count"),
# so the words the app's tables use are listed here for the catalog. A name not listed stays English.
COLUMN_WORDS = (
    N_("Date"), N_("Day"), N_("Hour"), N_("Week"), N_("Month"), N_("Weekday"), N_("Period"), N_("Bucket"),
    N_("Queue"), N_("Site"), N_("Team"), N_("Name"), N_("Role"), N_("Group"), N_("Kind"), N_("Status"),
    N_("Calls"), N_("Offered"), N_("Answered"), N_("Abandoned"), N_("Handled"), N_("Evaluations"),
    N_("Headcount"), N_("Leavers"), N_("Voluntary leavers"), N_("Involuntary leavers"), N_("Early leavers"),
    N_("Hires"), N_("Matured hires"), N_("Supervisors"), N_("Agents"), N_("Coaches"), N_("Share"), N_("Rank"),
    N_("Score"), N_("Mean score"), N_("Avg score"), N_("Lowest score"), N_("Pass mark"), N_("Question"),
    N_("Answer"), N_("Items"), N_("Failed"), N_("Flagged"), N_("Reason"), N_("Outcome"), N_("Value"),
    N_("Interval start"), N_("Legs"), N_("Steps"), N_("Series"), N_("Tenure"), N_("Wait"), N_("Handle"),
    N_("Talk"), N_("Hold"), N_("Span"), N_("Hold count"), N_("Transfers"), N_("Call ID"), N_("Agent ID"),
    N_("Queue ID"), N_("Mean headcount"), N_("Scheduled agents"), N_("Logged in"), N_("Logged in agents"),
    N_("Peer mean"), N_("Own mean"), N_("Peer evaluations"), N_("Human evaluated"), N_("Auto evaluated"),
    N_("Long hold"), N_("Dead air"), N_("Unresolved"), N_("Transfer"), N_("Transferred"), N_("Resolved"), N_("Repeated within window"),
    N_("Hours since callers previous call"), N_("Lower limit"), N_("Upper limit"), N_("Low"), N_("High"),
    N_("Position"), N_("Checked"), N_("Data end"), N_("Supervisors at end"), N_("Calls in slot"),
    N_("Actual SL"), N_("Cause"), N_("Planned calls"), N_("SL with planned load"),
)


def neutralize(value):
    if isinstance(value, str) and value.startswith(_TRIGGERS):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize)
    out.columns = [neutralize(str(c)) for c in out.columns]
    return out


def to_csv_bytes(df: pd.DataFrame, column_config: dict | None = None, *, raw: bool = False) -> bytes:
    """The CSV of a table or of a chart's data: for people unless `raw` (see the module docstring).
    `column_config` is the table's st.dataframe column_config (labels and number formats), if any."""
    shown = df if raw else human_frame(df, column_config)
    return safe_frame(shown).to_csv(index=False).encode("utf-8-sig")


# --- headers --------------------------------------------------------------------------------------------


def _with_unit(label: str, unit: str) -> str:
    """'Service level' + '%' → 'Service level (%)'; 'Attrition (annualized)' + '%' → 'Attrition (annualized, %)'."""
    if not unit or f"({unit})" in label or f", {unit})" in label or f"（{unit}）" in label:
        return label
    if label.endswith(")"):
        return f"{label[:-1]}, {unit})"
    if label.endswith("）"):   # a Chinese label's own brackets: 流失率（年化，%）
        return f"{label[:-1]}，{unit}）"
    return _("{label} ({unit})").format(label=label, unit=unit)


def _kpi_unit_word(k: registry.Kpi) -> str:
    return k.display.title_suffix.strip().strip("()")


def humanize(column: str) -> str:
    """A machine column name in words: 'hold_count' → 'Hold count', 'wait_s' → 'Wait (s)',
    'agent_id' → 'Agent ID', 'attrition_rate_pct__leavers' → 'Attrition (annualized): leavers'."""
    if "__" in column:
        base, _sep, extra = column.partition("__")
        return _("{column}: {part}").format(column=header(base), part=humanize(extra).lower())
    if column in registry.KPIS:
        k = registry.get(column)
        return _with_unit(k.label, _kpi_unit_word(k))
    parts = [p for p in column.split("_") if p]
    if not parts:
        return column
    unit = ""
    if len(parts) > 1 and parts[-1] in _SUFFIX_UNITS:
        unit = _(_SUFFIX_UNITS[parts.pop()][0])
    words = [_WORDS.get(p, p) for p in parts]
    text = " ".join(words)
    text = capitalized(text)
    return _with_unit(_(text), unit)   # the words in the session's language where the catalog has them


def header(column: str, config: dict | None = None) -> str:
    """The header of one column: a KPI's registry label and unit; else the screen's label (with the
    unit of its number format when the label does not name one); else the name in words."""
    # a column_config entry is a dict (st.column_config.*) or a plain label string
    label = config.get("label") if isinstance(config, dict) else config if isinstance(config, str) else None
    if column in registry.KPIS:
        k = registry.get(column)
        return _with_unit(label or k.label, _kpi_unit_word(k))
    if not label:
        return humanize(column)
    fmt = ((config.get("type_config") or {}).get("format") or "") if isinstance(config, dict) else ""
    return _with_unit(label, _format_unit(fmt))


def _format_unit(fmt: str) -> str:
    if "%%" in fmt:
        return "%"
    m = re.search(r"[a-z%]\s+(s|h|min|pts)\s*$", fmt)
    return m.group(1) if m else ""


def _format_decimals(fmt: str) -> int | None:
    """Digits of a printf number format: '%.1f%%' → 1, '%d' → 0; None when it names none."""
    m = units.PRINTF_NUMBER.search(fmt or "")
    if not m:
        return None
    if m.group(0).endswith(("d", "i")):
        return 0
    digits = re.search(r"\.(\d+)f$", m.group(0))
    return int(digits.group(1)) if digits else None


# --- values ---------------------------------------------------------------------------------------------


def _decimals(column: str, values: pd.Series, config: dict | None) -> int:
    """How many digits a number column keeps: the screen's format, else the KPI's unit, else the
    unit its name ends with, else by size (a share or an AUC of 0.518 keeps three)."""
    fmt = (((config or {}).get("type_config") or {}).get("format")) if isinstance(config, dict) else None
    d = _format_decimals(fmt) if fmt else None
    if d is not None:
        return d
    base = column.partition("__")[0]
    if base in registry.KPIS and "__" not in column:
        d = _format_decimals(registry.get(base).display.column)
        return registry.get(base).display.decimals if d is None else d
    suffix = column.rsplit("_", 1)[-1]
    if suffix in _SUFFIX_UNITS and "_" in column:
        return _SUFFIX_UNITS[suffix][1]
    finite = values.dropna().abs()
    biggest = float(finite.max()) if len(finite) else 0.0
    d = 3 if biggest < 1 else 2 if biggest < 100 else 1
    # no more digits than the values have: 79.0 stays 79.0, not 79.00
    while d > 1 and len(finite) and (finite == finite.round(d - 1)).all():
        d -= 1
    return d


def _round(column: str, values: pd.Series, config: dict | None) -> pd.Series:
    if pd.api.types.is_bool_dtype(values):
        return values.map({True: _("yes"), False: _("no")})
    if not pd.api.types.is_numeric_dtype(values):
        if values.dtype == object and values.map(lambda v: isinstance(v, bool) or v is None
                                                 or (isinstance(v, float) and math.isnan(v))).all() \
                and values.map(lambda v: isinstance(v, bool)).any():
            yes, no = _("yes"), _("no")
            return values.map(lambda v: yes if v is True else no if v is False else None)
        return values
    if pd.api.types.is_integer_dtype(values):
        return values
    floats = values.astype("float64")
    d = _decimals(column, floats, config)
    rounded = floats.round(d)
    finite = rounded.dropna()
    if d == 0 or (len(finite) and (finite == finite.round(0)).all() and (floats.dropna() == finite).all()):
        return rounded.round(0).astype("Int64")  # a rank is 1, not 1.0
    return rounded


# --- people ---------------------------------------------------------------------------------------------


def _person_pairs(columns: list[str]) -> list[tuple[str, str, str]]:
    """(id column, name column, header) of each person written as an id and a name."""
    pairs = []
    cols = set(columns)
    for role, word in _ROLES.items():
        id_col = next((c for c in (f"{role}_id", role) if c in cols), None)
        if id_col is None:
            continue
        names = [f"{role}_name"] + (["name"] if role == "agent" else []) + ([role] if id_col != role else [])
        name_col = next((c for c in names if c in cols), None)
        if name_col is not None:
            pairs.append((id_col, name_col, word))
            cols -= {id_col, name_col}
    return pairs


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _person(name, pid):
    if _missing(pid):
        return None if _missing(name) else str(name)
    return labels.person(None if _missing(name) else name, pid)


def screen_labels(columns: list[str]) -> dict[str, str]:
    """Column headers for a table on screen (where an id and a name stay two columns, so a row can
    be clicked by its id): a person's id column is "<Role> ID" and the name column "<Role>"; every
    other column as in the CSV."""
    out = {c: header(c) for c in columns}
    for id_col, name_col, word in _person_pairs(columns):
        out[id_col], out[name_col] = _("{role} ID").format(role=_(word)), _(word)
    return out


def screen_decimals(column: str, values: pd.Series) -> int | None:
    """Digits a float column is shown with on screen (the CSV's rule); None for other columns."""
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_float_dtype(values):
        return None
    finite = values.dropna()
    if len(finite) and (finite == finite.round(0)).all():
        return 0  # 400.0 responses are 400
    return _decimals(column, values.astype("float64"), None)


def dates_only(values: pd.Series) -> bool:
    """A datetime column whose every value is a midnight: dates, shown and written without a time."""
    if not pd.api.types.is_datetime64_any_dtype(values):
        return False
    finite = values.dropna()
    return bool(len(finite)) and bool((finite == finite.dt.normalize()).all())


# --- the frame ------------------------------------------------------------------------------------------


def human_frame(df: pd.DataFrame, column_config: dict | None = None) -> pd.DataFrame:
    """The export for people of a frame (see the module docstring); the input is left unchanged."""
    config = column_config or {}
    out = pd.DataFrame(index=df.index)
    # a person's one column stands where the first of their id and name columns stood
    pairs = {}
    for id_col, name_col, word in _person_pairs([str(c) for c in df.columns]):
        pairs[id_col] = pairs[name_col] = (id_col, name_col, word)
    done: set[str] = set()
    used: set[str] = set()
    for col in df.columns:
        name = str(col)
        if name in done:
            continue
        if name in pairs:
            id_col, name_col, word = pairs[name]
            done |= {id_col, name_col}
            col = id_col
            title = _(word)
            values = pd.Series([_person(n, i) for n, i in zip(df[name_col], df[col])], index=df.index,
                               dtype=object)
        else:
            title = header(name, config.get(name))
            values = _round(name, df[col], config.get(name))
        if title in used:
            if out[title].astype(str).equals(values.astype(str)):
                continue  # the same person written twice (an id+name pair and its label column)
            n = 2
            while f"{title} ({n})" in used:
                n += 1
            title = f"{title} ({n})"
        used.add(title)
        out[title] = values
    return out.reset_index(drop=True)
