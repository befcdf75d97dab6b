"""The app's pages, in menu order. url_path is what a shared link carries as the page."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics.i18n import N_, _

ROOT = Path(__file__).resolve().parents[2]

# (section, file, title, icon, url_path)
PAGES = [
    (N_("Monitor"), "pages/overview.py", N_("Overview"), ":material/dashboard:", "overview"),
    (N_("Monitor"), "pages/trends.py", N_("Trends"), ":material/show_chart:", "trends"),
    (N_("Monitor"), "pages/service.py", N_("Service & queues"), ":material/support_agent:", "service"),
    (N_("Monitor"), "pages/quality.py", N_("Quality"), ":material/fact_check:", "quality"),
    (N_("Monitor"), "pages/customer.py", N_("Customer"), ":material/sentiment_satisfied:", "customer"),
    (N_("Monitor"), "pages/benchmarks.py", N_("Benchmarks"), ":material/leaderboard:", "benchmarks"),
    (N_("Plan"), "pages/staffing.py", N_("Staffing"), ":material/schedule:", "staffing"),
    (N_("People"), "pages/agents.py", N_("Agents"), ":material/groups:", "agents"),
    (N_("People"), "pages/organization.py", N_("Organization"), ":material/account_tree:", "organization"),
    (N_("People"), "pages/attrition.py", N_("Attrition risk"), ":material/person_remove:", "attrition"),
    (N_("Meet"), "pages/review.py", N_("Weekly review"), ":material/event_note:", "review"),
    (N_("Admin"), "pages/data.py", N_("Data"), ":material/upload_file:", "data"),
    (N_("Admin"), "pages/settings.py", N_("Settings"), ":material/settings:", "settings"),
]


# the roles' names in words of the language (analytics/auth/roles.py keeps the ids users.toml uses)
ROLE_WORDS = {"admin": N_("admin"), "manager": N_("manager"), "analyst": N_("analyst"),
              "supervisor": N_("supervisor"), "viewer": N_("viewer")}


def _denied(title: str, role_name: str):
    def page():
        st.title(_(title))
        st.error(_("Your role ({role}) cannot open this page. Ask an admin if you need it.").format(
            role=_(ROLE_WORDS.get(role_name, role_name))))
    return page


def pages(role=None) -> dict[str, list]:
    """The menu for a role: its pages, plus hidden stand-ins that explain a refusal when a link
    points to a page the role may not open."""
    sections: dict[str, list] = {}
    for section, file, title, icon, url in PAGES:
        if not (ROOT / file).exists():
            continue
        if role is None or url in role.pages:
            default = url == "overview"
            # The default page is served at "/" but still reserves its own url_path, and a request for
            # that path finds no page ("Page not found"). So the default reserves "home", and "overview"
            # is a hidden second page running the same script: /overview?… opens the Overview.
            page = st.Page(str(ROOT / file), title=_(title), icon=icon, url_path="home" if default else url,
                           default=default)
            sections.setdefault(section, []).append(page)
            if default:
                sections[section].append(st.Page(str(ROOT / file), title=_(title), icon=icon, url_path=url,
                                                 visibility="hidden"))
        else:
            sections.setdefault(section, []).append(
                st.Page(_denied(title, role.name), title=_(title), icon=icon, url_path=url, visibility="hidden"))
    return {_(s): p for s, p in sections.items() if p}


def find(menu: dict[str, list], url_path: str):
    """The page of a menu (from pages()) with this url path (a hidden refusal for a page the role
    may not open), or None."""
    for page in (p for ps in menu.values() for p in ps):
        if page._url_path == url_path:
            return page
    return None
