"""The attrition page's reads: one freshness query per read, team counts as sums, what-if in one
prediction — the same answers as the plain computations."""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from analytics.attrition import scores, scoring, store, whatif
from analytics.attrition import model as models
from analytics.core import warehouse

from attrition_fixtures import copy_db, trained_db


@pytest.fixture
def db(tmp_path_factory, tmp_path):
    return copy_db(trained_db(tmp_path_factory), tmp_path, with_models=True)


def test_freshness_without_score_tables_stale_and_current(db, tmp_path):
    _, meta = store.latest(db)
    empty = tmp_path / "empty.duckdb"
    warehouse.init(empty)
    with warehouse.read_connection(empty) as con:
        assert scores.fresh_model_id(con) is None  # never scored: no table, no error
    with warehouse.read_connection(db) as con:
        assert scores.fresh_model_id(con) == meta["model_id"]
    with warehouse.write_connection(db) as con:
        scores.mark_stale(con)
    with warehouse.read_connection(db) as con:
        assert scores.fresh_model_id(con) is None
    latest = scores.latest(db, meta)  # the next reader recomputes and stores
    with warehouse.read_connection(db) as con:
        assert scores.fresh_model_id(con) == meta["model_id"]
    assert len(latest) and latest["risk"].is_monotonic_decreasing


def test_by_supervisor_counts_bands_per_team_missing_supervisor_included():
    scored = pd.DataFrame({
        "agent_id": ["a", "b", "c", "d", "e"],
        "supervisor_id": ["s1", "s1", "s2", None, None],
        "supervisor": ["Sara", "Sara", "علی", None, None],
        "risk": [0.5, 0.1, 0.3, 0.1, 0.3],
        "band": ["high", "low", "medium", "medium", "high"]})
    out = scoring.by_supervisor(scored)
    got = {(r.supervisor_id if isinstance(r.supervisor_id, str) else None):
           (r.agents, round(r.mean_risk, 9), r.high, r.medium) for r in out.itertuples()}
    assert got == {"s1": (2, 0.3, 1, 0), "s2": (1, 0.3, 0, 1), None: (2, 0.2, 1, 1)}
    assert list(out["supervisor_id"].fillna("-")) == ["s1", "s2", "-"]  # mean risk, then id
    assert scoring.by_supervisor(scored.iloc[:0]).empty


def test_what_if_in_one_prediction_equals_two(db):
    model, meta = store.latest(db)
    row = scores.latest(db, meta).iloc[0]
    changes = whatif.scenario("occupancy_minus_5", row) or {"qa_90d": 90.0}
    res = whatif.apply(model, row, changes)
    before = row[whatif.feats.FEATURE_IDS].to_frame().T.astype(float)
    after = before.copy()
    for c, v in changes.items():
        after[c] = float(v)
    assert res["before"] == pytest.approx(float(models.predict(model, before)[0]), abs=1e-12)
    assert res["after"] == pytest.approx(float(models.predict(model, after)[0]), abs=1e-12)
    assert res["change"] == pytest.approx(res["after"] - res["before"])
