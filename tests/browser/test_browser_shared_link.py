"""A manager opens a link pasted in chat and lands on exactly the sender's view (real browser)."""
from datetime import date
from urllib.parse import urlencode

import pytest

from analytics.core import registry
from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from browser import browser_page, screenshot, streamlit_server, wait_for_app


@pytest.fixture(scope="module")
def server(sample_db):
    with streamlit_server(sample_db) as base:
        yield base


def test_shared_link_reproduces_the_view(server, sample_db):
    params = [("from", "2026-10-05"), ("to", "2026-10-11"), ("period", "custom"), ("grain", "day"),
              ("compare", "previous"), ("queues", "Billing"), ("queues", "Technical support")]
    with browser_page() as page:
        page.goto(f"{server}/overview?{urlencode(params)}")
        wait_for_app(page, ready="[data-testid='stMetric']")
        sidebar = page.locator("[data-testid='stSidebar']")
        chips = sidebar.inner_text()
        assert "2026/10/05–2026/10/11" in "".join(chips.split())
        assert "Billing" in chips and "Technical support" in chips
        f = Filters(start=date(2026, 10, 5), end=date(2026, 10, 11), queues=("Billing", "Technical support"))
        with warehouse.read_connection(sample_db) as con:
            sl = metrics.compute_one(con, f, ["service_level_pct"])["service_level_pct"]
        tile = page.locator("[data-testid='stMetric']", has_text="Service level")
        assert registry.get("service_level_pct").format(sl) in tile.inner_text()
        # the address bar still carries the whole view after the app has run
        assert "queues=Billing" in page.url and "from=2026-10-05" in page.url
        shot = screenshot(page, "shared_link_overview")
        assert shot.stat().st_size > 20_000
