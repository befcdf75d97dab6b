"""A running app sees new data without a restart: an import in another process (the CLI) lands while
the app is serving, and the next interaction shows it."""
import subprocess
import sys
from pathlib import Path

from apptest_helpers import errors, metric_value, run_page
from warehouse_builder import build

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-03-02"
HEADER = "call_id,arrived_at,queue,wait_s,outcome,agent_id,talk_s\n"


def test_import_shows_up_in_a_running_app(tmp_path):
    agents = [dict(agent_id="A1", name="Ali", role="agent", hired_on="2025-01-01")]
    calls = [dict(call_id=f"c{i}", arrived_at=f"{DAY} 10:{i:02d}", queue="Q1", wait_s=5, outcome="answered",
                  agent_id="A1", talk_s=60) for i in range(10)]
    db = build(tmp_path / "live.duckdb", agents=agents, calls=calls)
    link = {"from": DAY, "to": DAY, "period": "custom", "compare": "none"}
    at = run_page(db, params=link)
    assert not errors(at) and metric_value(at, "Calls offered") == "10"

    new = tmp_path / "more_calls.csv"
    new.write_text(HEADER + "".join(f"n{i},{DAY} 11:{i:02d}:00,Q1,7,answered,A1,80\n" for i in range(5)))
    done = subprocess.run([sys.executable, "-m", "analytics", "import", "--db", str(db), "--table", "calls",
                           "--file", str(new)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

    at.run()  # the next interaction of the same session
    assert not errors(at) and metric_value(at, "Calls offered") == "15"
