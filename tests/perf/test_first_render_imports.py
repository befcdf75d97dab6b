"""The Overview's first render in a new process loads neither scipy.stats nor the weekly review's
build (together ~0.8 s of the cold first render): the review loads them when it is first asked for."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120)
at.run()
assert not at.exception, at.exception
print(" ".join(m for m in ("scipy.stats", "analytics.review.build", "sklearn") if m in sys.modules) or "none")
"""


def test_the_overviews_first_render_loads_no_scipy_stats(sample_db):
    env = {**os.environ, "SWITCHBOARD_DB": str(sample_db), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT / "app.py")], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "none"
