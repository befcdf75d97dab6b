"""JSON lines as an input format: nested fields as dotted columns, a broken line rejected at its line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.importer import ImportInputError, import_file, preview

MAPPING = """
SELECT source_row, ContactId AS call_id, InitiationTimestamp AS arrived_at, "Queue.Name" AS queue,
       CASE WHEN "Agent.Username" IS NULL THEN 'abandoned' ELSE 'answered' END AS outcome,
       "Agent.Username" AS agent_id, COALESCE("Agent.AgentInteractionDuration", '0') AS talk_s,
       "Queue.Duration" AS wait_s
FROM raw
"""


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


RECORDS = [
    {"ContactId": "c1", "InitiationTimestamp": "2024-04-01T08:00:00Z", "Queue": {"Name": "账单", "Duration": 12},
     "Agent": {"Username": "مریم", "AgentInteractionDuration": 300}},
    {"ContactId": "c2", "InitiationTimestamp": "2024-04-01T08:05:00Z", "Queue": {"Name": "Tech", "Duration": 40},
     "Agent": None},
]


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_nested_fields_are_columns(tmp_path, suffix):
    path = write_jsonl(tmp_path / f"ctr{suffix}", RECORDS)
    df = preview(path, MAPPING)
    assert list(df["call_id"]) == ["c1", "c2"]
    assert list(df["queue"]) == ["账单", "Tech"]
    assert list(df["agent_id"].fillna("-")) == ["مریم", "-"]
    assert list(df["source_row"]) == [1, 2]  # no header: the row is the line


def test_import_and_row_numbers_are_lines(tmp_path):
    path = write_jsonl(tmp_path / "ctr.jsonl", [*RECORDS, {**RECORDS[0], "ContactId": "c3", "Queue": {"Name": "x", "Duration": -4}}])
    result = import_file(tmp_path / "w.duckdb", "calls", path, MAPPING, create_missing_agents=True)
    assert result.status == "rejected"
    assert [(r, c) for r, c, _, _ in result.examples] == [(3, "wait_s")]
    ok = write_jsonl(tmp_path / "ok.jsonl", RECORDS)
    assert import_file(tmp_path / "w.duckdb", "calls", ok, MAPPING, create_missing_agents=True).status == "imported"


def test_broken_line_is_rejected_at_that_line(tmp_path):
    path = tmp_path / "broken.ndjson"
    lines = [json.dumps(r) for r in RECORDS]
    path.write_text(lines[0] + "\n" + lines[1] + "\n" + '{"ContactId": "c3", "Queue": \n', encoding="utf-8")
    with pytest.raises(ImportInputError, match="line 3: not valid JSON"):
        import_file(tmp_path / "w.duckdb", "calls", path, MAPPING, dry_run=True)
    path.write_text(lines[0] + "\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(ImportInputError, match="line 2: a JSON object"):
        preview(path, MAPPING)
    assert not (tmp_path / "w.duckdb").exists()
