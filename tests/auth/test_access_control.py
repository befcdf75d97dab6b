"""Access control: roles, the team scope in the query layer, shared links, the CLI, exports, logins."""
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from analytics.core import exports, metrics, warehouse
from analytics.auth import audit, users
from analytics.auth.roles import ROLES
from analytics.auth.scope import Scope
from analytics.core.filters import Filters, load_catalog
from apptest_helpers import errors, run_page, info_texts

ROOT = Path(__file__).resolve().parents[2]
WEEK = dict(start=date(2026, 11, 9), end=date(2026, 11, 15))
INJECTIONS = ["' OR 1=1 --", "x'); DROP TABLE calls; --", "\" OR \"\"=\"", "S01' UNION SELECT * FROM agents --",
              "%' OR '%'='", "<script>alert(1)</script>"]


@pytest.fixture(scope="module")
def secured(sample_db, tmp_path_factory):
    """The sample warehouse with a users file: one user per role; S01's supervisor sees team S01."""
    folder = tmp_path_factory.mktemp("auth")
    users_path = folder / "users.json"
    for name, role, team in [("ada", "admin", None), ("mo", "manager", None), ("ana", "analyst", None),
                             ("sue", "supervisor", "S01"), ("vic", "viewer", None)]:
        users.add(users_path, name, "correct horse", role, supervisor_id=team)
    with warehouse.read_connection(sample_db) as con:
        cat = load_catalog(con)
    env = {"SWITCHBOARD_AUTH": "users", "SWITCHBOARD_USERS": str(users_path),
           "SWITCHBOARD_AUDIT": str(folder / "audit.jsonl")}
    return sample_db, users_path, env, cat


@pytest.fixture
def auth_env(secured, monkeypatch):
    for k, v in secured[2].items():
        monkeypatch.setenv(k, v)
    return secured


def test_passwords_are_hashed_and_verified(secured):
    _, users_path, _, _ = secured
    text = users_path.read_text()
    assert "correct horse" not in text and "$argon2id$" in text
    all_users = users.load(users_path)
    assert users.verify(all_users, "sue", "correct horse").role == "supervisor"
    assert users.verify(all_users, "sue", "wrong") is None
    assert users.verify(all_users, "nobody", "correct horse") is None


def test_team_scope_is_enforced_in_the_query_layer(sample_db):
    f = Filters(**WEEK)
    with warehouse.read_connection(sample_db, teams=("S01",)) as con:
        mine = metrics.compute(con, f, ["answered"], by="supervisor")
        # even SQL that names other teams sees only S01's rows
        other = con.execute("SELECT count(*) FROM fct_calls WHERE supervisor_id = 'S02'").fetchone()[0]
        agents_seen = {r[0] for r in con.execute("SELECT agent_id FROM agents WHERE role = 'agent'").fetchall()}
    assert list(mine["supervisor"]) == ["S01"] and other == 0
    with warehouse.read_connection(sample_db) as con:
        everyone = metrics.compute(con, f, ["answered"], by="supervisor").dropna(subset=["supervisor"])
        # the scope covers people while they were in the team: today's members and anyone who moved out
        ever_in_team = {r[0] for r in con.execute(
            "SELECT agent_id FROM agents WHERE role = 'agent' AND (supervisor_id = 'S01' OR agent_id IN "
            "(SELECT agent_id FROM assignments WHERE supervisor_id = 'S01'))").fetchall()}
        all_agents = {r[0] for r in con.execute("SELECT agent_id FROM agents WHERE role = 'agent'").fetchall()}
    assert agents_seen == ever_in_team and agents_seen < all_agents
    assert int(everyone.set_index("supervisor").loc["S01", "answered"]) == int(mine["answered"].iloc[0])


def test_links_never_widen_access():
    f = Filters(supervisors=("S02", "S01"), agents=("A0001",), **WEEK)
    team, notes = Scope(teams=("S01",)).clamp(f)
    assert team.supervisors == ("S01",) and notes
    center, notes = Scope(center_only=True).clamp(f)
    assert center.supervisors == () and center.agents == () and notes


def _login(at, username, password):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    at.run()
    return at


def test_wrong_password_and_missing_role_messages(auth_env, tmp_path, monkeypatch):
    db = auth_env[0]
    at = run_page(db)
    assert at.title[0].value == "Switchboard" and not at.metric
    _login(at, "sue", "nope")
    assert "Wrong user name or password." in [e.value for e in at.error]
    bad = tmp_path / "users.json"
    users.add(bad, "old", "correct horse", "viewer")
    raw = json.loads(bad.read_text())
    raw["users"]["old"]["role"] = "auditor"
    bad.write_text(json.dumps(raw))
    monkeypatch.setenv("SWITCHBOARD_USERS", str(bad))
    at = _login(run_page(db), "old", "correct horse")
    assert any("has no role" in e.value for e in at.error)


def test_expired_session_asks_to_sign_in_again(auth_env):
    at = _login(run_page(auth_env[0]), "ana", "correct horse")
    assert at.metric and not errors(at)
    at.session_state["auth_at"] = time.time() - 9 * 3600
    at.run()
    assert any("session expired" in w.value for w in at.warning) and not at.metric


def test_supervisor_link_to_another_team_is_clamped(auth_env):
    db, _, _, cat = auth_env
    at = run_page(db, params={"supervisors": "S02", "from": "2026-11-09", "to": "2026-11-15"})
    _login(at, "sue", "correct horse")
    assert not errors(at)
    assert at.session_state["f_supervisors"] == ["S01"]
    assert any("your own team" in t or "S02" in t for t in info_texts(at))


def test_viewer_cannot_open_agent_pages(auth_env):
    at = _login(run_page(auth_env[0]), "vic", "correct horse")
    assert not errors(at) and at.metric              # the overview is center level: allowed
    with pytest.raises(ValueError):                  # the agents page is not registered as a file
        at.switch_page("pages/agents.py")
    # what a pasted /agents link resolves to for a viewer: a hidden page that explains the refusal
    from streamlit.testing.v1 import AppTest

    def denied_page():
        from analytics.auth.roles import ROLES
        from analytics.ui import navigation

        menu = navigation.pages(ROLES["viewer"])
        hidden = {p.url_path for ps in menu.values() for p in ps if p._visibility == "hidden"}
        assert {"agents", "organization", "quality", "attrition", "data", "settings"} <= hidden
        navigation._denied("Agents", "viewer")()

    denied = AppTest.from_function(denied_page).run()
    assert not denied.exception
    assert "cannot open this page" in denied.error[0].value


def test_audit_log_records_logins(auth_env):
    _login(run_page(auth_env[0]), "mo", "correct horse")
    events = audit.read(Path(auth_env[2]["SWITCHBOARD_AUDIT"]))
    assert any(e["event"] == "login" and e["user"] == "mo" for e in events)


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_in_every_text_filter_returns_no_extra_data(sample_db, text):
    with warehouse.read_connection(sample_db) as con:
        cat = load_catalog(con)
        base = Filters(**WEEK)
        for dim in ("queues", "sites", "supervisors", "agents"):
            f = base.narrowed(**{dim: (text,)})
            # nothing matches (answered: a count defined under every filter; offered is undefined for teams)
            assert metrics.compute_one(con, f, ["answered"])["answered"] == 0
        link, notes = Filters.from_query({"queues": text, "agents": text, "sites": text,
                                          "supervisors": text, "from": text}, cat)
        assert link.queues == link.agents == link.sites == link.supervisors == () and notes
        assert con.execute("SELECT count(*) FROM calls").fetchone()[0] > 0  # nothing was dropped


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})


def test_cli_honours_the_scope(secured):
    db, _, env, _ = secured
    common = ["kpis", "--db", str(db), "--from", "2026-11-09", "--to", "2026-11-15", "--by", "supervisor",
              "--kpi", "answered", "--format", "json"]
    refused = _cli(*common, env=env)
    assert refused.returncode == 2 and "--as" in refused.stderr
    sue = _cli(*common, "--as", "sue", "--supervisor", "S02", env=env)
    assert sue.returncode == 0, sue.stderr
    assert [r["supervisor"] for r in json.loads(sue.stdout)] == ["S01"]
    vic = _cli(*common, "--as", "vic", env=env)
    assert vic.returncode == 2 and "center-level" in vic.stderr


def test_exports_neutralize_formula_injection():
    import pandas as pd
    df = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "Ali", "王伟"],
                       "value": [1, 2, -3, 4, 5, 6, 7]})
    text = exports.to_csv_bytes(df).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'-2" in text and "'@SUM" in text and "'\tx" in text
    assert ",-3" in text and "王伟" in text


def test_cli_attrition_is_for_managers_and_admins(secured):
    db, _, env, _ = secured
    refused = _cli("attrition", "score", "--db", str(db), "--as", "ana", "--format", "json", env=env)
    assert refused.returncode == 2 and "cannot see attrition" in refused.stderr


def test_review_watchlist_hides_attrition_from_other_roles(sample_db):
    import contextvars

    from analytics.auth import session
    from analytics.review import watchlist

    def as_role(name):
        session.set_role(ROLES[name])
        return watchlist.attrition(sample_db)

    assert contextvars.copy_context().run(as_role, "analyst") == (None, watchlist.RESTRICTED)
    assert contextvars.copy_context().run(as_role, "manager")[1] != watchlist.RESTRICTED


def test_oidc_accounts_get_their_role_by_email(secured):
    all_users = users.load(secured[1])
    users.add(secured[1], "ops", "correct horse", "manager", email="Ops@Example.com")
    assert users.by_email(users.load(secured[1]), "ops@example.com").role == "manager"
    assert users.by_email(all_users, "stranger@example.com") is None
