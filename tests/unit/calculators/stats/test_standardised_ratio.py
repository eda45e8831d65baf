"""Expected counts and standardised ratios against numpy and scipy, including the cases the method exists for: a
practice behaving exactly like the reference, age profiles that move the crude rate and not the ratio."""

from __future__ import annotations

import numpy as np
import pytest
from independent import scipy_rate_ci

from calculators.stats.rates import rate_ci
from calculators.stats.standardised import SCALE, band_rates, expected_count

# A fictitious reference: six bands (women and men in three age groups) with rising rates by age.
REFERENCE_LISTED = [20_000, 25_000, 10_000, 19_000, 24_000, 9_000]
REFERENCE_COUNTS = [2_000, 7_500, 8_000, 1_520, 6_000, 6_300]  # rates 0.1, 0.3, 0.8, 0.08, 0.25, 0.7
YOUNG = [1_800, 1_200, 100, 1_700, 1_100, 100]  # a practice of young families
OLD = [300, 900, 1_400, 200, 800, 1_300]  # a practice with many older patients


def ratio(observed: int, expected: float, level: float = 0.95) -> tuple[float, float, float]:
    return tuple(value / SCALE for value in rate_ci(observed, expected, level))


def test_expected_count_is_patients_times_the_reference_rates_band_by_band():
    rates = band_rates(REFERENCE_COUNTS, REFERENCE_LISTED)
    for profile in (YOUNG, OLD, [5, 0, 0, 0, 0, 7]):
        independent = float(np.dot(profile, np.divide(REFERENCE_COUNTS, REFERENCE_LISTED)))
        assert expected_count(profile, rates) == pytest.approx(independent, rel=1e-12)


def test_a_practice_behaving_like_the_reference_gets_a_ratio_of_one_whatever_its_age_profile():
    rates = band_rates(REFERENCE_COUNTS, REFERENCE_LISTED)
    for profile in (YOUNG, OLD):
        observed = round(float(np.dot(profile, rates)))  # every band's count is a whole number here
        assert ratio(observed, expected_count(profile, rates))[0] == pytest.approx(1.0, abs=1e-12)


def test_two_practices_with_the_same_band_rates_differ_in_crude_rate_and_not_in_ratio():
    rates = band_rates(REFERENCE_COUNTS, REFERENCE_LISTED)
    own_rates = [1.2 * r for r in rates]  # both use the code 20 % more than the region in every band
    observed = {name: round(float(np.dot(p, own_rates))) for name, p in (("young", YOUNG), ("old", OLD))}
    crude = {name: observed[name] * 1000 / sum(p) for name, p in (("young", YOUNG), ("old", OLD))}
    assert crude["old"] / crude["young"] > 2  # the age profile alone more than doubles the crude rate
    ratios = {name: ratio(observed[name], expected_count(p, rates))[0] for name, p in (("young", YOUNG), ("old", OLD))}
    assert ratios["young"] == pytest.approx(1.2, abs=1e-3) and ratios["old"] == pytest.approx(1.2, abs=1e-3)


@pytest.mark.parametrize("observed", [0, 1, 4, 9, 10, 11, 57, 1_234, 98_765])
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_the_ratios_interval_is_the_counts_interval_over_the_expected_count(observed, level):
    """PHEindicatormethods' calculate_ISRatio: exact below 10 events, Byar's from 10, divided by E."""
    expected = 73.25
    value, lower, upper = ratio(observed, expected, level)
    independent = scipy_rate_ci(observed, expected, level, per=1)
    assert (value, lower, upper) == pytest.approx(independent, rel=1e-9, abs=1e-12)


def test_no_events_give_a_ratio_of_zero_with_an_upper_limit():
    value, lower, upper = ratio(0, 12.5)
    assert (value, lower) == (0.0, 0.0)
    assert upper == pytest.approx(scipy_rate_ci(0, 12.5, per=1)[2]) and upper == pytest.approx(3.6889 / 12.5, 1e-4)


def test_a_band_without_patients_adds_nothing_and_one_without_a_reference_rate_cannot_be_expected():
    rates = band_rates([10, 0, 30], [100, 0, 300])
    assert rates == (0.1, None, 0.1)
    assert expected_count([50, 0, 50], rates) == pytest.approx(10.0)
    with pytest.raises(ValueError, match="no expected count"):
        expected_count([50, 1, 50], rates)
    with pytest.raises(ValueError):
        expected_count([50, -1, 50], rates)
