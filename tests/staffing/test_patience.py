"""Caller patience: the censoring-aware MLE recovers the true mean patience; the naive mean of abandoned
waits does not."""
from __future__ import annotations

import numpy as np

from analytics.core import warehouse
from analytics.staffing import data, patience
from datetime import date


def test_mle_recovers_patience_where_the_naive_mean_fails():
    rng = np.random.default_rng(5)
    true_patience = 300.0
    offered_wait = rng.exponential(60.0, 200_000)         # how long each caller would have to wait
    tau = rng.exponential(true_patience, offered_wait.size)
    abandoned = tau < offered_wait
    waits = np.where(abandoned, tau, offered_wait)        # an answered caller's wait is a censored patience
    est = patience.estimate(abandoned.sum(), waits.sum())
    assert est.low_s <= true_patience <= est.high_s
    assert abs(est.patience_s - true_patience) / true_patience < 0.03
    naive = waits[abandoned].mean()
    assert naive < 0.5 * true_patience                    # only the impatient leave: far too low


def test_no_abandons_gives_a_finite_long_patience():
    est = patience.estimate(0, 10_000.0)
    assert np.isfinite(est.patience_s) and est.patience_s == 20_000.0 and est.high_s == float("inf")


def test_sample_patience_is_near_the_generators_truth(sample_db):
    with warehouse.read_connection(sample_db) as con:
        iv = data.intervals(con, date(2026, 9, 1), date(2026, 11, 23), 30, 20)
        truth = dict(con.execute("SELECT queue, patience_s FROM truth.queue_params").fetchall())
    est = patience.by_queue(iv)
    assert set(est) == set(truth)
    for q, p in est.items():
        # ring seconds of answered calls add a little exposure no one could abandon in: allow 20 %
        assert abs(p.patience_s - truth[q]) / truth[q] < 0.2, (q, p.patience_s, truth[q])
        assert p.naive_s < p.patience_s


def test_time_off_the_phones_is_measured_from_queued_intervals(tmp_path, monkeypatch):
    """The sample's agents are on the phones 97 % of their logged-in time outside breaks (shifts.ON_PHONE);
    the estimate from intervals where callers queued should land near 3 %. The estimate reads each
    queue's handle time against that queue's own agents, so it holds for one-skill lines: the small
    preset with its lines kept apart (its default pools them, and agents then work other queues' calls)."""
    import dataclasses

    from analytics.sample import generate, presets
    from analytics.sample.shifts import ON_PHONE
    from analytics.staffing import plan
    monkeypatch.setitem(presets.PRESETS, "small", dataclasses.replace(
        presets.PRESETS["small"], seats={"billing": 16, "tech": 14, "persian": 9, "chinese": 9}, blended=False))
    sample_db = tmp_path / "separate.duckdb"
    generate(sample_db, preset="small", seed=11)
    with warehouse.read_connection(sample_db) as con:
        p = plan.build(con, date(2026, 11, 9), date(2026, 11, 15))
    # the small sample has a few dozen queued intervals: a coarse estimate (10 % on seed 11; 3.0 % on medium)
    assert p.measured_aux_pct is not None
    assert abs(p.measured_aux_pct - 100 * (1 - ON_PHONE)) < 9


def test_the_interval_is_the_exact_chi_square_one():
    """The 95 % interval of d abandons in T seconds of waiting: the gamma likelihood's exact bounds
    (chi-square quantiles with 2d and 2d + 2 degrees of freedom), as scipy.stats computes them."""
    from scipy import stats

    for d, T in [(1, 500.0), (7, 12_345.0), (250, 90_000.0), (40_000, 3.1e7)]:
        est = patience.estimate(d, T)
        assert np.isclose(est.high_s, 2 * T / stats.chi2.ppf(0.025, 2 * d), rtol=1e-12)
        assert np.isclose(est.low_s, 2 * T / stats.chi2.ppf(0.975, 2 * d + 2), rtol=1e-12)
