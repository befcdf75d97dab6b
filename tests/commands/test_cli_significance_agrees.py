"""One significance for a change, wherever it is shown: `kpis --compare` (`<id>_delta_significant`), the
Overview's tiles and the weekly report's marks all read comparison.delta_row. Per the KPI contract
(Clarifications, Significance) a change is tested by a test allowing for day-to-day over-dispersion, for
rates and means; a count such as calls offered gets none (null, no mark), however much it moved."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from analytics.core import comparison, metrics, registry, warehouse
from analytics.core.filters import Filters
from analytics.review import build, highlights
from warehouse_builder import build as build_warehouse

ROOT = Path(__file__).resolve().parents[2]
WEEK = Filters(start=date(2026, 11, 9), end=date(2026, 11, 15), compare="previous")   # 2026-W46 against W45


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    agents = [dict(agent_id="S1", name="Sara", role="supervisor", site="North", hired_on="2020-01-01"),
              dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="North", hired_on="2025-01-01")]
    calls = []
    for day in range(14):   # W45: 6 calls a day, W46: 14 — a Poisson test would call that significant
        d = date(2026, 11, 2 + day)
        for i in range(6 if day < 7 else 14):
            slow = i % (3 if day < 7 else 4) == 0
            calls.append(dict(call_id=f"c{day}-{i}", arrived_at=f"{d} 10:{i:02d}", queue="Billing",
                              caller_id=f"p{day}-{i}", wait_s=60 if slow else 5,
                              outcome="abandoned" if i == 5 else "answered",
                              agent_id=None if i == 5 else "A1", talk_s=0 if i == 5 else 100 + 10 * i))
    return build_warehouse(tmp_path_factory.mktemp("sig") / "w.duckdb", agents=agents, calls=calls)


@pytest.fixture(scope="module")
def cli_row(db):
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(db), "--period", "2026-W46",
                          "--compare", "previous", "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=300)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def rows(db):
    ids = list(registry.KPIS)
    with warehouse.read_connection(db) as con:
        cur = metrics.compute(con, WEEK, ids, with_stats=True).iloc[0].to_dict()
        prev = metrics.compute(con, WEEK.comparison(), ids, with_stats=True).iloc[0].to_dict()
    return cur, prev


def test_a_count_that_more_than_doubled_is_not_tested_anywhere(cli_row, rows):
    cur, prev = rows
    assert cli_row["offered"] == 98 and cli_row["offered_prev"] == 42
    assert cli_row["offered_delta_significant"] is None
    assert comparison.delta_row(cur, prev, registry.get("offered"))["significant"] is None
    report = build.headline_frame(cur, prev, prev, {}, ids=["offered", "answered"]).set_index("kpi_id")
    assert report.loc["offered", "prev_significant"] is None and "(" not in report.loc["offered", "prev_delta_text"]
    ranked = {h.kpi_id: h for h in highlights.rank(cur, prev, ids=["offered", "answered"])}
    assert all(h.significant is None for h in ranked.values()) and ranked


def test_the_cli_the_report_and_the_tiles_mark_every_kpi_alike(cli_row, rows):
    cur, prev = rows
    ids = [k for k in registry.HEADLINE if k in cli_row]
    report = build.headline_frame(cur, prev, prev, {}, ids=ids).set_index("kpi_id")
    marks = {True: " (sig.)", False: " (n.s.)", None: ""}
    tested = 0
    for kid in ids:
        shared = comparison.delta_row(cur, prev, registry.get(kid))["significant"]   # what a tile shows
        assert cli_row[f"{kid}_delta_significant"] == shared, kid
        if cli_row[f"{kid}_delta"] is not None:
            assert report.loc[kid, "prev_significant"] == shared, kid
            assert report.loc[kid, "prev_delta_text"].endswith(marks[shared]), kid
            tested += shared is not None
    assert tested >= 2   # rates and means are tested: the agreement is not only on nulls
