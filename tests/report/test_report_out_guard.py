"""Issue #18 item 11: `report --out` never replaces the warehouse, the users file, the audit log or
any DuckDB file; replaces an existing file only with --force; creates folders only with --mkdir."""
from pathlib import Path

import duckdb
import pytest

from analytics.auth import users
from analytics.cli import main as cli_main


@pytest.fixture
def site(tmp_path, monkeypatch):
    for var in ("SWITCHBOARD_AUTH", "SWITCHBOARD_USERS", "SWITCHBOARD_AUDIT"):
        monkeypatch.delenv(var, raising=False)
    db = tmp_path / "wh.duckdb"
    duckdb.connect(str(db)).close()
    users.add(tmp_path / "users.json", "ada", "correct horse", "admin")
    (tmp_path / "wh.duckdb.audit.jsonl").write_text('{"event": "login"}\n', encoding="utf-8")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    return db, tmp_path


def _report(db, out, *extra):
    return cli_main(["report", "--db", str(db), "--period", "2026-W46", "--out", str(out), *extra])


@pytest.mark.parametrize("name", ["wh.duckdb", "users.json", "wh.duckdb.audit.jsonl", "other.duckdb"])
def test_protected_files_are_never_replaced_even_with_force(site, name, capsys):
    db, folder = site
    target = folder / name
    before = target.read_bytes()
    for extra in ((), ("--force",)):
        assert _report(db, target, *extra) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: refusing to write over"), err
    assert target.read_bytes() == before


def test_existing_file_needs_force_and_missing_folder_needs_mkdir(site, capsys):
    db, folder = site
    notes = folder / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    assert _report(db, notes) == 2
    assert "--force" in capsys.readouterr().err and notes.read_text(encoding="utf-8") == "keep me"
    deep = folder / "no" / "such" / "r.html"
    assert _report(db, deep) == 2
    assert "--mkdir" in capsys.readouterr().err and not (folder / "no").exists()


def test_force_and_mkdir_write_the_report(sample_db, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SWITCHBOARD_AUTH", raising=False)
    old = tmp_path / "old.html"
    old.write_text("old", encoding="utf-8")
    assert _report(sample_db, old, "--force") == 0, capsys.readouterr().err
    assert old.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    deep = tmp_path / "a" / "b" / "r.html"
    assert _report(sample_db, deep, "--mkdir") == 0, capsys.readouterr().err
    assert deep.stat().st_size > 1000
