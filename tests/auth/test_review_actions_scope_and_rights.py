"""Issue #18 items 2 and 3: meeting notes are covered by the team scope (page, Actions CSV, the CLI
report), and only the roles that may write actions, targets and thresholds can — checked in the layer
that writes, every write in the audit log."""
import contextvars
import shutil
from functools import partial
from datetime import date
from pathlib import Path

import pytest

from analytics.auth import audit, rights, session, users
from analytics.auth.roles import ROLES
from analytics.cli import main as cli_main
from analytics.core import targets, thresholds, warehouse
from analytics.review import actions
from analytics.review import period as rp
from apptest_helpers import errors, run_page

W45, W46 = rp.parse("2026-W45"), rp.parse("2026-W46")
S02_NOTE = "Coach the S02 agent on refunds"
CENTER_NOTE = "Center-wide: new IVR menu"
S01_NOTE = "S01 huddle on holds"


def as_user(role: str, fn, *args, username: str = "someone", team: str | None = None, **kwargs):
    """Run fn as a signed-in user of this role (the session's identity), isolated from other tests."""
    def run():
        session.set_role(ROLES[role])
        session.set_user(username, team)
        session.set_channel("app")
        return fn(*args, **kwargs)
    return contextvars.copy_context().run(run)


@pytest.fixture
def center(sample_db, tmp_path, monkeypatch):
    db = tmp_path / "center.duckdb"
    shutil.copy(sample_db, db)
    users_path = tmp_path / "users.json"
    for name, role, team in [("ada", "admin", None), ("mo", "manager", None), ("ana", "analyst", None),
                             ("sup1", "supervisor", "S01")]:
        users.add(users_path, name, "correct horse", role, supervisor_id=team)
    audit_path = tmp_path / "audit.jsonl"
    for k, v in {"SWITCHBOARD_USERS": str(users_path), "SWITCHBOARD_AUDIT": str(audit_path)}.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SWITCHBOARD_AUTH", raising=False)
    ids = {
        "s02": as_user("manager", partial(actions.add, team="S02"), db, W46, S02_NOTE, "mo", username="mo"),
        "center": as_user("manager", actions.add, db, W46, CENTER_NOTE, "mo", username="mo"),
        "s01": as_user("supervisor", actions.add, db, W46, S01_NOTE, "sup1", username="sup1", team="S01"),
    }
    return db, audit_path, ids


def _notes(db, teams):
    with warehouse.read_connection(db, teams=teams) as con:
        return set(actions.for_period(con, "2026-W46")["note"])


def test_a_supervisor_reads_only_their_teams_actions(center):
    db, _, _ = center
    assert _notes(db, ("S01",)) == {S01_NOTE}
    assert _notes(db, None) == {S01_NOTE, S02_NOTE, CENTER_NOTE}
    assert _notes(db, ("S02",)) == {S02_NOTE}
    with warehouse.read_connection(db, teams=("S01",)) as con:   # even SQL that asks for them
        assert con.execute("SELECT count(*) FROM review_actions WHERE team <> 'S01' OR team IS NULL").fetchone()[0] == 0


def test_the_supervisors_review_page_and_actions_csv_hold_only_their_team(center, monkeypatch):
    db, _, _ = center
    monkeypatch.setenv("SWITCHBOARD_AUTH", "users")
    at = run_page(db, "overview")
    at.text_input[0].input("sup1")
    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    at.switch_page("pages/review.py").run()
    assert not errors(at)
    shown = " ".join(str(df.value.to_csv()) for df in at.dataframe)
    assert S01_NOTE in shown and S02_NOTE not in shown and CENTER_NOTE not in shown


def test_the_cli_report_as_a_supervisor_leaves_out_other_teams_notes(center, tmp_path, monkeypatch):
    db, audit_path, _ = center
    monkeypatch.setenv("SWITCHBOARD_AUTH", "users")
    out = tmp_path / "r.html"
    assert cli_main(["report", "--db", str(db), "--period", "2026-W46", "--as", "sup1", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert S01_NOTE in html and S02_NOTE not in html and CENTER_NOTE not in html
    export = [e for e in audit.read(audit_path) if e["event"] == "report_written"][-1]
    assert export["user"] == "sup1" and export["os_user"] and export["via"] == "cli"


def test_read_only_roles_cannot_write_actions(center):
    db, _, ids = center
    for role in ("analyst", "viewer"):
        with pytest.raises(rights.WriteDenied):
            as_user(role, actions.add, db, W46, "sneaky")
        with pytest.raises(rights.WriteDenied):
            as_user(role, actions.set_done, db, ids["s01"], True)
    assert _notes(db, None) == {S01_NOTE, S02_NOTE, CENTER_NOTE}


def test_a_supervisor_writes_their_own_teams_actions_only(center):
    db, _, ids = center
    with pytest.raises(rights.WriteDenied):
        as_user("supervisor", partial(actions.add, team="S02"), db, W46, "for S02", username="sup1", team="S01")
    with pytest.raises(rights.WriteDenied):   # another team's, or the whole center's, action
        as_user("supervisor", actions.set_done, db, ids["s02"], True, username="sup1", team="S01")
    with pytest.raises(rights.WriteDenied):
        as_user("supervisor", actions.set_done, db, ids["center"], True, username="sup1", team="S01")
    as_user("supervisor", actions.set_done, db, ids["s01"], True, username="sup1", team="S01")
    new = as_user("supervisor", actions.add, db, W46, "unnamed team", username="sup1", team="S01")
    with warehouse.read_connection(db) as con:
        rows = dict(con.execute("SELECT action_id, team FROM review_actions").fetchall())
        done = dict(con.execute("SELECT action_id, done FROM review_actions").fetchall())
    assert rows[new] == "S01" and done == {ids["s02"]: False, ids["center"]: False, ids["s01"]: True, new: False}


def test_only_an_admin_writes_targets_and_thresholds(center):
    db, audit_path, _ = center
    change = [targets.Change("service_level_pct", 85)]
    for role in ("manager", "analyst", "supervisor", "viewer"):
        with pytest.raises(rights.WriteDenied):
            as_user(role, targets.save, db, change, "x", team="S01" if role == "supervisor" else None)
        with pytest.raises(rights.WriteDenied):
            as_user(role, thresholds.save, db, {"short_abandon_s": 7}, "x")
    assert as_user("admin", targets.save, db, change, "Ada", username="ada")
    assert as_user("admin", thresholds.save, db, {"short_abandon_s": 7}, "Ada", username="ada")


def test_every_write_is_audited(center):
    db, audit_path, ids = center
    as_user("admin", targets.save, db, [targets.Change("service_level_pct", 85)], "Ada", username="ada")
    as_user("admin", thresholds.save, db, {"short_abandon_s": 7}, "Ada", username="ada")
    as_user("manager", actions.set_done, db, ids["s02"], True, username="mo")
    events = [(e["event"], e["user"]) for e in audit.read(audit_path)]
    assert events.count(("action_added", "mo")) == 2 and ("action_added", "sup1") in events
    assert ("target_changed", "ada") in events and ("threshold_changed", "ada") in events
    assert ("action_done", "mo") in events
