"""Nested rolling-origin, time-based backtest: for each month t, train on month-ends whose 90-day label
window had closed by t (month_end ≤ t − 90 days, so the model knows only what was known at t), predict
month t. Never a random split. The candidates are compared on validation months; the one chosen there
is scored once on the later, reported test months with the baselines and the oracle (the generator's
true p_exit_90d, read from `truth` only here, for judging — never as a feature), with agent-bootstrap
intervals for every AUC and for the model's margin over its best baseline."""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from analytics.attrition import model as models
from analytics.attrition.features import LABEL
from analytics.core import units
from analytics.i18n import _

LABEL_DAYS = 90
MIN_TRAIN_ROWS = 60
MIN_TRAIN_POSITIVES = 5
TEST_MONTHS = 12  # reported test months: 6 held too few exits (~100–150 on medium) for a stable AUC
N_VAL = 6            # validation months (before the reported ones) on which the candidate is chosen
BOOTSTRAP = 1000     # agent-cluster bootstrap resamples of the test rows, for the AUC intervals


class NotEnoughHistory(Exception):
    """The warehouse has too few labeled months (or exits) to train or backtest."""


def labeled(df: pd.DataFrame) -> pd.DataFrame:
    return df[df[LABEL].notna()].copy()


def trainable(rows: pd.DataFrame) -> bool:
    y = rows[LABEL].astype(int)
    return len(rows) >= MIN_TRAIN_ROWS and MIN_TRAIN_POSITIVES <= y.sum() < len(y)


def eligible_months(df: pd.DataFrame) -> list[tuple[dt.date, list[dt.date]]]:
    """(month, train months) for every labeled month with both outcomes and a trainable past."""
    lab = labeled(df)
    months = sorted(lab["month_end"].unique())
    out = []
    for t in months:
        train = [m for m in months if m <= t - dt.timedelta(days=LABEL_DAYS)]
        test = lab[lab["month_end"] == t]
        if not train or test[LABEL].nunique() < 2:
            continue
        if trainable(lab[lab["month_end"].isin(train)]):
            out.append((t, train))
    return out


def folds(df: pd.DataFrame, n_folds: int = 6) -> list[tuple[dt.date, list[dt.date]]]:
    """(test month, train months) for the last n_folds labeled months that have a trainable past."""
    return eligible_months(df)[-n_folds:]


def nested_folds(df: pd.DataFrame, n_test: int = 6, n_val: int = N_VAL):
    """(validation folds, test folds): the reported test months are the last n_test eligible months; the
    model is chosen on the n_val eligible months just before them, so the test months are touched once."""
    el = eligible_months(df)
    test = el[-n_test:]
    val = el[:-n_test][-n_val:] if len(el) > n_test else []
    return val, test


def check_test_months(df: pd.DataFrame, n_test: int) -> None:
    """An asked-for number of test months must exist: more than the history holds would quietly become
    all of them, with no month left before them to choose the model on."""
    have = len(eligible_months(df))
    if n_test > have:
        raise NotEnoughHistory(
            _("{n} test months asked, but this warehouse's history has {have} months to test on; with {val} "
              "validation months before them, use at most {best}.").format(
                n=units.number(n_test, 0), have=units.number(have, 0),
                val=units.number(min(N_VAL, max(have - 1, 0)), 0), best=units.number(max(1, have - N_VAL), 0)))


def metrics(y: np.ndarray, p: np.ndarray, top: float = 0.10) -> dict:
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    out = {"n": int(len(y)), "positives": int(y.sum()), "base_rate": float(y.mean()) if len(y) else None}
    if len(y) == 0 or y.min() == y.max():
        return out | {"roc_auc": None, "pr_auc": None, "brier": None, "precision_at_10pct": None,
                      "recall_at_10pct": None, "lift_at_10pct": None}
    k = max(1, int(round(top * len(y))))
    # Ties in the score are broken by position, stably, so the number is deterministic.
    order = np.argsort(-p, kind="stable")[:k]
    prec = float(y[order].mean())
    return out | {
        "roc_auc": float(roc_auc_score(y, p)),
        "pr_auc": float(average_precision_score(y, p)),
        "brier": float(brier_score_loss(y, p)),
        "precision_at_10pct": prec,
        "recall_at_10pct": float(y[order].sum() / y.sum()),
        "lift_at_10pct": prec / float(y.mean()),
    }


def calibration(y, p, bins: int = 10) -> pd.DataFrame:
    frac, mean = calibration_curve(np.asarray(y, int), np.asarray(p, float), n_bins=bins, strategy="quantile")
    return pd.DataFrame({"predicted": mean, "observed": frac})


def oracle(con: duckdb.DuckDBPyConnection) -> pd.DataFrame | None:
    """The generator's true probabilities, if this warehouse is a generated sample."""
    try:
        df = con.execute("SELECT agent_id, month_end, p_exit_90d AS oracle FROM truth.agent_month_hazard").df()
    except duckdb.Error:
        return None
    if df.empty:
        return None
    df["month_end"] = pd.to_datetime(df["month_end"]).dt.date
    return df


def _predict_fold(lab: pd.DataFrame, t, train_months, kinds, seed: int, C: float | None = None) -> pd.DataFrame:
    """Month t predicted by each of `kinds` fitted on train_months. A kind may be (kind, C) to fix a
    linear model's strength (its column is "<kind>_C<C>"); C applies to the linear models and the blend
    (None: chosen inside the window)."""
    tr = lab[lab["month_end"].isin(train_months)]
    te = lab[lab["month_end"] == t]
    ytr = tr[LABEL].astype(int).to_numpy()
    part = te[["agent_id", "month_end", LABEL]].copy()
    part[LABEL] = part[LABEL].astype(int)
    fitted = {}
    for kind in kinds:
        if kind == "blend":  # the average of the two candidates' probabilities, exactly its VotingClassifier
            for k in ("signed", "gbm"):
                if k not in fitted:
                    fitted[k] = models.predict(models.fit(k, tr, ytr, seed, C=C if k == "signed" else None), te)
            fitted["blend"] = (fitted["signed"] + fitted["gbm"]) / 2
        elif kind in models.BASELINES:
            fitted[kind] = models.predict(models.fit_baseline(kind, tr, ytr, seed), te)
        elif isinstance(kind, tuple):
            fitted[kind] = models.predict(models.fit(kind[0], tr, ytr, seed, C=kind[1]), te)
        elif kind not in fitted:
            fitted[kind] = models.predict(models.fit(kind, tr, ytr, seed, C=C if kind in models.LINEAR else None), te)
    for kind in kinds:
        part[kind if not isinstance(kind, tuple) else f"{kind[0]}_C{kind[1]}"] = fitted[kind]
    part["train_max_month"] = max(train_months)
    return part


def _best_c(y: np.ndarray, vo: pd.DataFrame, kind: str) -> tuple[float, dict]:
    """A linear model's strength C with the best pooled validation AUC (ties → stronger), and its AUC
    by C (keyed by the C as text, as the saved metadata keeps it)."""
    by_c = {c: metrics(y, vo[f"{kind}_C{c}"].to_numpy())["roc_auc"] for c in models.C_GRID}
    C, best = models.DEFAULT_C, -1.0
    for c in models.C_GRID:  # ascending: ties keep the stronger regularization
        if (by_c[c] or 0.0) > best + 1e-9:
            C, best = c, by_c[c] or 0.0
    return C, {str(c): auc for c, auc in by_c.items()}


def _choose_on_validation(lab: pd.DataFrame, val_folds, seed: int):
    """(kind, C, validation table): the signed model's strength C with the best pooled validation AUC,
    then signed vs gbm vs their blend at that C, all on the validation months only."""
    grid = [("signed", c) for c in models.C_GRID]
    vo = pd.concat([_predict_fold(lab, t, tm, [*grid, "gbm"], seed) for t, tm in val_folds], ignore_index=True)
    y = vo[LABEL].to_numpy()
    C, by_c = _best_c(y, vo, "signed")
    vo["signed"] = vo[f"signed_C{C}"]
    vo["blend"] = (vo["signed"] + vo["gbm"]) / 2
    table = {k: metrics(y, vo[k].to_numpy()) for k in models.CANDIDATES} | {"signed_by_C": by_c}
    return choose(table), C, table


def run(df: pd.DataFrame, seed: int, n_folds: int = TEST_MONTHS, truth: pd.DataFrame | None = None,
        n_val: int = N_VAL) -> dict:
    """Nested rolling origin. The candidates are compared on validation months that precede the reported
    test months (each predicted by a model trained only on what was known then); the best one on
    validation is then scored, once, on the test months with the baselines and the oracle."""
    val_folds, test_folds = nested_folds(df, n_folds, n_val)
    if not test_folds:
        raise NotEnoughHistory(
            _("Not enough labeled history to backtest: the model needs month-ends whose 90 days after are "
              "in the data, at least {rows} agent-months and {exits} voluntary exits before a test month.").format(
                rows=units.number(MIN_TRAIN_ROWS, 0), exits=units.number(MIN_TRAIN_POSITIVES, 0)))
    lab = labeled(df)
    validation, C = {}, None  # no validation month: the signed model, its C chosen inside each training window
    kind = DEFAULT_KIND
    if val_folds:
        kind, C, validation = _choose_on_validation(lab, val_folds, seed)
    scorers = [kind, *models.BASELINES]
    oof = pd.concat([_predict_fold(lab, t, tm, scorers, seed, C) for t, tm in test_folds], ignore_index=True)
    if truth is not None:
        oof = oof.merge(truth, on=["agent_id", "month_end"], how="left")
    if "oracle" in oof and oof["oracle"].notna().all():
        scorers.append("oracle")
    y = oof[LABEL].to_numpy()
    table = {s: metrics(y, oof[s].to_numpy()) for s in scorers}
    per_fold = [
        {"test_month": t.isoformat(), "train_max_month": max(tm).isoformat(), "train_months": len(tm)}
        | {s: metrics(g[LABEL].to_numpy(), g[s].to_numpy())["roc_auc"] for s in scorers}
        for (t, tm), (_, g) in zip(test_folds, oof.groupby("month_end", sort=True))
    ]
    return {"oof": oof, "table": table, "folds": per_fold, "scorers": scorers, "kind": kind, "C": C,
            "validation": validation, "validation_months": [t.isoformat() for t, _ in val_folds],
            "intervals": intervals(oof, kind, table, seed)}


def _weighted_auc(y: np.ndarray, p: np.ndarray, w: np.ndarray) -> np.ndarray:
    """ROC AUC of scores p for labels y under each row of weights w (resamples × rows); ties count half."""
    order = np.argsort(p, kind="stable")
    y, p, w = y[order], p[order], w[:, order]
    starts = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
    gp = np.add.reduceat(w * y, starts, axis=1)
    gn = np.add.reduceat(w * (1 - y), starts, axis=1)
    below = np.cumsum(gn, axis=1) - gn
    with np.errstate(invalid="ignore", divide="ignore"):
        return (gp * (below + 0.5 * gn)).sum(1) / (gp.sum(1) * gn.sum(1))


def intervals(oof: pd.DataFrame, kind: str, table: dict, seed: int, n: int = BOOTSTRAP) -> dict:
    """95% percentile intervals from a bootstrap that resamples agents (an agent's months move together):
    the chosen model's AUC, each baseline's, the oracle's, and the chosen model's AUC minus the best
    baseline's (the ranking is worth showing only if that difference's interval is above 0)."""
    y = oof[LABEL].to_numpy().astype(float)
    codes, _ = pd.factorize(oof["agent_id"], sort=True)
    rng = np.random.default_rng([seed, 90])
    draws = rng.integers(0, codes.max() + 1, (n, codes.max() + 1))
    w_agent = np.stack([np.bincount(d, minlength=codes.max() + 1) for d in draws]).astype(float)
    w = w_agent[:, codes]
    aucs = {s: _weighted_auc(y, oof[s].to_numpy().astype(float), w) for s in table if s in oof}
    best = max(models.BASELINES, key=lambda b: table[b]["roc_auc"] or 0.0)
    ci = lambda a: [float(np.nanpercentile(a, 2.5)), float(np.nanpercentile(a, 97.5))]  # noqa: E731
    out = {"resamples": n, "unit": "agent", "best_baseline": best,
           "roc_auc": {s: ci(a) for s, a in aucs.items()},
           "auc_diff_vs_best_baseline": ci(aucs[kind] - aucs[best])}
    if "oracle" in aucs:
        out["oracle_gap"] = ci(aucs["oracle"] - aucs[kind])
    return out


DEFAULT_KIND = "signed"  # when no month precedes the test months to choose on


def choose(table: dict) -> str:
    """The candidate with the best pooled ROC AUC on the validation months; simpler ones win near-ties
    (0.005): the linear model is the one a person can read, and a single model beats a blend of two."""
    auc = {k: (table.get(k) or {}).get("roc_auc") or 0.0 for k in models.CANDIDATES}
    best = DEFAULT_KIND
    for kind in ("gbm", "blend"):
        if auc[kind] > auc[best] + 0.005:
            best = kind
    return best
