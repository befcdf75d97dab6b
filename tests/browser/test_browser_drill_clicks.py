"""Click to drill in a real browser on the demo center: a heatmap cell lists that weekday-hour's calls and
a row opens the call card; a funnel point opens that agent; an org-chart row opens the team on the Agents
page. Each step is in the address bar, reopening the address shows the same view, and Back steps back."""
import re

import pytest

from browser import browser_page, click_table_row, screenshot, select_row, url_param, wait_for_app, wait_param

MAIN = "[data-testid='stMain']"


def _marks(page, chart_key: str, mark: str):
    """The drawn marks of a chart (Streamlit draws Vega-Lite as SVG: one path per datum, labelled)."""
    sel = f".st-key-{chart_key} g.mark-{mark} path[aria-label]"
    page.wait_for_selector(sel, timeout=90000)
    return page.locator(sel)


def _team_picker(page) -> str:
    """The team the Agents page's Team picker shows."""
    return page.get_by_role("combobox", name="Team", exact=True).input_value()


@pytest.mark.slow
def test_heatmap_cell_lists_its_calls_and_a_row_opens_the_call_card(demo_server):
    with browser_page(width=1280, height=1400) as page:
        page.goto(f"{demo_server}/service")
        wait_for_app(page, ready=".st-key-chart_sv_heat")
        cells = _marks(page, "chart_sv_heat", "rect")
        labels = cells.evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
        n = next(i for i, t in enumerate(labels) if "Hour of day: 10;" in t and "weekday: Tue;" in t)
        assert url_param(page.url, "slot") in (None, "")
        cells.nth(n).click(force=True)
        assert wait_param(page, "slot") == "Tue-10"
        wait_for_app(page, ready=".st-key-tbl_sv_slot_calls")
        text = page.inner_text(MAIN)
        assert re.search(r"[\d,]+ calls arrived on Tuesdays 10:00–10:59 in this period", text), text[:2000]
        screenshot(page, "drill_service_cell_1280")
        shared = page.url

        # a row of that hour's calls opens the call card
        call = select_row(page, "tbl_sv_slot_calls", 0, "call")
        wait_for_app(page, ready=".st-key-call_card")
        card = page.inner_text(".st-key-call_card")
        assert call in card and re.search(r"Answered after|Abandoned", card) and "Evaluations" in card
        assert "field" not in card.split()  # a card, not a field/value dump
        page.set_viewport_size({"width": 1920, "height": 1400})
        screenshot(page, "drill_call_card_1920")

        # Back: the card closes, the hour's calls stay
        page.go_back()
        page.wait_for_function("() => !/[?&]call=[^&]+/.test(window.location.search)", timeout=90000)
        wait_for_app(page, ready=".st-key-tbl_sv_slot_calls")
        assert page.locator(".st-key-call_card").count() == 0
        assert url_param(page.url, "slot") == "Tue-10"

    with browser_page(width=1280, height=1400) as page:  # the shared link reproduces the view
        page.goto(shared)
        wait_for_app(page, ready=".st-key-tbl_sv_slot_calls")
        assert "calls arrived on Tuesdays 10:00–10:59" in page.inner_text(MAIN)
        outlined = _marks(page, "chart_sv_heat", "rect").evaluate_all(
            "els => els.filter(e => (e.getAttribute('stroke-width') || '') === '3').map(e => e.getAttribute('aria-label'))")
        assert len(outlined) == 1 and "Hour of day: 10;" in outlined[0] and "weekday: Tue;" in outlined[0]


@pytest.mark.slow
def test_funnel_point_opens_that_agent(demo_server):
    with browser_page(width=1280, height=1400) as page:
        page.goto(f"{demo_server}/agents")
        wait_for_app(page, ready=".st-key-chart_ag_funnel")
        points = _marks(page, "chart_ag_funnel", "symbol")
        label = points.nth(3).get_attribute("aria-label")
        agent = re.search(r"Id: ([^;]+);", label).group(1)
        points.nth(3).scroll_into_view_if_needed()
        points.nth(3).click(force=True)
        assert wait_param(page, "agent") == agent
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        page.wait_for_selector(f"h3:has-text('({agent})')", timeout=90000)
        screenshot(page, "drill_funnel_point_1280")
        shared = page.url
    with browser_page(width=1920, height=1400) as page:
        page.goto(shared)
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        page.wait_for_selector(f"h3:has-text('Agent:'):has-text('({agent})')", timeout=90000)
        screenshot(page, "drill_funnel_point_1920")


@pytest.mark.slow
def test_org_chart_row_opens_the_team_on_agents_and_back_returns(demo_server):
    with browser_page(width=1280, height=1400) as page:
        page.goto(f"{demo_server}/organization")
        wait_for_app(page, ready=".st-key-tbl_org_chart")
        click_table_row(page, "tbl_org_chart", 0)
        # a page switch inside the app changes the address without a page load
        page.wait_for_function("() => window.location.pathname.endsWith('/agents') "
                               "&& /[?&]team=[^&]+/.test(window.location.search)", timeout=90000)
        team = url_param(page.url, "team")
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        # the Agents page shows that team (its picker says so; the scorecard lists its agents)
        assert f"({team})" in _team_picker(page)
        screenshot(page, "drill_team_agents_1280")
        shared = page.url

        # team → agent (row click) → call (row click), each in the address
        agent = select_row(page, "tbl_ag_scorecard", 0, "agent")
        wait_for_app(page, ready=".st-key-tbl_ag_calls")
        call = select_row(page, "tbl_ag_calls", 0, "call")
        wait_for_app(page, ready=".st-key-call_card")
        assert call in page.inner_text(".st-key-call_card")
        assert (url_param(page.url, "team"), url_param(page.url, "agent")) == (team, agent)

        # Back, Back: the call closes, then the agent; Back again: the Organization page
        page.go_back()
        page.wait_for_function("() => !/[?&]call=[^&]+/.test(window.location.search)", timeout=90000)
        wait_for_app(page, ready=".st-key-tbl_ag_calls")
        assert url_param(page.url, "agent") == agent
        page.go_back()
        page.wait_for_function("() => !/[?&]agent=[^&]+/.test(window.location.search)", timeout=90000)
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        assert url_param(page.url, "team") == team
        # the page switch left the team's address twice (the link it opened, then the page's full
        # view), so at most two Backs lead to the Organization page; no step shows another team
        for _ in range(2):
            page.go_back()
            wait_for_app(page)
            if page.evaluate("window.location.pathname").endswith("/organization"):
                break
            assert url_param(page.url, "team") == team
        assert page.evaluate("window.location.pathname").endswith("/organization")
        wait_for_app(page, ready=".st-key-tbl_org_chart")

    with browser_page(width=1280, height=1400) as page:
        page.goto(shared)
        wait_for_app(page, ready=".st-key-tbl_ag_scorecard")
        assert url_param(page.url, "team") == team and f"({team})" in _team_picker(page)
