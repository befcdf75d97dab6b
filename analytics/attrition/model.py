"""The two candidate risk models (scikit-learn pipelines) and the single-feature baselines.

- logistic: median imputation, standard scaling, L2 logistic regression — interpretable;
- gbm: HistGradientBoostingClassifier (handles gaps itself) calibrated with Platt scaling on
  3 time-blind folds of the training window, refitted on all of it (ensemble=False), so one tree
  model remains for TreeSHAP explanations.
Both are deterministic for a seed."""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from analytics.attrition.features import FEATURE_IDS

CANDIDATES = ("logistic", "gbm")
# Baselines: a one- or two-column logistic fit (so Brier is meaningful), or a constant.
BASELINES = {
    "tenure_only": ["tenure_days", "tenure_under_90d", "tenure_90_180d"],
    "absence_last_month_only": ["absences_30d"],
    "base_rate": [],
}


def logistic(seed: int = 0, columns=None) -> Pipeline:
    return Pipeline([
        ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=0.5, max_iter=2000, random_state=seed)),
    ])


def gbm(seed: int = 0, n_pos: int | None = None) -> CalibratedClassifierCV:
    base = HistGradientBoostingClassifier(
        learning_rate=0.05, max_iter=150, max_leaf_nodes=8, min_samples_leaf=40, l2_regularization=1.0,
        early_stopping=False, random_state=seed)
    folds = 3 if n_pos is None else max(2, min(3, n_pos))
    return CalibratedClassifierCV(base, method="sigmoid", cv=StratifiedKFold(folds), ensemble=False)


def build(kind: str, seed: int, y: np.ndarray | None = None):
    if kind == "logistic":
        return logistic(seed)
    if kind == "gbm":
        return gbm(seed, None if y is None else int(np.sum(y)))
    raise ValueError(f"unknown model kind {kind!r}")


class ConstantRate:
    """The base-rate baseline: everyone gets the training window's exit rate."""

    def fit(self, X, y):
        self.rate_ = float(np.mean(y))
        return self

    def predict_proba(self, X):
        n = len(X)
        return np.column_stack([np.full(n, 1 - self.rate_), np.full(n, self.rate_)])


def fit(kind: str, X: pd.DataFrame, y: np.ndarray, seed: int):
    model = build(kind, seed, y)
    # One thread: on a shared machine OpenMP's spinning threads make boosting 30× slower, not faster.
    with threadpool_limits(1):
        model.fit(X[FEATURE_IDS], y)
    return model


def fit_baseline(baseline: str, X: pd.DataFrame, y: np.ndarray, seed: int):
    cols = BASELINES[baseline]
    if not cols:
        return ConstantRate().fit(X, y), cols
    return logistic(seed).fit(X[cols], y), cols


def predict(model, X: pd.DataFrame, columns=None) -> np.ndarray:
    cols = FEATURE_IDS if columns is None else columns
    with threadpool_limits(1):
        return model.predict_proba(X[cols] if cols else X)[:, 1]


def tree_of(model) -> HistGradientBoostingClassifier | None:
    """The fitted boosting model inside the calibrated wrapper (for TreeSHAP)."""
    if isinstance(model, CalibratedClassifierCV):
        return model.calibrated_classifiers_[0].estimator
    return None
