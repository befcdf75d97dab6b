"""The statistics read scipy.special instead of scipy.stats (whose import added ~0.6 s to the app's first
render); every figure must stay what scipy.stats gives."""
import numpy as np
from scipy import stats

from analytics.stats import funnel, means, proportions, ranks


def _limit_by_scipy_stats(prob, n, p0):
    r = stats.binom.ppf(prob, n, p0)
    f_r, f_below = stats.binom.cdf(r, n, p0), stats.binom.cdf(r - 1, n, p0)
    return np.clip((r - (f_r - prob) / (f_r - f_below)) / n, 0.0, 1.0)


def test_funnel_limits_equal_scipy_stats_binomial_quantiles():
    rng = np.random.default_rng(3)
    for _ in range(300):
        n = rng.integers(1, 3000, 25).astype(float)
        p0 = float(rng.uniform(0.002, 0.998))
        for prob in (0.001, 0.025, 0.5, 0.975, 0.999):
            np.testing.assert_allclose(funnel._binomial_limit(prob, n, p0), _limit_by_scipy_stats(prob, n, p0),
                                       rtol=0, atol=1e-12)
    assert np.isnan(funnel._binomial_limit(0.975, np.array([10.5]), 0.3)).all()  # no binomial of 10.5 trials


def test_normal_and_t_quantiles_and_tails_equal_scipy_stats():
    for level in (0.8, 0.95, 0.998):
        assert funnel._z(level) == stats.norm.ppf(0.5 + level / 2)
        assert proportions._z(level) == stats.norm.ppf(0.5 + level / 2)
        for df in (1.0, 3.7, 29.0, 500.0):
            assert abs(means._t_crit(level, df) - stats.t.ppf(0.5 + level / 2, df)) < 1e-12
    p = proportions.two_proportion_ztest(30, 200, 45, 210)
    z = (30 / 200 - 45 / 210) / np.sqrt(75 / 410 * (1 - 75 / 410) * (1 / 200 + 1 / 210))
    assert abs(p - 2 * stats.norm.sf(abs(z))) < 1e-15
    w = means.welch_test(10.0, 4.0, 12, 12.5, 9.0, 15)
    assert abs(w.p_value - 2 * stats.t.sf(abs(w.t), w.df)) < 1e-12


def test_percentile_rank_equals_scipy_stats_mean_kind():
    rng = np.random.default_rng(5)
    for _ in range(200):
        g = rng.integers(0, 8, rng.integers(1, 20)).astype(float)
        v = float(rng.integers(-1, 9))
        assert abs(ranks.percentile_rank(v, g) - stats.percentileofscore(g, v, kind="mean")) < 1e-12


def test_binomial_quantile_steps_and_their_fallback_equal_scipy_stats(monkeypatch):
    """The quantile steps from a Cornish–Fisher guess with the CDF; what the steps do not settle falls back
    to the continuous inverse. Both paths must give scipy.stats' counts, at extreme rates too."""
    rng = np.random.default_rng(11)
    cases = [(rng.integers(1, 6000, 40), float(p)) for p in
             np.concatenate([rng.uniform(0.0005, 0.9995, 40), rng.uniform(1e-5, 0.01, 20), rng.uniform(0.99, 1 - 1e-5, 20)])]
    cases.append((np.array([1, 2, 3, 5, 8]), 0.5))
    for steps in (funnel._PPF_STEPS, 0):
        monkeypatch.setattr(funnel, "_PPF_STEPS", steps)
        for n, p in cases:
            for q in (0.001, 0.025, 0.5, 0.975, 0.999):
                np.testing.assert_array_equal(funnel._binom_ppf(q, n, p), stats.binom.ppf(q, n, p))
