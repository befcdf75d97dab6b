"""Time off the phones on pooled lines: the small sample's English agents take every English queue and
its bilingual agents take English overflow, so a queue's calls are not its own agents' calls. The
estimate counts each agent's time once (their handle time on every queue against their own logged-in
time) and lands near the generator's truth, 1 − shifts.ON_PHONE; read per queue it said ~39 %."""
from __future__ import annotations

from datetime import date

from analytics.core import warehouse
from analytics.sample import presets
from analytics.sample.shifts import ON_PHONE
from analytics.staffing import plan


def test_time_off_the_phones_on_the_pooled_small_sample(sample_db):
    assert presets.PRESETS["small"].blended  # the fixture is the pooled center this test is about
    truth = 100 * (1 - ON_PHONE)
    with warehouse.read_connection(sample_db) as con:
        for start, end in [(date(2026, 11, 9), date(2026, 11, 15)), (date(2026, 10, 1), date(2026, 10, 31))]:
            p = plan.build(con, start, end)
            assert p.measured_aux_pct is not None, (start, end)
            # handle time placed in the interval the call arrived in: a coarse estimate (~2 % on seed 11)
            assert abs(p.measured_aux_pct - truth) < 3, (start, end, p.measured_aux_pct, truth)


def test_each_agents_time_is_counted_once(sample_db):
    """Over a week the home queues' handle time is every answered call's, once: no agent's call is
    counted under two home queues, and none is lost."""
    from analytics.staffing import data

    with warehouse.read_connection(sample_db) as con:
        own = data.home_handle(con, date(2026, 11, 9), date(2026, 11, 16), 30)
        total = con.execute("SELECT sum(m_handle_s) FROM fct_calls WHERE outcome = 'answered' "
                            "AND arrived_at >= DATE '2026-11-09' AND arrived_at < DATE '2026-11-16'").fetchone()[0]
    assert not own.duplicated(["queue", "interval_start"]).any()
    assert abs(own["home_handle_s"].sum() - total) < 1e-6 * total
