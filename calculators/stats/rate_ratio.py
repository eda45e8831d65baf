"""Did the rate change? The ratio of an after-period's event rate to a before-period's, tested exactly.

Conditional on the n events of both periods together, the number that fell in the after period is
binomial(n, share) where share = R T_after / (R T_after + T_before) and R is the true rate ratio; with no change
(R = 1) the share is just the after period's part of the time. This is R's `poisson.test(c(after, before),
c(after_days, before_days))`: the interval is Clopper-Pearson's for the share, turned into a rate ratio through
share / (1 - share) * T_before / T_after, and the p-value is binom.test's two-sided one. It is exact for any count,
which is the point: a practice's trial period is often a few weeks with a handful of events.
"""

from __future__ import annotations

import math

from ..special.beta import beta_log_odds_quantile, binomial_at_least, binomial_at_most, log_binomial_pmf
from .rates import check_level

# binom.test counts an outcome as "as extreme" when its probability is at most the observed one's times this,
# so that outcomes that are equally likely in exact arithmetic are not split by rounding.
_RELATIVE_TOLERANCE = 1 + 1e-7


def rate_ratio(
    before: int, before_days: float, after: int, after_days: float, level: float = 0.95
) -> tuple[float, float, float, float]:
    """(ratio, lower, upper, p_value): the after-rate over the before-rate, its exact interval at `level`, and
    the exact two-sided p-value for "no change".

    Zero counts are answers, not errors: with no events after, the ratio and its lower limit are 0; with none
    before, the ratio and the upper limit are infinite. With no events at all (0 and 0) it returns
    (nan, 0.0, inf, 1.0): the ratio 0/0 is undefined, and no events say nothing, so every ratio from 0 to
    infinity is compatible with them and nothing speaks against "no change". (R's poisson.test stops there.)
    """
    _check_count(before, "before")
    _check_count(after, "after")
    _check_days(before_days, "before_days")
    _check_days(after_days, "after_days")
    check_level(level)
    total = before + after
    days_factor = before_days / after_days  # odds of the share -> rate ratio

    if before == 0:
        ratio = math.nan if after == 0 else math.inf
    else:
        ratio = (after / after_days) / (before / before_days)
    half_alpha = (1 - level) / 2
    # Clopper-Pearson: the share's limits are the beta(after, before + 1) quantile at alpha/2 and the
    # beta(after + 1, before) quantile at 1 - alpha/2, found as log-odds so that share / (1 - share) keeps its
    # precision near 0 and near 1.
    lower = 0.0 if after == 0 else math.exp(beta_log_odds_quantile(half_alpha, after, before + 1)) * days_factor
    upper = (
        math.inf if before == 0 else (math.exp(-beta_log_odds_quantile(half_alpha, before, after + 1)) * days_factor)
    )

    share = after_days / (after_days + before_days)
    other = before_days / (after_days + before_days)
    return ratio, lower, upper, _two_sided_p_value(after, total, share, other)


def _two_sided_p_value(x: int, n: int, p: float, q: float) -> float:
    """binom.test's two-sided p-value: the probability of every outcome no more likely than the observed x.

    The binomial probabilities rise to the mode and fall after it, so the outcomes as unlikely as x on the far
    side of the mean n p are a tail, whose edge is found by bisection instead of R's scan of all n outcomes.
    """
    mean = n * p
    if x == mean:
        return 1.0
    log_limit = log_binomial_pmf(x, n, p, q) + math.log(_RELATIVE_TOLERANCE)
    if x < mean:
        # The first outcome above the mean that is no more likely than x: P(X <= x) + P(X >= edge).
        low, high = math.ceil(mean), n + 1  # the edge lies in [low, high]; n + 1 means "none"
        while low < high:
            middle = (low + high) // 2
            if log_binomial_pmf(middle, n, p, q) <= log_limit:
                high = middle
            else:
                low = middle + 1
        total = binomial_at_most(x, n, p, q) + binomial_at_least(low, n, p, q)
    else:
        # The last outcome below the mean that is no more likely than x: P(X <= edge) + P(X >= x).
        low, high = -1, math.floor(mean)  # the edge lies in [low, high]; -1 means "none"
        while low < high:
            middle = (low + high + 1) // 2
            if log_binomial_pmf(middle, n, p, q) <= log_limit:
                low = middle
            else:
                high = middle - 1
        total = binomial_at_most(low, n, p, q) + binomial_at_least(x, n, p, q)
    return min(1.0, total)


def _check_count(value: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of 0 or more, got {value!r}")


def _check_days(value: float, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
