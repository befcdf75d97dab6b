"""What-if: change one or more of an agent's drivers and see how the model's risk moves.
The model learned associations in past data; a change here shows what the model would say, not what
would happen — a smaller team is not proven to keep anyone."""
from __future__ import annotations

import pandas as pd

from analytics.attrition import features as feats
from analytics.attrition import model as models
from analytics.i18n import N_, _

CAVEAT = N_("Association, not causation: this is how the model's estimate moves when the input changes. "
            "It does not show that making the change would keep the agent.")

# id -> (label, {feature: function(row) -> new value}). Only columns with a known direction
# (Feature.direction), which every model respects: there is no "more coaching" scenario, because the
# data cannot say which way coaching moves the risk (supervisors coach the agents who struggle, so
# more reviews go with more exits) and a what-if would show that confounding as an effect.
SCENARIOS = {
    "occupancy_minus_5": (N_("Occupancy 5 points lower"), {"occupancy_30d": lambda r: r["occupancy_30d"] - 5}),
    "absences_to_team_median": (N_("Absences at the team median"), {}),  # filled from the team, see scenario()
    "smaller_team": (N_("Supervisor's team of 8"), {"span_of_control": lambda r: min(r["span_of_control"], 8)}),
    "qa_plus_5": (N_("QA score 5 points higher"), {"qa_90d": lambda r: min(100.0, r["qa_90d"] + 5)}),
}


def scenario(key: str, row: pd.Series, team_median: pd.Series | None = None) -> dict:
    """The feature changes a named scenario makes for this agent's row; none for an agent it leaves as
    they are (already at or below the team's absences, a team already of 8)."""
    if key not in SCENARIOS:
        raise KeyError(f"unknown what-if scenario {key!r}")
    if key == "absences_to_team_median":
        if team_median is None:
            return {}
        changes = {c: min(row[c], team_median[c]) for c in ("absences_30d", "absences_60d", "absences_90d")}
    else:
        changes = {f: fn(row) for f, fn in SCENARIOS[key][1].items() if pd.notna(row[f])}
    return {c: v for c, v in changes.items() if pd.notna(v) and v != row[c]}


def apply(model, row: pd.Series, changes: dict) -> dict:
    """Risk before and after setting `changes` (feature -> value) on one agent's feature row."""
    unknown = [c for c in changes if c not in feats.BY_ID]
    if unknown:
        raise KeyError(f"not a model feature: {', '.join(unknown)}")
    before = row[feats.FEATURE_IDS].to_frame().T.astype(float)
    after = before.copy()
    for c, v in changes.items():
        after[c] = float(v)
    # one prediction over both rows: each call pays the model's fixed overhead (~0.1 s for a blend)
    p0, p1 = (float(p) for p in models.predict(model, pd.concat([before, after], ignore_index=True)))
    return {"before": p0, "after": p1, "change": p1 - p0,
            "changes": {c: {"from": _f(row[c]), "to": float(v)} for c, v in changes.items()}, "caveat": _(CAVEAT)}


def _f(v):
    return None if pd.isna(v) else float(v)
