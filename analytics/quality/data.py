"""Quality data behind the Quality page: evaluator drift, per-criterion scores and automated call flags.

Each `*_query(f, ...)` checks its arguments and returns a `queries.Query` for a file in sql/queries: the
page runs it through the cached `ui.context.rows`, tests and the CLI through `queries.run`. The flag thresholds
are the constants below — one place, shown on the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.core import labels, queries, units
from analytics.core.filters import Filters
from analytics.i18n import N_, _, dot, ngettext

LONG_HOLD_S = 120.0          # a call on hold longer than this (total hold) is flagged
DEAD_AIR_SHARE = 0.10        # dead air above this share of talk time is flagged
FLAGGED_CALLS_LIMIT = 500    # rows in the list of calls behind a flag (newest first)
FEW_EVALUATIONS = 20         # an evaluator's drift on fewer evaluations is marked as noisy


REPEAT_DAYS = 7              # the flag's repeat window, as its label says


@dataclass(frozen=True)
class Flag:
    """An automated flag. `label`, `rule` and `judged_on` are English catalog templates (N_): the
    `*_text` methods give them in the active language with the thresholds filled in."""
    id: str
    label: str
    rule: str
    judged_on: str

    def _values(self) -> dict:
        return {"seconds": _("{value} s").format(value=units.number(LONG_HOLD_S, 0, group=False)),
                "share": _("{value}%").format(value=units.number(100 * DEAD_AIR_SHARE, 0, group=False)),
                "days": units.digits(str(REPEAT_DAYS))}

    def label_text(self) -> str:
        return _(self.label).format(**self._values())

    def rule_text(self) -> str:
        return _(self.rule).format(**self._values())

    def judged_on_text(self) -> str:
        return _(self.judged_on)


FLAGS: dict[str, Flag] = {f.id: f for f in (
    Flag("long_hold", N_("Long hold"), N_("hold time above {seconds}"), N_("answered calls (missing hold = 0)")),
    Flag("dead_air", N_("Dead air"), N_("dead air above {share} of talk time"),
         N_("answered calls with dead air recorded and talk time > 0")),
    Flag("transfer", N_("Transferred"), N_("call was transferred"), N_("answered calls (missing = not transferred)")),
    Flag("repeat_7d", N_("Repeat within {days} days"),
         N_("same caller called again within the repeat window ({days} days)"),
         N_("answered calls from known callers, not censored (the FCR population)")),
    Flag("unresolved", N_("Unresolved"), N_("agent marked the call not resolved"),
         N_("answered calls with resolution recorded")),
)}

CRITERION_GROUPS = {"overall": N_("Overall"), "team": N_("By team"), "queue": N_("By queue")}


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
        out.append({"flag": fl.id, "label": fl.label_text(), "rule": fl.rule_text(), "flagged": flagged,
                    "judged": checked, "rate_pct": 100.0 * flagged / checked if checked else None,
                    "judged_on": fl.judged_on_text()})
    return pd.DataFrame(out)


def thresholds_text() -> str:
    """Each flag's rule, in the active language: '**Long hold**: hold time above 120 s · …'."""
    return dot().join(_("**{flag}**: {rule}").format(flag=fl.label_text(), rule=fl.rule_text())
                      for fl in FLAGS.values())


def drift_table(drift: pd.DataFrame) -> pd.DataFrame:
    """Drift rows with a display name and the noisy-sample mark."""
    out = drift.copy()
    out["evaluator"] = [labels.person(n, i) for i, n in zip(out["evaluator_id"], out["evaluator_name"])]
    out["evaluations"] = out["evaluations"].astype(int)
    # a chart's axis label (Vega draws it: no bidi isolates, which a canvas may print)
    out["evaluator_label"] = [ngettext("{evaluator}{sep}{n} evaluation", "{evaluator}{sep}{n} evaluations", int(n))
                              .format(evaluator=e, sep=dot(), n=units.number(n, 0))
                              for e, n in zip(out["evaluator"], out["evaluations"])]
    out["few_evaluations"] = out["evaluations"] < FEW_EVALUATIONS
    return out


def criteria_table(items: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per-criterion rows with a readable group label (team = supervisor name (id))."""
    out = items.copy()
    out["criterion"] = [labels.criterion(c) for c in out["criterion"]]
    if by == "overall":
        return out.drop(columns=["group_id", "group_name", "pass_mark"])
    out["group"] = [_("(none)") if gid is None or (isinstance(gid, float) and pd.isna(gid)) else labels.person(name, gid)
                    for gid, name in zip(out["group_id"], out["group_name"])]
    return out[["criterion", "group", "items", "mean_score",
                                                         "below_pass_pct"]]
