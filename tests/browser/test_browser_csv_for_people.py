"""A download from the running app is the CSV for people (analytics/core/exports.py): the longest waits
on Service & queues have words for headers, the agent as 'Name (id)', seconds rounded, in UTF-8 with BOM."""
import csv
import io

import pytest

from browser import browser_page, wait_for_app


@pytest.mark.slow
def test_longest_waits_download_is_written_for_people(demo_server):
    with browser_page(width=1280, height=1000) as page:
        page.goto(f"{demo_server}/service")
        wait_for_app(page, ready="[data-testid='stVegaLiteChart']", timeout=240000)
        button = page.get_by_role("button", name="Download CSV").last   # the longest waits, last on the page
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=120000) as info:
            button.click()
        data = open(info.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Arrived", "Queue", "Outcome", "Wait", "Wait (s)", "Agent", "Reason", "Call ID"]
    waits = [r[4] for r in rows[1:]]
    assert all(w.isdigit() for w in waits), waits          # whole seconds, not 1139.0
    assert any(" min " in r[3] for r in rows[1:])           # and readable beside them
    assert not any("agent_id" in h or "_" in h for h in rows[0])
