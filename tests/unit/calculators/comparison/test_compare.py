"""compare_with_cluster: rates, cluster summary, position, verdict and caution on hand-built clusters."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from independent import scipy_rate_ci

from calculators.comparison.compare import (
    AS_EXPECTED,
    HIGHER,
    LOWER,
    NOT_ASSESSABLE,
    NOT_COMPUTED,
    caution,
    cluster_reference,
    compare_with_cluster,
    judge,
)


def compare_video(count: int, listed: int, indicators, cluster):
    comparison = compare_with_cluster({"4436": count, "1003": 0}, listed, indicators, cluster)
    return comparison.indicators[0]


def scipy_interval(x: int, population: int, level: float) -> tuple[float, float]:
    return scipy_rate_ci(x, population, level)[1:]


# Cluster A's pooled video rate is exactly 10 per 1,000. For a practice of 2,000 patients the 95 % interval
# of 29 events is 9.71-20.8 (contains 10), of 30 events 10.12-21.4 (does not); the 99.8 % interval of 35
# events is 9.75-28.7, of 36 events 10.12-29.4. Downwards, 12 events give 3.10-10.48, 11 give 2.74-9.84, and
# the 99.8 % interval of 3 events is 0.10-6.53, of 8 events 0.99-10.58.
@pytest.mark.parametrize(
    "count, verdict, level",
    [
        (20, AS_EXPECTED, None),
        (29, AS_EXPECTED, None),
        (30, HIGHER, "95 %"),
        (35, HIGHER, "95 %"),
        (36, HIGHER, "99,8 %"),
        (200, HIGHER, "99,8 %"),
        (12, AS_EXPECTED, None),
        (11, LOWER, "95 %"),
        (8, LOWER, "95 %"),
        (3, LOWER, "99,8 %"),
        (0, LOWER, "99,8 %"),
    ],
)
def test_verdicts_on_a_cluster_with_a_known_pooled_rate(count, verdict, level, indicators, cluster_a):
    result = compare_video(count, 2000, indicators, cluster_a)
    assert result.pooled_rate == 10.0
    assert (result.verdict, result.level) == (verdict, level)
    # and once more from scipy's intervals
    lower, upper = scipy_interval(count, 2000, 0.95)
    lower_998, upper_998 = scipy_interval(count, 2000, 0.998)
    outside_95 = not lower <= 10 <= upper
    outside_998 = not lower_998 <= 10 <= upper_998
    assert (verdict != AS_EXPECTED) == outside_95
    assert (level == "99,8 %") == outside_998


def test_verdict_on_the_limit_counts_as_inside():
    assert judge(10.0, (10.0, 20.0), (8.0, 25.0)) == (AS_EXPECTED, None)
    assert judge(20.0, (10.0, 20.0), (8.0, 25.0)) == (AS_EXPECTED, None)
    assert judge(7.0, (10.0, 20.0), (8.0, 25.0)) == (HIGHER, "99,8 %")
    assert judge(21.0, (10.0, 20.0), (8.0, 25.0)) == (LOWER, "95 %")


def test_result_fields(indicators, cluster_b):
    comparison = compare_with_cluster({"4436": 40, "1003": 5, "0101": 9000}, 2500, indicators, cluster_b)
    assert comparison.cluster_id == "B" and comparison.cluster_name == "Klynge B"
    assert comparison.listed_patients == 2500
    assert comparison.missing_codes == ()
    video, visits = comparison.indicators
    assert (video.id, video.name, video.codes) == ("video", "Videokonsultationer", ("4436", "1003"))
    assert video.count == 45
    assert video.rate == pytest.approx(18.0)
    lower, upper = scipy_interval(45, 2500, 0.95)
    assert (video.lower, video.upper) == pytest.approx((lower, upper), rel=1e-10)
    rates = [c / n * 1000 for c, n in zip(cluster_b["counts"]["video"], cluster_b["listed"])]
    assert video.cluster_rates == pytest.approx(rates)
    assert video.cluster_listed == tuple(cluster_b["listed"])
    # rates: 10, 23.53, 12, 5, 12, 20 -> sorted 5, 10, 12, 12, 20, 23.53
    assert video.cluster_min == pytest.approx(5.0)
    assert video.cluster_q1 == pytest.approx(10.5)
    assert video.cluster_median == pytest.approx(12.0)
    assert video.cluster_q3 == pytest.approx(18.0)
    assert video.cluster_max == pytest.approx(80 / 3.4)
    assert video.pooled_rate == pytest.approx(sum(cluster_b["counts"]["video"]) / sum(cluster_b["listed"]) * 1000)
    assert (video.n_lower, video.n_equal, video.m) == (4, 0, 6)  # 5, 10, 12, 12 below; 20, 23.5 above
    assert visits.count == 9000 and visits.id == "konsultation"


def test_ties_with_equal_ratios_are_exact(indicators, cluster_b):
    # 12 of 1,200 and 30 of 2,500 are both 10 and 12 per 1,000; a practice at 24 of 2,000 ties with two.
    result = compare_video(24, 2000, indicators, cluster_b)
    assert (result.n_lower, result.n_equal, result.m) == (2, 2, 6)


def test_an_indicator_with_a_code_not_pasted_is_not_computed(indicators, cluster_a):
    comparison = compare_with_cluster({"4436": 30}, 2000, indicators, cluster_a)
    assert comparison.missing_codes == ("1003", "0101")
    for result, code in zip(comparison.indicators, ("1003", "0101")):
        assert (result.verdict, result.level, result.count, result.rate) == (NOT_COMPUTED, None, None, None)
        assert result.caution == f"Ydelseskode {code} er ikke med i jeres tal. Har I ingen, så skriv {code};0."
        assert not result.judged and not result.has_caution
        assert result.pooled_rate > 0  # the cluster's numbers are still there


def test_zero_pasted_is_a_count(indicators, cluster_a):
    comparison = compare_with_cluster({"4436": 0, "1003": 0, "0101": 0}, 2000, indicators, cluster_a)
    assert [r.count for r in comparison.indicators] == [0, 0]
    assert comparison.indicators[0].verdict == LOWER


def test_a_cluster_without_events_cannot_be_assessed(indicators, cluster_a):
    cluster_a["counts"]["video"] = [0] * 5
    for count in (0, 1, 50, 5000):
        result = compare_video(count, 2000, indicators, cluster_a)
        assert (result.verdict, result.level) == (NOT_ASSESSABLE, None)
        assert result.pooled_rate == 0 and result.count == count and result.overdispersion is None
        assert "intet at sammenligne med" in result.caution


def test_codes_without_leading_zeros_are_matched(indicators, cluster_a):
    comparison = compare_with_cluster({"4436": 30, "1003": 0, "101": 7}, 2000, indicators, cluster_a)
    assert comparison.missing_codes == ()
    assert comparison.indicators[1].count == 7


@pytest.mark.parametrize(
    "count, listed, has_few, has_small",
    [
        (9, 2000, False, False),  # 20 expected: a count, not a caution
        (0, 2000, False, False),  # none where 20 are expected is a clear result
        (10, 2000, False, False),
        (50, 999, True, True),  # 9,99 expected at the cluster's 10 per 1.000
        (3, 500, True, True),
        (0, 1000, False, False),  # exactly 10 expected
    ],
)
def test_caution_for_few_expected_events_or_a_small_list(count, listed, has_few, has_small, indicators, cluster_a):
    result = compare_video(count, listed, indicators, cluster_a)
    assert result.has_caution == (has_few or has_small)
    text = result.caution or ""
    assert ("ventes under 10" in text) == has_few
    assert ("under 1.000 tilmeldte patienter" in text) == has_small


def test_caution_words():
    assert caution(9.99, 5000) == (
        "Få ydelser at forvente: ud fra klyngens samlede rate ventes under 10 hos jer, så tilfældigheder fylder meget."
    )
    assert caution(10, 5000) is None


def test_no_better_or_worse_language(indicators, cluster_a):
    for count in (0, 3, 11, 20, 30, 36):
        result = compare_video(count, 2000, indicators, cluster_a)
        words = f"{result.verdict} {result.caution or ''}".lower()
        assert not any(word in words for word in ("bedre", "dårligere", "værre", "god", "dårlig"))


def test_cluster_with_mismatched_lengths_is_a_data_error(indicators, cluster_a):
    cluster_a["counts"]["video"].append(3)
    with pytest.raises(ValueError):
        compare_with_cluster({"4436": 3}, 2000, indicators, cluster_a)


def test_listed_must_be_positive(indicators, cluster_a):
    with pytest.raises(ValueError):
        compare_with_cluster({"4436": 3}, 0, indicators, cluster_a)


# The cluster's summary is kept between presses (comparison.cluster_reference). A press must never be answered
# from another cluster's or another reference's summary: the same cluster id with other counts or other list
# sizes gives that reference's own figures, checked here against numpy.
@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(0, 5000), min_size=2, max_size=30),
    practice=st.integers(0, 3000),
    data=st.data(),
)
def test_a_kept_cluster_summary_never_answers_for_another_reference(counts, practice, data):
    listed = data.draw(st.lists(st.integers(300, 20000), min_size=len(counts), max_size=len(counts)))
    indicators = [{"id": "video", "name": "Video", "codes": ["4436"]}]
    first = {"id": "k1", "name": "K", "listed": listed, "counts": {"video": counts}}
    changed = [c + 1 for c in counts]
    second = {"id": "k1", "name": "K", "listed": listed, "counts": {"video": changed}}
    for cluster, cluster_counts in ((first, counts), (second, changed), (first, counts)):
        result = compare_with_cluster({"4436": practice}, 5000, indicators, cluster).indicators[0]
        rates = np.asarray(cluster_counts) * 1000 / np.asarray(listed)
        assert result.pooled_rate == pytest.approx(sum(cluster_counts) * 1000 / sum(listed), rel=1e-12)
        np.testing.assert_allclose(result.cluster_rates, rates, rtol=1e-12)
        assert result.cluster_median == pytest.approx(np.median(rates), rel=1e-12)
        own = practice * 1000 / 5000
        assert (result.n_lower, result.n_equal) == (int(np.sum(rates < own)), int(np.sum(rates == own)))


def position(value: float, rates: list[float]) -> tuple[int, int]:
    """The cluster's position of a rate, with the practices' rates made exactly `rates` (counts of 1,000 listed)."""
    return cluster_reference(tuple(int(r) for r in rates), (1000,) * len(rates)).position(value)


def test_position_counts_lower_and_equal():
    assert position(5.0, [1.0, 2.0, 5.0, 7.0, 9.0]) == (2, 1)
    assert position(5.0, [5.0, 5.0, 5.0]) == (0, 3)
    assert position(10.0, [1.0, 2.0]) == (2, 0)
    assert position(0.0, [1.0, 2.0]) == (0, 0)


@settings(max_examples=200, deadline=None)
@given(value=st.integers(0, 20), others=st.lists(st.integers(0, 20), min_size=1, max_size=30))
def test_position_partitions_the_cluster(value, others):
    n_lower, n_equal = position(float(value), [float(o) for o in others])
    m = len(others)
    n_higher = sum(1 for o in others if o > value)
    assert n_lower + n_equal + n_higher == m == len(others)
