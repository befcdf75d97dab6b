"""Statistics that answer "is this change real or noise?" for the pages.

Every function is pure (numbers or frames in, numbers or frames out) and treats an undefined quantity
(a denominator of 0, fewer than two observations) as None rather than raising: pages show "—" for it.
Proportions are fractions 0–1 unless a function's name ends in ``_pct``.
"""
from analytics.stats.bootstrap import BootstrapResult, bootstrap_ci
from analytics.stats.control_charts import p_chart, western_electric, xmr_chart
from analytics.stats.funnel import (
    funnel_flags,
    funnel_flags_mean,
    funnel_limits_mean,
    funnel_limits_proportion,
)
from analytics.stats.means import (
    MeanInterval,
    WelchResult,
    mean_ci_from_sums,
    summary_from_sums,
    t_interval,
    t_interval_from_values,
    welch_from_sums,
    welch_test,
)
from analytics.stats.overdispersion import (
    MIN_DAYS,
    Phi,
    chi2_mean_from_sums,
    chi2_rate_from_sums,
    phi_from_chi2,
    phi_mean_daily,
    phi_rate_daily,
)
from analytics.stats.proportions import (
    delta_significant,
    newcombe_diff_interval,
    newcombe_diff_interval_pct,
    two_proportion_ztest,
    wilson_interval,
    wilson_interval_from_pct,
    wilson_interval_pct,
)
from analytics.stats.ranks import percentile_rank, percentile_rank_within, peer_percentiles

__all__ = [
    "BootstrapResult", "bootstrap_ci",
    "p_chart", "western_electric", "xmr_chart",
    "funnel_flags", "funnel_flags_mean", "funnel_limits_mean", "funnel_limits_proportion",
    "MeanInterval", "WelchResult", "mean_ci_from_sums", "summary_from_sums", "t_interval",
    "t_interval_from_values", "welch_from_sums", "welch_test",
    "MIN_DAYS", "Phi", "chi2_mean_from_sums", "chi2_rate_from_sums", "phi_from_chi2", "phi_mean_daily",
    "phi_rate_daily",
    "delta_significant", "newcombe_diff_interval", "newcombe_diff_interval_pct", "two_proportion_ztest",
    "wilson_interval", "wilson_interval_from_pct", "wilson_interval_pct",
    "percentile_rank", "percentile_rank_within", "peer_percentiles",
]
