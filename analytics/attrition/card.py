"""The model card: what the model is, what it was trained on, how well it did against baselines and
the oracle, its limits and its intended use — as plain (label, text) sections and a metrics table."""
from __future__ import annotations

import pandas as pd

INTENDED_USE = ("Intended use: to prompt a supportive conversation between a supervisor and an agent, "
                "and to look at team conditions. Never a decision on its own — not for hiring, pay, "
                "discipline or dismissal.")
LIMITATIONS = [
    "It learns associations in past data; drivers and what-ifs are not causes.",
    "Team features use the team each agent was in at each month-end (the org-chart history); a warehouse "
    "without that history falls back to the current supervisor.",
    "Labels need 90 days after a month-end, so the latest three month-ends are scored but never trained on.",
    "Only voluntary exits count as positives; involuntary exits count as staying.",
    "Protected attributes (age, gender, ethnicity, religion, health, marital status) and names are never "
    "features; a test enforces a deny-list on feature names. Proxies can still exist: review the drivers.",
    "A small center (few exits) gives an unstable model: check the backtest before trusting a ranking.",
]
SCORERS = {"logistic": "Logistic regression", "gbm": "Calibrated gradient boosting",
           "blend": "Blend of logistic and gradient boosting",
           "tenure_only": "Baseline: tenure only", "absence_last_month_only": "Baseline: last-month absences only",
           "base_rate": "Baseline: base rate", "oracle": "Oracle (true probability)"}


def metrics_table(meta: dict) -> pd.DataFrame:
    rows = []
    for scorer, m in meta["table"].items():
        role = (" (chosen)" if scorer == meta["kind"]
                else " (candidate)" if scorer in ("logistic", "gbm", "blend") else "")
        rows.append({"scorer": SCORERS.get(scorer, scorer) + role,
                     "id": scorer, **{k: m.get(k) for k in ("roc_auc", "pr_auc", "brier", "precision_at_10pct",
                                                         "recall_at_10pct", "lift_at_10pct", "n", "positives")}})
    return pd.DataFrame(rows)


def trusted(meta: dict) -> bool:
    """Does the model beat its best baseline on the test months, with the bootstrap interval of the AUC
    difference above 0? Models saved before the interval existed are not trusted."""
    return bool(meta.get("trusted", False))


def trust_text(meta: dict) -> str:
    ci, diff = meta.get("auc_ci"), meta.get("auc_diff_ci")
    if not ci or not diff:
        return "No bootstrap interval was computed for this model: retrain it before relying on its ranking."
    verdict = ("It beats its best baseline: the ranking can be shown." if trusted(meta) else
               "It does not beat its best baseline reliably: the ranking should not be relied on.")
    return (f"ROC AUC {meta['roc_auc']:.3f} (95% interval {ci[0]:.3f}–{ci[1]:.3f}, agents resampled); "
            f"minus the best baseline: {diff[0]:+.3f} to {diff[1]:+.3f}. {verdict}")


def sections(meta: dict) -> list[tuple[str, str]]:
    w = meta["training_window"]
    t = meta["targets"]
    oracle = meta.get("oracle_roc_auc")
    target_lines = [
        f"ROC AUC {meta['roc_auc']:.3f}; best baseline {t['best_baseline_roc_auc']:.3f} "
        f"({'meets' if t['above_best_baseline_by_0_05'] else 'misses'} the +0.05 target).",
        f"Brier {meta['brier']:.4f} vs base rate {meta['table']['base_rate']['brier']:.4f} "
        f"({'better' if t['brier_better_than_base_rate'] else 'not better'}).",
    ]
    if oracle is not None:
        target_lines.append(f"Oracle ROC AUC {oracle:.3f}: gap {t['oracle_gap']:.3f} "
                            f"({'within' if t['within_0_03_of_oracle'] else 'outside'} the 0.03 target).")
    return [
        ("Model", f"{SCORERS[meta['kind']]}, chosen on validation months "
                  f"{', '.join(meta.get('validation_months') or []) or '(none: default model)'} and then scored "
                  f"once on test months {', '.join(meta['folds'])}; seed {meta['seed']}. "
                  f"Explanations: {meta['explanation_method']}."),
        ("Trust", trust_text(meta)),
        ("Data window", f"Trained on month-ends {w['first_month_end']} to {w['last_month_end']}: {w['rows']:,} "
                        f"agent-months, {w['exits']:,} voluntary exits within 90 days (base rate "
                        f"{100 * w['base_rate']:.1f}%). Data hash {meta['data_hash']}. Trained {meta['created_at']}."),
        ("Label", "Voluntary exit within the 90 days after a month-end."),
        ("Backtest", "Each validation and test month is predicted by a model trained only on month-ends whose "
                     "90-day outcome was already known at that month (train month-end ≤ month − 90 days). Never a "
                     "random split. The model is chosen on the validation months, which precede the test months; "
                     "the test months are used once, to report."),
        ("Targets", " ".join(target_lines)),
        ("Risk bands", f"High: risk ≥ {100 * meta['bands']['high']:.1f}% (top 10% of training months); medium: "
                       f"≥ {100 * meta['bands']['medium']:.1f}% (next 20%); low: the rest."),
        ("Limitations", " ".join(LIMITATIONS)),
        ("Intended use", INTENDED_USE.removeprefix("Intended use: ")),
    ]
