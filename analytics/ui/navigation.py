"""The app's pages, in menu order. url_path is what a shared link carries as the page."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]

# (section, file, title, icon, url_path)
PAGES = [
    ("Monitor", "pages/overview.py", "Overview", ":material/dashboard:", "overview"),
    ("Monitor", "pages/trends.py", "Trends", ":material/show_chart:", "trends"),
    ("Monitor", "pages/service.py", "Service & queues", ":material/support_agent:", "service"),
    ("Monitor", "pages/quality.py", "Quality", ":material/fact_check:", "quality"),
    ("Monitor", "pages/customer.py", "Customer", ":material/sentiment_satisfied:", "customer"),
    ("Monitor", "pages/benchmarks.py", "Benchmarks", ":material/leaderboard:", "benchmarks"),
    ("Plan", "pages/staffing.py", "Staffing", ":material/schedule:", "staffing"),
    ("People", "pages/agents.py", "Agents", ":material/groups:", "agents"),
    ("People", "pages/organization.py", "Organization", ":material/account_tree:", "organization"),
    ("People", "pages/attrition.py", "Attrition risk", ":material/person_remove:", "attrition"),
    ("Meet", "pages/review.py", "Weekly review", ":material/event_note:", "review"),
    ("Admin", "pages/data.py", "Data", ":material/upload_file:", "data"),
    ("Admin", "pages/settings.py", "Settings", ":material/settings:", "settings"),
]


def _denied(title: str, role_name: str):
    def page():
        st.title(title)
        st.error(f"Your role ({role_name}) cannot open this page. Ask an admin if you need it.")
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
            page = st.Page(str(ROOT / file), title=title, icon=icon, url_path="home" if default else url,
                           default=default)
            sections.setdefault(section, []).append(page)
            if default:
                sections[section].append(st.Page(str(ROOT / file), title=title, icon=icon, url_path=url,
                                                 visibility="hidden"))
        else:
            sections.setdefault(section, []).append(
                st.Page(_denied(title, role.name), title=title, icon=icon, url_path=url, visibility="hidden"))
    return {s: p for s, p in sections.items() if p}


def find(menu: dict[str, list], url_path: str):
    """The page of a menu (from pages()) with this url path (a hidden refusal for a page the role
    may not open), or None."""
    for page in (p for ps in menu.values() for p in ps):
        if page._url_path == url_path:
            return page
    return None
