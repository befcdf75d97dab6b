"""Quality data behind the Quality page: evaluator drift, per-criterion scores and automated call flags.

Each `*_query(f, ...)` returns (sql, params) for a file in sql/queries, so the page runs it through the
cached `ui.context.query` and tests/CLI run the very same text with `con.execute`. The flag thresholds
are the constants below — one place, shown on the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.core.filters import Filters
from analytics.core.warehouse import read_sql

LONG_HOLD_S = 120.0          # a call on hold longer than this (total hold) is flagged
DEAD_AIR_SHARE = 0.10        # dead air above this share of talk time is flagged
FLAGGED_CALLS_LIMIT = 500    # rows in the list of calls behind a flag (newest first)
FEW_EVALUATIONS = 20         # an evaluator's drift on fewer evaluations is marked as noisy


@dataclass(frozen=True)
class Flag:
    id: str
    label: str
    rule: str
    judged_on: str


FLAGS: dict[str, Flag] = {f.id: f for f in (
    Flag("long_hold", "Long hold", f"hold time above {LONG_HOLD_S:.0f} s", "answered calls (missing hold = 0)"),
    Flag("dead_air", "Dead air", f"dead air above {DEAD_AIR_SHARE:.0%} of talk time",
         "answered calls with dead air recorded and talk time > 0"),
    Flag("transfer", "Transferred", "call was transferred", "answered calls (missing = not transferred)"),
    Flag("repeat_7d", "Repeat within 7 days", "same caller called again within the repeat window (7 days)",
         "answered calls from known callers, not censored (the FCR population)"),
    Flag("unresolved", "Unresolved", "agent marked the call not resolved",
         "answered calls with resolution recorded"),
)}

CRITERION_GROUPS = {"overall": "Overall", "team": "By team", "queue": "By queue"}


def scope(f: Filters) -> list:
    """$1–$6 of every quality query: start, end (inclusive), queues, sites, supervisors, agents."""
    return [f.start, f.end, list(f.queues), list(f.sites), list(f.supervisors), list(f.agents)]


def drift_query(f: Filters) -> tuple[str, list]:
    return read_sql("queries/quality_evaluator_drift.sql"), scope(f)


def criteria_query(f: Filters, by: str = "overall") -> tuple[str, list]:
    if by not in CRITERION_GROUPS:
        raise ValueError(f"unknown criterion grouping {by!r}; use one of {', '.join(CRITERION_GROUPS)}")
    return read_sql("queries/quality_criteria.sql"), scope(f) + [by]


def _with_call_flags(name: str) -> str:
    inner = read_sql("queries/quality_call_flags.sql").strip().rstrip(";")
    return read_sql(f"queries/{name}.sql").format(call_flags=inner)


def _flag_params(f: Filters) -> list:
    return scope(f) + [LONG_HOLD_S, DEAD_AIR_SHARE]


def flag_counts_query(f: Filters) -> tuple[str, list]:
    return _with_call_flags("quality_flag_counts"), _flag_params(f)


def flagged_calls_query(f: Filters, flag: str, limit: int = FLAGGED_CALLS_LIMIT) -> tuple[str, list]:
    if flag not in FLAGS:
        raise ValueError(f"unknown flag {flag!r}; use one of {', '.join(FLAGS)}")
    return _with_call_flags("quality_flagged_calls"), _flag_params(f) + [flag, int(limit)]


def flag_table(counts: pd.DataFrame) -> pd.DataFrame:
    """The one-row output of quality_flag_counts as one row per flag: flagged, judged, rate (%)."""
    row = counts.iloc[0] if len(counts) else {}
    out = []
    for fl in FLAGS.values():
        flagged = int(row.get(f"{fl.id}__flagged", 0) or 0)
        checked = int(row.get(f"{fl.id}__checked", 0) or 0)
        out.append({"flag": fl.id, "label": fl.label, "rule": fl.rule, "flagged": flagged, "judged": checked,
                    "rate_pct": 100.0 * flagged / checked if checked else None, "judged_on": fl.judged_on})
    return pd.DataFrame(out)


def thresholds_text() -> str:
    return " · ".join(f"**{fl.label}**: {fl.rule}" for fl in FLAGS.values())


def drift_table(drift: pd.DataFrame) -> pd.DataFrame:
    """Drift rows with a display name and the noisy-sample mark."""
    out = drift.copy()
    out["evaluator"] = [f"{n} ({i})" if isinstance(n, str) and n and n != i else i
                        for i, n in zip(out["evaluator_id"], out["evaluator_name"])]
    out["evaluations"] = out["evaluations"].astype(int)
    out["evaluator_label"] = [f"{e} · {n:,} evaluations" for e, n in zip(out["evaluator"], out["evaluations"])]
    out["few_evaluations"] = out["evaluations"] < FEW_EVALUATIONS
    return out


def criteria_table(items: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per-criterion rows with a readable group label (team = supervisor name (id))."""
    out = items.copy()
    if by == "overall":
        return out.drop(columns=["group_id", "group_name", "pass_mark"])
    labels = []
    for gid, name in zip(out["group_id"], out["group_name"]):
        if gid is None or (isinstance(gid, float) and pd.isna(gid)):
            labels.append("(none)")
        elif isinstance(name, str) and name and name != gid:
            labels.append(f"{name} ({gid})")
        else:
            labels.append(str(gid))
    out["group"] = labels
    return out[["criterion", "group", "items", "mean_score",
                                                         "below_pass_pct"]]
