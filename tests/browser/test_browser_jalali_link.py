"""A Jalali-month link (Farvardin 1405, cal=persian) opens exactly that view in a real browser: the Persian
calendar in the sidebar with the month's Jalali dates, the month's calls on the Offered tile, and the
address bar still carrying the view. Center: tests/jalali_center.py."""
from urllib.parse import urlencode

import pytest

from analytics.core import registry
from browser import browser_page, screenshot, streamlit_server, wait_for_app
from jalali_center import JALALI, build_center, totals


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = build_center(tmp_path_factory.mktemp("jbrowser") / "j.duckdb")
    with streamlit_server(db) as base:
        yield base


def test_a_jalali_month_link_reproduces_its_view(server):
    first, last = JALALI["1405-01"]
    params = [("from", first.isoformat()), ("to", last.isoformat()), ("period", "custom"), ("grain", "week"),
              ("compare", "previous"), ("cal", "persian")]
    with browser_page() as page:
        page.goto(f"{server}/overview?{urlencode(params)}")
        wait_for_app(page, ready="[data-testid='stMetric']")
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        # select boxes and the Jalali day boxes show their values in <input>s (not in the text)
        values = page.evaluate("() => [...document.querySelectorAll(\"[data-testid='stSidebar'] input\")]"
                               ".map(e => e.value)")
        assert "Persian (Jalali)" in values
        assert ["1405/01/01", "1405/01/31"] == [v for v in values if v.startswith("1405/")]  # Farvardin's 31 days
        assert "2026-03-21 – 2026-04-20" in sidebar            # the same days, Gregorian, under the boxes
        tile = page.locator("[data-testid='stMetric']", has_text="Calls offered").first
        assert registry.get("offered").format(totals(first, last)[0]) in tile.inner_text()
        assert "cal=persian" in page.url and "from=2026-03-21" in page.url and "to=2026-04-20" in page.url
        shot = screenshot(page, "jalali_month_overview")
        assert shot.stat().st_size > 20_000
