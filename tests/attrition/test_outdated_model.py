"""A model saved by an earlier version that computed other features (an upgrade added two): the page
says so and offers training instead of failing on the missing columns, the review's watchlist is empty
as with no model, and the CLI's `attrition score` stops with the reason."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.attrition import store, watchlist
from apptest_helpers import errors, run_page
from attrition_fixtures import copy_db, trained_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def outdated_db(tmp_path_factory):
    dst = copy_db(trained_db(tmp_path_factory), tmp_path_factory.mktemp("outdated"), with_models=True)
    meta_path = store.saved(dst)[-1].with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["features"] = [f for f in meta["features"] if f not in ("absence_logodds_tenure", "team_absence_rate_all")]
    meta["trusted"] = True
    meta["trust"] = dict(meta.get("trust") or {}, trusted=True)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return dst


def test_the_current_model_is_not_outdated(tmp_path_factory):
    db = trained_db(tmp_path_factory)
    assert not store.outdated(store.load_meta(store.saved(db)[-1]))
    assert store.latest(db) is not None


def test_an_outdated_model_is_refused_with_its_reason(outdated_db):
    with pytest.raises(store.ModelOutdated, match="earlier version"):
        store.latest(outdated_db)
    assert watchlist(outdated_db).empty


def test_the_page_offers_training_instead_of_failing(outdated_db):
    at = run_page(outdated_db, page="attrition", timeout=180)
    assert not at.exception
    assert [e for e in errors(at) if "earlier version" in e] == errors(at) != []
    assert any(b.label == "Train a new model" for b in at.button)


def test_the_cli_stops_with_the_reason(outdated_db):
    r = subprocess.run([sys.executable, "-m", "analytics", "attrition", "score", "--db", str(outdated_db)],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert r.returncode == 1
    assert "earlier version" in r.stderr
