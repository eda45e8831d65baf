"""chi2_ppf and gammainc_lower against scipy, which the package itself must not import."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats

from calculators import chi2_ppf, gammainc_lower
from calculators.gamma import gammainc_upper

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
def test_gammainc_lower_matches_scipy_on_a_grid(a):
    for x in [1e-8, 1e-3, 0.1, 0.5, 1, 2, a * 0.5, a, a + 1, a * 1.5, a * 3, 50, 1e3, 3e3]:
        assert gammainc_lower(a, x) == pytest.approx(special.gammainc(a, x), rel=1e-11, abs=1e-300), (a, x)
        assert gammainc_upper(a, x) == pytest.approx(special.gammaincc(a, x), rel=1e-10, abs=1e-300), (a, x)


@settings(max_examples=300, deadline=None)
@given(a=st.floats(min_value=0.05, max_value=1000), x=st.floats(min_value=0, max_value=5000))
def test_gammainc_lower_matches_scipy_anywhere(a, x):
    assert gammainc_lower(a, x) == pytest.approx(special.gammainc(a, x), rel=1e-10, abs=1e-250)


def test_edges():
    assert chi2_ppf(0, 3) == 0
    assert chi2_ppf(1, 3) == math.inf
    assert gammainc_lower(2, 0) == 0
    assert gammainc_lower(2, math.inf) == 1
    # chi-square with 2 df is exponential with mean 2: a closed form to check against
    assert chi2_ppf(0.5, 2) == pytest.approx(2 * math.log(2), rel=1e-13)


@pytest.mark.parametrize("p, df", [(-0.1, 2), (1.1, 2), (0.5, 0), (0.5, -1), (math.nan, 2), (0.5, math.nan)])
def test_refuses_values_outside_the_domain(p, df):
    with pytest.raises(ValueError):
        chi2_ppf(p, df)
