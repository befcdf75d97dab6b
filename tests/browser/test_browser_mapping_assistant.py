"""Someone who has never seen SQL maps two foreign exports through the Data page's mapping assistant in a
real browser — the bundled ACD export (semicolons, dd/mm/yyyy, mm:ss, ANSWERED/ABANDONED, Y/N) and an
Amazon Connect contact-record file (JSON lines, nested fields, seconds, ISO timestamps) — and the SQL the
page writes is the SQL the CLI accepts, with the same result."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.core import warehouse
from browser import ROOT, browser_page, screenshot, streamlit_server, wait_for_app

ACD = ROOT / "sample_data" / "acd_export"
CTR = ROOT / "tests" / "importer" / "exports" / "amazon_connect_ctr.jsonl"
TIMEOUT = 120_000


def pick(page, label: str, option: str) -> None:
    """Choose `option` in the selectbox labelled `label`, like a person: click, type, Enter."""
    box = page.get_by_label(label, exact=True)
    if box.input_value() == option:  # already chosen (a column named as the contract's is taken to begin with)
        return
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    wait_for_app(page, timeout=TIMEOUT)


def upload(page, table: str, path: Path) -> None:
    pick(page, "Table", table)
    page.locator("input[type=file]").set_input_files(str(path))
    wait_for_app(page, ready="text=Columns in your file", timeout=TIMEOUT)
    page.get_by_text("Mapping assistant", exact=True).click()  # a matching profile would be offered first
    wait_for_app(page, ready="text=Map your columns", timeout=TIMEOUT)


def generated_sql(page) -> str:
    return page.get_by_label("Mapping SQL (written from your picks; you may edit it)").input_value()


def dry_run_then_import(page) -> None:
    page.get_by_role("button", name="Dry run").click()
    wait_for_app(page, ready="text=Dry run: every row is valid", timeout=TIMEOUT)
    page.get_by_role("button", name="Import").click()
    wait_for_app(page, ready="text=Imported —", timeout=TIMEOUT)


def download_sql(page, tmp_path: Path, name: str) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the mapping SQL").click()
    target = tmp_path / name
    info.value.save_as(str(target))
    return target


def cli_import(db: Path, table: str, file: Path, mapping: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", "import", "--db", str(db), "--table", table, "--file", str(file),
         "--mapping", str(mapping), *extra], cwd=ROOT, capture_output=True, text=True, timeout=300)


def rows(db: Path, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def map_all(page, tmp_path):
    return map_acd_agents(page, tmp_path), map_acd_calls(page, tmp_path), map_ctr(page, tmp_path)


def map_acd_agents(page, tmp_path):
    # 1. The ACD's agent roster: columns, dates dd/mm/yyyy, positions and exit reasons as value maps.
    upload(page, "agents", ACD / "agents.csv")
    for target, source in [("agent_id", "Agent Login"), ("name", "Agent Name"), ("supervisor_id", "Team Leader"),
                           ("site", "Site"), ("role", "Position"), ("hired_on", "Start Date"),
                           ("left_on", "End Date"), ("exit_type", "Exit Reason")]:
        pick(page, f"Source for {target}", source)
    role_map = page.get_by_label("Values for role", exact=True)
    role_map.fill("Agent=agent; Team Leader=supervisor; Coach=coach; Manager=manager")
    role_map.press("Enter")
    wait_for_app(page, timeout=TIMEOUT)
    pick(page, "Transformation for exit_type", "value map (ANSWERED=answered; …)")
    exit_map = page.get_by_label("Values for exit_type", exact=True)
    exit_map.fill("Resigned=voluntary; Terminated=involuntary")
    exit_map.press("Enter")
    wait_for_app(page, timeout=TIMEOUT)
    assert "Still to map" not in page.inner_text("body")
    agents_sql = generated_sql(page)
    assert "try_strptime(TRIM(\"Start Date\"), '%d/%m/%Y')" in agents_sql  # detected, not picked
    dry_run_then_import(page)
    agents_file = download_sql(page, tmp_path, "agents_mapping.sql")
    assert agents_file.read_text(encoding="utf-8") == agents_sql
    return agents_file


def map_acd_calls(page, tmp_path):
    # 2. The ACD's calls: detected mm:ss durations, dd/mm/yyyy times, ANSWERED→answered and Y/N prefilled.
    upload(page, "calls", ACD / "calls.csv")
    # the file's own "Call ID" is taken for call_id to begin with (same name, case and spaces aside); until
    # every required column is mapped there is no SQL to preview, dry-run or import
    assert "Still to map (required): arrived_at, queue, outcome, talk_s" in page.inner_text("body")
    assert page.get_by_label("Source for call_id", exact=True).input_value() == "Call ID"
    assert not page.get_by_role("button", name="Import", exact=True).count()
    for target, source in [("call_id", "Call ID"), ("arrived_at", "Start Time"), ("queue", "Skill"),
                           ("caller_id", "ANI"), ("wait_s", "Queue Time"), ("outcome", "Disposition"),
                           ("agent_id", "Agent Login"), ("talk_s", "Talk Time"), ("hold_s", "Hold Time"),
                           ("acw_s", "Wrap Time"), ("transferred", "Transferred"), ("reason", "Contact Reason")]:
        pick(page, f"Source for {target}", source)
    assert page.get_by_label("Values for outcome", exact=True).input_value() == \
        "ANSWERED=answered; ABANDONED=abandoned"
    screenshot(page, "mapping_assistant_acd_calls")
    calls_sql = generated_sql(page)
    assert "Still to map" not in page.inner_text("body")
    dry_run_then_import(page)
    calls_file = download_sql(page, tmp_path, "calls_mapping.sql")
    assert calls_file.read_text(encoding="utf-8") == calls_sql
    return calls_file


def map_ctr(page, tmp_path):
    # 3. An Amazon Connect contact-record file: nested Queue.* / Agent.* fields, seconds, ISO times.
    page.get_by_text("Create placeholder agents for unknown agent ids").click()
    wait_for_app(page, timeout=TIMEOUT)
    upload(page, "calls", CTR)
    assert "Your file has the columns of “Amazon Connect contact records (CTR)”" in page.inner_text("body")
    # one row per transfer leg: the call is InitialContactId (a first contact has none: its own ContactId)
    for target, source in [("call_id", "InitialContactId"), ("If empty, use", "ContactId"),
                           ("leg_id", "ContactId"), ("arrived_at", "InitiationTimestamp"),
                           ("queue", "Queue.Name"), ("caller_id", "CustomerEndpoint.Address"),
                           ("wait_s", "Queue.Duration"), ("agent_id", "Agent.Username"),
                           ("talk_s", "Agent.AgentInteractionDuration"), ("hold_s", "Agent.CustomerHoldDuration"),
                           ("acw_s", "Agent.AfterContactWorkDuration"), ("hold_count", "Agent.NumberOfHolds"),
                           ("outcome", "Agent.Username"), ("reason", "Attributes.reason")]:
        pick(page, "If empty, use for call_id" if target == "If empty, use" else f"Source for {target}", source)
    pick(page, "Transformation for outcome", "filled → one value, empty → another")
    assert page.get_by_label("Values for outcome", exact=True).input_value() == "answered; abandoned"
    pick(page, "Transformation for talk_s", "duration in seconds")
    page.get_by_label("Source for talk_s", exact=True).locator(
        "xpath=ancestor::div[@data-testid='stHorizontalBlock'][1]").get_by_text("empty means 0").click()
    wait_for_app(page, timeout=TIMEOUT)
    screenshot(page, "mapping_assistant_ctr")
    ctr_sql = generated_sql(page)
    dry_run_then_import(page)
    ctr_file = download_sql(page, tmp_path, "ctr_mapping.sql")
    assert ctr_file.read_text(encoding="utf-8") == ctr_sql
    return ctr_file


def test_map_acd_and_ctr_exports_without_sql(tmp_path):
    db = warehouse.init(tmp_path / "app.duckdb")
    with streamlit_server(db) as base, browser_page(height=1400) as page:
        page.goto(f"{base}/data")
        wait_for_app(page, timeout=TIMEOUT)
        try:
            agents_file, calls_file, ctr_file = map_all(page, tmp_path)
        except Exception:
            screenshot(page, "mapping_assistant_failure")
            raise


    # The CLI accepts the very same SQL and lands the very same rows in a fresh warehouse.
    cli_db = tmp_path / "cli.duckdb"
    for table, file, mapping, extra in [("agents", ACD / "agents.csv", agents_file, ()),
                                        ("calls", ACD / "calls.csv", calls_file, ()),
                                        ("calls", CTR, ctr_file, ("--create-missing-agents",))]:
        done = cli_import(cli_db, table, file, mapping, *extra)
        assert done.returncode == 0, done.stdout + done.stderr
    for sql in ("SELECT * FROM agents ORDER BY ALL", "SELECT * EXCLUDE (caller_id) FROM calls ORDER BY ALL"):
        assert rows(db, sql) == rows(cli_db, sql)
    assert rows(db, "SELECT count(*) FROM calls")[0][0] == 600 + 7  # 8 CTR legs, one transfer: 7 calls
    assert rows(db, "SELECT legs, transferred, agent_id FROM calls WHERE call_id = '0a1b-0004'") == [(2, True, "jdoe")]
    assert rows(db, "SELECT count(*) FROM agents WHERE agent_id IN ('jdoe', 'mrossi', 'lchen')")[0][0] == 3
