"""The attrition oracle (`truth.agent_month_hazard.p_exit_90d`) is what a perfect forecaster could know at
the month-end: it must not move when the months after it turn out differently (issue #17, part 2)."""
from __future__ import annotations

import numpy as np

from analytics.sample import org


def _inputs(rng, n=50, months=8):
    month_end = np.r_[-1, np.cumsum(rng.integers(28, 32, months - 1))]
    ENG = rng.normal(0, 0.5, (n, months))
    ABS = org.ABS_BASE + rng.normal(0, 0.4, (n, months))
    QA = 84 + rng.normal(0, 3, (n, months))
    H = org.sigmoid(rng.normal(-3.5, 0.6, (n, months)))
    INV = org.sigmoid(rng.normal(-5.5, 0.5, (n, months)))
    press = 1 + rng.normal(0, 0.05, (months, 2))
    season = 1 + rng.normal(0, 0.05, (2, months))
    q = rng.integers(0, 2, n)
    poor = (rng.random(n) < 0.2).astype(float)
    hired = -rng.integers(0, 900, n)
    return [H, INV, ENG, ABS, QA, press, season, q, poor, hired, month_end]


def test_the_oracle_does_not_see_the_months_after_it():
    rng = np.random.default_rng(1)
    args = _inputs(rng)
    base = org._p90_given_state(*args)
    k = 3
    later = [a.copy() for a in args]
    for i in range(5):  # H, INV, ENG, ABS, QA: the realized states of the months after k change
        later[i][:, k + 1:] = later[i][:, k + 1:] + rng.normal(0, 0.3, later[i][:, k + 1:].shape) * (
            0.05 if i < 2 else 1.0)
        later[i][:, k + 1:] = np.clip(later[i][:, k + 1:], 1e-4, None) if i < 2 else later[i][:, k + 1:]
    moved = org._p90_given_state(*later)
    assert np.allclose(moved[:, : k + 1], base[:, : k + 1])
    assert not np.allclose(moved[:, k + 1], base[:, k + 1])  # (the later months' own oracle does move)


def test_the_oracle_is_a_probability_that_includes_this_months_hazard():
    args = _inputs(np.random.default_rng(2))
    p = org._p90_given_state(*args)
    H = args[0]
    assert ((p >= H - 1e-12) & (p < 1)).all()
    # Three months of risk: well above one month's, below three times it (exits compete, hazards vary).
    assert (p[:, :-2].mean() > 2 * H[:, :-2].mean()) and (p[:, :-2].mean() < 3.5 * H[:, :-2].mean())
