"""The funnel's limits against the verdict: for every list size and count, the chart and the table agree.

The verdict is computed independently with scipy (independent.scipy_verdict); the chart's position is the count's
rate against the shipped funnel's limits at that list size (strictly above the upper line is higher, strictly
below the lower line is lower, on a line is inside, as the page draws it).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from independent import scipy_verdict

from calculators.comparison.compare import compare_with_cluster
from calculators.stats.funnel import funnel, funnel_point, limits

LIST_SIZES = (850, 2000, 4321, 12000)


def chart_position(counts: np.ndarray, listed: int, low: float, high: float) -> np.ndarray:
    rates = counts * 1000 / listed
    return np.where(rates > high, 1, np.where(rates < low, -1, 0))


def plausible_counts(expected: float) -> np.ndarray:
    """Every count a practice could have: 0 up to well beyond the outer limit."""
    return np.arange(int(expected + 12 * math.sqrt(expected) + 30) + 1)


def test_chart_and_verdict_agree_over_the_grid(capsys):
    expected_counts = np.concatenate([np.geomspace(0.5, 2500, 1000), np.arange(1, 60), [2500.0]])
    pairs = disagreements = 0
    for i, expected in enumerate(expected_counts):
        listed = LIST_SIZES[i % len(LIST_SIZES)]
        pooled = expected * 1000 / listed
        counts = plausible_counts(expected)
        for level in (0.95, 0.998):
            low, high = limits(pooled, listed, level)
            verdict = scipy_verdict(counts, listed, pooled, level)
            disagreements += int((chart_position(counts, listed, low, high) != verdict).sum())
        pairs += len(counts)
    with capsys.disabled():
        print(
            f"\nfunnel grid: {len(expected_counts)} expected counts 0,5-2.500, {pairs} (expected, count) pairs "
            f"checked at 95 % and 99,8 %, disagreements: {disagreements}"
        )
    assert pairs > 400_000
    assert disagreements == 0


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_each_limit_lies_between_the_last_count_inside_and_the_first_outside(level):
    # Where exactly between two counts the line runs is PHE's interpolation; it must be in that gap, and
    # rising with the list size for a given pooled rate (as counts).
    pooled = 45.0
    previous = (-1.0, -1.0)
    for listed in range(100, 20001, 137):
        counts = plausible_counts(pooled * listed / 1000)
        verdict = scipy_verdict(counts, listed, pooled, level)
        low, high = (limit * listed / 1000 for limit in limits(pooled, listed, level))
        first_higher = counts[verdict == 1].min()
        assert first_higher - 1 <= high < first_higher
        lowers = counts[verdict == -1]
        if len(lowers):
            assert lowers.max() < low <= lowers.max() + 1
        else:
            assert low == 0
        assert (low, high) >= previous
        previous = (low, high)


def test_the_issues_examples():
    # A 2,000-patient practice in a cluster at 45 per 1,000 (90 expected): 72 events are inside the 95 % line,
    # 110 above it, and 0 where 3 are expected (1,500 patients at 2 per 1,000) below the 99,8 % line.
    point = funnel_point(45.0, 2000)
    assert point["low_95"] < 72 / 2 and point["high_95"] < 110 / 2
    assert scipy_verdict(np.array([72, 110]), 2000, 45.0, 0.95).tolist() == [0, 1]
    small = funnel_point(2.0, 1500)
    assert small["low_998"] == 0 and small["low_95"] == 0
    assert scipy_verdict(np.array([0]), 1500, 2.0, 0.95).tolist() == [0]


def test_funnel_points_cover_the_sizes_and_the_practice():
    points = funnel(12.0, [1200, 3400, 5000], 600)
    sizes = [p["listed"] for p in points]
    assert sizes == sorted(set(sizes)) and sizes[0] == 600 and sizes[-1] == 5000
    assert 20 <= len(sizes) <= 25
    for point in points:
        assert point["low_998"] <= point["low_95"] < 12.0 < point["high_95"] < point["high_998"]


@pytest.mark.parametrize("count", range(0, 140, 3))
def test_the_table_and_the_practices_funnel_point_agree(count, indicators, cluster_b):
    comparison = compare_with_cluster({"4436": count, "1003": 0, "0101": 9000}, 2500, indicators, cluster_b)
    video = comparison.indicators[0]
    point = video.limits
    position = chart_position(np.array([count]), 2500, point["low_95"], point["high_95"])[0]
    strict = chart_position(np.array([count]), 2500, point["low_998"], point["high_998"])[0]
    direction = {
        "Højere end klyngens samlede rate": 1,
        "Lavere end klyngens samlede rate": -1,
        "Ingen tydelig forskel fra klyngens samlede rate": 0,
    }[video.verdict]
    assert position == direction
    assert (video.level == "99,8 %") == (strict != 0)
