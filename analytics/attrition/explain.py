"""Why an agent's risk is what it is: per-feature contributions in log-odds, turned into sentences.

- logistic model (and the signed one, a logistic with bounded weights): coefficient × standardized
  (imputed) value — exact for a linear model, measured from the training average;
- gradient boosting: TreeSHAP (the `shap` package's TreeExplainer, exact for trees) on the boosting
  model's log-odds, before the monotone Platt calibration — so the order and sign of drivers hold;
- blend: the average of the two members' log-odds contributions (the gbm's scaled by its Platt slope).
  The blend averages probabilities, not log-odds, so this is close to, not exactly, its log-odds.
Both answer "which values push this agent above an average agent", never "what caused it"."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.attrition import features as feats
from analytics.attrition import model as models
from analytics.core.numbers import as_float
from analytics.i18n import N_, _

METHODS = {
    "logistic": N_("coefficient × standardized value (log-odds contributions of the logistic model)"),
    "signed": N_("coefficient × standardized value (log-odds contributions of the logistic model whose "
                 "weights keep their columns' directions)"),
    "gbm": N_("TreeSHAP (exact Shapley values of the boosted trees, log-odds, before calibration)"),
    "blend": N_("average of the logistic model's coefficient × standardized value and the calibrated "
                "boosting model's TreeSHAP values (log-odds; approximate for the averaged probabilities)"),
}


def contributions(model, kind: str, X: pd.DataFrame) -> pd.DataFrame:
    cols = feats.FEATURE_IDS
    if kind in models.LINEAR:
        values = _linear(model, X[cols])
    elif kind == "gbm":
        values = _shap(models.tree_of(model), X[cols])
    elif kind == "blend":
        parts = models.members(model)
        gb = parts["gbm"]
        values = 0.5 * (_linear(parts["logistic"], X[cols])
                        + models.platt_slope(gb) * _shap(models.tree_of(gb), X[cols]))
    else:
        raise ValueError(f"unknown model kind {kind!r}")
    return pd.DataFrame(values, columns=cols, index=X.index)


def _linear(pipeline, X: pd.DataFrame) -> np.ndarray:
    z = pipeline[:-1].transform(X)  # selected, imputed, standardized
    return z * pipeline.named_steps["model"].coef_[0]


def _shap(tree, X: pd.DataFrame) -> np.ndarray:
    import shap

    values = np.asarray(shap.TreeExplainer(tree).shap_values(X))
    if values.ndim == 3:  # some shap versions return one array per class
        values = values[..., -1]
    return values


def team_medians(X: pd.DataFrame) -> pd.DataFrame:
    """Each row's team median (same supervisor, same month-end) of every feature."""
    g = X.groupby(["supervisor_id", "month_end"], dropna=False)[feats.FEATURE_IDS]
    return g.transform("median")


def sentence(feature_id: str, value, median) -> str:
    """A driver in words, in the reader's language ("absences in the last 60 days 4 days, team median 1 days")."""
    f = feats.BY_ID[feature_id]
    label = feats.label(feature_id)
    if f.unit == feats.FLAG:
        return label if value else _("not {feature}").format(feature=label)
    if f.team_level:
        return _("{feature} {value}").format(feature=label, value=feats.describe(feature_id, value))
    return _("{feature} {value}, team median {median}").format(
        feature=label, value=feats.describe(feature_id, value), median=feats.describe(feature_id, median))


def drivers(X: pd.DataFrame, contrib: pd.DataFrame, top: int = 3) -> list[list[dict]]:
    """For each row, the features that raise the risk most: id, contribution, value, team median, text."""
    med = team_medians(X)
    out = []
    for idx in X.index:
        c = contrib.loc[idx]
        up = c[c > 0.01].sort_values(ascending=False).head(top)
        out.append([{"feature": fid, "contribution": float(v), "value": as_float(X.at[idx, fid]),
                     "team_median": as_float(med.at[idx, fid]), "text": sentence(fid, X.at[idx, fid], med.at[idx, fid])}
                    for fid, v in up.items()])
    return out


NO_FACTOR = N_("no factor above an average agent's")


def drivers_text(items: list[dict]) -> str:
    """The drivers as one line, in the reader's language: each driver is written again from its feature,
    value and team median (the stored `text` is the English one, kept for the warehouse and exports)."""
    if not items:
        return _(NO_FACTOR)
    return _("; ").join(item_text(d) for d in items)


def item_text(d: dict) -> str:
    """One stored driver (feature, value, team_median, text) in the reader's language."""
    if d.get("feature") in feats.BY_ID:
        return sentence(d["feature"], d.get("value"), d.get("team_median"))
    return str(d.get("text", ""))


def method_text(kind: str) -> str:
    return _(METHODS[kind]) if kind in METHODS else kind


def global_importance(contrib: pd.DataFrame) -> pd.DataFrame:
    """Mean absolute contribution of each feature over the rows given, largest first."""
    imp = contrib.abs().mean().sort_values(ascending=False)
    return pd.DataFrame({"feature": imp.index, "label": [feats.BY_ID[f].label for f in imp.index],  # English: stored
                         "mean_abs_contribution": imp.to_numpy()})


