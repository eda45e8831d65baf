"""The fast paths of calculators.gamma: Temme's expansion for large a, the one-evaluation quantile step, and the
normal quantile that replaces statistics.NormalDist. Against scipy, which the package itself must not import."""

from __future__ import annotations

import math
import random
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from calculators import gamma, poisson_limits
from calculators.temme import COEFFICIENTS, coefficients


def test_the_table_is_what_the_exact_generator_makes():
    assert coefficients() == COEFFICIENTS


def test_the_first_coefficients_are_temmes():
    # DLMF 8.12.11: c_0(0) = -1/3, c_1(0) = -1/540, c_2(0) = 25/6048.
    assert COEFFICIENTS[0][0] == pytest.approx(-1 / 3, rel=1e-15)
    assert COEFFICIENTS[1][0] == pytest.approx(-1 / 540, rel=1e-15)
    assert COEFFICIENTS[2][0] == pytest.approx(25 / 6048, rel=1e-15)


@settings(max_examples=300, deadline=None)
@given(log_a=st.floats(min_value=math.log(100), max_value=math.log(2e5)), z=st.floats(min_value=-8, max_value=8))
def test_expansion_matches_scipy_near_the_mean(log_a, z):
    # Where the funnel limits lie: within a few standard deviations of a, for large a.
    a = math.exp(log_a)
    x = a + z * math.sqrt(a)
    p, q = gamma._gamma_p_q(a, x)
    assert p == pytest.approx(special.gammainc(a, x), rel=1e-12, abs=1e-300)
    assert q == pytest.approx(special.gammaincc(a, x), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("a", [100, 100.5, 250, 1e3, 5e4, 2e5])
def test_expansion_across_its_domain(a):
    # From x = 0.32 a to 2.2 a (|eta| <= 1), up to where it hands over to the series and the continued fraction.
    # Those agree with it where they are accurate themselves: for large a their prefactor x^a e^-x / Gamma(a)
    # loses digits (a log x is large), which is why the expansion takes over there.
    for x in [0.32 * a, 0.5 * a, 0.9 * a, a, a + 1, 1.1 * a, 2.2 * a]:
        assert abs(gamma._temme_eta(a, x)) <= 1
        p, q = gamma._temme(a, gamma._temme_eta(a, x))
        assert p == pytest.approx(special.gammainc(a, x), rel=1e-12, abs=1e-300), (a, x)
        assert q == pytest.approx(special.gammaincc(a, x), rel=1e-12, abs=1e-300), (a, x)
        if a <= 1000:
            series_p = gamma._series(a, x) if x < a + 1 else 1 - gamma._continued_fraction(a, x)
            series_q = 1 - gamma._series(a, x) if x < a + 1 else gamma._continued_fraction(a, x)
            small, series = (p, series_p) if p < q else (q, series_q)
            assert small == pytest.approx(series, rel=1e-11), (a, x)


@pytest.mark.parametrize("df", [199, 200, 201, 1000, 2500.5, 10_000, 123_456.7, 400_000])
def test_large_df_quantiles_match_scipy(df):
    for p in [1e-6, 0.001, 0.025, 0.5, 0.975, 0.999, 1 - 1e-6]:
        assert gamma.chi2_ppf(p, df) == pytest.approx(stats.chi2.ppf(p, df), rel=1e-11), (p, df)


def test_funnel_limits_for_large_expected_counts_match_scipy():
    rng = random.Random(5)
    for _ in range(300):
        expected = 10 ** rng.uniform(1, 5.3)
        for level in (0.95, 0.998):
            alpha = 1 - level
            low = stats.chi2.ppf(alpha / 2, 2 * expected) / 2
            high = stats.chi2.ppf(1 - alpha / 2, 2 * expected + 2) / 2
            assert poisson_limits(expected, level) == pytest.approx((low, high), rel=1e-11), expected


def test_one_evaluation_per_funnel_quantile_for_large_expected_counts(monkeypatch):
    # Not a timing: the count of incomplete-gamma evaluations, which is what the funnel's cost is made of.
    calls = []
    original = gamma._gamma_p_q
    monkeypatch.setattr(gamma, "_gamma_p_q", lambda a, x: calls.append(a) or original(a, x))
    for expected in [60, 150, 800, 4_000, 30_000, 150_000]:
        for level in (0.95, 0.998):
            poisson_limits(expected, level)
    assert len(calls) == 6 * 2 * 2


def test_normal_quantile_is_statistics_own():
    reference = NormalDist()
    rng = random.Random(1)
    for p in [rng.random() for _ in range(10_000)] + [1e-300, 1e-12, 0.025, 0.5, 0.975, 1 - 1e-12]:
        if 0 < p < 1:
            assert gamma.normal_quantile(p) == reference.inv_cdf(p), p
