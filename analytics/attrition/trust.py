"""Has the model earned a ranking? The one answer the Attrition page, the review's watchlist and the
report all read.

A model is *trusted* when its backtest ROC AUC beats the best baseline's by a margin its own
uncertainty supports: the 95% bootstrap interval of the AUC difference (chosen model − best baseline,
on the same out-of-fold rows, resampling agents so an agent's months stay together) lies above 0.
Otherwise the screens say so plainly and show team conditions instead of agent risk bands.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from analytics.core import units
from analytics.i18n import N_, _

N_BOOT = 1000
LEVEL = 0.95


def _auc(y: np.ndarray, p: np.ndarray) -> float | None:
    """ROC AUC by ranks (ties get mid-ranks), None when one class is missing."""
    pos = y == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if n1 == 0 or n0 == 0:
        return None
    ranks = rankdata(p)
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def auc_difference(y, p_model, p_base, clusters=None, n_boot: int = N_BOOT, seed: int = 0) -> dict:
    """AUC(model) − AUC(baseline) and its bootstrap interval; rows are resampled by cluster (agent)."""
    y = np.asarray(y, dtype=int)
    pm, pb = np.asarray(p_model, float), np.asarray(p_base, float)
    diff = _auc(y, pm)
    base = _auc(y, pb)
    if diff is None or base is None:
        return {"auc_diff": None, "auc_diff_ci": None, "n_boot": 0}
    diff -= base
    clusters = np.arange(len(y)) if clusters is None else np.asarray(clusters)
    ids, inverse = np.unique(clusters, return_inverse=True)
    members = [np.flatnonzero(inverse == i) for i in range(len(ids))]
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(ids), len(ids))
        rows = np.concatenate([members[i] for i in pick])
        a, b = _auc(y[rows], pm[rows]), _auc(y[rows], pb[rows])
        if a is not None and b is not None:
            diffs.append(a - b)
    if len(diffs) < n_boot // 2:
        return {"auc_diff": diff, "auc_diff_ci": None, "n_boot": len(diffs)}
    tail = (1 - LEVEL) / 2
    lo, hi = np.quantile(diffs, [tail, 1 - tail])
    return {"auc_diff": float(diff), "auc_diff_ci": [float(lo), float(hi)], "n_boot": len(diffs)}


def assess(oof: pd.DataFrame, chosen: str, baselines, label: str = "label", seed: int = 0) -> dict:
    """The trust block stored in a model's metadata at training time (from the backtest's out-of-fold
    predictions): which baseline is best, the AUC difference, its interval and the verdict."""
    y = oof[label].astype(int).to_numpy()
    aucs = {b: _auc(y, oof[b].to_numpy(float)) for b in baselines if b in oof}
    aucs = {b: a for b, a in aucs.items() if a is not None}
    if not aucs:
        return {"trusted": False, "best_baseline": None, "auc_diff": None, "auc_diff_ci": None}
    best = max(aucs, key=aucs.get)
    clusters = oof["agent_id"].to_numpy() if "agent_id" in oof else None
    d = auc_difference(y, oof[chosen].to_numpy(float), oof[best].to_numpy(float), clusters, seed=seed)
    ci = d["auc_diff_ci"]
    return {"trusted": bool(ci is not None and ci[0] > 0), "best_baseline": best,
            "best_baseline_roc_auc": aucs[best], "auc_diff": d["auc_diff"], "auc_diff_ci": ci,
            "n_boot": d["n_boot"], "level": LEVEL}


@dataclass(frozen=True)
class Verdict:
    trusted: bool
    headline: str      # one plain sentence for every screen
    detail: str        # the numbers behind it


def verdict(meta: dict) -> Verdict:
    """Read the verdict from a model's metadata: the model's own `trusted` / `auc_diff_ci` (written at
    training from the nested backtest's agent bootstrap, analytics.attrition.backtest.intervals), else a
    `trust` block (trust.assess), else — a model saved before either existed — trusted only if it met
    the card's +0.05-over-baseline target."""
    from analytics.attrition.card import SCORERS

    block = dict(meta.get("trust") or {})
    for key in ("trusted", "auc_diff", "auc_diff_ci", "best_baseline"):
        if key in meta:
            block[key] = meta[key]
    intervals = meta.get("intervals") or {}
    if intervals.get("best_baseline") and "best_baseline" not in block:
        block["best_baseline"] = intervals["best_baseline"]
    auc = meta.get("roc_auc")
    base_auc = block.get("best_baseline_roc_auc", (meta.get("targets") or {}).get("best_baseline_roc_auc"))
    base_name = block.get("best_baseline")
    if base_name is None and meta.get("baselines"):
        base_name = max(meta["baselines"], key=lambda b: meta["baselines"][b] or 0)
    base_words = _(BASELINE_WORDS.get(base_name, BEST_BASELINE)) if base_name else _(BEST_BASELINE)
    if "trusted" in block:
        trusted = bool(block["trusted"])
    else:
        trusted = bool((meta.get("targets") or {}).get("above_best_baseline_by_0_05"))
    ci = block.get("auc_diff_ci")
    nums = []
    if auc is not None and base_auc is not None:
        nums.append(_("Backtest ROC AUC {auc} vs {base} for a baseline using {baseline}").format(
            auc=units.number(auc, 3), base=units.number(base_auc, 3), baseline=base_words))
    if ci:
        diff = block.get("auc_diff")
        interval = _("95% interval of the difference {low} to {high}").format(
            low=units.number(ci[0], 3, sign=True), high=units.number(ci[1], 3, sign=True))
        nums.append(interval if diff is None else _("difference {diff}, {interval}").format(
            diff=units.number(diff, 3, sign=True), interval=interval))
    detail = _("; ").join(nums)
    if trusted:
        return Verdict(True, _("The model ranks agents better than a simple baseline in its backtest."), detail)
    return Verdict(False, _("This model does not rank agents reliably better than a simple baseline, so no "
                            "agent ranking or risk bands are shown. Look at team conditions instead."), detail)


BEST_BASELINE = N_("the best baseline")
# what a baseline uses, as the verdict's sentence ends ("… for a baseline using tenure only")
BASELINE_WORDS = {"tenure_only": N_("tenure only"), "absence_last_month_only": N_("last-month absences only"),
                  "base_rate": N_("base rate")}


TEAM_CONDITIONS = {
    "agents": N_("Agents"),
    "new_hires": N_("In first 90 days"),
    "tenure_days": N_("Median tenure (days)"),
    "absence_rate_180d": N_("Absence rate 180 d (%)"),
    "adherence_30d": N_("Adherence 30 d (%)"),
    "occupancy_30d": N_("Occupancy 30 d (%)"),
    "qa_90d": N_("QA score 90 d"),
    "team_vol_exit_rate_365d": N_("Voluntary exits per agent-year"),
}
TEAM_COLUMN = N_("Team (supervisor)")
NO_SUPERVISOR = N_("(none)")


def team_conditions(features: pd.DataFrame) -> pd.DataFrame:
    """Per supervisor, the conditions the model looks at, from the agents' features at the latest
    month-end — facts about teams, not predictions about people."""
    if features is None or features.empty:
        return pd.DataFrame(columns=[_(TEAM_COLUMN), *map(_, TEAM_CONDITIONS.values())])
    df = features.copy()
    df["supervisor"] = df.get("supervisor", pd.Series(index=df.index, dtype=object)).fillna(
        df.get("supervisor_id", pd.Series(index=df.index, dtype=object))).fillna(_(NO_SUPERVISOR))
    g = df.groupby("supervisor", dropna=False)
    out = pd.DataFrame({"agents": g.size()})
    if "tenure_under_90d" in df:
        out["new_hires"] = g["tenure_under_90d"].sum().astype(int)
    for c, how in (("tenure_days", "median"), ("absence_rate_180d", "mean"), ("adherence_30d", "mean"),
                   ("occupancy_30d", "mean"), ("qa_90d", "mean"), ("team_vol_exit_rate_365d", "max")):
        if c in df:
            out[c] = g[c].agg(how)
    out = out.reset_index().sort_values("supervisor", ignore_index=True)
    for c in out.columns:
        if out[c].dtype.kind == "f":
            out[c] = out[c].round(1 if c != "team_vol_exit_rate_365d" else 2)
    return out.rename(columns={"supervisor": _(TEAM_COLUMN), **{c: _(w) for c, w in TEAM_CONDITIONS.items()}})
