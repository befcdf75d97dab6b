"""The mailed report's charts in a real browser: every label lies inside its chart. vl-convert measures
text with its own sans-serif, and a reader's wider font (DejaVu Sans on Linux) pushed the longest
queue name past the chart's left edge ("echnical support")."""
import pytest

from analytics.core import warehouse
from analytics.report import html
from analytics.review import build
from analytics.review import period as rp
from browser import browser_page

CLIPPED_JS = """() => [...document.querySelectorAll('.chart svg')].flatMap(svg => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
        const r = t.getBoundingClientRect();
        return r.left < box.left - 0.5 || r.right > box.right + 0.5 ? t.textContent : null;
    }).filter(Boolean);
})"""


@pytest.mark.slow
def test_report_chart_labels_are_inside_their_charts(demo_db):
    with warehouse.read_connection(demo_db) as con:
        first, last = con.execute("SELECT min(arrived_at)::DATE, max(arrived_at)::DATE FROM calls").fetchone()
        review = build.build_review(con, rp.default(first, last, "week"), db_path=demo_db)
    assert review.highlight_views, "the demo week should have highlights with charts"
    with browser_page(width=1300) as page:
        page.set_content(html.render(review))
        page.wait_for_timeout(500)
        assert page.locator(".chart svg").count() >= 3
        assert page.evaluate(CLIPPED_JS) == []
