"""Train the attrition model for a warehouse: features, backtest, choice, final fit, save."""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.core import warehouse
from analytics.attrition import backtest, explain, store
from analytics.attrition import features as feats
from analytics.attrition import model as models
from analytics.i18n import _

TARGET_ORACLE_GAP = 0.03
TARGET_BASELINE_MARGIN = 0.05


def data_hash(df: pd.DataFrame) -> str:
    cols = ["agent_id", "month_end", *feats.FEATURE_IDS, feats.LABEL]
    h = pd.util.hash_pandas_object(df[cols].astype(str), index=False).to_numpy()
    return hashlib.sha256(h.tobytes()).hexdigest()[:16]


def _targets(table: dict, chosen: str) -> dict:
    auc = table[chosen]["roc_auc"]
    best_base = max((table[b]["roc_auc"] or 0.0) for b in models.BASELINES)
    oracle = table.get("oracle", {}).get("roc_auc")
    return {
        "oracle_gap": None if oracle is None else oracle - auc,
        "within_0_03_of_oracle": None if oracle is None else bool(oracle - auc <= TARGET_ORACLE_GAP),
        "best_baseline_roc_auc": best_base,
        "above_best_baseline_by_0_05": bool(auc - best_base >= TARGET_BASELINE_MARGIN),
        "brier_better_than_base_rate": bool(table[chosen]["brier"] < table["base_rate"]["brier"]),
        "base_rate_brier": table["base_rate"]["brier"],
    }


def fit_all(df: pd.DataFrame, seed: int = 0, n_folds: int = backtest.TEST_MONTHS, truth: pd.DataFrame | None = None):
    """Backtest, choose, refit on every labeled row. Returns (model, metadata without the save)."""
    t0 = time.perf_counter()
    bt = backtest.run(df, seed, n_folds, truth)
    t_bt = time.perf_counter() - t0
    table = bt["table"]
    kind = bt["kind"]
    lab = backtest.labeled(df)
    if not backtest.trainable(lab):
        raise backtest.NotEnoughHistory(_("Too few labeled agent-months or exits to train a model."))
    y = lab[feats.LABEL].astype(int).to_numpy()
    model = models.fit(kind, lab, y, seed, C=bt["C"] if kind in (*models.LINEAR, "blend") else None)
    p_train = models.predict(model, lab)
    latest = df[df["month_end"] == df["month_end"].max()]
    importance = explain.global_importance(explain.contributions(model, kind, latest))
    oof = bt["oof"]
    calib = {s: backtest.calibration(oof[feats.LABEL], oof[s]).to_dict(orient="records")
             for s in (kind, "oracle") if s in bt["scorers"]}
    chosen = table[kind]
    meta = {
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "kind": kind,
        "seed": seed,
        "explanation_method": explain.METHODS[kind],
        "features": feats.FEATURE_IDS,
        "data_hash": data_hash(df),
        "training_window": {
            "first_month_end": min(lab["month_end"]).isoformat(), "last_month_end": max(lab["month_end"]).isoformat(),
            "rows": int(len(lab)), "exits": int(y.sum()), "base_rate": float(y.mean()),
            "data_end": df.attrs.get("data_end"),
            "scored_month_end": max(df["month_end"]).isoformat(),
        },
        **{k: chosen[k] for k in ("roc_auc", "pr_auc", "brier", "precision_at_10pct", "recall_at_10pct",
                                  "lift_at_10pct")},
        "oracle_roc_auc": table.get("oracle", {}).get("roc_auc"),
        "baselines": {b: table[b]["roc_auc"] for b in models.BASELINES},
        "folds": [f["test_month"] for f in bt["folds"]],
        "test_window": {"months": [f["test_month"] for f in bt["folds"]], "rows": chosen["n"],
                        "exits": chosen["positives"]},
        "validation_months": bt["validation_months"],
        # the strength C of the linear model (the signed one, alone or in the blend)
        "logistic_C": bt["C"],
        "validation": bt["validation"],
        "intervals": bt["intervals"],
        "auc_ci": bt["intervals"]["roc_auc"][kind],
        "auc_diff_ci": bt["intervals"]["auc_diff_vs_best_baseline"],
        # The verdict screens gate the ranking on: the model beats its best baseline on the test months
        # with the bootstrap interval of the AUC difference above 0.
        "trusted": bool(bt["intervals"]["auc_diff_vs_best_baseline"][0] > 0),
        "fold_details": bt["folds"],
        "table": table,
        "targets": _targets(table, kind),
        "calibration": calib,
        "bands": {"high": float(np.quantile(p_train, 0.90)), "medium": float(np.quantile(p_train, 0.70))},
        "importance": importance.to_dict(orient="records"),
        "seconds": {"backtest": round(t_bt, 2), "total": round(time.perf_counter() - t0, 2)},
    }
    return model, meta


def train(db_path, seed: int = 0, n_folds: int | None = None) -> tuple[Path, dict]:
    """Train on the warehouse at db_path and save the model beside it. Raises NotEnoughHistory, also
    when an asked-for number of test months (`n_folds`; None: the default, which a short history may
    cut to what it has) is more than the history holds."""
    asked, n_folds = n_folds is not None, backtest.TEST_MONTHS if n_folds is None else n_folds
    t0 = time.perf_counter()
    with warehouse.read_connection(Path(db_path)) as con:
        df = feats.load(con)
        truth = backtest.oracle(con)
        end = feats.bounds(con)[1]
    df.attrs["data_end"] = end.isoformat() if end else None
    t_feat = time.perf_counter() - t0
    if df.empty:
        raise backtest.NotEnoughHistory(_("The warehouse has no agent-months to learn from (no calls or shifts)."))
    if asked:
        backtest.check_test_months(df, n_folds)
    model, meta = fit_all(df, seed, n_folds, truth)
    meta["seconds"]["features"] = round(t_feat, 2)
    meta["seconds"]["total"] = round(time.perf_counter() - t0, 2)
    path = store.save(db_path, model, meta)
    saved = store.load_meta(path)
    from analytics.attrition import scores

    scores.compute_and_store(db_path, model, saved)  # pages and the review read these, never re-score
    return path, saved
