"""The users file: user name → display name, role, password hash (argon2id), team, e-mail.

Passwords are never stored: only argon2id hashes (argon2-cffi). The file is written atomically."""
from __future__ import annotations

import functools
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics.auth.roles import ROLES

_hasher = PasswordHasher()


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verifying against this keeps the time of a wrong user name equal to that of a wrong password
    (made on first use: hashing costs a quarter second that a local, no-sign-in start never pays)."""
    return _hasher.hash("switchboard-timing-equalizer")


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str
    supervisor_id: str | None = None   # the team of a supervisor-role user
    email: str | None = None
    password_hash: str | None = None

    def public(self) -> dict:
        d = asdict(self)
        d.pop("password_hash")
        return d


class UsersFileError(Exception):
    pass


def load(path: Path) -> dict[str, User]:
    path = Path(path)
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {u: User(username=u, **fields) for u, fields in raw.get("users", {}).items()}
    except (ValueError, TypeError) as exc:
        raise UsersFileError(f"the users file {path} cannot be read: {exc}") from None


def save(path: Path, users: dict[str, User]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"users": {u.username: {k: v for k, v in asdict(u).items() if k != "username"}
                      for u in sorted(users.values(), key=lambda x: x.username)}}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".users-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def add(path: Path, username: str, password: str, role: str, name: str | None = None,
        supervisor_id: str | None = None, email: str | None = None) -> User:
    if role not in ROLES:
        raise UsersFileError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if role == "supervisor" and not supervisor_id:
        raise UsersFileError("a supervisor needs --team (their supervisor id in the agents table)")
    if not username or len(username) > 64 or not username.replace(".", "").replace("-", "").replace("_", "").replace("@", "").isalnum():
        raise UsersFileError("user names are 1–64 letters, digits, '.', '-', '_' or '@'")
    if len(password) < 8:
        raise UsersFileError("passwords need at least 8 characters")
    users = load(path)
    user = User(username, name or username, role, supervisor_id, email, _hasher.hash(password))
    users[username] = user
    save(path, users)
    return user


def remove(path: Path, username: str) -> bool:
    users = load(path)
    if users.pop(username, None) is None:
        return False
    save(path, users)
    return True


def verify(users: dict[str, User], username: str, password: str) -> User | None:
    """The user if the password matches, else None (same work either way)."""
    user = users.get(username)
    try:
        _hasher.verify(user.password_hash if user and user.password_hash else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    return user if user and user.password_hash else None


def by_email(users: dict[str, User], email: str | None) -> User | None:
    if not email:
        return None
    for u in users.values():
        if u.email and u.email.lower() == email.lower():
            return u
    return None
