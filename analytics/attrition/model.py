"""The candidate risk models (scikit-learn estimators) and the single-feature baselines.

Every candidate respects what each column means (features.Feature.direction: more absence can only
raise the risk, a higher QA score only lower it), so no explanation or what-if ever says that fewer
absences or a smaller team raise an agent's risk — an unbounded model did, wherever two overlapping
columns took weights of opposite signs.

- signed: median imputation, standard scaling, L2 logistic regression with each weight bounded to its
  column's direction (L-BFGS-B on the logistic's own objective; stored as a plain LogisticRegression,
  so it scores and explains exactly as one). Its strength (C) is chosen on the backtest's validation
  months, which precede the reported test months (or, with none, by an inner time-based validation
  inside the training window);
- gbm: a strongly regularized HistGradientBoostingClassifier (shallow trees, large leaves: a few
  hundred exits cannot support more) with the same directions as monotonic constraints, calibrated
  with Platt scaling on 3 time-blind folds of the training window, refitted on all of it
  (ensemble=False), so one tree model remains for TreeSHAP;
- blend: the two above, probabilities averaged (a soft VotingClassifier) — steadier than either.
"logistic" (the unbounded linear model) is no longer a candidate; models saved with it still load,
score and explain. Every model is a Pipeline whose first step selects its own columns (so a caller
passes the whole feature frame and never keeps a (model, columns) pair); the constant base-rate
baseline is a DummyClassifier. All are deterministic for a seed and made only of scikit-learn types
(so skops can load them safely)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from analytics.attrition.features import FEATURE_IDS, FEATURES

CANDIDATES = ("signed", "gbm", "blend")
# the linear models: coefficient × standardized value explains them exactly ("logistic", the unbounded
# one, is no longer a candidate; models saved with it still load, score and explain)
LINEAR = ("logistic", "signed")
DIRECTIONS = [f.direction for f in FEATURES]  # per column of FEATURE_IDS
# Baselines: a one- or two-column logistic fit (so Brier is meaningful), or a constant (no columns).
BASELINES = {
    "tenure_only": ["tenure_days", "tenure_under_90d", "tenure_90_180d"],
    "absence_last_month_only": ["absences_30d"],
    "base_rate": [],
}
DEFAULT_C = 0.5
C_GRID = (0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
INNER_MONTHS = 3      # validation month-ends at the end of the training window
LABEL_DAYS = 90       # an inner training month must have its outcome known at the validation month


def select(columns) -> ColumnTransformer:
    """The step that keeps a model's own columns, by name, as a DataFrame (so later steps see names)."""
    return ColumnTransformer([("features", "passthrough", list(columns))], remainder="drop",
                             verbose_feature_names_out=False).set_output(transform="pandas")


def logistic(seed: int = 0, C: float = DEFAULT_C, columns=FEATURE_IDS) -> Pipeline:
    return Pipeline([
        ("select", select(columns)),
        ("impute", SimpleImputer(strategy="median", keep_empty_features=True)),
        ("scale", StandardScaler()),
        ("model", LogisticRegression(C=C, max_iter=2000, random_state=seed)),
    ])


def gbm(seed: int = 0, n_pos: int | None = None) -> Pipeline:
    base = HistGradientBoostingClassifier(
        learning_rate=0.03, max_iter=250, max_leaf_nodes=4, min_samples_leaf=100, l2_regularization=10.0,
        monotonic_cst=DIRECTIONS, early_stopping=False, random_state=seed)
    folds = 3 if n_pos is None else max(2, min(3, n_pos))
    return Pipeline([
        ("select", select(FEATURE_IDS)),
        ("model", CalibratedClassifierCV(base, method="sigmoid", cv=StratifiedKFold(folds), ensemble=False)),
    ])


def inner_folds(months) -> list[tuple[dt.date, list[dt.date]]]:
    """(validation month, its training months) for the last INNER_MONTHS training month-ends, the same
    rule as the outer backtest: train only on month-ends ≥ LABEL_DAYS before the validation month."""
    months = sorted(set(months))
    out = []
    for v in months[-INNER_MONTHS:]:
        train = [m for m in months if m <= v - dt.timedelta(days=LABEL_DAYS)]
        if train:
            out.append((v, train))
    return out


def choose_c(X: pd.DataFrame, y: np.ndarray, seed: int = 0) -> float:
    """The signed model's strength with the best pooled ROC AUC on the inner validation months;
    DEFAULT_C when the window is too short or has too few exits to tell."""
    if "month_end" not in X:
        return DEFAULT_C
    y = np.asarray(y, dtype=int)
    month = X["month_end"].to_numpy()
    parts = []
    for v, train in inner_folds(X["month_end"]):
        tr, va = np.isin(month, train), month == v
        if y[tr].sum() >= 10 and 0 < y[va].sum() < va.sum():
            parts.append((tr, va))
    if not parts or sum(int(y[va].sum()) for _, va in parts) < 10:
        return DEFAULT_C
    yv = np.concatenate([y[va] for _, va in parts])
    best, best_auc = DEFAULT_C, -1.0
    for c in C_GRID:
        p = np.concatenate([logistic(seed, c).fit(X.loc[tr], y[tr]).predict_proba(X.loc[va])[:, 1]
                            for tr, va in parts])
        auc = roc_auc_score(yv, p)
        if auc > best_auc + 1e-9:  # ties keep the stronger regularization (grid is ascending)
            best, best_auc = c, auc
    return best


def fit_signed(X: pd.DataFrame, y: np.ndarray, seed: int = 0, C: float = DEFAULT_C,
               directions: dict[str, int] | None = None) -> Pipeline:
    """The logistic pipeline fitted with each weight bounded to its column's direction (`directions`,
    by default each Feature's)."""
    return constrain(logistic(seed, C).fit(X, y), X, y, directions)


def constrain(pipe: Pipeline, X: pd.DataFrame, y: np.ndarray,
              directions: dict[str, int] | None = None) -> Pipeline:
    """Refit a fitted logistic pipeline's weights under its columns' directions: the same objective as
    LogisticRegression (C × log-loss + ½|w|², the intercept free) minimized under the bounds, on the
    pipeline's own imputed and standardized X. The bounded weights are written into its
    LogisticRegression, which stays a plain scikit-learn object (saved, loaded and explained as one)."""
    model = pipe.named_steps["model"]
    C = model.C
    Z = np.asarray(pipe[:-1].transform(X), dtype=float)
    y = np.asarray(y, dtype=float)
    signs = DIRECTIONS if directions is None else [directions[c] for c in FEATURE_IDS]
    bounds = [(0.0, None) if d > 0 else (None, 0.0) if d < 0 else (None, None) for d in signs] + [(None, None)]

    def loss(w):
        z = Z @ w[:-1] + w[-1]
        g = C * (expit(z) - y)
        return C * np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * w[:-1] @ w[:-1], np.r_[Z.T @ g + w[:-1], g.sum()]

    res = minimize(loss, np.r_[np.zeros(Z.shape[1]), model.intercept_[0]], jac=True, method="L-BFGS-B",
                   bounds=bounds, options={"maxiter": 5000, "ftol": 1e-12, "gtol": 1e-8})
    model.coef_ = res.x[None, :-1].copy()
    model.intercept_ = res.x[-1:].copy()
    return pipe


def blend(seed: int, C: float, n_pos: int | None) -> VotingClassifier:
    """The signed model and the gbm averaged. Its linear member is built as the logistic and bounded
    after the fit (fit() constrains it): a VotingClassifier fits its members itself."""
    return VotingClassifier([("logistic", logistic(seed, C)), ("gbm", gbm(seed, n_pos))], voting="soft")


def build(kind: str, seed: int, y: np.ndarray | None = None, C: float = DEFAULT_C):
    n_pos = None if y is None else int(np.sum(y))
    if kind == "logistic":
        return logistic(seed, C)
    if kind == "gbm":
        return gbm(seed, n_pos)
    if kind == "blend":
        return blend(seed, C, n_pos)
    raise ValueError(f"unknown model kind {kind!r}")


def fit(kind: str, X: pd.DataFrame, y: np.ndarray, seed: int, C: float | None = None):
    """Fit one candidate on the rows X (which carry month_end, for the inner choice of C)."""
    # One thread: on a shared machine OpenMP's spinning threads make boosting 30× slower, not faster.
    with threadpool_limits(1):
        if C is None and kind in (*LINEAR, "blend"):
            C = choose_c(X, y, seed)
        if kind == "signed":
            return fit_signed(X, y, seed, DEFAULT_C if C is None else C)
        model = build(kind, seed, y, DEFAULT_C if C is None else C)
        model.fit(X, y)
        if kind == "blend":
            constrain(model.named_estimators_["logistic"], X, y)
    return model


def fit_baseline(baseline: str, X: pd.DataFrame, y: np.ndarray, seed: int):
    """A baseline fitted on the rows X: the base rate (a DummyClassifier) or a small logistic model."""
    cols = BASELINES[baseline]
    model = DummyClassifier(strategy="prior") if not cols else logistic(seed, columns=cols)
    with threadpool_limits(1):
        return model.fit(X, y)


def predict(model, X: pd.DataFrame) -> np.ndarray:
    """The probability of an exit for each row of X (any frame holding the model's columns)."""
    with threadpool_limits(1):
        return model.predict_proba(X)[:, 1]


def members(model) -> dict:
    """The fitted candidates inside a model: {"logistic": ..., "gbm": ...} (one entry unless a blend)."""
    if isinstance(model, VotingClassifier):
        return dict(model.named_estimators_)
    if isinstance(model.named_steps["model"], CalibratedClassifierCV):
        return {"gbm": model}
    return {"logistic": model}


def tree_of(model) -> HistGradientBoostingClassifier | None:
    """The fitted boosting model inside the calibrated wrapper (for TreeSHAP)."""
    model = members(model).get("gbm")
    if model is None:
        return None
    return model.named_steps["model"].calibrated_classifiers_[0].estimator


def platt_slope(model) -> float:
    """How the calibrated gbm turns the trees' log-odds f into its own: log-odds = slope · f + const."""
    cal = model.named_steps["model"].calibrated_classifiers_[0].calibrators[0]
    return float(-cal.a_)
