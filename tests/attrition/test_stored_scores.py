"""Scores are computed once per model and data, stored in the warehouse, and read back by the page,
the watchlist and the CLI; a new import marks them stale and the next reader recomputes them."""
from __future__ import annotations

import csv

import duckdb
import pytest

from analytics.attrition import scores, scoring, store, watchlist
from analytics.core import warehouse
from analytics.importer import import_file

from attrition_fixtures import copy_db, trained_db


@pytest.fixture
def db(tmp_path_factory, tmp_path):
    return copy_db(trained_db(tmp_path_factory), tmp_path, with_models=True)


def runs(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT model_id, rows, stale FROM {scores.RUNS}").fetchall()
    finally:
        con.close()


def test_training_stores_scores_that_match_a_fresh_scoring(db):
    model, meta = store.latest(db)
    (model_id, rows, stale), = runs(db)
    assert model_id == meta["model_id"] and rows > 0 and stale is False
    stored = scores.latest(db, meta)
    fresh = scoring.score(db, model, meta)
    assert list(stored["agent_id"]) == list(fresh["agent_id"])
    assert stored["risk"].round(12).tolist() == fresh["risk"].round(12).tolist()
    assert stored["band"].tolist() == fresh["band"].tolist()
    assert stored["drivers"].tolist() == fresh["drivers"].tolist()
    assert stored["drivers_detail"].tolist() == fresh["drivers_detail"].tolist()
    assert stored["month_end"].iloc[0] == fresh["month_end"].iloc[0]
    # the riskiest agents are often new hires with one month-end; take the first with a history
    for i, agent in enumerate(stored["agent_id"]):
        hist = scores.agent_history(db, meta, agent)
        if len(hist) > 1:
            break
    assert len(hist) > 1 and hist["month_end"].is_monotonic_increasing
    assert hist["risk"].iloc[-1] == pytest.approx(stored["risk"].iloc[i])
    assert list(watchlist(db, limit=3)["agent_id"]) == list(fresh["agent_id"].head(3))


def test_import_marks_scores_stale_and_next_read_recomputes(db, tmp_path):
    model, meta = store.latest(db)
    with warehouse.read_connection(db) as con:
        last = con.execute("SELECT max(arrived_at) FROM calls").fetchone()[0]
    f = tmp_path / "day.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["call_id", "arrived_at", "queue", "outcome", "talk_s"])
        w.writerow(["NEW1", str(last), "sales", "abandoned", "0"])
    assert import_file(db, "calls", f).status == "imported"
    assert runs(db)[0][2] is True  # stale in the import's own transaction
    scores.latest(db, meta)
    assert runs(db)[0][2] is False
