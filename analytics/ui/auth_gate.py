"""Sign-in for the app, by the configured mode; returns who is using this session and their role.

none  — a local single-user install: full rights, no sign-in.
users — user name + password from the users file (argon2id); sessions expire after SESSION_HOURS.
oidc  — Streamlit's built-in st.login (company single sign-on); the role comes from the users file,
        matched on the e-mail the identity provider returns.
"""
from __future__ import annotations

import time
from collections import defaultdict, deque

import streamlit as st

from analytics.auth import audit, config, users
from analytics.auth.roles import ROLES, Role, role_of
from analytics.auth.scope import Scope
from analytics.auth.users import User
from analytics.core import units
from analytics.i18n import _, dot, isolate

LOCAL = User("local", "Local user", "admin")
MAX_FAILURES, LOCKOUT_S = 5, 300
_failures: dict[str, deque] = defaultdict(deque)   # per user name, across sessions of this server


def _locked(username: str) -> bool:
    q = _failures[username]
    while q and time.time() - q[0] > LOCKOUT_S:
        q.popleft()
    return len(q) >= MAX_FAILURES


def _login_form(db_path, all_users) -> None:
    st.title("Switchboard")
    with st.form("login"):
        username = st.text_input(_("User name"))
        password = st.text_input(_("Password"), type="password")
        submitted = st.form_submit_button(_("Sign in"), type="primary")
    if submitted:
        if _locked(username):
            st.error(_("Too many failed attempts: wait five minutes and try again."))
            st.stop()
        user = users.verify(all_users, username, password)
        if user is None:
            _failures[username].append(time.time())
            audit.record(config.audit_file(db_path), "login_failed", username)
            st.error(_("Wrong user name or password."))
            st.stop()
        _failures.pop(username, None)
        st.session_state["auth_user"] = user
        st.session_state["auth_at"] = time.time()
        audit.record(config.audit_file(db_path), "login", user.username, role=user.role)
        st.rerun()
    st.stop()


def _sign_out(db_path) -> None:
    user = st.session_state.pop("auth_user", None)
    st.session_state.pop("auth_at", None)
    if user:
        audit.record(config.audit_file(db_path), "logout", user.username)


def gate(db_path) -> tuple[User, Role]:
    mode = config.mode()
    if mode == "none":
        return LOCAL, ROLES["admin"]
    all_users = users.load(config.users_file(db_path))
    if mode == "oidc":
        if not st.user.is_logged_in:
            st.title("Switchboard")
            st.button(_("Sign in with your company account"), on_click=st.login, type="primary")
            st.stop()
        user = users.by_email(all_users, st.user.get("email"))
        if user is None:
            st.error(_("Signed in as {email}, but no role is assigned to this account. "
                       "Ask an admin to add you (python -m analytics users add … --email).").format(
                email=st.user.get('email')))
            st.button(_("Sign out"), on_click=st.logout)
            st.stop()
        if "auth_at" not in st.session_state:
            st.session_state["auth_at"] = time.time()
            audit.record(config.audit_file(db_path), "login", user.username, role=user.role, via="oidc")
    else:
        user = st.session_state.get("auth_user")
        started = st.session_state.get("auth_at", 0)
        if user is not None and time.time() - started > config.SESSION_HOURS * 3600:
            _sign_out(db_path)
            st.warning(_("Your session expired after {hours} hours: sign in again.").format(
                hours=units.digits(f"{config.SESSION_HOURS:g}")))
            user = None
        if user is None:
            _login_form(db_path, all_users)
        user = all_users.get(user.username)  # the file may have changed (removed user, new role)
        if user is None:
            _sign_out(db_path)
            st.error(_("This account no longer exists: ask an admin."))
            st.stop()
    role = role_of(user.role)
    if role is None:
        st.error(_("Your account ({user}) has no role that can open Switchboard "
                   "(it says {role}); ask an admin.").format(user=user.username, role=repr(user.role)))
        st.stop()
    with st.sidebar:
        st.caption(_("Signed in as {name}").format(name=isolate(user.name)) + dot() + role.name)
        if mode == "users":
            st.button(_("Sign out"), on_click=_sign_out, args=(db_path,), key="sign_out")
        else:
            st.button(_("Sign out"), on_click=st.logout, key="sign_out")
    return user, role


def scope() -> Scope:
    return st.session_state.get("auth_scope", Scope())


def role() -> Role:
    return st.session_state.get("auth_role", ROLES["admin"])


def user() -> User:
    return st.session_state.get("auth_current", LOCAL)
