"""The Overview speaks the status language in a real browser: colour = status against target, a change
is coloured only when significant ("n.s." otherwise), and a "needs attention" strip says where to look
first — on a hand-built center where the right answer is known, and on the demo center."""
from datetime import date, timedelta

import pytest

from browser import browser_page, screenshot, streamlit_server, wait_for_app
from warehouse_builder import build

PREV, CUR = date(2026, 3, 2), date(2026, 3, 9)     # two Monday-to-Sunday weeks
VIEW = "from=2026-03-09&to=2026-03-15&period=custom&grain=day&compare=previous"


def _calls():
    """Previous week: every call answered in 5 s (SL 100%), 7 of 100 a day transferred. This week:
    half wait 60 s (SL 50%, ASA 32.5 s: off target and significantly worse), 8 of 100 transferred (7 before)
    (a change within noise: n.s.). No abandons in either week (on target)."""
    rows, n = [], 0
    for week, start in (("prev", PREV), ("cur", CUR)):
        for d in range(7):
            day = start + timedelta(days=d)
            for i in range(100):
                slow = week == "cur" and i % 2 == 0
                rows.append(dict(call_id=f"c{n}", arrived_at=f"{day} {8 + i // 10:02d}:{(i % 10) * 5:02d}:00",
                                 queue="Sales", caller_id=f"k{n}", wait_s=60 if slow else 5, outcome="answered",
                                 agent_id="X1", talk_s=200, hold_s=0, acw_s=30,
                                 transferred=i < (8 if week == "cur" else 7)))
                n += 1
    return rows


@pytest.fixture(scope="module")
def known_db(tmp_path_factory):
    agents = [dict(agent_id="S1", name="Sam Supervisor", role="supervisor", hired_on="2024-01-01"),
              dict(agent_id="X1", name="Xin Agent", role="agent", supervisor_id="S1", hired_on="2025-01-01")]
    return build(tmp_path_factory.mktemp("known") / "k.duckdb", agents=agents, calls=_calls())


def _tile(page, kid):
    return page.locator(f".st-key-tile_{kid}")


def _delta_color(page, kid):
    return _tile(page, kid).locator("[data-testid='stMetricDelta']").evaluate("e => getComputedStyle(e).color")


@pytest.mark.slow
def test_known_center_colours_status_and_only_significant_changes(known_db):
    with streamlit_server(known_db) as base, browser_page(width=1280) as page:
        page.goto(f"{base}/?{VIEW}")
        wait_for_app(page, ready=".st-key-tile_service_level_pct")
        sl = _tile(page, "service_level_pct").inner_text()
        assert "50.0%" in sl and "Off target" in sl and "Worse" in sl
        assert "On target" in _tile(page, "abandon_rate_pct").inner_text()
        assert "Off target" in _tile(page, "asa_s").inner_text()
        transfer = _tile(page, "transfer_rate_pct").inner_text()
        assert "n.s." in transfer and "On target" in transfer
        # the n.s. change is grey, the significant one is not: colour follows significance, not direction
        assert _delta_color(page, "transfer_rate_pct") != _delta_color(page, "service_level_pct")
        assert _delta_color(page, "transfer_rate_pct") == _delta_color(page, "aht_s") or \
            _tile(page, "aht_s").locator("[data-testid='stMetricDelta']").count() == 0
        strip = page.locator(".st-key-needs_attention").inner_text()
        assert strip.index("Service level") < strip.index("Average speed of answer")   # the bigger miss first
        assert "Transfer rate" not in strip                                              # n.s. and on target
        legend = page.locator("[data-testid='stCaptionContainer']", has_text="Near target").first.inner_text()
        assert "On target" in legend and "Off target" in legend and "n.s." in legend
        screenshot(page, "status_overview_known_1280")


@pytest.mark.slow
def test_demo_overview_is_not_a_wall_of_red(demo_server):
    with browser_page(width=1280) as page:
        page.goto(f"{demo_server}/")
        wait_for_app(page, ready=".st-key-tile_abandon_rate_pct")
        assert "Off target" in _tile(page, "abandon_rate_pct").inner_text()   # 13.6% against 5%
        # a change that is not significant is grey and says so; "+0 s" is never red
        grey = None
        for kid in ("offered", "service_level_pct", "asa_s", "abandon_rate_pct", "aht_s", "fcr_pct",
                    "transfer_rate_pct", "csat_pct", "nps", "qa_score_avg", "qa_coverage_pct", "adherence_pct"):
            tile = _tile(page, kid)
            if tile.locator("[data-testid='stMetricDelta']").count() == 0:
                continue
            text = tile.inner_text()
            if "n.s." in text or "+0 " in text:
                color = _delta_color(page, kid)
                grey = grey or color
                assert color == grey, (kid, color, grey)
        assert grey is not None
        assert page.locator(".st-key-needs_attention").inner_text().count("Abandonment rate") == 1
        screenshot(page, "status_overview_demo_1280")


@pytest.mark.slow
def test_dead_ends_are_gone_on_the_demo(demo_server):
    """/overview?… opens the Overview (not "Page not found"); no Streamlit pop-up covers it; last month
    is compared with the calendar month before."""
    with browser_page(width=1280) as page:
        page.goto(f"{demo_server}/overview?period=last_month&compare=previous")
        wait_for_app(page, ready=".st-key-tile_service_level_pct")
        body = page.inner_text("body")
        assert "Page not found" not in body and "Overview" in body
        assert "skills" not in body.lower()
        caption = page.locator("[data-testid='stCaptionContainer']").first.inner_text()
        assert "Last month (2026-10-01 – 2026-10-31)" in caption
        assert "compared with 2026-09-01 – 2026-09-30" in caption
        screenshot(page, "dead_ends_overview_last_month")
