"""Issue #18 item 1 in a real browser: a viewer opening /trends?breakdown=supervisor sees no line per
supervisor (no names in the chart or its legend), and the breakdown control offers no team."""
import pytest

from analytics.auth import users
from analytics.core import warehouse
from analytics.core.filters import load_catalog
from browser import browser_page, screenshot, sign_in, streamlit_server, wait_for_app


@pytest.fixture(scope="module")
def server(sample_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("trends_scope")
    users_path = folder / "users.json"
    users.add(users_path, "vic", "correct horse", "viewer")
    env = {"SWITCHBOARD_AUTH": "users", "SWITCHBOARD_USERS": str(users_path),
           "SWITCHBOARD_AUDIT": str(folder / "audit.jsonl")}
    with streamlit_server(sample_db, env) as base:
        yield base


def test_a_viewer_gets_no_team_breakdown_on_trends(server, sample_db):
    with warehouse.read_connection(sample_db) as con:
        cat = load_catalog(con)
    supervisor_names = [cat.names[s] for s in cat.supervisors if cat.names.get(s)]
    assert supervisor_names
    with browser_page() as page:
        sign_in(page, server, "trends?breakdown=supervisor&from=2026-11-09&to=2026-11-15", "vic")
        page.wait_for_function("() => !document.querySelector('input[type=password]')", timeout=120000)
        wait_for_app(page, timeout=150000, ready="[data-testid='stVegaLiteChart'], .vega-embed")
        main = page.locator("[data-testid='stMain']")
        text = main.inner_text()
        assert "center-level" in text
        # the chart's own text (legend, axes, tooltips' source) names no supervisor
        svg_text = " ".join(page.locator(".vega-embed").all_inner_texts())
        for name in supervisor_names:
            assert name not in text and name not in svg_text, name
        page.get_by_label("Break down by", exact=False).first.click()
        options = page.locator("[role='option']").all_inner_texts()
        screenshot(page, "trends_viewer_breakdown")
        assert "Queue" in options and not any("Supervisor" in o for o in options), options
