"""Waits and abandonment that follow from staffing vs load: an Erlang-C queue per queue-slot, corrected
for impatient callers (exponential patience) the way Erlang-A behaves, solved as a fixed point."""
from __future__ import annotations

import numpy as np

SL_T = 20.0
SHORT_ABANDON = 5.0


def erlang_c(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """P(wait > 0) for n servers and a erlangs (vectorized; n integer >= 0)."""
    n = n.astype(np.int64)
    b = np.ones_like(a, dtype=float)
    for k in range(1, int(n.max(initial=0)) + 1):
        bk = a * b / (k + a * b)
        b = np.where(k <= n, bk, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / (n - a * (1.0 - b))
    return np.where((a < n) & (n > 0), np.clip(c, 0.0, 1.0), 1.0)


def wait_params(n, a, aht, patience, iters: int = 14):
    """(p_wait, mean conditional wait) with the abandon share found by bisection: abandoning callers
    lighten the load, which shortens the wait, which lowers abandonment."""
    lo, hi = np.zeros_like(a), np.ones_like(a)
    for _ in range(iters):
        ab = (lo + hi) / 2
        pw, m = _at(n, a * (1 - ab), aht)
        new = pw * m / (m + patience)
        up = new > ab
        lo, hi = np.where(up, ab, lo), np.where(up, hi, ab)
    return _at(n, a * (1 - (lo + hi) / 2), aht)


def _at(n, a_eff, aht):
    pw = erlang_c(n, a_eff)
    m = aht / np.maximum(n - a_eff, 0.3)
    return pw, np.where(n > 0, m, 1e9)


def expected_sl(pw, m, patience):
    """Expected service level (answered within T over answered + abandoned − short) of one slot."""
    r = 1.0 / m + 1.0 / patience
    ans_t = (1.0 / m) / r * (1.0 - np.exp(-SL_T * r))
    short = (1.0 / patience) / r * (1.0 - np.exp(-SHORT_ABANDON * r))
    return ((1 - pw) + pw * ans_t) / (1 - pw * short)


def calibrate(staff, shape, aht, patience, target: float = 0.82) -> np.ndarray:
    """Per queue, the calls per unit of `shape` at which the given staffing meets `target` SL overall.
    staff, shape: (queues, days, slots); aht, patience: (queues,)."""
    Q = staff.shape[0]
    lo, hi = np.full(Q, 0.01), np.full(Q, 500.0)
    n = np.round(staff)
    for _ in range(22):
        mid = np.sqrt(lo * hi)
        lam = shape * mid[:, None, None]
        a = lam * aht[:, None, None] / 1800.0
        pw, m = wait_params(n, a, aht[:, None, None], patience[:, None, None], iters=10)
        sl = (expected_sl(pw, m, patience[:, None, None]) * lam).sum((1, 2)) / np.maximum(lam.sum((1, 2)), 1e-9)
        ok = sl >= target
        lo, hi = np.where(ok, mid, lo), np.where(ok, hi, mid)
    return np.sqrt(lo * hi)


def draw_waits(rng, pw, m, patience):
    """Per call: (wait_s, abandoned). Callers who get an agent at once still spend a few ring seconds."""
    k = len(pw)
    waits = rng.random(k) < pw
    w = np.where(waits, rng.exponential(1.0, k) * m, rng.uniform(0.0, 4.0, k))
    tau = rng.exponential(1.0, k) * patience
    abandoned = waits & (tau < w)
    return np.round(np.where(abandoned, tau, w)), abandoned
