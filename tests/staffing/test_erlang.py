"""Erlang C and Erlang A against published tables, an independent implementation, an exact numeric
solution of the M/M/n+M chain, a published asymptotic result and a discrete-event simulation."""
from __future__ import annotations

import functools
import heapq
import importlib.metadata
import importlib.util
import math
import sys
import types

import numpy as np
import pytest
from scipy import linalg
from scipy.stats import norm

from analytics.staffing import erlang


def sig(a, b, figures=4):
    """a and b agree to `figures` significant figures."""
    return abs(a - b) <= 0.5 * 10 ** (-figures + 1) * max(abs(a), abs(b))


# ---------------------------------------------------------------- Erlang B / C: published tables

def test_erlang_b_matches_the_published_table():
    """The Erlang B table printed in every traffic-engineering handbook (e.g. the ITU-T teletraffic
    handbook's table, or the Erlang B table reproduced on Wikipedia's "Erlang (unit)"): 10 circuits carry
    4.461 erlangs at 1 % blocking and 5.084 erlangs at 2 %; 20 circuits carry 12.03 at 1 %."""
    assert sig(float(erlang.erlang_b(10, 4.461)), 0.01000, 3)
    assert sig(float(erlang.erlang_b(10, 5.084)), 0.02000, 3)
    assert sig(float(erlang.erlang_b(20, 12.03)), 0.01000, 3)


def test_erlang_c_matches_the_textbook_example():
    """M/M/10 with λ = 2/min and 3-minute service (6 erlangs): "from the Erlang C curve, the probability
    of waiting is about 0.10" (a standard textbook exercise); the exact value is 0.1013."""
    assert round(float(erlang.erlang_c(10, 6.0)), 2) == 0.10
    # C = n·B / (n − a(1 − B)), from the published B(10, 5.084) = 0.02000
    b = 0.02000
    assert sig(float(erlang.erlang_c(10, 5.084)), 10 * b / (10 - 5.084 * (1 - b)), 3)


@functools.cache
def _pyworkforce_erlang_c():
    """pyworkforce's ErlangC, installed for the tests only (requirements-dev). Its package __init__
    also imports the scheduling solvers (ortools), which the tests do not need and which would
    downgrade Streamlit's protobuf; so load just its queuing module."""
    try:
        root = str(importlib.metadata.distribution("pyworkforce").locate_file("pyworkforce"))
    except importlib.metadata.PackageNotFoundError:
        pytest.fail("pyworkforce is not installed: pip install --no-deps -r requirements-dev-nodeps.txt")
    for name, path in (("pyworkforce", root), ("pyworkforce.utils", f"{root}/utils")):
        if name not in sys.modules or not hasattr(sys.modules[name], "__path__"):
            pkg = types.ModuleType(name)
            pkg.__path__ = [path]
            sys.modules[name] = pkg
    grid = importlib.util.spec_from_file_location("pyworkforce.utils.grid", f"{root}/utils/grid.py")
    mod = importlib.util.module_from_spec(grid)
    grid.loader.exec_module(mod)
    sys.modules["pyworkforce.utils"].ParameterGrid = mod.ParameterGrid
    q = importlib.util.spec_from_file_location("pyworkforce_queuing_erlang", f"{root}/queuing/erlang.py")
    module = importlib.util.module_from_spec(q)
    q.loader.exec_module(module)
    return module.ErlangC


@pytest.mark.parametrize("calls,aht_s,target,t_s", [
    (100, 180, 0.80, 20), (250, 300, 0.80, 20), (40, 420, 0.90, 30), (600, 240, 0.85, 15), (12, 600, 0.8, 20),
])
def test_erlang_c_matches_pyworkforce(calls, aht_s, target, t_s):
    ErlangC = _pyworkforce_erlang_c()
    ref = ErlangC(transactions=calls, aht=aht_s / 60, asa=t_s / 60, interval=30)
    lam = calls / 1800
    got_n = int(erlang.required_agents(lam, aht_s, target, t_s, model="erlang_c"))
    want = ref.required_positions(service_level=target)
    assert got_n == want["raw_positions"]
    for n in (got_n - 1, got_n, got_n + 3):
        m = erlang.metrics(n, lam, aht_s, t_s, model="erlang_c")
        assert sig(float(m["p_wait"]), ref.waiting_probability(n), 6)
        assert sig(float(m["service_level"]), ref.service_level(n), 6)
        assert sig(float(m["occupancy"]), ref.achieved_occupancy(n), 6)
    # an occupancy cap: pyworkforce sizes to load / cap when the target alone runs hotter
    cap = erlang.required_agents(lam, aht_s, target, t_s, model="erlang_c", max_occupancy=0.7)
    assert int(cap) == ref.required_positions(service_level=target, max_occupancy=0.7)["raw_positions"]


# ---------------------------------------------------------------- Erlang A: exact numeric reference

def _exact_erlang_a(n, lam, aht, patience, t, short=5.0, extra=600):
    """M/M/n+M solved numerically, independently of the closed forms: the stationary distribution of
    the birth–death chain (truncated far in the tail), and for a caller who finds k waiting, the
    absorbing chain of their position in line (served / abandoned) solved with a matrix exponential."""
    mu, th = 1.0 / aht, 1.0 / patience
    K = n + extra
    rates_up = np.full(K, lam)
    rates_down = np.array([min(j, n) * mu + max(j - n, 0) * th for j in range(1, K + 1)])
    logp = np.concatenate([[0.0], np.cumsum(np.log(rates_up) - np.log(rates_down))])
    p = np.exp(logp - logp.max())
    p /= p.sum()
    p_wait = p[n:].sum()
    # tagged caller's chain: states 0..M-1 = people ahead, M = served, M+1 = abandoned
    M = extra
    Q = np.zeros((M + 2, M + 2))
    for m in range(M):
        if m == 0:
            Q[0, M] = n * mu
        else:
            Q[m, m - 1] = n * mu + m * th
        Q[m, M + 1] = th
        Q[m, m] = -(n * mu + m * th + th)
    P_t, P_s = linalg.expm(Q * t), linalg.expm(Q * short)
    arriving = p[n:n + M]  # finds k = 0..M-1 waiting
    served_by_t = arriving @ P_t[:M, M]
    short_ab = arriving @ P_s[:M, M + 1]
    N = np.linalg.inv(-Q[:M, :M])            # expected time in each transient state
    h = np.linalg.solve(-Q[:M, :M], Q[:M, M])  # P(served | start)
    served = arriving @ h
    time_if_served = arriving @ (N @ h)        # E[wait · 1{served}]
    p_no_wait = p[:n].sum()
    p_ab = p_wait - served
    sl = (p_no_wait + served_by_t) / (1 - short_ab)
    return {"p_wait": p_wait, "abandon_rate": (p_ab - short_ab) / (1 - short_ab), "service_level": sl,
            "asa_s": time_if_served / (p_no_wait + served), "p_ab": p_ab}


CASES = [  # (agents, calls per 30 min, AHT s, patience s): light, normal, overloaded, tiny, large
    (14, 100, 180, 300), (12, 100, 180, 300), (8, 100, 180, 120), (2, 6, 400, 200), (60, 500, 420, 360),
]


@pytest.mark.parametrize("n,calls,aht,patience", CASES)
def test_erlang_a_matches_the_exact_chain_to_4_figures(n, calls, aht, patience):
    lam = calls / 1800
    got = erlang.metrics(n, lam, aht, 20, patience, "erlang_a")
    want = _exact_erlang_a(n, lam, aht, patience, 20)
    for k in ("p_wait", "abandon_rate", "service_level", "asa_s"):
        assert sig(float(got[k]), want[k], 4), (k, float(got[k]), want[k])


def test_erlang_a_approaches_garnett_mandelbaum_reiman():
    """Garnett, Mandelbaum & Reiman (2002), "Designing a call center with impatient customers", MSOM
    4(3): in the QED regime n = R + β√R, P(W > 0) → [1 + √(θ/μ) h(β√(μ/θ)) / h(−β)]⁻¹, h the standard
    normal hazard. The exact value must approach it as the center grows (error ~ 1/√R)."""
    def h(x):
        return norm.pdf(x) / norm.sf(x)
    aht, patience = 300.0, 600.0
    mu, th = 1 / aht, 1 / patience
    for beta in (-0.5, 0.0, 1.0):
        gaps = []
        for R in (400, 1600, 6400):
            n = int(round(R + beta * math.sqrt(R)))
            b = (n - R) / math.sqrt(R)
            limit = 1 / (1 + math.sqrt(th / mu) * h(b * math.sqrt(mu / th)) / h(-b))
            got = float(erlang.metrics(n, R * mu, aht, 20, patience)["p_wait"])
            gaps.append(abs(got - limit))
        assert gaps[2] < 0.0035 and gaps[2] < gaps[1] < gaps[0], gaps


def test_erlang_a_tends_to_erlang_c_with_endless_patience():
    lam, aht, n = 100 / 1800, 180.0, 13
    a = erlang.metrics(n, lam, aht, 20, 1e9, "erlang_a")
    c = erlang.metrics(n, lam, aht, 20, None, "erlang_c")
    assert sig(float(a["service_level"]), float(c["service_level"]), 4)
    assert sig(float(a["p_wait"]), float(c["p_wait"]), 4)


# ---------------------------------------------------------------- Erlang A: simulation

def _simulate(n, lam, aht, patience, t_sl, calls, seed, short=5.0, batches=20):
    """FCFS M/M/n+M, event by event: a caller's offered wait is the time until the first agent is free
    (callers who abandon never take an agent); they abandon if their patience runs out first.
    Returns batch means of (SL numerator, SL denominator) for a confidence interval."""
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(1 / lam, calls))
    service = rng.exponential(aht, calls)
    pat = rng.exponential(patience, calls)
    free = [0.0] * n
    heapq.heapify(free)
    within = np.zeros(calls, bool)
    counted = np.ones(calls, bool)
    for i in range(calls):
        t = arrivals[i]
        f = free[0]
        wait = f - t if f > t else 0.0
        if pat[i] < wait:  # abandons
            counted[i] = pat[i] >= short
        else:
            heapq.heapreplace(free, t + wait + service[i])
            within[i] = wait <= t_sl
    warm = calls // 50
    w, c = within[warm:], counted[warm:]
    size = len(w) // batches
    return np.array([w[j * size:(j + 1) * size].sum() / c[j * size:(j + 1) * size].sum() for j in range(batches)])


@pytest.mark.parametrize("n,calls_per_30,aht,patience", [(12, 100, 180, 300), (9, 100, 180, 120)])
def test_erlang_a_matches_a_simulation(n, calls_per_30, aht, patience):
    """1.5 million simulated calls: the batch-means 99.9 % interval of the simulated service level holds
    the formula's value, and the two agree to 3 significant figures (a simulation of this size cannot
    resolve the 4th: its standard error is ~4e-4)."""
    lam = calls_per_30 / 1800
    means = _simulate(n, lam, aht, patience, 20.0, 1_500_000, seed=20261130)
    sim = means.mean()
    se = means.std(ddof=1) / math.sqrt(len(means))
    want = float(erlang.metrics(n, lam, aht, 20, patience)["service_level"])
    assert abs(sim - want) < 3.3 * se + 1e-12, (sim, want, se)
    assert abs(sim - want) / want < 0.005


# ---------------------------------------------------------------- staffing

def test_required_agents_is_the_smallest_meeting_the_target():
    lam = np.array([0.0, 5 / 1800, 60 / 1800, 100 / 1800, 400 / 1800])
    for model, pat in (("erlang_a", 300.0), ("erlang_c", None)):
        need = erlang.required_agents(lam, 240.0, 0.8, 20, pat, model)
        assert need[0] == 0
        for i in range(1, len(lam)):
            sl_at = erlang.metrics(need[i], lam[i], 240.0, 20, pat, model)["service_level"]
            sl_below = erlang.metrics(need[i] - 1, lam[i], 240.0, 20, pat, model)["service_level"]
            assert sl_at >= 0.8 > sl_below, (model, i, need[i])
    # impatient callers make the queue shorter: Erlang A never asks for more agents than Erlang C
    assert (erlang.required_agents(lam, 240.0, 0.8, 20, 300.0) <= erlang.required_agents(lam, 240.0, 0.8, 20, None, "erlang_c")).all()


def test_fractional_staffing_interpolates_between_whole_agents():
    lam = 100 / 1800
    lo = erlang.metrics(12, lam, 180, 20, 300)["service_level"]
    hi = erlang.metrics(13, lam, 180, 20, 300)["service_level"]
    mid = erlang.interpolate(12.25, lam, 180, 20, 300)["service_level"]
    assert np.isclose(mid, 0.75 * lo + 0.25 * hi)
