import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import pytest


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The small sample center, built once per test session with the product's own generator."""
    from analytics.sample import generate

    path = tmp_path_factory.mktemp("sample") / "small.duckdb"
    generate(path, preset="small", seed=11)
    return path
