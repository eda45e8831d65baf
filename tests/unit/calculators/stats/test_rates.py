"""rate_ci and the exact interval against an independent scipy computation, and the intervals' coverage."""

from __future__ import annotations

import math

import pytest
from independent import scipy_rate_ci
from scipy import stats

from calculators import rate_ci
from calculators.stats.rates import exact_interval


@pytest.mark.parametrize("level", [0.95, 0.998])
@pytest.mark.parametrize("population", [1, 850, 2000, 12345.0])
def test_rate_ci_matches_scipy_for_counts_0_to_2000(level, population):
    for x in range(2001):
        assert rate_ci(x, population, level) == pytest.approx(scipy_rate_ci(x, population, level), rel=1e-10), x


def test_rate_is_count_over_population_times_per():
    assert rate_ci(25, 5000)[0] == 5.0
    assert rate_ci(25, 5000, per=100_000)[0] == 500.0


def test_exact_interval_is_the_poisson_tail_definition():
    # The exact lower limit is the mean at which seeing x or more has probability alpha/2, the upper the
    # mean at which seeing x or fewer has. Checked with Poisson tails, not with chi-square.
    for x in range(1, 10):
        _, lower, upper = rate_ci(x, 1000)
        assert stats.poisson.sf(x - 1, lower) == pytest.approx(0.025, rel=1e-8)
        assert stats.poisson.cdf(x, upper) == pytest.approx(0.025, rel=1e-8)
    assert stats.poisson.cdf(0, rate_ci(0, 1000)[2]) == pytest.approx(0.025, rel=1e-8)


def test_switches_from_exact_to_byar_at_ten_and_they_nearly_agree_there():
    _, exact_lower, exact_upper = scipy_rate_ci(9, 1000)
    _, byar_lower, byar_upper = rate_ci(10, 1000)
    assert byar_lower > exact_lower and byar_upper > exact_upper  # monotone across the switch
    alpha = 0.05
    exact_at_10 = (stats.chi2.ppf(alpha / 2, 20) / 2, stats.chi2.ppf(1 - alpha / 2, 22) / 2)
    assert byar_lower == pytest.approx(exact_at_10[0], rel=0.01)
    assert byar_upper == pytest.approx(exact_at_10[1], rel=0.01)


def coverage(mean: float, level: float) -> float:
    """Probability that the interval from a Poisson(mean) count contains the mean."""
    top = int(mean + 20 * math.sqrt(mean) + 30)
    return sum(
        stats.poisson.pmf(x, mean)
        for x in range(top)
        if rate_ci(x, 1000, level)[1] <= mean <= rate_ci(x, 1000, level)[2]
    )


@pytest.mark.parametrize("mean", [0.05, 0.3, 1.0, 2.5])
def test_exact_interval_covers_at_least_its_level(mean):
    # With means this small nearly all counts are under 10, where the interval is exact and so conservative.
    assert coverage(mean, 0.95) >= 0.95 - stats.poisson.sf(9, mean)


@pytest.mark.parametrize("mean", [5.0, 9.0, 15.0, 40.0, 120.0])
def test_interval_coverage_is_close_to_its_level(mean):
    assert 0.94 <= coverage(mean, 0.95) <= 0.99


@pytest.mark.parametrize("bad", [0, -1, math.nan, math.inf])
def test_population_must_be_positive(bad):
    with pytest.raises(ValueError):
        rate_ci(3, bad)


def test_negative_count_is_refused():
    with pytest.raises(ValueError):
        rate_ci(-1, 1000)


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_exact_interval_matches_scipy(level):
    alpha = 1 - level
    for count in [0, 1, 2, 3, 9, 10, 25, 100, 1234, 98_765]:
        low = 0.0 if count == 0 else stats.chi2.ppf(alpha / 2, 2 * count) / 2
        high = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
        assert exact_interval(count, level) == pytest.approx((low, high), rel=1e-10)


def test_exact_interval_widens_with_the_level_and_brackets_the_count():
    for count in [1, 5, 50, 500]:
        low_95, high_95 = exact_interval(count, 0.95)
        low_998, high_998 = exact_interval(count, 0.998)
        assert low_998 < low_95 < count < high_95 < high_998


def test_exact_interval_refuses_a_negative_count():
    with pytest.raises(ValueError):
        exact_interval(-1, 0.95)
