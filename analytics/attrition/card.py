"""The model card: what the model is, what it was trained on, how well it did against baselines and
the oracle, its limits and its intended use — as plain (label, text) sections and a metrics table, in the
reader's language (English in the CLI unless --lang)."""
from __future__ import annotations

import pandas as pd

from analytics.core import units
from analytics.i18n import N_, _, current, ltr

INTENDED_USE = N_("Intended use: to prompt a supportive conversation between a supervisor and an agent, "
                  "and to look at team conditions. Never a decision on its own — not for hiring, pay, "
                  "discipline or dismissal.")
INTENDED_USE_BODY = N_("to prompt a supportive conversation between a supervisor and an agent, and to look at team "
                       "conditions. Never a decision on its own — not for hiring, pay, discipline or dismissal.")
LIMITATIONS = [
    N_("It learns associations in past data; drivers and what-ifs are not causes."),
    N_("Team features use the team each agent was in at each month-end (the org-chart history); a warehouse "
       "without that history falls back to the current supervisor."),
    N_("Labels need 90 days after a month-end, so the latest three month-ends are scored but never trained on."),
    N_("Only voluntary exits count as positives; involuntary exits count as staying."),
    N_("Protected attributes (age, gender, ethnicity, religion, health, marital status) and names are never "
       "features; a test enforces a deny-list on feature names. Proxies can still exist: review the drivers."),
    N_("A small center (few exits) gives an unstable model: check the backtest before trusting a ranking."),
]
SCORERS = {"logistic": N_("Logistic regression"),
           "signed": N_("Logistic regression with each weight's direction fixed"),
           "gbm": N_("Calibrated gradient boosting"),
           "blend": N_("Blend of logistic and gradient boosting"),
           "tenure_only": N_("Baseline: tenure only"), "absence_last_month_only": N_("Baseline: last-month absences only"),
           "base_rate": N_("Baseline: base rate"), "oracle": N_("Oracle (true probability)")}


# The model card's table columns in words (the page's column headers and the CLI's), with the digits
# each shows. ROC AUC, PR AUC and Brier are names of measures, the same in every language.
METRIC_HEADERS = {"scorer": (N_("Scorer"), None), "roc_auc": ("ROC AUC", 3), "pr_auc": ("PR AUC", 3),
                  "brier": ("Brier", 4), "precision_at_10pct": (N_("Precision at top 10%"), 3),
                  "recall_at_10pct": (N_("Recall at top 10%"), 3), "lift_at_10pct": (N_("Lift at top 10%"), 2),
                  "n": (N_("Agent-months"), 0), "positives": (N_("Voluntary exits"), 0)}


def metric_header(column: str) -> str:
    words = METRIC_HEADERS[column][0]
    return words if words in ("ROC AUC", "PR AUC", "Brier") else _(words)


def sentences(parts) -> str:
    """Sentences one after another: a space between them, none in Chinese (a full stop 。 ends one)."""
    return ("" if current() == "zh" else " ").join(parts)


def scorer(name: str) -> str:
    """A scorer's name in the reader's language (an unknown one as it is)."""
    return _(SCORERS[name]) if name in SCORERS else name


def metrics_table(meta: dict) -> pd.DataFrame:
    from analytics.attrition.model import CANDIDATES  # here: the card's text needs no scikit-learn

    rows = []
    for kind, m in meta["table"].items():
        name = scorer(kind)
        shown = (_("{scorer} (chosen)").format(scorer=name) if kind == meta["kind"]
                 else _("{scorer} (candidate)").format(scorer=name) if kind in CANDIDATES else name)
        rows.append({"scorer": shown,
                     "id": kind, **{k: m.get(k) for k in ("roc_auc", "pr_auc", "brier", "precision_at_10pct",
                                                         "recall_at_10pct", "lift_at_10pct", "n", "positives")}})
    return pd.DataFrame(rows)


def created_text(meta: dict) -> str:
    """When the model was trained, as the app writes a moment (weekday, date, time in UTC), not the raw
    ISO stamp the metadata keeps ('2026-12-02T13:36:20+00:00')."""
    try:
        ts = pd.Timestamp(meta["created_at"])
    except (KeyError, ValueError, TypeError):
        return ltr(units.digits(str(meta.get("created_at", ""))))
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return units.datetime_text(ts)


def trusted(meta: dict) -> bool:
    """Does the model beat its best baseline on the test months, with the bootstrap interval of the AUC
    difference above 0? Models saved before the interval existed are not trusted."""
    return bool(meta.get("trusted", False))


def trust_text(meta: dict) -> str:
    ci, diff = meta.get("auc_ci"), meta.get("auc_diff_ci")
    if not ci or not diff:
        return _("No bootstrap interval was computed for this model: retrain it before relying on its ranking.")
    verdict = (_("It beats its best baseline: the ranking can be shown.") if trusted(meta) else
               _("It does not beat its best baseline reliably: the ranking should not be relied on."))
    return _("ROC AUC {auc} (95% interval {low}–{high}, agents resampled); minus the best baseline: {dlow} to "
             "{dhigh}. {verdict}").format(auc=n3(meta['roc_auc']), low=n3(ci[0]), high=n3(ci[1]),
                                          dlow=units.number(diff[0], 3, sign=True),
                                          dhigh=units.number(diff[1], 3, sign=True), verdict=verdict)


def n3(v) -> str:
    return units.number(v, 3)


def sections(meta: dict) -> list[tuple[str, str]]:
    w = meta["training_window"]
    t = meta["targets"]
    oracle = meta.get("oracle_roc_auc")
    b_auc = n3(t['best_baseline_roc_auc'])
    target_lines = [
        (_("ROC AUC {auc}; best baseline {base} (meets the +0.05 target).") if t['above_best_baseline_by_0_05']
         else _("ROC AUC {auc}; best baseline {base} (misses the +0.05 target).")).format(auc=n3(meta['roc_auc']),
                                                                                            base=b_auc),
        (_("Brier {brier} vs base rate {base} (better).") if t['brier_better_than_base_rate']
         else _("Brier {brier} vs base rate {base} (not better).")).format(
            brier=units.number(meta['brier'], 4), base=units.number(meta['table']['base_rate']['brier'], 4)),
    ]
    if oracle is not None:
        target_lines.append((_("Oracle ROC AUC {auc}: gap {gap} (within the 0.03 target).")
                             if t['within_0_03_of_oracle'] else
                             _("Oracle ROC AUC {auc}: gap {gap} (outside the 0.03 target).")).format(
            auc=n3(oracle), gap=n3(t['oracle_gap'])))
    months = lambda ms: _(", ").join(ltr(units.digits(str(m))) for m in ms)  # noqa: E731
    method = meta['explanation_method']
    for kind, text in explain_methods().items():   # the stored English words, in the reader's language
        if text == method:
            method = _(text)
    return [
        (_("Model"), _("{scorer}, chosen on validation months {validation} and then scored once on test months "
                       "{test}; seed {seed}. Explanations: {method}.").format(
            scorer=scorer(meta['kind']), validation=months(meta.get('validation_months') or [])
            or _("(none: default model)"), test=months(meta['folds']), seed=units.digits(str(meta['seed'])),
            method=method)),
        (_("Trust"), trust_text(meta)),
        (_("Data window"), _("Trained on month-ends {first} to {last}: {rows} agent-months, {exits} voluntary exits "
                             "within 90 days (base rate {rate}%). Data hash {hash}. Trained {created}.").format(
            first=ltr(units.digits(str(w['first_month_end']))), last=ltr(units.digits(str(w['last_month_end']))),
            rows=units.number(w['rows'], 0), exits=units.number(w['exits'], 0),
            rate=units.number(100 * w['base_rate'], 1), hash=ltr(meta['data_hash']),
            created=created_text(meta))),
        (_("Label"), _("Voluntary exit within the 90 days after a month-end.")),
        (_("Backtest"), _("Each validation and test month is predicted by a model trained only on month-ends whose "
                          "90-day outcome was already known at that month (train month-end ≤ month − 90 days). Never "
                          "a random split. The model is chosen on the validation months, which precede the test "
                          "months; the test months are used once, to report.")),
        (_("Targets"), sentences(target_lines)),
        (_("Risk bands"), _("High: risk ≥ {high}% (top 10% of training months); medium: ≥ {medium}% (next 20%); "
                            "low: the rest.").format(high=units.number(100 * meta['bands']['high'], 1),
                                                     medium=units.number(100 * meta['bands']['medium'], 1))),
        (_("Limitations"), sentences(_(x) for x in LIMITATIONS)),
        (_("Intended use"), _(INTENDED_USE_BODY)),
    ]


def explain_methods() -> dict:
    from analytics.attrition.explain import METHODS

    return METHODS
