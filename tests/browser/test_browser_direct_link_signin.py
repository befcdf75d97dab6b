"""A direct link to a page, opened first on a freshly started server in users mode, still goes through
sign-in: the page's own file never runs before app.py's gate (Streamlit's legacy pages/ mode would run it
directly; analytics/ui/page.require_app sends the run back through app.py). Real server, real browser."""
import pytest

from analytics.auth import users
from browser import browser_page, screenshot, streamlit_server, wait_for_app

PAGES = ["agents", "settings"]


@pytest.fixture(scope="module")
def secured_env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("direct_link")
    users_path = folder / "users.json"
    users.add(users_path, "vic", "correct horse", "viewer")
    return {"SWITCHBOARD_AUTH": "users", "SWITCHBOARD_USERS": str(users_path),
            "SWITCHBOARD_AUDIT": str(folder / "audit.jsonl")}


@pytest.mark.parametrize("page_name", PAGES)
def test_a_direct_link_on_a_fresh_server_asks_to_sign_in(sample_db, secured_env, page_name):
    with streamlit_server(sample_db, secured_env) as base, browser_page() as page:
        # the very first request this server gets is the deep link, with a view in its query
        page.goto(f"{base}/{page_name}?from=2026-10-05&to=2026-10-11&queues=Billing")
        wait_for_app(page, ready="[data-testid='stForm']")
        if page_name == PAGES[0]:
            screenshot(page, "direct_link_signin")
        body = page.locator("[data-testid='stMain']").inner_text()
        assert "Sign in" in body and "Password" in body
        # nothing of the page itself was drawn: no KPI tile, table, chart or filter
        for testid in ("stMetric", "stDataFrame", "stVegaLiteChart", "stMultiSelect", "stDateInput"):
            assert page.locator(f"[data-testid='{testid}']").count() == 0, testid
