"""Property: every KPI read from the rollups equals the same KPI read from the detail tables, for
random generated centers, random periods, groupings and filters."""
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.core import registry
from analytics.core import metrics, warehouse
from analytics.core.filters import Filters, load_catalog
from analytics.sample import generate

SEEDS = (3, 21)


@pytest.fixture(scope="module")
def centers(tmp_path_factory):
    out = {}
    for seed in SEEDS:
        path = tmp_path_factory.mktemp(f"c{seed}") / "c.duckdb"
        generate(path, preset="small", seed=seed, months=2, agents=24)
        with warehouse.read_connection(path) as con:
            out[seed] = (path, load_catalog(con))
    return out


ROLLUP_KPIS = [k.id for k in registry.KPIS.values() if k.source in ("calls", "queue_service")]


def _close(a, b):
    if a is None or b is None or a != a or b != b:
        return (a is None or a != a) and (b is None or b != b)
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_rollup_path_equals_detail_path(centers, data):
    seed = data.draw(st.sampled_from(SEEDS))
    path, cat = centers[seed]
    span = (cat.last_day - cat.first_day).days
    start = cat.first_day + timedelta(days=data.draw(st.integers(0, span)))
    end = min(cat.last_day, start + timedelta(days=data.draw(st.integers(0, 40))))
    by = data.draw(st.sampled_from(["none", "hour", "day", "week", "month", "queue", "site", "supervisor", "agent"]))
    pick = lambda values: tuple(data.draw(st.lists(st.sampled_from(values), max_size=2, unique=True))) if values else ()
    f = Filters(start=start, end=end, queues=pick(cat.queues),
                sites=pick(cat.sites) if data.draw(st.booleans()) else (),
                supervisors=pick(cat.supervisors) if data.draw(st.booleans()) else ())
    with warehouse.read_connection(path) as con:
        fast = metrics.compute(con, f, ROLLUP_KPIS, by=by)
        slow = metrics.compute(con, f, ROLLUP_KPIS, by=by, path="detail")
    assert len(fast) == len(slow)
    for (_, a), (_, b) in zip(fast.iterrows(), slow.iterrows()):
        for k in ROLLUP_KPIS:
            assert _close(a[k], b[k]), (k, by, f, a[k], b[k])
