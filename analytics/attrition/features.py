"""The attrition feature table: one row per active agent × month-end, from sql/attrition/features.sql.

Which columns the model may use, how each reads in a sentence, and the rule that no protected
attribute (nor a name) is ever a feature. The SQL reads only canonical tables, never `truth`."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.core import units, warehouse
from analytics.i18n import N_, _

SQL = "attrition/features.sql"
KEYS = ["agent_id", "month_end", "supervisor_id", "site"]
LABEL = "label"


PCTILE = "pctile"  # a 0–1 position within the team, shown as a percentile
FLAG = "flag"      # 0/1: the sentence is the label itself


@dataclass(frozen=True)
class Feature:
    id: str
    label: str          # plain words, as a sentence starts ("absences in the last 60 days")
    unit: str = ""      # appended to numbers: "%", " s", " days"
    digits: int = 0
    adjustable: bool = False  # offered in the what-if panel
    team_level: bool = False  # the same for everyone in a team: no "team median" to compare with
    # +1: a higher value can only raise the risk, -1: only lower it, 0: either way (the `signed` model's
    # bound on the column's weight, fixed by what the column means, never by a fit)
    direction: int = 0


FEATURES = [
    Feature("tenure_days", N_("tenure"), " days", direction=-1),
    Feature("tenure_under_90d", N_("in the first 90 days of tenure"), FLAG, direction=1),
    Feature("tenure_90_180d", N_("between 90 and 180 days of tenure"), FLAG, direction=1),
    Feature("learning_curve", N_("new-hire learning stage (1 on day one, near 0 after 6 months)"), "", 2,
            direction=1),
    Feature("occupancy_30d", N_("occupancy in the last 30 days"), "%", adjustable=True, direction=1),
    Feature("aht_30d", N_("average handle time in the last 30 days"), " s"),
    Feature("qa_90d", N_("QA score (human reviews) over 90 days"), "", 1, adjustable=True, direction=-1),
    Feature("coaching_90d", N_("human QA reviews (coaching) received in 90 days"), adjustable=True),
    Feature("auto_qa_30d", N_("automated QA score in the last 30 days"), "", 1, direction=-1),
    Feature("auto_qa_90d", N_("automated QA score over 90 days"), "", 1, direction=-1),
    Feature("auto_qa_365d", N_("automated QA score over the last year"), "", 1, direction=-1),
    Feature("auto_qa_vs_year", N_("automated QA score in the last 30 days vs the year's"), " points", 1,
            direction=-1),
    Feature("absences_30d", N_("absences in the last 30 days"), " days", adjustable=True, direction=1),
    Feature("absences_60d", N_("absences in the last 60 days"), " days", adjustable=True, direction=1),
    Feature("absences_90d", N_("absences in the last 90 days"), " days", adjustable=True, direction=1),
    Feature("absence_rate_180d", N_("absence rate over 180 days"), "%", 1, direction=1),
    Feature("absence_rate_steady", N_("usual absence rate (a year, steadied toward the center's)"), "%", 1,
            direction=1),
    Feature("absence_rate_recent", N_("recent absence rate (recent months weigh most)"), "%", 1, direction=1),
    Feature("absence_logodds_tenure", N_("usual absence over the whole tenure (log-odds, steadied toward the center's)"),
            "", 2, direction=1),
    Feature("adherence_30d", N_("schedule adherence in the last 30 days"), "%", adjustable=True, direction=-1),
    Feature("adherence_365d", N_("usual schedule adherence (a year, steadied toward the center's)"), "%", 1,
            direction=-1),
    Feature("csat_90d", N_("CSAT (1–5) over 90 days"), "", 2, direction=-1),
    Feature("span_of_control", N_("size of the supervisor's team"), " agents", adjustable=True,
            team_level=True, direction=1),
    Feature("team_seats", N_("the team's full size (most agents at a month-end in the last year)"), " agents",
            team_level=True, direction=1),
    Feature("team_vol_exit_rate_365d", N_("the team's voluntary exits per agent-year, last year"), "", 2,
            team_level=True, direction=1),
    Feature("team_vol_exit_rate_all", N_("the team's voluntary exits per agent-year, whole record"), "", 2,
            team_level=True, direction=1),
    Feature("team_absence_rate_all", N_("the team's absence rate over its whole record"), "%", 1,
            team_level=True, direction=1),
    Feature("team_adherence_all", N_("the team's schedule adherence over its whole record"), "%", 1,
            team_level=True, direction=-1),
    Feature("team_absence_rate_365d", N_("the team's absence rate over a year"), "%", 1,
            team_level=True, direction=1),
    Feature("queue_pressure_30d", N_("calls per agent on the line vs its usual, last 30 days"), "×", 2,
            team_level=True, direction=1),
    Feature("queue_staffing_gap", N_("the line's usual headcount vs today's"), "×", 2, team_level=True, direction=1),
]
BY_ID = {f.id: f for f in FEATURES}
FEATURE_IDS = [f.id for f in FEATURES]

# Never a feature: protected attributes and a person's name (whole words of a column name).
DENIED_WORDS = {"age", "gender", "sex", "ethnicity", "ethnic", "race", "religion", "religious", "health",
                "medical", "disability", "marital", "married", "pregnancy", "nationality", "birth", "dob",
                "name", "firstname", "lastname"}


def denied(column: str) -> bool:
    words = set(re.split(r"[^a-z0-9]+", column.lower()))
    return bool(words & DENIED_WORDS) or column.lower().endswith("name")


def check_allowed(columns) -> None:
    bad = [c for c in columns if denied(c)]
    if bad:
        raise ValueError(f"protected attribute or name used as a feature: {', '.join(bad)}")


check_allowed(FEATURE_IDS)


def load(con: duckdb.DuckDBPyConnection, month_end: dt.date | None = None) -> pd.DataFrame:
    """Features (and label) for every month-end, or for one month-end only (fast: scoring)."""
    df = con.execute(warehouse.read_sql(SQL), [month_end, month_end]).df()
    df["month_end"] = pd.to_datetime(df["month_end"]).dt.date
    for c in FEATURE_IDS:
        # rounded: DuckDB's parallel sums vary in the last bits from run to run
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float).round(9)
    df[LABEL] = pd.to_numeric(df[LABEL], errors="coerce").astype("Float64")
    return df


def bounds(con: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    """First and last day with calls or shifts (the SQL's data window)."""
    row = con.execute("""
        SELECT least(min(d0), max(d1)), max(d1) FROM (
            SELECT min(arrived_at)::DATE AS d0, max(arrived_at)::DATE AS d1 FROM calls
            UNION ALL SELECT min(date), max(date) FROM shifts)""").fetchone()
    return (row[0], row[1]) if row else (None, None)


def month_ends(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    """The month-ends the feature table covers, oldest first (cheap: no feature computation)."""
    start, end = bounds(con)
    if start is None:
        return []
    out, m = [], dt.date(start.year, start.month, 1)
    while True:
        nxt = dt.date(m.year + m.month // 12, m.month % 12 + 1, 1)
        me = nxt - dt.timedelta(days=1)
        if me > end:
            return out
        out.append(me)
        m = nxt


# a number and its unit as one template each ("4 days" → "۴ روز"), filled with the localized number
UNIT_TEMPLATES = {" days": N_("{value} days"), "%": N_("{value}%"), " s": N_("{value} s"),
                  " agents": N_("{value} agents"), " points": N_("{value} points"), "×": N_("{value}×")}


def label(feature_id: str) -> str:
    """The feature in words, in the reader's language."""
    return _(BY_ID[feature_id].label)


def describe(feature_id: str, value) -> str:
    f = BY_ID[feature_id]
    if value is None or pd.isna(value):
        return _("unknown")
    if f.unit == FLAG:
        return _("yes") if value else _("no")
    if f.unit == PCTILE:
        return _("{n}th percentile").format(n=units.number(100 * value, 0))
    text = units.number(value, f.digits)
    return _(UNIT_TEMPLATES[f.unit]).format(value=text) if f.unit in UNIT_TEMPLATES else text + f.unit
