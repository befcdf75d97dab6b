"""The org KPIs read agg_org_changes (the organization's changes by day, per site and team): under a
supervisor's scope the team's figures are the center's figures for that team; a warehouse built before
the mart existed reads a stand-in view with the same answers until `refresh --full` stores it; an import
that moves an agent to another team moves them in the mart within the same import. (Headcount and the
annualized rates against a brute-force reference: test_org_headcount_reference.py; incremental refresh
== full rebuild for every mart: tests/core/test_incremental_refresh.py.)"""
import shutil
from datetime import timedelta

import duckdb
import pandas as pd
import pytest

from analytics.core import marts, metrics, warehouse
from analytics.core.filters import Filters, load_catalog
from analytics.importer import import_file

ORG = ["headcount", "attrition_rate_pct", "voluntary_attrition_rate_pct", "early_attrition_pct", "span_of_control"]


@pytest.fixture(scope="module")
def catalog(sample_db):
    with warehouse.read_connection(sample_db, teams=None) as con:
        return load_catalog(con)


def _year(cat) -> Filters:
    return Filters(start=cat.last_day - timedelta(days=364), end=cat.last_day)


def test_a_supervisors_scope_gives_the_centers_figures_for_the_team(sample_db, catalog):
    f = _year(catalog)
    with warehouse.read_connection(sample_db, teams=None) as con:
        center = metrics.compute(con, f, ORG, by="supervisor").set_index("supervisor")
    for team in catalog.supervisors[:3]:
        with warehouse.read_connection(sample_db, teams=(team,)) as con:
            scoped = metrics.compute(con, Filters(start=f.start, end=f.end, supervisors=(team,)), ORG,
                                     by="supervisor").set_index("supervisor")
        assert list(scoped.index) == [team]
        for k in ORG:
            a, b = scoped.loc[team, k], center.loc[team, k]
            assert (pd.isna(a) and pd.isna(b)) or a == pytest.approx(b), (team, k)
        assert scoped.loc[team, "headcount"] > 0


def test_a_warehouse_built_before_the_mart_reads_a_stand_in(sample_db, catalog, tmp_path):
    old = tmp_path / "old.duckdb"
    warehouse.release_anchors(sample_db)
    shutil.copy(sample_db, old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP TABLE agg_org_changes")
    f = _year(catalog)
    for teams, scope in ((None, {}), (catalog.supervisors[:1], {"supervisors": catalog.supervisors[:1]})):
        g = Filters(start=f.start, end=f.end, **scope)
        for by in ("none", "month", "site", "supervisor"):
            with warehouse.read_connection(old, teams=teams) as con:
                got = metrics.compute(con, g, ORG, by=by)
            with warehouse.read_connection(sample_db, teams=teams) as con:
                want = metrics.compute(con, g, ORG, by=by)
            pd.testing.assert_frame_equal(got, want, check_dtype=False)
    warehouse.release_anchors(old)
    with warehouse.write_connection(old) as con, warehouse.transaction(con):  # refresh --full stores it
        marts.full(con)
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM agg_org_changes").fetchone()[0] > 0


def test_an_import_that_moves_an_agent_moves_them_in_the_mart(sample_db, catalog, tmp_path):
    db = tmp_path / "moved.duckdb"
    warehouse.release_anchors(sample_db)
    shutil.copy(sample_db, db)
    with duckdb.connect(str(db), read_only=True) as con:
        agent, team, site = con.execute(
            "SELECT agent_id, supervisor_id, site FROM agents WHERE role = 'agent' AND left_on IS NULL "
            "AND agent_id NOT IN (SELECT agent_id FROM assignments) ORDER BY agent_id LIMIT 1").fetchone()
        other = con.execute("SELECT agent_id FROM agents WHERE role = 'supervisor' AND agent_id <> ? AND site = ? "
                            "ORDER BY agent_id LIMIT 1", [team, site]).fetchone()[0]
        row = con.execute("SELECT agent_id, name, ? AS supervisor_id, coach_id, site, role, hired_on "
                          "FROM agents WHERE agent_id = ?", [other, agent]).df()
    f = Filters(start=catalog.last_day, end=catalog.last_day)
    with warehouse.read_connection(db, teams=None) as con:
        before = metrics.compute(con, f, ["headcount"], by="supervisor").set_index("supervisor")["headcount"]
    csv = tmp_path / "agents.csv"
    row.to_csv(csv, index=False)
    warehouse.release_anchors(db)
    assert import_file(db, "agents", csv, as_of=catalog.last_day - timedelta(days=10)).status == "imported"
    with warehouse.read_connection(db, teams=None) as con:
        after = metrics.compute(con, f, ["headcount"], by="supervisor").set_index("supervisor")["headcount"]
        stored = con.execute("SELECT * FROM agg_org_changes ORDER BY ALL").fetchall()
    assert after[team] == before[team] - 1 and after[other] == before[other] + 1
    warehouse.release_anchors(db)
    with warehouse.write_connection(db) as con, warehouse.transaction(con):
        marts.full(con)
        assert con.execute("SELECT * FROM agg_org_changes ORDER BY ALL").fetchall() == stored  # == a full rebuild
