"""The metrics layer on a hand-built warehouse with answers worked out by hand: totals, groupings,
undefined values on empty populations, and the rollup path equal to the detail path."""
from datetime import date

import pandas as pd
import pytest

from analytics.core import metrics, warehouse
from analytics.core.filters import Filters
from warehouse_builder import build

D1, D2 = "2026-03-02", "2026-03-03"
AGENTS = [
    dict(agent_id="S1", name="Sara", role="supervisor", site="X", hired_on="2024-01-01"),
    dict(agent_id="A1", name="Ali", role="agent", supervisor_id="S1", site="X", hired_on="2025-01-01"),
    dict(agent_id="A2", name="王伟", role="agent", supervisor_id="S1", site="Y", hired_on="2025-01-01"),
]
# T = 20 s, short abandon < 5 s (the defaults). Day 1: answered after 10, 15, 30 s; abandoned after 40 s
# and after 3 s (a short abandon). Day 2: one answered after 20 s (exactly T: within), talk 200, hold 50.
CALLS = [
    dict(call_id="c1", arrived_at=f"{D1} 10:00", queue="Billing", wait_s=10, outcome="answered", agent_id="A1",
         talk_s=100),
    dict(call_id="c2", arrived_at=f"{D1} 10:10", queue="Billing", wait_s=15, outcome="answered", agent_id="A2",
         talk_s=100, acw_s=20),
    dict(call_id="c3", arrived_at=f"{D1} 11:20", queue="支持", wait_s=30, outcome="answered", agent_id="A1",
         talk_s=100),
    dict(call_id="c4", arrived_at=f"{D1} 11:30", queue="支持", wait_s=40, outcome="abandoned", talk_s=0),
    dict(call_id="c5", arrived_at=f"{D1} 11:40", queue="支持", wait_s=3, outcome="abandoned", talk_s=0),
    dict(call_id="c6", arrived_at=f"{D2} 09:00", queue="Billing", wait_s=20, outcome="answered", agent_id="A2",
         talk_s=200, hold_s=50),
]
IDS = ["offered", "answered", "short_abandoned", "service_level_pct", "asa_s", "abandon_rate_pct", "aht_s",
       "hold_rate_pct"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("m") / "m.duckdb", agents=AGENTS, calls=CALLS)


def F(start=D1, end=D2, **dims):
    return Filters(start=date.fromisoformat(start), end=date.fromisoformat(end), **dims)


# (filter, by, key, expected values) — SL = within T ÷ (answered + abandoned − short abandons);
# abandonment = (abandoned − short) ÷ (offered − short); AHT = talk + hold + ACW (missing = 0).
TABLE = [
    (F(), "none", None, dict(offered=6, answered=4, short_abandoned=1, service_level_pct=60.0,
                             asa_s=18.75, abandon_rate_pct=20.0, aht_s=(100 + 120 + 100 + 250) / 4,
                             hold_rate_pct=25.0)),
    (F(D1, D1), "none", None, dict(offered=5, answered=3, service_level_pct=50.0, asa_s=55 / 3,
                                   abandon_rate_pct=25.0, hold_rate_pct=0.0)),
    (F(), "queue", "Billing", dict(offered=3, service_level_pct=100.0, asa_s=15.0, abandon_rate_pct=0.0)),
    (F(), "queue", "支持", dict(offered=3, short_abandoned=1, service_level_pct=0.0, asa_s=30.0,
                              abandon_rate_pct=50.0)),
    (F(), "day", "2026-03-03", dict(offered=1, service_level_pct=100.0, aht_s=250.0, hold_rate_pct=100.0)),
    (F(), "agent", "A2", dict(answered=2, asa_s=17.5, aht_s=185.0)),
    (F(queues=("支持",)), "none", None, dict(offered=3, answered=1, service_level_pct=0.0)),
    (F(agents=("A1",)), "none", None, dict(answered=2, aht_s=100.0, offered=None,  # queue KPIs: undefined
                                           service_level_pct=None)),              # for one agent (attribution)
]


@pytest.mark.parametrize("path", ["auto", "detail"])
@pytest.mark.parametrize("f, by, key, expected", TABLE, ids=[f"{t[1]}-{t[2]}-{i}" for i, t in enumerate(TABLE)])
def test_known_answers(db, f, by, key, expected, path):
    with warehouse.read_connection(db) as con:
        df = metrics.compute(con, f, IDS, by=by, path=path)
    row = df.iloc[0] if key is None else df.set_index(by).loc[key]
    for kid, value in expected.items():
        if value is None:
            assert pd.isna(row[kid]), kid
        else:
            assert row[kid] == pytest.approx(value), kid


def test_an_empty_selection_has_counts_of_zero_and_undefined_rates(db):
    with warehouse.read_connection(db) as con:
        values = metrics.compute_one(con, F("2026-03-10", "2026-03-11"), IDS)
    assert values["offered"] == 0 and values["answered"] == 0
    assert values["service_level_pct"] is None and values["asa_s"] is None and values["aht_s"] is None


def test_an_unknown_grouping_is_an_error(db):
    with warehouse.read_connection(db) as con, pytest.raises(ValueError, match="grouping"):
        metrics.compute(con, F(), IDS, by="colour")
