"""Issue #18 item 4: with sign-in on in any mode (users or oidc), scoped CLI commands need --as, a
target is set only --as an admin, and the audit records the operating-system user of each CLI run."""
import getpass
import json
import shutil

import pytest

from analytics.auth import audit, users
from analytics.cli import main as cli_main
from analytics.core import targets, warehouse

KPIS = ["kpis", "--from", "2026-11-09", "--to", "2026-11-15", "--by", "supervisor", "--kpi", "answered",
        "--format", "json"]


@pytest.fixture
def oidc(sample_db, tmp_path, monkeypatch):
    db = tmp_path / "center.duckdb"
    shutil.copy(sample_db, db)
    users_path = tmp_path / "users.json"
    users.add(users_path, "ada", "correct horse", "admin", email="ada@example.com")
    users.add(users_path, "mgr1", "correct horse", "manager", email="mgr1@example.com")
    users.add(users_path, "sup1", "correct horse", "supervisor", supervisor_id="S01", email="sup1@example.com")
    audit_path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("SWITCHBOARD_AUTH", "oidc")
    monkeypatch.setenv("SWITCHBOARD_USERS", str(users_path))
    monkeypatch.setenv("SWITCHBOARD_AUDIT", str(audit_path))
    return db, audit_path


def _sl_history(db):
    with warehouse.read_connection(db) as con:
        return targets.history(con, "service_level_pct")


@pytest.mark.parametrize("mode", ["oidc", "users"])
def test_scoped_commands_need_as_in_every_sign_in_mode(oidc, capsys, monkeypatch, mode):
    db, _ = oidc
    monkeypatch.setenv("SWITCHBOARD_AUTH", mode)
    assert cli_main([*KPIS, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "--as" in err and mode in err
    assert cli_main([*KPIS, "--db", str(db), "--as", "sup1"]) == 0
    assert [r["supervisor"] for r in json.loads(capsys.readouterr().out)] == ["S01"]


def test_targets_set_needs_an_admin_and_records_the_os_user(oidc, capsys):
    db, audit_path = oidc
    set_sl = ["targets", "set", "--db", str(db), "--kpi", "service_level_pct", "--value", "85"]
    assert cli_main(set_sl) == 2                                     # no --as
    assert cli_main([*set_sl, "--by", "mallory", "--as", "ada"]) == 2  # no made-up names
    assert cli_main([*set_sl, "--as", "mgr1"]) == 2                   # not an admin
    assert "only an admin" in capsys.readouterr().err
    assert _sl_history(db).empty
    assert cli_main([*set_sl, "--as", "ada"]) == 0, capsys.readouterr().err
    me = getpass.getuser()
    assert list(_sl_history(db)["changed_by"]) == [f"ada (os user {me})"]
    (event,) = [e for e in audit.read(audit_path) if e["event"] == "target_changed"]
    assert event["user"] == "ada" and event["os_user"] == me and event["via"] == "cli"


def test_cli_exports_record_the_os_user(oidc, capsys):
    db, audit_path = oidc
    assert cli_main([*KPIS, "--db", str(db), "--as", "mgr1"]) == 0
    (event,) = [e for e in audit.read(audit_path) if e["event"] == "kpis_exported"]
    assert event["user"] == "mgr1" and event["os_user"] == getpass.getuser()
