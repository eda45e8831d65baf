"""The binomial probabilities and the beta quantile behind rate_ratio, against scipy."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from calculators.special.beta import (
    beta_log_odds_quantile,
    binomial_at_least,
    binomial_at_most,
    log_beta_lower,
    log_binomial_pmf,
)

SHAPES = [0.1, 0.5, 1, 2, 3.5, 10, 41, 100, 999, 1e4, 1e5, 1e6]
TARGETS = [1e-10, 1e-6, 0.0005, 0.001, 0.005, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999, 1 - 1e-8]


def quantile_and_complement(target, a, b):
    t = beta_log_odds_quantile(target, a, b)
    return 1 / (1 + math.exp(-t)), 1 / (1 + math.exp(t))


def assert_quantile_matches_scipy(target, a, b):
    x, y = quantile_and_complement(target, a, b)
    # The quantile and its complement 1 - x, each to relative precision (scipy's isf of the mirrored
    # distribution gives the complement without subtracting from 1).
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            expected_x, expected_y = stats.beta.ppf(target, a, b), stats.beta.isf(target, b, a)
    except RuntimeWarning:
        # Boost's root finder gives up in a few far corners (a = 0.5, b = 2, target 1e-10): check that scipy's
        # distribution function gives back the target at our quantile instead.
        tail = stats.beta.cdf(x, a, b) if target < 0.5 else stats.beta.sf(x, a, b)
        assert tail == pytest.approx(min(target, 1 - target), rel=1e-9), (target, a, b)
        return
    if x == pytest.approx(expected_x, rel=1e-10) and y == pytest.approx(expected_y, rel=1e-10):
        return
    # Boost's quantile is itself off by up to 1e-9 in some far corners (a = 643893, b = 1000, target 0.25: checked
    # with mpmath at 50 digits, ours is right to 1e-13). There scipy's distribution function, more exact than its
    # quantile, must give the target back at our quantile better than at scipy's own.
    # P(X <= x) for X ~ Beta(a, b) is P(Y >= y) for Y = 1 - X ~ Beta(b, a): the upper tail at y, free of 1 - target
    ours, theirs = (abs(special.betaincc(b, a, value) - target) for value in (y, expected_y))
    assert ours <= 1e-9 * target and ours <= theirs, (target, a, b, ours, theirs)


@pytest.mark.parametrize("a", SHAPES)
def test_beta_quantile_matches_scipy_on_a_grid(a):
    for b in SHAPES:
        for target in TARGETS:
            assert_quantile_matches_scipy(target, a, b)


@settings(max_examples=200, deadline=None)
@given(
    target=st.floats(min_value=1e-12, max_value=1 - 1e-12),
    a=st.floats(min_value=0.1, max_value=1e6),
    b=st.floats(min_value=0.1, max_value=1e6),
)
def test_beta_quantile_matches_scipy_anywhere(target, a, b):
    assert_quantile_matches_scipy(target, a, b)


@settings(max_examples=200, deadline=None)
@given(
    target=st.floats(min_value=1e-12, max_value=0.5),
    a=st.integers(min_value=1, max_value=10**7),
    b=st.integers(min_value=1, max_value=10**7),
)
def test_beta_quantile_for_whole_shapes_as_clopper_pearson_uses_them(target, a, b):
    assert_quantile_matches_scipy(target, a, b)


@pytest.mark.parametrize("a", SHAPES)
def test_incomplete_beta_matches_scipy(a):
    for b in SHAPES:
        for x in (1e-12, 1e-6, 0.001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-9):
            expected = stats.beta.logcdf(x, a, b)
            if expected < -700:  # scipy's cdf underflows before our logarithm does
                continue
            assert log_beta_lower(a, b, x, 1 - x) == pytest.approx(expected, rel=1e-10, abs=1e-12), (a, b, x)


@pytest.mark.parametrize("n", [1, 2, 5, 8, 14, 58, 100, 1001, 25_000, 10**6, 10**9])
def test_binomial_probabilities_and_tails_match_scipy(n):
    for p in (1e-6, 0.01, 0.1, 14 / 104, 0.5, 90 / 180, 0.73, 0.99):
        q = 1 - p
        mean = n * p
        ks = {0, 1, n - 1, n, int(mean), int(mean) + 1, int(mean / 2), int(mean + 3 * math.sqrt(mean + 1))}
        for k in sorted(k for k in ks if 0 <= k <= n):
            assert math.exp(log_binomial_pmf(k, n, p, q)) == pytest.approx(
                stats.binom.pmf(k, n, p), rel=1e-10, abs=1e-300
            ), (k, n, p)
            assert binomial_at_least(k, n, p, q) == pytest.approx(stats.binom.sf(k - 1, n, p), rel=1e-10, abs=1e-300), (
                k,
                n,
                p,
            )
            assert binomial_at_most(k, n, p, q) == pytest.approx(stats.binom.cdf(k, n, p), rel=1e-10, abs=1e-300), (
                k,
                n,
                p,
            )


def test_edges():
    assert log_binomial_pmf(-1, 5, 0.5, 0.5) == -math.inf
    assert log_binomial_pmf(6, 5, 0.5, 0.5) == -math.inf
    assert log_binomial_pmf(0, 5, 0.0, 1.0) == 0.0
    assert log_binomial_pmf(5, 5, 1.0, 0.0) == 0.0
    assert binomial_at_least(0, 5, 0.3, 0.7) == 1.0
    assert binomial_at_least(6, 5, 0.3, 0.7) == 0.0
    assert binomial_at_most(5, 5, 0.3, 0.7) == 1.0
    assert binomial_at_most(-1, 5, 0.3, 0.7) == 0.0
    assert log_beta_lower(2, 3, 0.0, 1.0) == -math.inf
    assert log_beta_lower(2, 3, 1.0, 0.0) == 0.0
    # beta(1, 1) is uniform: its quantile is the target itself.
    assert quantile_and_complement(0.025, 1, 1)[0] == pytest.approx(0.025, rel=1e-14)


@pytest.mark.parametrize(
    "target, a, b",
    [
        (0, 1, 1),
        (1, 1, 1),
        (-0.1, 1, 1),
        (math.nan, 1, 1),
        (0.5, 0, 1),
        (0.5, 1, -1),
        (0.5, math.inf, 1),
        (0.5, 1, math.nan),
    ],
)
def test_quantile_refuses_values_outside_the_domain(target, a, b):
    with pytest.raises(ValueError):
        beta_log_odds_quantile(target, a, b)
