"""Rolling-origin, time-based backtest: for each test month t, train on month-ends whose 90-day label
window had closed by t (month_end ≤ t − 90 days, so the model knows only what was known at t), test
on month t. Never a random split. Scores the two candidates, the baselines and the oracle (the
generator's true p_exit_90d, read from `truth` only here, for judging — never as a feature)."""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from analytics.attrition import model as models
from analytics.attrition.features import LABEL

LABEL_DAYS = 90
MIN_TRAIN_ROWS = 60
MIN_TRAIN_POSITIVES = 5


class NotEnoughHistory(Exception):
    """The warehouse has too few labeled months (or exits) to train or backtest."""


def labeled(df: pd.DataFrame) -> pd.DataFrame:
    return df[df[LABEL].notna()].copy()


def trainable(rows: pd.DataFrame) -> bool:
    y = rows[LABEL].astype(int)
    return len(rows) >= MIN_TRAIN_ROWS and MIN_TRAIN_POSITIVES <= y.sum() < len(y)


def folds(df: pd.DataFrame, n_folds: int = 6) -> list[tuple[dt.date, list[dt.date]]]:
    """(test month, train months) for the last n_folds labeled months that have a trainable past."""
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
    return out[-n_folds:]


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


def run(df: pd.DataFrame, seed: int, n_folds: int = 6, truth: pd.DataFrame | None = None) -> dict:
    """Out-of-fold predictions of every scorer on every fold, and their metrics."""
    fl = folds(df, n_folds)
    if not fl:
        raise NotEnoughHistory(
            "Not enough labeled history to backtest: the model needs month-ends whose 90 days after are "
            f"in the data, at least {MIN_TRAIN_ROWS} agent-months and {MIN_TRAIN_POSITIVES} voluntary exits "
            "before a test month.")
    lab = labeled(df)
    preds = []
    for t, train_months in fl:
        tr = lab[lab["month_end"].isin(train_months)]
        te = lab[lab["month_end"] == t]
        ytr = tr[LABEL].astype(int).to_numpy()
        part = te[["agent_id", "month_end", LABEL]].copy()
        part[LABEL] = part[LABEL].astype(int)
        # the blend is the average of the two candidates' probabilities, exactly as its VotingClassifier
        part["logistic"] = models.predict(models.fit("logistic", tr, ytr, seed), te)
        part["gbm"] = models.predict(models.fit("gbm", tr, ytr, seed), te)
        part["blend"] = (part["logistic"] + part["gbm"]) / 2
        for b in models.BASELINES:
            part[b] = models.predict(models.fit_baseline(b, tr, ytr, seed), te)
        part["train_max_month"] = max(train_months)
        preds.append(part)
    oof = pd.concat(preds, ignore_index=True)
    if truth is not None:
        oof = oof.merge(truth, on=["agent_id", "month_end"], how="left")
    scorers = list(models.CANDIDATES) + list(models.BASELINES)
    if "oracle" in oof and oof["oracle"].notna().all():
        scorers.append("oracle")
    y = oof[LABEL].to_numpy()
    table = {s: metrics(y, oof[s].to_numpy()) for s in scorers}
    per_fold = [
        {"test_month": t.isoformat(), "train_max_month": max(tm).isoformat(), "train_months": len(tm)}
        | {s: metrics(g[LABEL].to_numpy(), g[s].to_numpy())["roc_auc"] for s in scorers}
        for (t, tm), (_, g) in zip(fl, oof.groupby("month_end", sort=True))
    ]
    return {"oof": oof, "table": table, "folds": per_fold, "scorers": scorers}


def choose(table: dict) -> str:
    """The candidate with the best pooled ROC AUC; simpler ones win near-ties (0.005): the logistic
    model is the one a person can read, and a single model beats a blend of two."""
    auc = {k: table[k]["roc_auc"] or 0.0 for k in models.CANDIDATES}
    best = "logistic"
    for kind in ("gbm", "blend"):
        if auc[kind] > auc[best] + 0.005:
            best = kind
    return best
