"""Caller ids: keyed HMAC-SHA256 with a key kept outside the warehouse.

Threat model: whoever holds a copy of the warehouse file (a backup, a laptop, a shared folder) must
not be able to tell which phone number called. A salted SHA-256 with the salt in the same file is a
pseudonym only — a million candidate numbers hash in seconds. With HMAC the key is needed too, and it
never enters the warehouse: $SWITCHBOARD_CALLER_KEY, else the file $SWITCHBOARD_CALLER_KEY_FILE, else
`.streamlit/caller_key` beside the app's config — created on first use, 0600. The app, the CLI and
the tests resolve it the same way. Lose the key and new imports can no longer be matched with the
callers already stored (repeat calls): back it up like secrets.toml.

Stored id = HMAC-SHA256(key, sha256(salt || caller number)), hex. The inner salted hash is what
warehouses held before: a one-time migration maps each old hash h to HMAC(key, h), so repeat-caller
links survive (the old hashes cannot be inverted, and need not be). The scheme and a fingerprint of
the key are recorded in `settings`; a different key is refused rather than silently splitting callers.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import duckdb
import pyarrow as pa

from analytics.core.warehouse import REPO_ROOT, WarehouseError, read_sql

KEY_ENV = "SWITCHBOARD_CALLER_KEY"
KEY_FILE_ENV = "SWITCHBOARD_CALLER_KEY_FILE"
DEFAULT_KEY_FILE = REPO_ROOT / ".streamlit" / "caller_key"
SCHEME = "hmac-sha256-v2"
SCHEME_SETTING = "caller_hash_scheme"
FINGERPRINT_SETTING = "caller_key_fingerprint"
SQL_FUNCTION = "switchboard_caller_hmac"


class CallerKeyError(WarehouseError):
    """The caller key is missing, unreadable, or not the one this warehouse was hashed with."""


def key_file() -> Path:
    return Path(os.environ.get(KEY_FILE_ENV) or DEFAULT_KEY_FILE)


def key() -> bytes:
    env = os.environ.get(KEY_ENV)
    if env and env.strip():
        return env.strip().encode("utf-8")
    path = key_file()
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        value = path.read_bytes().strip()
    except FileExistsError:  # another process created it just now
        value = path.read_bytes().strip()
    except OSError as exc:
        raise CallerKeyError(f"cannot read or create the caller key {path}: {exc.strerror or exc}") from None
    if len(value) < 16:
        raise CallerKeyError(f"the caller key in {path} is too short (at least 16 characters)")
    return value


def fingerprint(k: bytes) -> str:
    return hmac.new(k, b"switchboard caller key check", hashlib.sha256).hexdigest()[:16]


def register(con: duckdb.DuckDBPyConnection, k: bytes | None = None) -> None:
    """Make SQL function switchboard_caller_hmac(text) available on `con` (per connection)."""
    k = k or key()

    def fn(col: pa.Array) -> pa.Array:
        return pa.array([None if v is None else hmac.new(k, v.encode("utf-8"), hashlib.sha256).hexdigest()
                         for v in col.to_pylist()], pa.string())

    try:
        con.remove_function(SQL_FUNCTION)
    except Exception:  # not registered yet on this connection
        pass
    from duckdb.sqltypes import VARCHAR
    con.create_function(SQL_FUNCTION, fn, [VARCHAR], VARCHAR, type="arrow", null_handling="special")


def hmac_sql(value_sql: str) -> str:
    """HMAC-SHA256 of the text `value_sql` (UTF-8) in DuckDB's own SQL, hex — the same as
    register()'s function, at native speed for whole tables (the one-time re-keying, the sample
    generator). It takes two bound parameters, hmac_params(), before any the caller adds after."""
    return f"sha256(?::BLOB || unhex(sha256(?::BLOB || encode({value_sql}))))"


def hmac_params(k: bytes | None = None) -> list[bytes]:
    """The outer and inner padded keys of HMAC-SHA256 (RFC 2104), bound to hmac_sql's parameters, so
    the key never appears in SQL text."""
    k = k or key()
    if len(k) > 64:  # a key longer than the block is hashed first
        k = hashlib.sha256(k).digest()
    k = k.ljust(64, b"\0")
    return [bytes(b ^ 0x5C for b in k), bytes(b ^ 0x36 for b in k)]


def mark_keyed(con: duckdb.DuckDBPyConnection, k: bytes | None = None) -> None:
    """Record in `settings` that this warehouse's caller ids are keyed with `k` (the scheme and the
    key's fingerprint), so prepare() neither re-keys them nor accepts another key."""
    k = k or key()
    _put(con, SCHEME_SETTING, SCHEME)
    _put(con, FINGERPRINT_SETTING, fingerprint(k))


def _setting(con, name: str) -> str | None:
    rows = con.execute("SELECT value FROM settings WHERE key = ?", [name]).fetchall()  # complete the result
    return rows[0][0] if rows else None


def _put(con, name: str, value: str) -> None:
    con.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, current_localtimestamp()) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                [name, value])


def prepare(con: duckdb.DuckDBPyConnection) -> int:
    """Inside a write transaction, before caller ids are written: register the function, refuse a
    different key, and migrate a warehouse still on salted SHA-256 (once). Returns rows re-keyed."""
    k = key()
    register(con, k)
    fp = fingerprint(k)
    if _setting(con, SCHEME_SETTING) == SCHEME:
        if _setting(con, FINGERPRINT_SETTING) != fp:
            raise CallerKeyError(
                "this warehouse's caller ids were made with a different caller key than "
                f"${KEY_ENV} / {key_file()} holds; restore the original key (see docs/security.md)")
        return 0
    moved = _rewrite_calls_keyed(con, k)
    mark_keyed(con, k)
    return int(moved)


def _rewrite_calls_keyed(con: duckdb.DuckDBPyConnection, k: bytes) -> int:
    """Re-key every stored caller id by writing the call table anew: native SQL (millions of calls in
    seconds), and an insert, not an UPDATE — DuckDB holds an update's new values in memory until the
    commit, which no cap could hold for the large preset's 55 M callers (over 9.3 GB), while an insert
    streams to disk like any import. Same columns, same checks (the raw DDL), same transaction."""
    con.execute("ALTER TABLE calls RENAME TO calls_before_rekey")
    con.execute(read_sql("raw/20_calls.sql"))
    con.execute(f"INSERT INTO calls BY NAME SELECT * REPLACE ({hmac_sql('caller_id')} AS caller_id) "
                "FROM calls_before_rekey", hmac_params(k))
    moved = con.execute("SELECT count(caller_id) FROM calls").fetchall()[0][0]
    con.execute("DROP TABLE calls_before_rekey")
    return moved


def stored_id(con: duckdb.DuckDBPyConnection, number: str) -> str:
    """The id a caller number is stored as in this warehouse (for tests and support look-ups)."""
    salt = _setting(con, "caller_salt")
    inner = hashlib.sha256((salt + number).encode("utf-8")).hexdigest()
    return hmac.new(key(), inner.encode("utf-8"), hashlib.sha256).hexdigest()
