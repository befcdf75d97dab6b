"""The KPI thresholds in the `settings` table (service-level T, short abandon, repeat window, QA pass
mark, CSAT "satisfied"): their allowed ranges, and the one way to change them.

The marts bake the thresholds into their per-call measures, so a change rebuilds the marts in the same
transaction: readers see the old numbers or the new ones, never a mix. Each change is logged in
`settings_history` (sql/raw/71_settings_history.sql).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics.auth import rights
from analytics.core import warehouse
from analytics.core.targets import clean_name
from analytics.i18n import N_, _


@dataclass(frozen=True)
class Threshold:
    key: str
    label: str
    unit: str
    low: float
    high: float
    integer: bool
    default: float
    help: str


THRESHOLDS = {t.key: t for t in (
    Threshold("sl_threshold_s", N_("Service-level threshold T"), "s", 1, 600, False, 20,
              N_("Calls answered within T seconds count as in service level (the 20 in 80/20).")),
    Threshold("short_abandon_s", N_("Short abandon under"), "s", 0, 60, False, 5,
              N_("Callers who hang up before this many seconds are left out of abandonment and service level.")),
    Threshold("repeat_window_h", N_("Repeat-call window"), "h", 1, 720, False, 168,
              N_("A call followed by another from the same caller within this many hours is a repeat (168 h = 7 days).")),
    Threshold("repeat_lookback_days", N_("Repeat-interval lookback"), "days", 1, 365, True, 30,
              N_("The median repeat interval counts only calls whose previous call from the same caller came "
              "at most this many days earlier.")),
    Threshold("qa_pass_mark", N_("QA pass mark"), "score", 0, 100, False, 80,
              N_("A human evaluation scoring at or above this mark (0–100) passes.")),
    Threshold("csat_satisfied_min", N_("CSAT satisfied from"), "score", 1, 5, True, 4,
              N_("Survey answers at or above this score on the 1–5 scale count as satisfied.")),
)}


class ThresholdError(ValueError):
    """A threshold value that cannot be stored; the message names the setting and the allowed range."""


def _fmt(v: float) -> str:
    return f"{v:g}"


def validate(key: str, value) -> float:
    t = THRESHOLDS.get(key)
    if t is None:
        raise ThresholdError(f"Unknown setting '{str(key)[:40]}'; known: {', '.join(THRESHOLDS)}.")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ThresholdError(f"{t.label}: '{str(value)[:30]}' is not a number.") from None
    if not math.isfinite(v):
        raise ThresholdError(f"{t.label} must be a finite number.")
    if t.integer and not v.is_integer():
        raise ThresholdError(f"{t.label} must be a whole number; got {_fmt(v)}.")
    if not t.low <= v <= t.high:
        raise ThresholdError(f"{t.label} must be between {_fmt(t.low)} and {_fmt(t.high)} {t.unit}; got {_fmt(v)}.")
    return v


def validate_all(values: dict[str, object], before: dict[str, float]) -> dict[str, float]:
    """Each value in range, and the combination sensible: a short abandon must be shorter than T."""
    clean = {key: validate(key, v) for key, v in values.items()}
    merged = {**before, **clean}
    if merged["short_abandon_s"] >= merged["sl_threshold_s"]:
        raise ThresholdError(_(
            "Short abandon ({short} s) must be shorter than the service-level threshold T ({t} s): otherwise "
            "no abandon could count against T.").format(short=_fmt(merged['short_abandon_s']),
                                                         t=_fmt(merged['sl_threshold_s'])))
    return clean


def current(con) -> dict[str, float]:
    """The thresholds in force (defaults where the settings table has none or an unreadable value)."""
    rows = dict(con.execute("SELECT key, value FROM settings WHERE list_contains(?, key)",
                            [list(THRESHOLDS)]).fetchall())
    out = {}
    for key, t in THRESHOLDS.items():
        try:
            out[key] = float(rows[key])
        except (KeyError, TypeError, ValueError):
            out[key] = t.default
    return out


def save(path: Path, values: dict[str, object], by: str) -> list[dict]:
    """Store changed thresholds, log them and rebuild the marts, all in one transaction.
    Returns the changes written (an unchanged value writes nothing and refreshes nothing)."""
    rights.require_admin("KPI thresholds")  # checked here, not only on the Settings page
    for key, v in values.items():  # fail before taking the write lock
        validate(key, v)
    who = clean_name(by)
    written: list[dict] = []
    with warehouse.write_connection(Path(path)) as con, warehouse.transaction(con):
        con.execute(warehouse.read_sql("raw/71_settings_history.sql"))
        before = current(con)
        clean = validate_all(values, before)
        for key, v in clean.items():
            if before[key] == v:
                continue
            text = _fmt(v)
            con.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, current_localtimestamp()) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                        [key, text])
            con.execute("INSERT INTO settings_history (key, old_value, new_value, changed_by) VALUES (?, ?, ?, ?)",
                        [key, _fmt(before[key]), text, who])
            written.append({"key": key, "old_value": before[key], "new_value": v, "changed_by": who})
        if written:
            warehouse.refresh_marts(con)
    for w in written:
        rights.record_write(path, "threshold_changed", key=w["key"], old_value=w["old_value"],
                            new_value=w["new_value"], changed_by=w["changed_by"])
    return written


def history(con) -> pd.DataFrame:
    cols = ["changed_at", "changed_by", "key", "old_value", "new_value"]
    exists = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'settings_history'").fetchone()[0]
    if not exists:
        return pd.DataFrame(columns=cols)
    return con.execute(f"SELECT {', '.join(cols)} FROM settings_history ORDER BY change_id DESC").df()
