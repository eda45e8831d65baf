"""rate_ratio against scipy: R's poisson.test for two rates, written again with scipy in tests/independent.py."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from independent import scipy_exact_count_interval, scipy_rate_ratio
from scipy import stats

from calculators import rate_ratio
from calculators.stats.rates import exact_interval as exact_count_interval

COUNTS = [0, 1, 2, 3, 5, 9, 10, 18, 40, 101, 1000, 25_000]
DAYS = [(14, 14), (90, 90), (90, 14), (365, 30), (7, 365), (30.5, 91.25)]
# scipy's binomial tails underflow to 0 (or to garbage denormals) far below this; the page says "p < 0,001".
SMALLEST_COMPARABLE_P = 1e-200


def assert_matches_scipy(before, before_days, after, after_days, level=0.95):
    ratio, lower, upper, p_value = rate_ratio(before, before_days, after, after_days, level)
    expected = scipy_rate_ratio(before, before_days, after, after_days, level)
    where = (before, before_days, after, after_days, level)
    if math.isnan(expected[0]):
        assert math.isnan(ratio), where
    else:
        assert ratio == pytest.approx(expected[0], rel=1e-14), where
    assert lower == pytest.approx(expected[1], rel=1e-10), where
    assert upper == pytest.approx(expected[2], rel=1e-10), where
    if expected[3] > SMALLEST_COMPARABLE_P:
        assert p_value == pytest.approx(expected[3], rel=1e-10), where
    else:
        assert p_value < 1e-190, where


@pytest.mark.parametrize("before_days, after_days", DAYS)
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_matches_scipy_on_a_grid(before_days, after_days, level):
    for before in COUNTS:
        for after in COUNTS:
            assert_matches_scipy(before, before_days, after, after_days, level)


@settings(max_examples=300, deadline=None)
@given(
    before=st.integers(min_value=0, max_value=20_000),
    after=st.integers(min_value=0, max_value=20_000),
    before_days=st.integers(min_value=1, max_value=3650),
    after_days=st.integers(min_value=1, max_value=3650),
    level=st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998]),
)
def test_matches_scipy_anywhere(before, after, before_days, after_days, level):
    assert_matches_scipy(before, before_days, after, after_days, level)


@settings(max_examples=100, deadline=None)
@given(
    before=st.integers(min_value=10**4, max_value=10**8),
    change=st.floats(min_value=-0.05, max_value=0.05),
    before_days=st.integers(min_value=1, max_value=3650),
    after_days=st.integers(min_value=1, max_value=3650),
)
def test_matches_scipy_for_large_counts_near_no_change(before, change, before_days, after_days):
    after = round(before * after_days / before_days * (1 + change))
    # No practice bills a hundred million of anything; past that, scipy's and our last digits part at ~1e-10.
    assume(after <= 10**8)
    assert_matches_scipy(before, before_days, after, after_days)


@pytest.mark.parametrize("before, after", [(40, 18), (3, 5), (0, 9), (12, 0), (1, 1)])
def test_interval_is_clopper_pearson_of_the_split_as_binomtest_gives_it(before, after):
    """The same interval through scipy's own Clopper-Pearson (precise here, where no share is near 1)."""
    days = 14
    interval = stats.binomtest(after, before + after, 0.5).proportion_ci(0.95, method="exact")
    _, lower, upper, _ = rate_ratio(before, days, after, days)
    assert lower == pytest.approx(interval.low / (1 - interval.low), rel=1e-9)
    if before == 0:
        assert upper == math.inf and interval.high == 1
    else:
        assert upper == pytest.approx(interval.high / (1 - interval.high), rel=1e-9)


def test_zero_counts_are_answers():
    ratio, lower, upper, p_value = rate_ratio(0, 14, 0, 14)
    assert math.isnan(ratio) and (lower, upper, p_value) == (0.0, math.inf, 1.0)
    ratio, lower, upper, _ = rate_ratio(5, 14, 0, 14)
    assert ratio == 0.0 and lower == 0.0 and 0 < upper < math.inf
    ratio, lower, upper, _ = rate_ratio(0, 14, 5, 14)
    assert ratio == math.inf and upper == math.inf and 0 < lower < math.inf


@settings(max_examples=200, deadline=None)
@given(
    before=st.integers(min_value=1, max_value=5000),
    after=st.integers(min_value=1, max_value=5000),
    before_days=st.integers(min_value=1, max_value=3650),
    after_days=st.integers(min_value=1, max_value=3650),
)
def test_interval_holds_the_ratio_and_widens_with_the_level(before, after, before_days, after_days):
    ratio, lower, upper, _ = rate_ratio(before, before_days, after, after_days)
    _, wide_lower, wide_upper, _ = rate_ratio(before, before_days, after, after_days, level=0.998)
    assert wide_lower < lower <= ratio <= upper < wide_upper


def test_no_change_has_p_value_one():
    # The observed split equals the expected one exactly (R's "x == m" rule).
    assert rate_ratio(7, 14, 7, 14)[3] == 1.0
    assert rate_ratio(30, 90, 10, 30)[3] == 1.0


@pytest.mark.parametrize(
    "arguments",
    [
        (-1, 14, 5, 14),
        (5, 14, -1, 14),
        (1.5, 14, 5, 14),
        (True, 14, 5, 14),
        (5, 0, 5, 14),
        (5, 14, 5, 0),
        (5, -14, 5, 14),
        (5, math.inf, 5, 14),
        (5, 14, 5, math.nan),
        (5, "14", 5, 14),
    ],
)
def test_refuses_impossible_arguments(arguments):
    with pytest.raises(ValueError):
        rate_ratio(*arguments)


@pytest.mark.parametrize("level", [0, 1, -0.5, 1.5, math.nan])
def test_refuses_a_level_outside_0_1(level):
    with pytest.raises(ValueError):
        rate_ratio(5, 14, 5, 14, level)


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_exact_count_interval_matches_scipy(level):
    for count in [0, 1, 2, 5, 9, 10, 11, 40, 1000, 10**6]:
        expected = scipy_exact_count_interval(count, level)
        assert exact_count_interval(count, level) == pytest.approx(expected, rel=1e-10), count
