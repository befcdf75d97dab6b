"""The attrition page: without a model (explains, offers training, survives a short warehouse) and
with one (risk list, one agent with what-if, teams, model card), from links and odd links."""
import duckdb
import pytest
from apptest_helpers import errors, run_page, notices, info_texts
from attrition_fixtures import copy_db, labeled_db, trained_db, with_verdict

from analytics.attrition import scoring, store


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A model whose backtest earned a ranking (verdict set by hand: see with_verdict)."""
    return with_verdict(trained_db(tmp_path_factory), tmp_path_factory.mktemp("trusted"), True)


@pytest.fixture(scope="module")
def untrusted(tmp_path_factory):
    return with_verdict(trained_db(tmp_path_factory), tmp_path_factory.mktemp("untrusted"), False)


def test_an_untrusted_model_shows_no_agent_ranking_but_team_conditions(untrusted):
    at = run_page(untrusted, "attrition", {"band": "high"})
    assert not errors(at)
    assert any("does not rank agents reliably better" in w.value for w in at.warning)
    assert not [m for m in at.metric if m.label.startswith("Risk")]      # no per-agent risk anywhere
    assert "p_band" not in at.session_state                              # no risk-band choice
    shown = [df.value for df in at.dataframe]
    assert shown and "Team (supervisor)" in shown[0].columns
    assert not any("risk" in c.lower() or "band" in c.lower() for d in shown for c in d.columns)


def test_without_a_model_the_page_explains_and_offers_training(tmp_path_factory, tmp_path):
    path = copy_db(labeled_db(tmp_path_factory), tmp_path)
    at = run_page(path, "attrition")
    assert not errors(at)
    assert any("No attrition model" in t for t in info_texts(at))
    assert [b.label for b in at.button] == ["Train model"]


def test_training_from_the_page_on_a_short_warehouse_does_not_crash(sample_db, tmp_path):
    path = copy_db(sample_db, tmp_path)
    at = run_page(path, "attrition")
    at.button[0].click().run()
    assert not at.exception
    assert any("Not enough labeled history" in w.value for w in at.warning)
    assert store.latest(path) is None


def test_default_view_with_a_model(trained):
    at = run_page(trained, "attrition")
    assert not errors(at)
    labels = [m.label for m in at.metric]
    assert "Risk (90 days)" in labels and "Risk after the change" in labels
    texts = " ".join(t.value for t in at.text)
    assert "Never a decision on its own" in texts and "Oracle ROC AUC" in texts
    assert [b.label for b in at.button] == ["Retrain model"]


def test_shared_link_sets_every_option_and_numbers_match_the_model(trained):
    model, meta = store.latest(trained)
    scored = scoring.score(trained, model, meta)
    agent = scored["agent_id"].iloc[-1]
    at = run_page(trained, "attrition", {"band": "low", "agent": agent, "whatif": "smaller_team"})
    assert not errors(at)
    assert at.session_state["p_band"] == "low"
    assert at.session_state["p_agent"] == agent
    assert at.session_state["p_whatif"] == "smaller_team"
    risk = next(m.value for m in at.metric if m.label == "Risk (90 days)")
    assert risk == f"{100 * scored.loc[scored['agent_id'] == agent, 'risk'].iloc[0]:.1f}%"


def test_tampered_links_fall_back_with_notices(trained):
    at = run_page(trained, "attrition", {"band": "<b>x</b>", "agent": "x' OR 1=1 --", "whatif": "fire_them"})
    assert not errors(at)
    notes = notices(at)
    for value, option in (("<b>x</b>", "Risk band"), ("x' OR 1=1 --", "Agent"), ("fire_them", "Change")):
        assert f"Ignored '{value}' from the link: not one of the choices of “{option}”" in notes, (value, notes)


def test_empty_selection(trained):
    with duckdb.connect(str(trained), read_only=True) as con:
        gone = con.execute("SELECT agent_id FROM agents WHERE role = 'agent' AND left_on IS NOT NULL "
                           "ORDER BY agent_id LIMIT 1").fetchone()[0]
    at = run_page(trained, "attrition", {"agents": gone})
    assert not errors(at)
    assert any("No agents in this selection." in t for t in info_texts(at))
