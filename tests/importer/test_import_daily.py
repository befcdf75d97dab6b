"""The daily import stays a daily import: a sample warehouse is born with keyed caller ids, so its first
import re-keys nothing (no one-time migration of every call, no full rebuild of every mart), and the
one-time re-keying of an old warehouse computes the same ids as the import's own function."""
from __future__ import annotations

import hashlib
import hmac
import shutil

import duckdb

from analytics.auth import caller_key
from analytics.core import warehouse
from analytics.importer import import_file
from analytics.perf.imports import NEXT_DAY_SQL


def _settings(db):
    with warehouse.read_connection(db) as con:
        return {k: warehouse.setting(con, k) for k in (caller_key.SCHEME_SETTING, caller_key.FINGERPRINT_SETTING)}


def test_a_sample_warehouse_is_born_keyed_and_its_next_day_rekeys_nothing(sample_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_db, db)
    assert _settings(db) == {caller_key.SCHEME_SETTING: caller_key.SCHEME,
                             caller_key.FINGERPRINT_SETTING: caller_key.fingerprint(caller_key.key())}
    with warehouse.read_connection(db) as con:
        before = dict(con.execute("SELECT call_id, caller_id FROM calls WHERE caller_id IS NOT NULL "
                                  "ORDER BY call_id LIMIT 2000").fetchall())
        built = dict(con.execute("SELECT call_id, m_repeated FROM fct_calls ORDER BY call_id LIMIT 2000").fetchall())
    assert all(len(v) == 64 for v in before.values())   # HMAC-SHA256 hex, not the 16-character pseudonym
    day = tmp_path / "next_day.csv"
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute(NEXT_DAY_SQL.format(out=str(day).replace("'", "''")))
    finally:
        con.close()
    res = import_file(db, "calls", day, create_missing_agents=True)
    assert res.status == "imported" and res.rows_inserted > 0
    with warehouse.read_connection(db) as con:
        after = dict(con.execute("SELECT call_id, caller_id FROM calls WHERE call_id IN (SELECT unnest(?))",
                                 [list(before)]).fetchall())
        kept = dict(con.execute("SELECT call_id, m_repeated FROM fct_calls WHERE call_id IN (SELECT unnest(?))",
                                [list(built)]).fetchall())
    assert after == before          # no stored caller id was re-keyed
    assert kept == built            # old calls' repeat flags stay (the band near the data end aside: older)


def test_the_sql_hmac_is_the_import_function():
    for k in (b"short-key-0123456789", b"x" * 64, b"y" * 100, "کلید-中文-key-0123".encode()):
        con = duckdb.connect()
        caller_key.register(con, k)
        for v in ("abc", "+15550001", "پشتیبانی 中文", "a" * 200, ""):
            native = con.execute(f"SELECT {caller_key.hmac_sql('?')}", caller_key.hmac_params(k) + [v]).fetchall()[0][0]
            udf = con.execute("SELECT switchboard_caller_hmac(?)", [v]).fetchall()[0][0]
            assert native == udf == hmac.new(k, v.encode(), hashlib.sha256).hexdigest()
        con.close()


def test_an_import_out_of_its_memory_cap_says_which_cap_and_changes_nothing(sample_db, tmp_path, monkeypatch):
    # An old large warehouse's one-time re-keying updates every call in one transaction, whose undo DuckDB
    # keeps in memory: under the 1 GB writer cap the large preset ran out. The user must hear which cap to
    # raise, and the warehouse must be as it was.
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_db, db)
    day = tmp_path / "next_day.csv"
    con = duckdb.connect(str(db), read_only=True)
    try:
        con.execute(NEXT_DAY_SQL.format(out=str(day).replace("'", "''")))
        before = con.execute("SELECT count(*), max(arrived_at) FROM calls").fetchone()
    finally:
        con.close()
    monkeypatch.setenv(warehouse.WRITE_MEMORY_ENV, "1MB")
    monkeypatch.setenv(warehouse.REBUILD_MEMORY_ENV, "1MB")
    try:
        import_file(db, "calls", day, create_missing_agents=True)
    except warehouse.OutOfWriteMemory as exc:
        assert warehouse.WRITE_MEMORY_ENV in str(exc) and "nothing was changed" in str(exc)
    else:
        raise AssertionError("a 1 MB cap was enough for an import")
    with warehouse.read_connection(db) as con:
        assert con.execute("SELECT count(*), max(arrived_at) FROM calls").fetchone() == before
