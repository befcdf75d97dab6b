"""Each bundled profile imports a small file built in its vendor's documented shape, with known answers;
each names the document and the fields it follows."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from analytics.importer import import_file, profiles
from analytics.importer.sniff import inspect_file

EXPORTS = Path(__file__).resolve().parent / "exports"

# profile name → (file, legs read, calls, {call_id: (outcome, agent_id, legs, transferred, talk_s, wait_s)})
CASES = {
    "Amazon Connect contact records (CTR)": ("amazon_connect_ctr.jsonl", 8, 7, {
        "0a1b-0004": ("answered", "jdoe", 2, True, 420, 8),
        "0a1b-0002": ("abandoned", None, 1, False, 0, 95),
    }),
    "Genesys Cloud conversation detail records": ("genesys_conversation_details.jsonl", 4, 3, {
        "conv-2": ("answered", "user-ana", 2, True, 420, 8),
        "conv-3": ("abandoned", None, 1, False, 0, 95),
    }),
    "Avaya CMS call records (External Call History)": ("avaya_cms_call_records.csv", 4, 3, {
        "2024-04-01-1001": ("answered", "5001", 2, True, 420, 15),
        "2024-04-01-1002": ("abandoned", None, 1, False, 0, 45),
    }),
    "Cisco UCCE Termination_Call_Detail": ("cisco_ucce_tcd.csv", 4, 3, {
        "151000-77": ("answered", "1101", 2, True, 500, 25),
        "151000-78": ("abandoned", None, 1, False, 0, 50),
    }),
    "Generic one-row-per-call CSV": ("generic_calls.csv", 3, None, {
        "G1": ("answered", "ag1", None, False, 300, 12),
        "G2": ("abandoned", None, None, False, 0, 70),
    }),
}


def test_every_bundled_profile_is_tested_and_documented():
    bundled = {p.name: p for p in profiles.bundled()}
    assert set(bundled) == set(CASES)
    for p in bundled.values():
        assert p.table == "calls" and p.document and p.fields and p.columns


@pytest.mark.parametrize("name", sorted(CASES))
def test_profile_imports_its_export(tmp_path, name):
    file, legs, calls, known = CASES[name]
    path = EXPORTS / file
    profile = profiles.find(tmp_path / "w.duckdb", name)
    cols = [c.name for c in inspect_file(path)]
    assert profiles.matching(profiles.bundled(), "calls", cols, profiles.is_json_lines(file)) == [profile]
    result = import_file(tmp_path / "w.duckdb", "calls", path, profile.sql, create_missing_agents=True)
    assert result.status == "imported", result.examples
    assert result.rows_accepted == legs and result.calls_stitched == calls
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        got = {r[0]: r[1:] for r in con.execute(
            "SELECT call_id, outcome, agent_id, legs, transferred, talk_s, wait_s FROM calls").fetchall()}
    for call_id, expected in known.items():
        assert got[call_id] == expected, call_id
