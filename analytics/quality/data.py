"""Quality data behind the Quality page: evaluator drift, per-criterion scores and automated call flags.

Each `*_query(f, ...)` checks its arguments and returns a `queries.Query` for a file in sql/queries: the
page runs it through the cached `ui.context.rows`, tests and the CLI through `queries.run`. The flag thresholds
are the constants below — one place, shown on the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.core import labels, queries
from analytics.core.filters import Filters

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


def drift_query(f: Filters) -> queries.Query:
    return queries.query("quality_evaluator_drift", f)


def criteria_query(f: Filters, by: str = "overall") -> queries.Query:
    if by not in CRITERION_GROUPS:
        raise ValueError(f"unknown criterion grouping {by!r}; use one of {', '.join(CRITERION_GROUPS)}")
    return queries.query("quality_criteria", f, by=by)


def _flags_query(name: str, f: Filters, **extra) -> queries.Query:
    """A query over quality_call_flags.sql (nested as its {call_flags}) with the flag thresholds."""
    return queries.query(name, f, parts={"call_flags": queries.text("quality_call_flags")},
                         long_hold_s=LONG_HOLD_S, dead_air_share=DEAD_AIR_SHARE, **extra)


def flag_counts_query(f: Filters) -> queries.Query:
    return _flags_query("quality_flag_counts", f)


def flagged_calls_query(f: Filters, flag: str, limit: int = FLAGGED_CALLS_LIMIT) -> queries.Query:
    if flag not in FLAGS:
        raise ValueError(f"unknown flag {flag!r}; use one of {', '.join(FLAGS)}")
    return _flags_query("quality_flagged_calls", f, flag=flag, limit=int(limit))


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
    out["evaluator"] = [labels.person(n, i) for i, n in zip(out["evaluator_id"], out["evaluator_name"])]
    out["evaluations"] = out["evaluations"].astype(int)
    out["evaluator_label"] = [f"{e} · {n:,} evaluations" for e, n in zip(out["evaluator"], out["evaluations"])]
    out["few_evaluations"] = out["evaluations"] < FEW_EVALUATIONS
    return out


def criteria_table(items: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per-criterion rows with a readable group label (team = supervisor name (id))."""
    out = items.copy()
    if by == "overall":
        return out.drop(columns=["group_id", "group_name", "pass_mark"])
    out["group"] = ["(none)" if gid is None or (isinstance(gid, float) and pd.isna(gid)) else labels.person(name, gid)
                    for gid, name in zip(out["group_id"], out["group_name"])]
    return out[["criterion", "group", "items", "mean_score",
                                                         "below_pass_pct"]]
