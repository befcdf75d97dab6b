"""analytics.stats pinned to published worked examples (sources cited at each test)."""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest

from analytics import stats

# Student's sleep data (Cushny & Peebles 1905; R's datasets::sleep): extra hours of sleep per drug.
SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def sums(xs):
    xs = np.asarray(xs, dtype=float)
    return float(xs.sum()), float((xs ** 2).sum()), int(xs.size)


# ---------------------------------------------------------------- Wilson
@pytest.mark.parametrize("k,n,low,high", [
    # Newcombe RG (1998) "Two-sided confidence intervals for the single proportion: comparison of
    # seven methods", Stat Med 17:857–872, Table I, method 3 (score, no continuity correction).
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (29, 29, 0.8830, 1.0000),
])
def test_wilson_matches_newcombe_1998_table(k, n, low, high):
    lo, hi = stats.wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=5e-5)
    assert hi == pytest.approx(high, abs=5e-5)


def test_wilson_edges_and_percent_helpers():
    assert stats.wilson_interval(0, 0) is None
    assert stats.wilson_interval_pct(0, 0) is None
    assert stats.wilson_interval(0, 20)[0] == 0.0
    assert stats.wilson_interval(29, 29)[1] == 1.0
    lo, hi = stats.wilson_interval_pct(81, 263)
    assert (lo, hi) == pytest.approx((25.53, 36.62), abs=5e-3)
    # 30.798…% of 263 is 81 of 263.
    assert stats.wilson_interval_from_pct(100 * 81 / 263, 263) == pytest.approx((lo, hi))
    assert stats.wilson_interval_from_pct(None, 10) is None
    # Wider at 99% than at 95%.
    lo99, hi99 = stats.wilson_interval(81, 263, confidence=0.99)
    assert lo99 < 0.2553 and hi99 > 0.3662
    with pytest.raises(ValueError):
        stats.wilson_interval(5, 3)
    with pytest.raises(ValueError):
        stats.wilson_interval_from_pct(120, 10)


# ---------------------------------------------------------------- Newcombe difference
@pytest.mark.parametrize("k1,n1,k2,n2,low,high", [
    # Newcombe RG (1998) "Interval estimation for the difference between independent proportions:
    # comparison of eleven methods", Stat Med 17:873–890, Table II, method 10 (hybrid score, no CC).
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926),
    (0, 10, 0, 20, -0.1611, 0.2775),
    (0, 10, 0, 10, -0.2775, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000),
    (10, 10, 0, 10, 0.6075, 1.0000),
])
def test_newcombe_difference_matches_paper(k1, n1, k2, n2, low, high):
    lo, hi = stats.newcombe_diff_interval(k1, n1, k2, n2)
    assert lo == pytest.approx(low, abs=5e-5)
    assert hi == pytest.approx(high, abs=5e-5)
    # Cross-check with statsmodels' implementation.
    sm_lo, sm_hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")
    assert (lo, hi) == pytest.approx((sm_lo, sm_hi), abs=1e-9)


def test_newcombe_edges_and_pct():
    assert stats.newcombe_diff_interval(0, 0, 1, 5) is None
    assert stats.newcombe_diff_interval_pct(1, 5, 0, 0) is None
    lo, hi = stats.newcombe_diff_interval_pct(56, 70, 48, 80)
    assert (lo, hi) == pytest.approx((5.24, 33.39), abs=5e-3)


# ---------------------------------------------------------------- z-test
def test_two_proportion_ztest_physicians_health_study():
    # Agresti, An Introduction to Categorical Data Analysis (2nd ed., 2007), §2.4: aspirin and
    # myocardial infarction, placebo 189/11034 vs aspirin 104/11037; Pearson X² = 25.01 (df 1),
    # which equals z² of the pooled two-proportion z-test.
    p = stats.two_proportion_ztest(189, 11034, 104, 11037)
    x2 = sps.chi2.isf(p, 1)
    assert x2 == pytest.approx(25.01, abs=0.005)
    _, sm_p = proportions_ztest([189, 104], [11034, 11037])
    assert p == pytest.approx(sm_p, rel=1e-9)
    assert stats.delta_significant(189, 11034, 104, 11037) is True
    assert stats.delta_significant(189, 11034, 104, 11037, method="newcombe") is True


def test_ztest_and_delta_edges():
    assert stats.two_proportion_ztest(0, 0, 1, 10) is None
    assert stats.delta_significant(0, 0, 1, 10) is None
    assert stats.delta_significant(1, 10, 0, 0, method="newcombe") is None
    # Identical all-zero and all-one samples: nothing to detect.
    assert stats.two_proportion_ztest(0, 10, 0, 20) == 1.0
    assert stats.two_proportion_ztest(10, 10, 20, 20) == 1.0
    assert stats.delta_significant(0, 10, 0, 20) is False
    # Small samples: 3/10 vs 5/10 is noise.
    assert stats.delta_significant(3, 10, 5, 10) is False
    # 9/10 vs 3/10: both methods agree it is real (Newcombe's interval 0.1705–0.8090 excludes 0).
    assert stats.delta_significant(9, 10, 3, 10) is True
    assert stats.delta_significant(9, 10, 3, 10, method="newcombe") is True
    with pytest.raises(ValueError):
        stats.delta_significant(1, 2, 1, 2, method="bayes")


# ---------------------------------------------------------------- means
def test_t_interval_sleep_paired_differences():
    # R: t.test(extra ~ group, data = sleep, paired = TRUE): mean difference 1.58,
    # 95% CI 0.7001142 to 2.4598858, t = 4.0621, df = 9, p = 0.002833.
    diffs = np.array(SLEEP_2) - np.array(SLEEP_1)
    ci = stats.t_interval_from_values(diffs)
    assert ci.mean == pytest.approx(1.58)
    assert ci.low == pytest.approx(0.7001142, abs=1e-6)
    assert ci.high == pytest.approx(2.4598858, abs=1e-6)
    same = stats.t_interval(float(diffs.mean()), float(diffs.std(ddof=1)), 10)
    assert tuple(same) == pytest.approx(tuple(ci))
    from_sums = stats.mean_ci_from_sums(*sums(diffs))
    assert tuple(from_sums) == pytest.approx(tuple(ci), abs=1e-9)


def test_mean_edges():
    assert stats.t_interval(5.0, 1.0, 1) is None
    assert stats.t_interval(5.0, 1.0, 0) is None
    assert stats.t_interval_from_values([3.0]) is None
    assert stats.t_interval_from_values([]) is None
    assert stats.mean_ci_from_sums(0.0, 0.0, 0) is None
    assert stats.mean_ci_from_sums(7.0, 49.0, 1) is None
    # Constant values: zero-width interval, never a negative variance from rounding.
    xs = [0.1] * 7
    mean, var = stats.summary_from_sums(sum(xs), sum(x * x for x in xs), 7)
    assert var >= 0.0 and var < 1e-15
    ci = stats.mean_ci_from_sums(sum(xs), sum(x * x for x in xs), 7)
    assert ci.low == pytest.approx(ci.high, abs=1e-6)


def test_welch_sleep_two_groups():
    # R: t.test(extra ~ group, data = sleep) (Welch): t = -1.8608, df = 17.776, p-value = 0.07939,
    # 95% CI -3.3654832 to 0.2054832.
    res = stats.welch_from_sums(*sums(SLEEP_1), *sums(SLEEP_2))
    assert res.diff == pytest.approx(0.75 - 2.33)
    assert res.t == pytest.approx(-1.8608, abs=5e-5)
    assert res.df == pytest.approx(17.776, abs=5e-4)
    assert res.p_value == pytest.approx(0.07939, abs=5e-6)
    assert res.low == pytest.approx(-3.3654832, abs=1e-6)
    assert res.high == pytest.approx(0.2054832, abs=1e-6)
    sp = sps.ttest_ind(SLEEP_1, SLEEP_2, equal_var=False)
    assert res.p_value == pytest.approx(sp.pvalue, rel=1e-9)


def test_welch_edges():
    assert stats.welch_from_sums(1.0, 1.0, 1, 4.0, 10.0, 2) is None
    assert stats.welch_test(1.0, 0.0, 5, 2.0, 0.0, 5) is None
    with pytest.raises(ValueError):
        stats.welch_test(1.0, -1.0, 5, 2.0, 1.0, 5)


# ---------------------------------------------------------------- bootstrap
def test_bootstrap_mouse_data_standard_error():
    # Efron & Tibshirani, An Introduction to the Bootstrap (1993), Table 2.1: treatment group
    # 94, 197, 16, 38, 99, 141, 23 has mean 86.86 and estimated standard error 25.24. The ideal
    # bootstrap SE of a mean is that SE × √((n−1)/n) = 23.37 (their §2.3, eq. 2.9 vs 5.11).
    mouse = [94, 197, 16, 38, 99, 141, 23]
    res = stats.bootstrap_ci(mouse, n_resamples=20_000, seed=1)
    assert res.estimate == pytest.approx(86.86, abs=5e-3)
    assert np.std(mouse, ddof=1) / math.sqrt(7) == pytest.approx(25.24, abs=5e-3)
    assert res.se == pytest.approx(25.24 * math.sqrt(6 / 7), rel=0.03)
    assert res.low < 86.86 < res.high
    again = stats.bootstrap_ci(mouse, n_resamples=20_000, seed=1)
    assert again == res  # seeded: same data, same interval


def test_bootstrap_median_and_agreement_with_t():
    rng = np.random.default_rng(7)
    x = rng.normal(100.0, 15.0, size=400)
    t = stats.t_interval_from_values(x)
    b = stats.bootstrap_ci(x, n_resamples=4000, seed=3)
    assert b.low == pytest.approx(t.low, abs=0.4)
    assert b.high == pytest.approx(t.high, abs=0.4)
    skewed = list(range(1, 21)) + [1000]
    med = stats.bootstrap_ci(skewed, stat="median", n_resamples=2000)
    mean = stats.bootstrap_ci(skewed, stat="mean", n_resamples=2000)
    assert med.estimate == 11.0
    assert med.high < 20 < mean.high  # the median resists the outlier, the mean does not
    assert stats.bootstrap_ci([]) is None
    assert stats.bootstrap_ci([np.nan]) is None
    assert stats.bootstrap_ci([5.0]).low == 5.0
    with pytest.raises(ValueError):
        stats.bootstrap_ci([1, 2], stat="mode")


def test_bootstrap_chunks_large_inputs():
    x = np.arange(50_000, dtype=float)
    res = stats.bootstrap_ci(x, n_resamples=200, seed=0)
    assert res.low < x.mean() < res.high


# ---------------------------------------------------------------- p-chart
# Montgomery, Introduction to Statistical Quality Control (6th ed., 2009), Example 7.1, Table 7.1:
# orange-juice cans, 30 samples of n = 50 (also R package qcc, dataset `orangejuice`).
OJ_DEFECTIVES = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]


def test_p_chart_montgomery_orange_juice():
    chart = stats.p_chart(OJ_DEFECTIVES, [50] * 30)
    # p̄ = 347/1500 = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 plot above the UCL.
    assert sum(OJ_DEFECTIVES) == 347
    assert chart["center"].iloc[0] == pytest.approx(0.2313, abs=5e-5)
    assert chart["ucl"].iloc[0] == pytest.approx(0.4102, abs=5e-5)
    assert chart["lcl"].iloc[0] == pytest.approx(0.0524, abs=5e-5)
    assert chart.loc[chart["out_of_control"], "label"].tolist() == [15, 23]
    for col in ("value", "center", "lcl", "ucl", "out_of_control"):
        assert col in chart.columns
    pct = stats.p_chart(OJ_DEFECTIVES, [50] * 30, percent=True)
    assert pct["ucl"].iloc[0] == pytest.approx(41.02, abs=5e-3)


def test_p_chart_varying_n_and_edges():
    chart = stats.p_chart([5, 50, 0, 1], [10, 100, 0, 1000], labels=["a", "b", "c", "d"])
    pbar = 56 / 1110
    assert chart["center"].iloc[0] == pytest.approx(pbar)
    # Limits narrow as n grows.
    assert chart.loc[0, "ucl"] - chart.loc[0, "lcl"] > chart.loc[1, "ucl"] - chart.loc[1, "lcl"]
    assert chart.loc[1, "ucl"] == pytest.approx(pbar + 3 * math.sqrt(pbar * (1 - pbar) / 100))
    assert chart.loc[0, "lcl"] == 0.0  # clipped at 0
    assert math.isnan(chart.loc[2, "value"]) and not chart.loc[2, "out_of_control"]
    assert chart.loc[0, "out_of_control"] and chart.loc[1, "out_of_control"] and chart.loc[3, "out_of_control"]
    empty = stats.p_chart([0, 0], [0, 0])
    assert not empty["out_of_control"].any()
    with pytest.raises(ValueError):
        stats.p_chart([3], [2])


def test_western_electric_rules():
    z = [0.5, 2.5, 2.2, 0.1, -1.5, -1.2, 0.3, -1.1, -1.3] + [0.4] * 8 + [3.5]
    rules = stats.western_electric(z)
    assert rules["rule1"].tolist()[-1] and rules["rule1"].sum() == 1
    assert rules["rule2"].tolist()[1:3] == [True, True] and rules["rule2"].sum() == 2
    assert rules.loc[[4, 5, 7, 8], "rule3"].all()
    assert rules["rule4"].iloc[9:17].all() and not rules["rule4"].iloc[:9].any()
    chart = stats.xmr_chart([10, 10.5, 11, 10.8, 10.9, 11.1, 10.7, 11.2, 11, 10.9, 5, 5.2], run_rules=True)
    assert {"rule1", "rule2", "rule3", "rule4"} <= set(chart.columns)
    assert chart["out_of_control"].sum() >= chart["beyond_limits"].sum()


# ---------------------------------------------------------------- XmR
def test_xmr_montgomery_loan_processing_costs():
    # Montgomery (6th ed.), Example 6.5: mortgage-loan processing cost, 20 weeks.
    # x̄ = 300.5, MR̄ = 7.79, UCL = 321.22, LCL = 279.78; MR chart UCL = 3.267 × 7.79 = 25.45; in control.
    cost = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306,
            294, 299, 297, 299, 314, 295, 293, 306, 301, 304]
    chart = stats.xmr_chart(cost)
    row = chart.iloc[0]
    assert row["center"] == pytest.approx(300.5)
    assert row["mr_center"] == pytest.approx(7.79, abs=5e-3)
    assert row["ucl"] == pytest.approx(321.22, abs=5e-3)
    assert row["lcl"] == pytest.approx(279.78, abs=5e-3)
    assert row["mr_ucl"] == pytest.approx(25.45, abs=5e-3)
    assert not chart["out_of_control"].any() and not chart["mr_out_of_control"].any()
    assert math.isnan(row["moving_range"])


def test_xmr_flags_shift_and_edges():
    chart = stats.xmr_chart([10, 11, 10, 11, 10, 11, 10, 30])
    assert chart["out_of_control"].tolist()[-1] is True or chart["out_of_control"].iloc[-1]
    assert chart["mr_out_of_control"].iloc[-1]
    one = stats.xmr_chart([5.0])
    assert math.isnan(one["ucl"].iloc[0]) and not one["out_of_control"].any()
    gaps = stats.xmr_chart([1.0, np.nan, 2.0, 3.0])
    assert gaps["moving_range"].isna().tolist() == [True, True, True, False]


# ---------------------------------------------------------------- funnel
def test_funnel_normal_limits_use_published_z_values():
    # Spiegelhalter (2005), Stat Med 24:1185: 95% and 99.8% limits are p0 ± 1.96 and ± 3.09 SE.
    f = stats.funnel_limits_proportion(0.2, [100, 400], method="normal")
    se = math.sqrt(0.2 * 0.8 / 100)
    assert f.loc[0, "ucl_95"] == pytest.approx(0.2 + 1.959964 * se, abs=1e-6)
    assert f.loc[0, "lcl_998"] == pytest.approx(0.2 - 3.090232 * se, abs=1e-6)
    assert (f["ucl_998"] - f["lcl_998"]).is_monotonic_decreasing


def test_funnel_exact_is_interpolated_binomial_quantile():
    f = stats.funnel_limits_proportion(0.1, [10, 100, 1000, 0])
    # Spiegelhalter (2005) A.1.1: r = smallest count with F(r) >= 0.975, limit = (r − α)/n.
    n, p = 100, 0.1
    r = sps.binom.ppf(0.975, n, p)
    a = (sps.binom.cdf(r, n, p) - 0.975) / sps.binom.pmf(r, n, p)
    assert f.loc[1, "ucl_95"] == pytest.approx((r - a) / n)
    assert r == 16  # P(X <= 16) = 0.979 is the first cumulative probability past 0.975
    # Large n: exact and normal limits agree.
    normal = stats.funnel_limits_proportion(0.1, [1000], method="normal")
    assert f.loc[2, "ucl_998"] == pytest.approx(normal.loc[0, "ucl_998"], abs=0.002)
    assert f.loc[0, "lcl_95"] == 0.0
    assert math.isnan(f.loc[3, "ucl_95"])


def test_funnel_flags_spare_low_volume_agents():
    # Center rate 10%. Agent a: 3 of 10 (30%) is within chance at n = 10; agent b: 30 of 100 is not.
    flags = stats.funnel_flags([3, 30, 97, 900], [10, 100, 1000, 9000], labels=list("abcd"), p0=0.1)
    assert flags.set_index("label").loc["a", "outside_998"] == False  # noqa: E712
    assert flags.set_index("label").loc["b", "direction"] == "high"
    assert not flags.set_index("label").loc["c", "outside_95"]
    pooled = stats.funnel_flags([3, 30], [10, 100])
    assert pooled["center"].iloc[0] == pytest.approx(33 / 110)
    with pytest.raises(ValueError):
        stats.funnel_flags([0], [0])


def test_funnel_means():
    f = stats.funnel_limits_mean(300.0, 120.0, [4, 100])
    assert f.loc[0, "ucl_95"] == pytest.approx(300 + 1.959964 * 60, abs=1e-3)
    flags = stats.funnel_flags_mean([400, 340], [4, 100], target=300.0, sd=120.0, labels=["x", "y"])
    assert flags["outside_95"].tolist() == [False, True]
    assert flags["direction"].tolist() == ["", "high"]


# ---------------------------------------------------------------- percentile ranks
def test_percentile_rank_matches_scipy_docs_example():
    # scipy.stats.percentileofscore docs: [1, 2, 3, 3, 4], score 3, kind='mean' → 60.0.
    assert stats.percentile_rank(3, [1, 2, 3, 3, 4]) == 60.0
    assert stats.percentile_rank(3, []) is None
    assert stats.percentile_rank(float("nan"), [1, 2]) is None
    assert stats.percentile_rank(5, [5]) == 50.0


def test_percentile_within_team_and_center():
    df = pd.DataFrame({
        "agent": list("abcdef"), "team": ["t1", "t1", "t1", "t2", "t2", "t2"],
        "fcr": [60.0, 70.0, 80.0, 65.0, 65.0, np.nan],
    })
    out = stats.peer_percentiles(df, "fcr", "team")
    by_agent = out.set_index("agent")
    assert by_agent.loc["c", "pct_in_team"] == pytest.approx(100 * 2.5 / 3)
    assert by_agent.loc["d", "pct_in_team"] == 50.0
    assert math.isnan(by_agent.loc["f", "pct_in_team"])
    # Center-wide: 70 among [60, 65, 65, 70, 80] → (3 + 0.5)/5.
    assert by_agent.loc["b", "pct_in_center"] == pytest.approx(70.0)
    assert by_agent.loc["b", "pct_in_center"] == stats.percentile_rank(70.0, df["fcr"].dropna())
