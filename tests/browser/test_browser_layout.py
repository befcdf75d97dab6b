"""At 1280 px nothing is cut off and charts are as tall as their content, on the demo center in a real
browser: the wait distribution is not squashed, every span-of-control bar is named, the Service and
Organization tables show their last column without scrolling, and the Organization tiles are wide
enough for their words."""
import pytest

from browser import browser_page, screenshot, wait_for_app

CHART = "[data-testid='stVegaLiteChart']"
TABLE = "[data-testid='stDataFrame']"

# the widest a table may scroll sideways (a pixel of rounding)
OVERFLOW = """e => { const s = e.querySelector('.dvn-scroller'); return s ? s.scrollWidth - s.clientWidth : 0; }"""


def _overflowing_tables(page) -> list[int]:
    return [n for n, t in enumerate(page.locator(TABLE).all()) if t.evaluate(OVERFLOW) > 1]


def _chart_under(page, heading: str):
    """The first chart after the subheader or bold caption `heading`."""
    return page.locator(f"xpath=(//*[normalize-space(text())='{heading}'])[1]"
                        "/following::*[@data-testid='stVegaLiteChart'][1]").first


@pytest.mark.slow
def test_service_wait_chart_fits_its_bins_and_tables_fit(demo_server):
    with browser_page(width=1280, height=1000) as page:
        page.goto(f"{demo_server}/service")
        wait_for_app(page, ready=CHART, timeout=240000)
        page.wait_for_timeout(1500)
        screenshot(page, "layout-service-1280")
        wait = _chart_under(page, "How long callers wait")
        box = wait.bounding_box()
        # twelve wait bins, two outcomes each: 13 px a bar, a gap a bin, plus legend and axes (Streamlit fits
        # those into the height too: at 300 px in all the plot was ~100 px)
        assert box and box["height"] >= 12 * (2 * 13 + 10) + 80, box
        assert _overflowing_tables(page) == []


@pytest.mark.slow
def test_organization_tiles_span_bars_and_tables_fit(demo_server):
    with browser_page(width=1280, height=1000) as page:
        page.goto(f"{demo_server}/organization")
        wait_for_app(page, ready=".st-key-tile_span_of_control", timeout=240000)
        page.wait_for_timeout(1500)
        screenshot(page, "layout-organization-1280")
        # three tiles a row: each wide enough that "1 leaver of 69 agents …" does not wrap word by word
        width = page.locator(".st-key-tile_attrition_rate_pct").bounding_box()["width"]
        assert width >= 250, width
        assert "leaver of" in page.locator(".st-key-tile_attrition_rate_pct").inner_text()
        span = _chart_under(page, "Agents per supervisor").bounding_box()
        assert span and span["height"] >= 7 * 20, span  # seven supervisors, a named row each
        assert _overflowing_tables(page) == []
