"""Period-over-period comparison as a table of known answers: the 95% interval of a value, the p-value
of a delta and whether it is significant, for rates (Wilson, two-proportion z) and means (t, Welch), and
nothing invented for counts or undefined values."""
import math

import pytest
from scipy import stats as scipy_stats

from analytics.core import comparison, registry

SL = registry.get("service_level_pct")      # a rate
ASA = registry.get("asa_s")                 # a mean
OFFERED = registry.get("offered")           # a count: no interval, no test


def rate(k, num, den):
    return {k.id: 100.0 * num / den if den else None, f"{k.id}__num": num, f"{k.id}__den": den}


def mean(k, values):
    n = len(values)
    return {k.id: sum(values) / n if n else None, f"{k.id}__num": float(sum(values)), f"{k.id}__den": n,
            f"{k.id}__sumsq": float(sum(v * v for v in values))}


A = [10.0, 12.0, 14.0, 16.0, 18.0]
B = [20.0, 24.0, 28.0, 32.0, 36.0, 40.0]
A_CI = (14.0 - 2.776445 * math.sqrt(10.0 / 5), 14.0 + 2.776445 * math.sqrt(10.0 / 5))  # mean ± t(4) · s/√n

TABLE = [
    # (KPI, current, previous, delta, p-value, significant, interval of the current value)
    (SL, rate(SL, 50, 100), rate(SL, 50, 100), 0.0, 1.0, False, (40.383, 59.617)),
    (SL, rate(SL, 60, 100), rate(SL, 45, 100), 15.0, 0.03365, True, (50.200, 69.060)),
    (SL, rate(SL, 8, 10), rate(SL, 7, 10), 10.0, 0.6056, False, (49.016, 94.331)),
    (SL, rate(SL, 5, 10), rate(SL, 0, 0), None, None, None, (23.659, 76.341)),       # nothing to compare with
    (SL, rate(SL, 0, 0), rate(SL, 5, 10), None, None, None, None),                   # undefined now
    (ASA, mean(ASA, A), mean(ASA, B), -16.0, scipy_stats.ttest_ind(A, B, equal_var=False).pvalue, True, A_CI),
    (ASA, mean(ASA, A), mean(ASA, A), 0.0, 1.0, False, A_CI),
    (OFFERED, {"offered": 120.0}, {"offered": 100.0}, 20.0, None, None, None),
]


@pytest.mark.parametrize("k, cur, prev, delta, p, significant, ci", TABLE,
                         ids=[f"{t[0].id}-{i}" for i, t in enumerate(TABLE)])
def test_delta_rows(k, cur, prev, delta, p, significant, ci):
    row = comparison.delta_row(cur, prev, k)
    assert row["delta"] == (None if delta is None else pytest.approx(delta))
    assert row["p_value"] == (None if p is None else pytest.approx(p, abs=1e-4))
    assert row["significant"] is significant
    assert row["ci"] == (None if ci is None else pytest.approx(ci, abs=1e-3))
