"""Every page works on a user's own imported export (the bundled foreign-format ACD export), not only
on the generated sample: only calls and agents, no evaluations, surveys or shifts."""
from pathlib import Path

import pytest

from analytics.core import warehouse
from analytics.importer import import_file
from apptest_helpers import PAGE_FILES, errors, run_page

ACD = Path(__file__).resolve().parents[2] / "sample_data" / "acd_export"
LINK = {"from": "2024-04-01", "to": "2024-04-07", "period": "custom", "grain": "day"}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    db = tmp_path_factory.mktemp("imported") / "own.duckdb"
    warehouse.init(db)
    for table in ("agents", "calls"):
        res = import_file(db, table, ACD / f"{table}.csv", mapping_sql=(ACD / f"{table}_mapping.sql").read_text())
        assert res.status == "imported", res
    return db


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_page_runs_on_an_imported_export(imported, page):
    at = run_page(imported, page, params=LINK)
    assert not errors(at), (page, errors(at))
