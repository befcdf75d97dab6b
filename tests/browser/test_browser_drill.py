"""Click to drill (real browser): clicking a scorecard row on the Agents page opens that agent's
drill-down, and the address bar carries it like every other view option."""
import re

import pytest

from browser import browser_page, click_table_row, screenshot, wait_for_app


@pytest.mark.slow
def test_clicking_a_scorecard_row_opens_that_agent(demo_server):
    with browser_page(width=1280, height=1400) as page:
        page.goto(f"{demo_server}/agents")
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        assert not re.search(r"[?&]agent=[^&]+", page.url)
        click_table_row(page, "tbl_ag_scorecard", 1)  # the second body row: a single-row selection
        page.wait_for_function("() => /[?&]agent=[^&]+/.test(window.location.search)", timeout=90000)
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        agent = re.search(r"[?&]agent=([^&]+)", page.url).group(1)
        assert agent and agent in page.inner_text("[data-testid='stMain']")
        screenshot(page, "drill_agents_row_click")
