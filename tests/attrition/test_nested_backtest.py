"""The attrition model is chosen on validation months that precede the reported test months, the test
months are used once, and every AUC carries an agent-bootstrap interval (issue #17, part 2)."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from attrition_fixtures import labeled_db
from sklearn.metrics import roc_auc_score

from analytics.attrition import backtest, card, features, training


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    with duckdb.connect(str(labeled_db(tmp_path_factory)), read_only=True) as con:
        return features.load(con)


def test_validation_months_precede_the_test_months(frame):
    val, test = backtest.nested_folds(frame, n_test=1, n_val=6)
    assert val and test
    assert max(t for t, _ in val) < min(t for t, _ in test)
    for t, train in val + test:
        assert max(train) <= t - pd.Timedelta(days=backtest.LABEL_DAYS)


def test_the_choice_never_looks_at_the_test_months(frame):
    first = backtest.run(frame, seed=0, n_folds=1)
    _, test = backtest.nested_folds(frame, n_test=1)
    test_months = {t for t, _ in test}
    # Scramble the outcomes of the reported months: the choice and the validation figures must not move.
    scrambled = frame.copy()
    rows = scrambled["month_end"].isin(test_months) & scrambled[features.LABEL].notna()
    scrambled.loc[rows, features.LABEL] = np.random.default_rng(1).permutation(
        scrambled.loc[rows, features.LABEL].to_numpy())
    second = backtest.run(scrambled, seed=0, n_folds=1)
    assert first["kind"] == second["kind"]
    assert first["validation"] == second["validation"]
    assert first["validation_months"] and not set(first["validation_months"]) & {t.isoformat() for t in test_months}
    assert set(first["table"]) >= {first["kind"], "tenure_only", "absence_last_month_only", "base_rate"}


def test_weighted_auc_matches_scikit_learn_with_ties():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300).astype(float)
    p = np.round(rng.random(300) + 0.3 * y, 1)  # many ties
    w = rng.integers(0, 3, (4, 300)).astype(float)
    got = backtest._weighted_auc(y, p, w)
    want = [roc_auc_score(y, p, sample_weight=row) for row in w]
    np.testing.assert_allclose(got, want, atol=1e-12)


def test_intervals_and_the_trust_verdict(frame):
    _, meta = training.fit_all(frame, seed=2, n_folds=2)
    lo, hi = meta["auc_ci"]
    assert lo <= meta["roc_auc"] <= hi and hi - lo > 0
    d_lo, d_hi = meta["auc_diff_ci"]
    assert d_lo <= d_hi
    assert meta["trusted"] is bool(d_lo > 0) and card.trusted(meta) is meta["trusted"]
    assert meta["test_window"]["exits"] == meta["table"][meta["kind"]]["positives"] > 0
    assert "Trust" in dict(card.sections(meta))
    assert not card.trusted({"roc_auc": 0.7})  # a model saved without intervals is not trusted
