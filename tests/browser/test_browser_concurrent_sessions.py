"""People open the dashboard at once: one real server, several browser sessions in flight together,
each with its own link; every one renders its own view without an error.

This asserts behaviour, not speed (speed belongs in `python -m analytics bench`): each session is
awaited on its own signal — the caption that states its link's period, a KPI tile, and Streamlit's
run finished — with timeouts generous enough for a loaded 2-core machine. Ten sessions in flight show
the behaviour (sessions are isolated under concurrency) as well as twenty did."""
from browser import browser_page, streamlit_server

SESSIONS = 10
TIMEOUT_MS = 300_000  # per wait; the sessions load in parallel, so the waits overlap
IDLE = "() => ![...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Stop')"


def _link(base: str, i: int) -> tuple[str, str]:
    day = 1 + 2 * i
    return (f"{base}/overview?from=2026-10-{day:02d}&to=2026-10-28&period=custom",
            f"2026-10-{day:02d} – 2026-10-28")


def test_concurrent_sessions_each_render_their_own_link(sample_db):
    with streamlit_server(sample_db) as base, browser_page(width=1200, height=900) as first:
        browser = first.context.browser
        pages = [first] + [browser.new_context().new_page() for _ in range(SESSIONS - 1)]
        for i, page in enumerate(pages):   # start all sessions before waiting for any of them
            page.goto(_link(base, i)[0], wait_until="commit", timeout=TIMEOUT_MS)
        for i, page in enumerate(pages):
            period = _link(base, i)[1]
            page.locator("[data-testid='stCaptionContainer']", has_text=period).first.wait_for(timeout=TIMEOUT_MS)
            page.locator("[data-testid='stMetric']").first.wait_for(timeout=TIMEOUT_MS)
            page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
            assert page.locator("[data-testid='stException']").count() == 0
            assert page.locator("[data-testid='stAlertContentError']").count() == 0
