"""The app works where nothing outside the server can be reached: a page asks nothing of another host
(the favicon was a Material icon fetched from fonts.gstatic.com), and the sidebar lists every page in
the reader's language (the collapsed list said Streamlit's own "View N more" in English)."""
from urllib.parse import urlparse

import pytest

from browser import browser_page, wait_for_app


@pytest.mark.slow
def test_pages_request_nothing_from_another_host_and_list_every_page(demo_server):
    here = urlparse(demo_server).hostname
    with browser_page() as page:
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        for path in ("overview", "service", "review?lang=fa", "agents?lang=zh"):
            page.goto(f"{demo_server}/{path}")
            wait_for_app(page)
            nav = page.locator("[data-testid='stSidebarNav']").inner_text()
            assert "View" not in nav and "more" not in nav, nav
            # every page of the menu is a link in the sidebar (the demo's admin sees all of them)
            assert page.locator("[data-testid='stSidebarNavLink']").count() >= 12
        # the favicon is the app's own image, served by the app itself
        icon = page.evaluate("new URL(document.querySelector(\"link[rel*='icon']\").href, location.href).href")
        assert urlparse(icon).hostname == here, icon
        reply = page.request.get(icon)
        assert reply.ok and reply.headers["content-type"].startswith("image/png"), (icon, reply.status)
        outside = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                   and urlparse(u).hostname != here]
        assert requests and outside == []
