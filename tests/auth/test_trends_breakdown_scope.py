"""Issue #18 item 1 (AppTest half; the browser half is tests/browser/test_browser_trends_scope.py):
a viewer gets no team breakdown on Trends, from a link or the control, like Benchmarks and the CLI."""
import pytest

from analytics.auth import users
from apptest_helpers import errors, run_page, info_texts


@pytest.fixture
def viewer_env(sample_db, tmp_path, monkeypatch):
    users_path = tmp_path / "users.json"
    users.add(users_path, "vic", "correct horse", "viewer")
    users.add(users_path, "ana", "correct horse", "analyst")
    monkeypatch.setenv("SWITCHBOARD_AUTH", "users")
    monkeypatch.setenv("SWITCHBOARD_USERS", str(users_path))
    monkeypatch.setenv("SWITCHBOARD_AUDIT", str(tmp_path / "audit.jsonl"))
    return sample_db


def _trends_as(db, who, params):
    at = run_page(db, "overview", params)
    at.text_input[0].input(who)
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    at.switch_page("pages/trends.py").run()
    return at


def test_a_viewers_trends_link_with_a_team_breakdown_is_narrowed(viewer_env):
    at = _trends_as(viewer_env, "vic", {"breakdown": "supervisor", "from": "2026-11-09", "to": "2026-11-15"})
    assert not errors(at)
    assert at.session_state["p_breakdown"] == "none"
    options = at.selectbox(key="p_breakdown").options
    assert "Queue" in options and "Supervisor (team)" not in options
    assert any("center-level" in t for t in info_texts(at))


def test_an_analyst_keeps_the_team_breakdown(viewer_env):
    at = _trends_as(viewer_env, "ana", {"breakdown": "supervisor", "from": "2026-11-09", "to": "2026-11-15"})
    assert not errors(at)
    assert at.session_state["p_breakdown"] == "supervisor"
