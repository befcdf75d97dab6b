"""Which authentication mode is on, and where its files live.

Mode: $SWITCHBOARD_AUTH, else `[switchboard] auth` in .streamlit/secrets.toml, else "none" (a local,
single-user install). Users file: $SWITCHBOARD_USERS, else users.json beside the warehouse.
"""
from __future__ import annotations

import os
from pathlib import Path

MODES = ("none", "users", "oidc")
SESSION_HOURS = float(os.environ.get("SWITCHBOARD_SESSION_HOURS", "8"))


class AuthConfigError(Exception):
    pass


def _secrets_mode() -> str | None:
    try:
        import streamlit as st

        return st.secrets.get("switchboard", {}).get("auth")
    except Exception:  # no secrets file, or not running under Streamlit
        return None


def mode() -> str:
    value = (os.environ.get("SWITCHBOARD_AUTH") or _secrets_mode() or "none").strip().lower()
    if value not in MODES:
        raise AuthConfigError(f"unknown authentication mode {value!r}: use one of {', '.join(MODES)}")
    return value


def users_file(db_path: Path) -> Path:
    env = os.environ.get("SWITCHBOARD_USERS")
    return Path(env) if env else Path(db_path).parent / "users.json"


def audit_file(db_path: Path) -> Path:
    env = os.environ.get("SWITCHBOARD_AUDIT")
    return Path(env) if env else Path(str(db_path) + ".audit.jsonl")
