"""`python -m analytics kpis` prints what kpi-definitions.md promises, with the numbers the pages show."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from analytics.core import metrics, warehouse
from analytics.core.filters import Filters

ROOT = Path(__file__).resolve().parents[2]


def kpis(db, *args):
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(db), *args], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return res.stdout


def test_by_none_is_one_object_equal_to_the_metrics_layer(sample_db):
    out = json.loads(kpis(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--format", "json"))
    assert isinstance(out, dict) and "service_level_pct" in out and "fcr_pct" in out
    with warehouse.read_connection(sample_db) as con:
        ref = metrics.compute_one(con, Filters(start=date(2026, 11, 9), end=date(2026, 11, 15)))
    for k, v in ref.items():
        assert (out[k] is None and v is None) or out[k] == pytest.approx(v), k


@pytest.mark.parametrize("by, first", [("day", "2026-11-09"), ("week", "2026-W46"), ("month", "2026-11"),
                                       ("quarter", "2026-Q4"), ("year", "2026"), ("hour", "2026-11-09 0")])
def test_group_keys_are_formatted_as_the_contract_says(sample_db, by, first):
    rows = json.loads(kpis(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--by", by,
                           "--kpi", "offered,service_level_pct", "--format", "json"))
    assert isinstance(rows, list) and rows[0][by].startswith(first)
    assert list(rows[0]) == [by, "offered", "service_level_pct"]


def test_people_groups_carry_names_and_undefined_is_null(sample_db):
    rows = json.loads(kpis(sample_db, "--from", "2026-11-21", "--to", "2026-11-21", "--by", "agent",
                           "--kpi", "answered,fcr_pct", "--format", "json"))
    agents = [r for r in rows if r["agent"]]
    assert agents and all("agent_name" in r for r in agents)
    assert all(r["fcr_pct"] is None for r in agents)   # the last day is censored: FCR undefined, not 0


def test_compare_adds_previous_delta_and_significance(sample_db):
    rows = json.loads(kpis(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--by", "queue",
                           "--kpi", "service_level_pct", "--compare", "previous", "--format", "json"))
    assert {"service_level_pct_prev", "service_level_pct_delta", "service_level_pct_delta_significant"} <= set(rows[0])
    r = rows[0]
    assert r["service_level_pct_delta"] == pytest.approx(r["service_level_pct"] - r["service_level_pct_prev"])


def test_csv_and_table_formats(sample_db):
    csv = kpis(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--by", "queue", "--kpi", "offered",
               "--format", "csv")
    assert csv.splitlines()[0] == "queue,offered"
    table = kpis(sample_db, "--from", "2026-11-09", "--to", "2026-11-15", "--kpi", "service_level_pct")
    assert "%" in table


def test_compare_gives_no_change_against_days_without_data(sample_db):
    """The app's rule: a comparison period the data does not cover whole gives no change (null), and
    stderr says why; a covered one gives the change."""
    from datetime import timedelta

    with warehouse.read_connection(sample_db) as con:
        first = con.execute("SELECT min(arrived_at)::DATE FROM calls").fetchone()[0]

    def run(offset):
        start = first + timedelta(days=offset)
        res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(sample_db), "--from", str(start),
                              "--to", str(start + timedelta(days=6)), "--compare", "previous", "--format", "json"],
                             cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout), res.stderr

    out, err = run(4)      # its comparison week holds 4 days of data
    assert out["offered_delta"] is None and out["service_level_pct_delta"] is None
    assert out["service_level_pct_delta_significant"] is None and out["offered"] > 0
    assert "has data on 4 of its 7 days: no change is given" in err
    out, err = run(8)
    assert out["offered_delta"] is not None and out["service_level_pct_delta"] is not None
    assert "no change is given" not in err


def test_a_period_outside_the_data_says_so(sample_db, tmp_path):
    """Zeros for days the warehouse never saw would read as quiet days: the CLI says which days it has."""
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(sample_db), "--from", "1999-01-01",
                          "--to", "1999-01-31", "--kpi", "offered", "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True)
    assert res.returncode == 0 and json.loads(res.stdout) == {"offered": 0}
    assert "note: the period 1999-01-01 – 1999-01-31 has data on 0 of its 31 days (the warehouse holds " in res.stderr
    inside = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(sample_db), "--from",
                             "2026-11-09", "--to", "2026-11-15", "--kpi", "offered"], cwd=ROOT,
                            capture_output=True, text=True)
    assert inside.returncode == 0 and "has data on" not in inside.stderr
    empty = tmp_path / "empty.duckdb"
    subprocess.run([sys.executable, "-m", "analytics", "init", "--db", str(empty)], cwd=ROOT, check=True,
                   capture_output=True)
    res = subprocess.run([sys.executable, "-m", "analytics", "kpis", "--db", str(empty), "--from", "2026-11-09",
                          "--to", "2026-11-15", "--kpi", "offered"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0 and res.stderr.strip() == "note: the warehouse holds no calls yet"
