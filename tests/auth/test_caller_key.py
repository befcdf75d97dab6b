"""Issue #18 item 13: caller ids are HMAC-SHA256 with a key outside the warehouse (env var or a key
file created 0600 on first use); old salted-SHA-256 warehouses are re-keyed once, keeping repeat callers."""
import csv
import hashlib
import stat
from pathlib import Path

import pytest

from analytics.auth import caller_key
from analytics.core import warehouse
from analytics.importer import import_file

HEADER = ["call_id", "arrived_at", "queue", "caller_id", "wait_s", "outcome", "agent_id", "talk_s"]


def calls(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for call_id, number in rows:
            w.writerow([call_id, "2024-04-01 09:00:00", "sales", number, "12", "abandoned", "", "0"])
    return path


def _ids(db):
    with warehouse.read_connection(db) as con:
        return dict(con.execute("SELECT call_id, caller_id FROM calls").fetchall())


def _setting(db, key):
    with warehouse.read_connection(db) as con:
        return warehouse.setting(con, key)


@pytest.fixture
def keyfile(tmp_path, monkeypatch):
    monkeypatch.delenv(caller_key.KEY_ENV, raising=False)
    path = tmp_path / "conf" / "caller_key"
    monkeypatch.setenv(caller_key.KEY_FILE_ENV, str(path))
    return path


def test_the_key_file_is_made_on_first_use_private_and_outside_the_warehouse(tmp_path, keyfile):
    db = warehouse.init(tmp_path / "wh.duckdb")
    assert keyfile.exists() and stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    key = keyfile.read_bytes().strip()
    assert import_file(db, "calls", calls(tmp_path / "c.csv", [("K1", "+15550001")])).status == "imported"
    stored = _ids(db)["K1"]
    with warehouse.read_connection(db) as con:
        salt = warehouse.setting(con, "caller_salt")
        assert stored == caller_key.stored_id(con, "+15550001")
    assert stored != hashlib.sha256((salt + "+15550001").encode()).hexdigest()  # not the old, key-less hash
    assert key not in Path(db).read_bytes()                                    # the key is not in the file
    assert _setting(db, "caller_hash_scheme") == caller_key.SCHEME


def test_the_environment_key_wins_and_a_different_key_is_refused(tmp_path, keyfile, monkeypatch):
    monkeypatch.setenv(caller_key.KEY_ENV, "a-long-enough-test-key-0123456789")
    db = warehouse.init(tmp_path / "wh.duckdb")
    assert not keyfile.exists()
    assert import_file(db, "calls", calls(tmp_path / "c.csv", [("K1", "+15550001")])).status == "imported"
    monkeypatch.setenv(caller_key.KEY_ENV, "another-long-enough-key-9876543210")
    with pytest.raises(caller_key.CallerKeyError):
        import_file(db, "calls", calls(tmp_path / "d.csv", [("K2", "+15550001")]))
    assert set(_ids(db)) == {"K1"}


def test_an_old_salted_sha_warehouse_is_rekeyed_once_keeping_repeat_callers(tmp_path, keyfile):
    db = warehouse.init(tmp_path / "wh.duckdb")
    with warehouse.write_connection(db) as con:   # as a warehouse built before keyed hashing held them
        salt = warehouse.setting(con, "caller_salt")
        con.execute("DELETE FROM settings WHERE key IN (?, ?)",
                    [caller_key.SCHEME_SETTING, caller_key.FINGERPRINT_SETTING])
        con.execute("INSERT INTO calls (call_id, arrived_at, queue, caller_id, outcome, talk_s) VALUES "
                    "('OLD', TIMESTAMP '2024-03-31 09:00', 'sales', sha256(? || '+15550001'), 'abandoned', 0)",
                    [salt])
    assert import_file(db, "calls", calls(tmp_path / "c.csv", [("NEW", "+15550001")])).status == "imported"
    ids = _ids(db)
    assert ids["OLD"] == ids["NEW"]                                   # the same caller, old and new
    assert ids["OLD"] != hashlib.sha256((salt + "+15550001").encode()).hexdigest()
    assert _setting(db, "caller_hash_scheme") == caller_key.SCHEME
    assert import_file(db, "calls", calls(tmp_path / "d.csv", [("AGAIN", "+15550001")])).status == "imported"
    assert len(set(_ids(db).values())) == 1                           # re-keyed once, not on every import


def test_rekeying_rewrites_only_the_caller_ids_of_a_whole_warehouse(sample_db, tmp_path, keyfile):
    # the one-time re-keying writes the call table anew (an UPDATE of every row held its new values in
    # memory: the large preset ran out under any cap); every other column and every row must survive
    import hmac
    import shutil

    db = tmp_path / "old.duckdb"
    shutil.copyfile(sample_db, db)
    others = "call_id, arrived_at, queue, wait_s, outcome, agent_id, talk_s, hold_s, acw_s, transferred, " \
             "reason, resolved, dead_air_s, hold_count, legs"
    with warehouse.write_connection(db) as con:
        con.execute("DELETE FROM settings WHERE key IN (?, ?)", [caller_key.SCHEME_SETTING, caller_key.FINGERPRINT_SETTING])
        before = con.execute(f"SELECT count(*), sum(hash({others})) FROM calls").fetchone()
        old_ids = dict(con.execute("SELECT call_id, caller_id FROM calls WHERE caller_id IS NOT NULL "
                                   "ORDER BY hash(call_id) LIMIT 500").fetchall())
        # a cap the UPDATE it replaced could not work under (it needed over 32 MB on this sample; the
        # rewrite spills and fits in 16 MB)
        con.execute("SET threads = 2")
        con.execute("SET memory_limit = '32MB'")
        con.execute("SET temp_directory = ?", [str(tmp_path / "spill")])
        with warehouse.transaction(con):
            moved = caller_key.prepare(con)
        after = con.execute(f"SELECT count(*), sum(hash({others})) FROM calls").fetchone()
        new_ids = dict(con.execute("SELECT call_id, caller_id FROM calls WHERE call_id IN (SELECT unnest(?))",
                                   [list(old_ids)]).fetchall())
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert moved == con_count_callers(sample_db) and after == before
    k = caller_key.key()
    assert new_ids == {c: hmac.new(k, v.encode(), hashlib.sha256).hexdigest() for c, v in old_ids.items()}
    assert "calls_before_rekey" not in tables


def con_count_callers(db):
    with warehouse.read_connection(db) as con:
        return con.execute("SELECT count(caller_id) FROM calls").fetchone()[0]
