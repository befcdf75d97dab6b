"""Text from the data is shown as text: a `<script>` agent name and markdown in a queue name show
literally in a real browser, and nothing runs. So is text from a link: a notice quoting a link's
unknown value never turns it into a link or an image the browser loads."""
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest

from browser import browser_page, screenshot, streamlit_server, wait_for_app
from warehouse_builder import build

SCRIPT_NAME = "<script>alert('x')</script>"
MD_QUEUE = "**Bold** [link](http://evil.example)"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    day = date(2026, 3, 2)
    agents = [dict(agent_id="S1", name="Sup <b>One</b>", role="supervisor", hired_on="2024-01-01"),
              dict(agent_id="X1", name=SCRIPT_NAME, role="agent", supervisor_id="S1", hired_on="2025-01-01")]
    calls = [dict(call_id=f"c{i}", arrived_at=f"{day + timedelta(days=i % 5)} 10:{i:02d}", queue=MD_QUEUE,
                  caller_id=f"h{i % 7}", wait_s=5 + i, outcome="answered", agent_id="X1", talk_s=100 + i)
             for i in range(40)]
    return build(tmp_path_factory.mktemp("hostile") / "h.duckdb", agents=agents, calls=calls)


def test_script_names_show_literally_and_never_run(hostile_db):
    with streamlit_server(hostile_db) as base, browser_page() as page:
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/agents?from=2026-03-02&to=2026-03-06&agents=X1&queues={MD_QUEUE}")
        wait_for_app(page)
        page.wait_for_timeout(1500)
        text = page.inner_text("body")
        assert SCRIPT_NAME in text            # the name is on screen as typed
        assert "**Bold**" in text or "\\*\\*Bold" not in text
        assert dialogs == []                  # and no script ran
        links = page.locator("a[href='http://evil.example']")
        where = [links.nth(i).evaluate("e => (e.closest('[data-testid]') || e).getAttribute('data-testid') + ': ' + (e.closest('[data-testid]') || e).innerText.slice(0, 200)") for i in range(links.count())]
        assert links.count() == 0, where
        assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") == \
            page.evaluate("() => [...document.scripts].filter(s => !s.src).length")
        screenshot(page, "untrusted_text_agents")

        # a shared link carrying markdown in values the app does not know: the notices quote them as text
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{base}/agents?from=2026-03-02&to=2026-03-06&queues=![](http://evil.example/t.png)"
                  "&rank_kpi=[Sign in](http://evil.example/x)")
        wait_for_app(page)
        page.wait_for_timeout(1500)
        notices = page.locator("[data-testid='stAlertContentInfo']")
        shown = " | ".join(notices.nth(i).inner_text() for i in range(notices.count()))
        assert "[Sign in](http" in shown and "![](http" in shown, shown
        assert page.locator("a[href^='http://evil.example']").count() == 0
        assert page.locator("img[src^='http://evil.example']").count() == 0
        assert not [u for u in requests if urlparse(u).hostname == "evil.example"]
