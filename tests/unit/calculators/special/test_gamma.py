"""chi2_ppf and the incomplete gamma function against scipy, which the package itself must not import; and the fast
paths: Temme's expansion for large a, and one evaluation per quantile where a funnel needs them."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from calculators.special import gamma
from calculators.special.gamma import chi2_ppf, incomplete_gamma

DFS = [0.1, 0.3, 0.5, 1, 1.5, 2, 3, 4.5, 7, 10, 18, 20, 22, 37, 50, 99, 100, 250, 500, 1000, 1999, 2000]
PS = [
    1e-6,
    1e-4,
    0.001,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    0.75,
    0.9,
    0.95,
    0.975,
    0.99,
    0.999,
    0.9999,
    1 - 1e-6,
]


@pytest.mark.parametrize("df", DFS)
def test_chi2_ppf_matches_scipy_on_a_grid(df):
    for p in PS:
        assert chi2_ppf(p, df) == pytest.approx(stats.chi2.ppf(p, df), rel=1e-10), (p, df)


@settings(max_examples=300, deadline=None)
@given(p=st.floats(min_value=1e-6, max_value=1 - 1e-6), df=st.floats(min_value=0.1, max_value=2000))
def test_chi2_ppf_matches_scipy_anywhere(p, df):
    assert chi2_ppf(p, df) == pytest.approx(stats.chi2.ppf(p, df), rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(p=st.floats(min_value=1e-6, max_value=1 - 1e-6), df=st.floats(min_value=0.1, max_value=2000))
def test_chi2_ppf_inverts_the_cdf(p, df):
    x = chi2_ppf(p, df)
    # Compare in the smaller tail, where a relative error is meaningful.
    if p <= 0.5:
        assert special.gammainc(df / 2, x / 2) == pytest.approx(p, rel=1e-9)
    else:
        assert special.gammaincc(df / 2, x / 2) == pytest.approx(1 - p, rel=1e-9)


@pytest.mark.parametrize("a", [0.05, 0.5, 1, 2.5, 10, 100, 1000])
def test_incomplete_gamma_matches_scipy_on_a_grid(a):
    for x in [1e-8, 1e-3, 0.1, 0.5, 1, 2, a * 0.5, a, a + 1, a * 1.5, a * 3, 50, 1e3, 3e3]:
        assert incomplete_gamma(a, x)[0] == pytest.approx(special.gammainc(a, x), rel=1e-11, abs=1e-300), (a, x)
        assert incomplete_gamma(a, x)[1] == pytest.approx(special.gammaincc(a, x), rel=1e-10, abs=1e-300), (a, x)


@settings(max_examples=300, deadline=None)
@given(a=st.floats(min_value=0.05, max_value=1000), x=st.floats(min_value=0, max_value=5000))
def test_incomplete_gamma_matches_scipy_anywhere(a, x):
    assert incomplete_gamma(a, x)[0] == pytest.approx(special.gammainc(a, x), rel=1e-10, abs=1e-250)


def test_edges():
    assert chi2_ppf(0, 3) == 0
    assert chi2_ppf(1, 3) == math.inf
    assert incomplete_gamma(2, 0)[0] == 0
    assert incomplete_gamma(2, math.inf)[0] == 1
    # chi-square with 2 df is exponential with mean 2: a closed form to check against
    assert chi2_ppf(0.5, 2) == pytest.approx(2 * math.log(2), rel=1e-13)


@pytest.mark.parametrize("p, df", [(-0.1, 2), (1.1, 2), (0.5, 0), (0.5, -1), (math.nan, 2), (0.5, math.nan)])
def test_refuses_values_outside_the_domain(p, df):
    with pytest.raises(ValueError):
        chi2_ppf(p, df)


@settings(max_examples=300, deadline=None)
@given(log_a=st.floats(min_value=math.log(100), max_value=math.log(2e5)), z=st.floats(min_value=-8, max_value=8))
def test_expansion_matches_scipy_near_the_mean(log_a, z):
    # Where the funnel limits lie: within a few standard deviations of a, for large a.
    a = math.exp(log_a)
    x = a + z * math.sqrt(a)
    p, q = gamma.incomplete_gamma(a, x)
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
            got = (gamma.chi2_ppf(alpha / 2, 2 * expected) / 2, gamma.chi2_ppf(1 - alpha / 2, 2 * expected + 2) / 2)
            assert got == pytest.approx((low, high), rel=1e-11), expected


def test_one_evaluation_per_funnel_quantile_for_large_expected_counts(monkeypatch):
    # Not a timing: the count of incomplete-gamma evaluations, which is what the funnel's cost is made of.
    calls = []
    original = gamma.incomplete_gamma
    monkeypatch.setattr(gamma, "incomplete_gamma", lambda a, x: calls.append(a) or original(a, x))
    for expected in [60, 150, 800, 4_000, 30_000, 150_000]:
        for level in (0.95, 0.998):
            alpha = 1 - level
            gamma.chi2_ppf(alpha / 2, 2 * expected), gamma.chi2_ppf(1 - alpha / 2, 2 * expected + 2)
    assert len(calls) == 6 * 2 * 2
