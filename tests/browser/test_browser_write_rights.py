"""Issue #18 item 3 in a real browser: an analyst (read-only) gets no action form and cannot tick
actions; a supervisor's saved action is stored for their own team only, and the write is audited."""
import json
import shutil

import pytest

from analytics.auth import audit, users
from analytics.core import warehouse
from analytics.review import actions
from analytics.review import period as rp
from browser import browser_page, screenshot, sign_in, streamlit_server, wait_for_app


@pytest.fixture(scope="module")
def site(sample_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rights")
    db = folder / "center.duckdb"
    shutil.copy(sample_db, db)
    actions.add(db, rp.parse("2026-W45"), "Last week's S01 task", "sup1", team="S01")
    users_path = folder / "users.json"
    users.add(users_path, "ana", "correct horse", "analyst")
    users.add(users_path, "sup1", "correct horse", "supervisor", supervisor_id="S01")
    env = {"SWITCHBOARD_AUTH": "users", "SWITCHBOARD_USERS": str(users_path),
           "SWITCHBOARD_AUDIT": str(folder / "audit.jsonl")}
    with streamlit_server(db, env) as base:
        yield base, db, folder / "audit.jsonl"


def test_an_analyst_cannot_write_actions(site):
    base, db, _ = site
    with browser_page() as page:
        sign_in(page, base, "review", "ana")
        wait_for_app(page, ready=".st-key-rv_sec_actions h3")
        body = page.inner_text("body")
        assert "reads the actions" in body
        assert page.get_by_role("button", name="Save action").count() == 0
        box = page.locator("[data-testid='stCheckbox']", has_text="Last week's S01 task")
        assert box.locator("input").is_disabled()
        screenshot(page, "write_rights_analyst")


def test_a_supervisors_action_is_saved_for_their_team_and_audited(site):
    base, db, audit_path = site
    with browser_page() as page:
        sign_in(page, base, "review", "sup1")
        wait_for_app(page, ready=".st-key-rv_sec_actions h3")
        assert page.get_by_label("About").count() == 0      # no team choice: always their own
        page.get_by_label("Action", exact=True).fill("Refresh the hold-time script")
        page.get_by_role("button", name="Save action").click()
        page.wait_for_selector("text=Refresh the hold-time script", state="attached", timeout=90000)
        wait_for_app(page, ready=".st-key-rv_sec_actions h3")
        screenshot(page, "write_rights_supervisor")
    with warehouse.read_connection(db) as con:
        row = con.execute("SELECT team, created_by FROM review_actions WHERE note = ?",
                          ["Refresh the hold-time script"]).fetchone()
    assert row == ("S01", "sup1")
    events = [e for e in audit.read(audit_path) if e["event"] == "action_added"]
    assert events and events[-1]["user"] == "sup1" and events[-1]["team"] == "S01", json.dumps(events)
