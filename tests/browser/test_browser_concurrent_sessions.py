"""Twenty people open the dashboard at once: one real server, twenty browser sessions in flight
together, each with its own link; every one renders its own view without an error."""
from browser import browser_page, streamlit_server

SESSIONS = 20


def test_twenty_concurrent_sessions(sample_db):
    with streamlit_server(sample_db) as base, browser_page(width=1200, height=900) as first:
        context = first.context
        pages = [first] + [context.browser.new_context().new_page() for _ in range(SESSIONS - 1)]
        for i, page in enumerate(pages):   # start all sessions before waiting for any of them
            day = 1 + i % 20
            page.goto(f"{base}/overview?from=2026-10-{day:02d}&to=2026-10-28&period=custom",
                      wait_until="commit")
        for i, page in enumerate(pages):
            page.wait_for_selector("[data-testid='stMetric']", timeout=120_000)
            page.wait_for_function(
                "() => ![...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Stop')",
                timeout=120_000)
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator("[data-testid='stAlertContentError']").count() == 0
            day = 1 + i % 20
            assert f"2026-10-{day:02d} – 2026-10-28" in page.inner_text("[data-testid='stCaptionContainer'] >> nth=0")
