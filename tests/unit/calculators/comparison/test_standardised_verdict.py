"""The standardised ratio's verdict against scipy and numpy: the crude rate's rules applied to O / E and 1, in
words that say what the expected count rests on, and never at odds with the interval printed beside it."""

from __future__ import annotations

import random

import pytest
from independent import danish_number, scipy_rate_ci, standardised_verdict

from calculators.comparison.compare import (
    ABOVE_SPREAD,
    AS_EXPECTED_BY_AGE,
    BELOW_SPREAD,
    DIRECTIONS,
    HIGHER_THAN_EXPECTED,
    LOWER_THAN_EXPECTED,
    NOT_ASSESSABLE,
    WITHIN_SPREAD,
)
from calculators.comparison.standardised import (
    interval_text,
    judge_standardised,
    ratio_cell_text,
    spread_around_expected,
)


def judged(observed: int, expected: float, cluster_observed, cluster_expected):
    """The practice judged among the cluster's practices, whose spread around their expected counts is estimated."""
    return judge_standardised(observed, expected, spread_around_expected(cluster_observed, cluster_expected))


def cluster(rng: random.Random, practices: int, spread: float) -> tuple[list[int], list[float]]:
    """Expected counts from 20 to 2,000 and counts drawn around them, each practice off by a factor of about
    exp(spread)."""
    expected = [round(rng.uniform(20, 2000), 2) for _ in range(practices)]
    observed = [max(0, round(rng.gauss(e * rng.lognormvariate(0, spread), e**0.5))) for e in expected]
    return observed, expected


@pytest.mark.parametrize("seed", range(40))
def test_every_practices_verdict_agrees_with_scipy_and_numpy(seed):
    rng = random.Random(seed)
    observed, expected = cluster(rng, rng.randrange(5, 30), spread=[0.0, 0.05, 0.3][seed % 3])
    for o, e in zip(observed, expected):
        result = judged(o, e, observed, expected)
        direction, level, widened = standardised_verdict(o, e, observed, expected)
        assert (DIRECTIONS.get(result.verdict, 0), result.level) == (direction, level), (o, e)
        assert result.overdispersion.widened == widened
        words = (
            {1: ABOVE_SPREAD, -1: BELOW_SPREAD, 0: WITHIN_SPREAD}
            if widened
            else {1: HIGHER_THAN_EXPECTED, -1: LOWER_THAN_EXPECTED, 0: AS_EXPECTED_BY_AGE}
        )
        assert result.verdict == words[direction]


@pytest.mark.parametrize("seed", range(10))
def test_without_widening_the_verdict_never_contradicts_the_interval_beside_it(seed):
    rng = random.Random(seed)
    observed, expected = cluster(rng, 12, spread=0.0)
    for o, e in zip(observed, expected):
        result = judged(o, e, observed, expected)
        if result.overdispersion.widened:
            continue
        inside = result.lower <= 1 <= result.upper
        assert (result.verdict == AS_EXPECTED_BY_AGE) == inside
        assert (result.verdict == HIGHER_THAN_EXPECTED) == (result.lower > 1)


def test_zero_events_and_nothing_expected():
    observed, expected = [0, 40, 52, 61, 45], [50.0, 48.0, 50.0, 55.0, 47.0]
    none = judged(0, 50.0, observed, expected)
    assert none.ratio == 0.0 and none.lower == 0.0 and none.verdict in (LOWER_THAN_EXPECTED, BELOW_SPREAD)
    nothing = judged(0, 0.0, [0, *observed[1:]], [0.0, *expected[1:]])
    assert nothing.verdict == NOT_ASSESSABLE and nothing.ratio is None and "intet at sammenligne med" in nothing.caution


def test_few_expected_events_are_said():
    assert judged(3, 4.2, [3, 5, 4, 6, 2], [4.2, 5.0, 3.9, 5.5, 3.0]).caution.startswith("Få ydelser")
    assert judged(30, 42.0, [30, 50, 40, 60, 20], [42.0, 50.0, 39.0, 55.0, 30.0]).caution is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.1234, "1,12 (12 % flere)"),
        (0.8466, "0,85 (15 % færre)"),
        (1.004, "1,00 (som forventet)"),
        (0.995, "1,00 (som forventet)"),  # rounds half away from zero as written: 1,00
        (2.5, "2,50 (150 % flere)"),
        (0.0, "0,00 (100 % færre)"),
        (12.3456, "12,35 (1.135 % flere)"),
    ],
)
def test_the_ratio_in_words_reads_its_per_cent_off_the_ratio_as_written(value, text):
    assert ratio_cell_text(value) == text


def test_the_interval_is_written_with_the_ratios_decimals():
    result = judged(120, 100.0, [120, 90, 100, 110, 95], [100.0, 100.0, 100.0, 100.0, 100.0])
    _, lower, upper = scipy_rate_ci(120, 100.0, per=1)
    assert interval_text(result) == f"{danish_number(lower, 2)}–{danish_number(upper, 2)}" == "0,99–1,43"


def test_a_cluster_below_the_region_as_a_whole_is_no_spread_between_its_practices():
    """Nine practices all at 85 % of their expected counts: they do not differ from each other, so nothing widens the
    limits, and each is lower than expected (the spread is taken around the cluster's own total, not around 1)."""
    expected = [5000.0 + 1250 * i for i in range(9)]
    observed = [round(0.85 * e) for e in expected]
    for o, e in zip(observed, expected):
        result = judged(o, e, observed, expected)
        assert not result.overdispersion.widened
        assert (result.verdict, result.level) == (LOWER_THAN_EXPECTED, "99,8 %")


def test_the_interval_as_printed_never_contradicts_the_verdict_beside_it():
    """100 events where 81 are expected: the interval's low end is 1.0044, »1,00« to two decimals, which reads as
    inside while the verdict says higher; it is printed with a decimal more. Checked on the printed text, over
    counts from 1 to 400 and expected counts around them."""
    example = judge_standardised(100, 81.0, None)
    assert example.verdict == HIGHER_THAN_EXPECTED and interval_text(example) == "1,004–1,502"
    for observed in range(1, 400, 3):
        for expected in (observed / 1.35, observed / 1.2, observed * 0.99, observed * 1.2, observed * 1.4):
            result = judge_standardised(observed, round(expected, 2), None)
            low, high = (float(end.replace(",", ".")) for end in interval_text(result).split("–"))
            inside = low <= 1 <= high
            assert (result.verdict == AS_EXPECTED_BY_AGE) == inside, (observed, expected, interval_text(result))
