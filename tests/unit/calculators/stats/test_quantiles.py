"""quantiles: the cluster summary."""

from __future__ import annotations

import statistics

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import quantiles


def test_known_values():
    # R: quantile(c(1, 2, 3, 4), type = 7) gives 1, 1.75, 2.5, 3.25, 4
    assert quantiles([4, 1, 3, 2]) == (1, 1.75, 2.5, 3.25, 4)
    assert quantiles([7]) == (7, 7, 7, 7, 7)
    assert quantiles([5, 1]).median == 3


def test_fields_are_named():
    summary = quantiles([1, 2, 3, 4, 5])
    assert (summary.min, summary.q1, summary.median, summary.q3, summary.max) == (1, 2, 3, 4, 5)


def test_no_values_is_an_error():
    with pytest.raises(ValueError):
        quantiles([])


values = st.lists(st.floats(min_value=0, max_value=1e4, allow_nan=False), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(values)
def test_matches_numpy_linear_percentiles(data):
    expected = np.percentile(data, [0, 25, 50, 75, 100])
    assert quantiles(data) == pytest.approx(tuple(expected), rel=1e-12, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e4, allow_nan=False), min_size=2, max_size=60))
def test_matches_statistics_inclusive_quartiles(data):
    q1, median, q3 = statistics.quantiles(data, n=4, method="inclusive")
    summary = quantiles(data)
    assert (summary.q1, summary.median, summary.q3) == pytest.approx((q1, median, q3), rel=1e-12, abs=1e-12)
