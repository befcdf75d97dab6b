"""Every candidate respects what each column means (Feature.direction): the `signed` model is the
logistic with each weight's direction fixed; its weights keep their directions, it is the logistic's
own optimum when no bound binds, and it is a plain scikit-learn model (saved, loaded, explained like
the logistic). The gbm is monotone in the same directions, and so the blend: raising a column that can
only raise the risk never lowers any candidate's estimate, so no what-if or driver says otherwise."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from attrition_fixtures import labeled_db
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from analytics.attrition import backtest, explain, features, store
from analytics.attrition import model as models


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with duckdb.connect(str(labeled_db(tmp_path_factory)), read_only=True) as con:
        frame = features.load(con)
    return frame[frame[features.LABEL].notna()].reset_index(drop=True)


def _y(frame):
    return frame[features.LABEL].astype(int).to_numpy()


def _objective(pipe, X, y, C):
    z = np.asarray(pipe[:-1].transform(X), dtype=float)
    m = pipe.named_steps["model"]
    s = z @ m.coef_[0] + m.intercept_[0]
    return C * np.sum(np.logaddexp(0.0, s) - y * s) + 0.5 * m.coef_[0] @ m.coef_[0]


def test_every_feature_has_a_direction_and_only_two_are_left_free():
    assert {f.direction for f in features.FEATURES} <= {-1, 0, 1}
    assert [f.id for f in features.FEATURES if f.direction == 0] == ["aht_30d", "coaching_90d"]
    by_id = features.BY_ID
    assert by_id["absences_60d"].direction == 1 and by_id["auto_qa_vs_year"].direction == -1
    assert by_id["tenure_under_90d"].direction == 1 and by_id["tenure_days"].direction == -1


def test_weights_keep_their_directions_where_the_logistic_breaks_them(lab):
    y = _y(lab)
    free = models.fit("logistic", lab, y, 0, C=1.0).named_steps["model"].coef_[0]
    signed = models.fit("signed", lab, y, 0, C=1.0)
    w = signed.named_steps["model"].coef_[0]
    d = np.array([f.direction for f in features.FEATURES])
    wrong = (np.sign(free) * d) < 0
    assert wrong.any()  # the unconstrained fit puts some column against its meaning on this center...
    assert np.all(w * d >= 0)  # ...the signed fit never does
    assert np.any((w == 0) & (d != 0))  # a bound holds some weight at zero


def test_without_bounds_it_is_the_logistic(lab):
    y = _y(lab)
    C = 0.05
    mine = models.fit_signed(lab, y, 0, C, directions={c: 0 for c in features.FEATURE_IDS})
    # scikit-learn's own solver run to a tight tolerance (its default stops about 1e-3 short)
    ref = models.logistic(0, C).set_params(model__tol=1e-10, model__max_iter=100_000).fit(lab, y)
    np.testing.assert_allclose(mine.named_steps["model"].coef_, ref.named_steps["model"].coef_, atol=1e-5)
    # the predictions are held to the coefficients' tolerance (another BLAS rounds the last digits apart)
    np.testing.assert_allclose(models.predict(mine, lab), models.predict(ref, lab), atol=1e-5)


def test_the_fit_is_the_optimum_under_the_bounds(lab):
    """No feasible point does better: the logistic's own weights clipped to the bounds, or the signed
    weights nudged along any single feasible direction, all give a higher objective."""
    y = _y(lab)
    C = 0.1
    signed = models.fit("signed", lab, y, 0, C=C)
    best = _objective(signed, lab, y, C)
    clipped = models.fit("logistic", lab, y, 0, C=C)
    m = clipped.named_steps["model"]
    d = np.array([f.direction for f in features.FEATURES])
    m.coef_ = np.where(m.coef_ * d < 0, 0.0, m.coef_)
    assert best <= _objective(clipped, lab, y, C) + 1e-9
    w0 = signed.named_steps["model"].coef_.copy()
    for j in range(len(d)):
        for step in (0.05, -0.05):
            trial = w0.copy()
            trial[0, j] += step
            if trial[0, j] * d[j] < 0:
                continue
            signed.named_steps["model"].coef_ = trial
            assert _objective(signed, lab, y, C) >= best - 1e-9
    signed.named_steps["model"].coef_ = w0


def test_it_is_a_plain_logistic_saved_loaded_and_explained_like_one(lab, tmp_path):
    y = _y(lab)
    model = models.fit("signed", lab, y, 0, C=0.2)
    assert isinstance(model, Pipeline) and type(model.named_steps["model"]) is LogisticRegression
    assert models.members(model) == {"logistic": model}
    c = explain.contributions(model, "signed", lab)
    raw = model.decision_function(lab[features.FEATURE_IDS])
    assert np.ptp(c.sum(axis=1).to_numpy() - raw) < 1e-6
    np.testing.assert_allclose(models.predict(model, lab), expit(raw), atol=1e-12)
    db = tmp_path / "w.duckdb"
    db.touch()
    path = store.save(db, model, {"kind": "signed", "features": features.FEATURE_IDS})
    again = store.load_model(path)
    np.testing.assert_allclose(models.predict(again, lab), models.predict(model, lab), atol=0)


def _table(**auc):
    return {k: {"roc_auc": v} for k, v in auc.items()}


def test_the_choice_prefers_the_signed_model_unless_another_is_clearly_better():
    assert backtest.choose(_table(signed=0.70, gbm=0.704, blend=0.69)) == "signed"
    assert backtest.choose(_table(signed=0.70, gbm=0.706, blend=0.69)) == "gbm"
    # the blend must beat the best single model by the same margin
    assert backtest.choose(_table(signed=0.70, gbm=0.71, blend=0.713)) == "gbm"
    assert backtest.choose(_table(signed=0.70, gbm=0.6, blend=0.706)) == "blend"
    # the unbounded logistic is no longer a candidate, whatever its figure
    assert backtest.choose(_table(logistic=0.9, signed=0.70, gbm=0.6, blend=0.69)) == "signed"


@pytest.mark.parametrize("kind", models.CANDIDATES)
def test_no_candidate_moves_against_a_columns_meaning(lab, kind):
    """Each column in turn raised by one standard deviation for every row: the estimate never falls for
    a column that can only raise the risk, never rises for one that can only lower it."""
    y = _y(lab)
    model = models.fit(kind, lab, y, 0, C=0.5)
    base = models.predict(model, lab)
    for f in features.FEATURES:
        if f.direction == 0:
            continue
        moved = lab.copy()
        moved[f.id] = moved[f.id] + moved[f.id].std()
        change = (models.predict(model, moved) - base) * f.direction
        assert change.min() >= -1e-9, (kind, f.id, change.min())


def test_validation_tunes_its_strength_and_reports_it(lab):
    val, _ = backtest.nested_folds(lab, n_test=1, n_val=6)
    kind, C, table = backtest._choose_on_validation(lab, val, 0)
    assert set(table["signed_by_C"]) == {str(c) for c in models.C_GRID}
    assert table["signed"]["roc_auc"] == pytest.approx(max(v for v in table["signed_by_C"].values() if v is not None))
    assert kind in models.CANDIDATES and C in models.C_GRID
    if kind == "signed":
        assert table["signed_by_C"][str(C)] == table["signed"]["roc_auc"]


def test_every_what_if_changes_only_columns_with_a_direction():
    from analytics.attrition import whatif

    row = pd.Series({f.id: 10.0 for f in features.FEATURES})
    for key in whatif.SCENARIOS:
        changed = whatif.scenario(key, row, team_median=row * 0.5)
        assert changed and all(features.BY_ID[c].direction != 0 for c in changed), key


def test_a_what_if_that_changes_nothing_for_this_agent_offers_nothing():
    from analytics.attrition import whatif

    row = pd.Series({f.id: 2.0 for f in features.FEATURES} | {"span_of_control": 8.0})
    assert whatif.scenario("absences_to_team_median", row, team_median=row * 2) == {}  # already below
    assert whatif.scenario("smaller_team", row) == {}  # already a team of 8
    assert whatif.scenario("absences_to_team_median", row, team_median=row * 0.5) == {
        "absences_30d": 1.0, "absences_60d": 1.0, "absences_90d": 1.0}
