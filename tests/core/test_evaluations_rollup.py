"""The evaluations rollup (agg_evaluations_daily): every Quality KPI read from it equals the same KPI read
from the evaluations themselves, for generated centers, random periods, groupings and filters; under a
supervisor's scope; and on a warehouse built before the rollup existed (a stand-in view until refreshed).
(Incremental refresh == full rebuild for it: tests/core/test_incremental_refresh.py compares every mart.)"""
from datetime import timedelta
import shutil

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.core import marts, metrics, registry, sources, warehouse
from analytics.core.filters import Filters, load_catalog
from analytics.sample import generate

SEEDS = (5, 17)
EVAL_KPIS = [k.id for k in registry.KPIS.values() if k.source == "evaluations"]


@pytest.fixture(scope="module")
def centers(tmp_path_factory):
    out = {}
    for seed in SEEDS:
        path = tmp_path_factory.mktemp(f"e{seed}") / "c.duckdb"
        generate(path, preset="small", seed=seed, months=2, agents=24)
        with warehouse.read_connection(path) as con:
            out[seed] = (path, load_catalog(con))
    return out


def _close(a, b):
    if a is None or b is None or a != a or b != b:
        return (a is None or a != a) and (b is None or b != b)
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))


def _same(fast, slow, what):
    assert list(fast.columns) == list(slow.columns)
    assert len(fast) == len(slow), what
    for (_, a), (_, b) in zip(fast.iterrows(), slow.iterrows()):
        for c in fast.columns:
            if c in EVAL_KPIS or "__" in c:
                assert _close(a[c], b[c]), (c, what, a[c], b[c])
            else:
                assert a[c] == b[c] or (a[c] != a[c] and b[c] != b[c]), (c, what)


def test_the_rollup_is_the_day_path_and_much_smaller(centers):
    assert sources.choose("evaluations", set(), "day").name == "agg_evaluations_daily"
    assert sources.choose("evaluations", {"evaluator", "agent"}, "month").name == "agg_evaluations_daily"
    assert sources.choose("evaluations", set(), "hour").name == "fct_evaluations"  # no hour in a day rollup
    path, _ = centers[SEEDS[0]]
    with duckdb.connect(str(path), read_only=True) as con:
        n_agg, n_fct = con.execute("SELECT (SELECT count(*) FROM agg_evaluations_daily), "
                                   "(SELECT count(*) FROM fct_evaluations)").fetchone()
        sums = con.execute("SELECT (SELECT SUM(m_evaluations) FROM agg_evaluations_daily), "
                           "(SELECT SUM(m_evaluations) FROM fct_evaluations)").fetchone()
    assert 0 < n_agg < n_fct and sums[0] == sums[1]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_rollup_path_equals_detail_path(centers, data):
    seed = data.draw(st.sampled_from(SEEDS))
    path, cat = centers[seed]
    span = (cat.last_day - cat.first_day).days
    start = cat.first_day + timedelta(days=data.draw(st.integers(0, span)))
    end = min(cat.last_day, start + timedelta(days=data.draw(st.integers(0, 40))))
    by = data.draw(st.sampled_from(["none", "day", "week", "month", "queue", "site", "supervisor", "agent",
                                    "evaluator"]))
    pick = lambda values: tuple(data.draw(st.lists(st.sampled_from(values), max_size=2, unique=True))) if values else ()
    f = Filters(start=start, end=end, queues=pick(cat.queues),
                sites=pick(cat.sites) if data.draw(st.booleans()) else (),
                supervisors=pick(cat.supervisors) if data.draw(st.booleans()) else ())
    stats = data.draw(st.booleans())
    ids = [k for k in EVAL_KPIS if registry.get(k).source == "evaluations"]
    with warehouse.read_connection(path) as con:
        fast = metrics.compute(con, f, ids, by=by, with_stats=stats)
        slow = metrics.compute(con, f, ids, by=by, with_stats=stats, path="detail")
    _same(fast, slow, (by, f))


def test_a_supervisors_scope_reads_the_teams_rows_of_the_rollup(centers):
    path, cat = centers[SEEDS[1]]
    team = cat.supervisors[:1]
    f = Filters(start=cat.first_day, end=cat.last_day)
    with warehouse.read_connection(path, teams=team) as con:
        scoped = metrics.compute(con, f, EVAL_KPIS, by="agent", with_stats=True)
        detail = metrics.compute(con, f, EVAL_KPIS, by="agent", with_stats=True, path="detail")
    with warehouse.read_connection(path, teams=None) as con:
        center = metrics.compute(con, f, EVAL_KPIS, by="agent")
    _same(scoped, detail, "scoped")
    assert 0 < len(scoped) < len(center)


def test_a_warehouse_built_before_the_rollup_reads_a_stand_in(centers, tmp_path):
    path, cat = centers[SEEDS[0]]
    old = tmp_path / "old.duckdb"
    shutil.copy(path, old)
    with duckdb.connect(str(old)) as con:
        con.execute("DROP TABLE agg_evaluations_daily")
    f = Filters(start=cat.first_day, end=cat.last_day)
    team = cat.supervisors[:1]
    for teams in (None, team):
        with warehouse.read_connection(old, teams=teams) as con:
            got = metrics.compute(con, f, EVAL_KPIS, by="supervisor", with_stats=True)
        with warehouse.read_connection(path, teams=teams) as con:
            want = metrics.compute(con, f, EVAL_KPIS, by="supervisor", with_stats=True)
        _same(got, want, teams)
    warehouse.release_anchors(old)
    with warehouse.write_connection(old) as con, warehouse.transaction(con):  # refresh --full stores it
        marts.full(con)
    with duckdb.connect(str(old), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM agg_evaluations_daily").fetchone()[0] > 0
