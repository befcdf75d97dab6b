"""Issue #18 item 5 in a real browser: a deep link opened before sign-in lands on its page after
sign-in, with its filters — on a warm server too, where the sign-in form's reruns lost the page."""
from urllib.parse import parse_qs, urlparse

import pytest

from analytics.auth import users
from browser import browser_page, screenshot, sign_in, streamlit_server, wait_for_app


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("deeplinks")
    users_path = folder / "users.json"
    users.add(users_path, "ada", "correct horse", "admin")
    users.add(users_path, "mo", "correct horse", "manager")
    users.add(users_path, "ana", "correct horse", "analyst")
    env = {"SWITCHBOARD_AUTH": "users", "SWITCHBOARD_USERS": str(users_path),
           "SWITCHBOARD_AUDIT": str(folder / "audit.jsonl")}
    with streamlit_server(sample_db, env) as base:
        with browser_page() as page:   # warm the server: its first request runs in legacy pages mode
            page.goto(base)
            page.get_by_label("User name", exact=True).wait_for(timeout=180000)
        yield base


@pytest.mark.parametrize("link, who, title", [
    ("attrition", "mo", "Attrition risk"),
    ("data", "ada", "Data"),
    ("review", "mo", "Weekly review"),
    ("agents?supervisors=S02", "ada", "Agents"),
])
def test_a_deep_link_lands_on_its_page_after_sign_in(server, link, who, title):
    with browser_page() as page:
        sign_in(page, server, link, who)
        page.wait_for_function("() => !document.querySelector('input[type=password]')", timeout=120000)
        wait_for_app(page, timeout=150000)
        url = urlparse(page.url)
        shot = screenshot(page, f"deep_link_{link.split('?')[0]}")
        assert url.path == "/" + link.split("?")[0], (page.url, shot)
        assert title in page.locator("h1").first.inner_text()
        if "supervisors=S02" in link:
            assert parse_qs(url.query).get("supervisors") == ["S02"]
            assert "S02" in page.locator("[data-testid='stSidebar']").inner_text()


def test_a_deep_link_to_a_page_the_role_may_not_open_shows_the_refusal(server):
    with browser_page() as page:
        sign_in(page, server, "attrition", "ana")
        page.wait_for_selector("text=cannot open this page", timeout=150000)
        assert urlparse(page.url).path == "/attrition"


def test_a_link_to_an_unknown_page_says_where_it_landed(server):
    with browser_page() as page:
        sign_in(page, server, "nosuchpage?from=2026-11-01&to=2026-11-07", "ada")
        page.wait_for_selector("text=Unknown page", timeout=150000)
        notice = page.locator("[data-testid='stAlertContentInfo']").filter(has_text="Unknown page").first.inner_text()
        assert "'nosuchpage'" in notice and "Overview" in notice, notice
