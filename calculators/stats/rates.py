"""Rates per 1,000 listed patients with confidence intervals: the one home of the Poisson intervals.

The conventions of Public Health England's Fingertips tools: an exact Poisson interval from the
chi-square distribution for small counts, where approximations undercover, and Byar's approximation
(Breslow & Day 1987) from 10 events up, where it agrees with the exact interval to a few per mille. As
PHEindicatormethods keeps `byars_lower` and `poisson_cis` in one utils.R, every statistic here calls these.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..special.gamma import chi2_ppf
from ..special.normal import normal_quantile

PER = 1000
EXACT_BELOW = 10  # counts under this get the exact interval


def rate(count: float, population: float, per: float = PER) -> float:
    """count / population * per, with a single rounding so equal ratios give equal floats.

    (10 of 1,000 and 20 of 2,000 must tie exactly when practices are ranked.)
    """
    _check_population(population)
    return count * per / population


def rate_ci(count: int, population: float, level: float = 0.95, per: float = PER) -> tuple[float, float, float]:
    """(rate, lower, upper) of a Poisson count over a population, per `per` people."""
    _check_population(population)
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count!r}")
    check_level(level)
    low, high = count_interval(count, level)
    return rate(count, population, per), low * per / population, high * per / population


def count_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval for the Poisson mean behind an observed count."""
    if count < EXACT_BELOW:
        return exact_intervals(level)[count]
    return byar_interval(count, two_sided_z(level))


def byar_interval(x: int, z: float) -> tuple[float, float]:
    """Byar's approximation to the exact interval, for a two-sided normal quantile z."""
    lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return lower, upper


# The funnel asks for the intervals of many counts at two levels: the quantiles are worked out once per level.
@lru_cache(maxsize=8)
def two_sided_z(level: float) -> float:
    """The normal quantile of a two-sided interval at `level`: 1.96 at 95 %, 3.09 at 99.8 %."""
    return normal_quantile(1 - (1 - level) / 2)


@lru_cache(maxsize=8)
def exact_intervals(level: float) -> tuple[tuple[float, float], ...]:
    """exact_interval of every count below EXACT_BELOW, worked out once per level: the funnel asks for them often."""
    return tuple(exact_interval(x, level) for x in range(EXACT_BELOW))


def exact_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood, chi-square) interval for the Poisson mean behind a count."""
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count!r}")
    check_level(level)
    half_alpha = (1 - level) / 2
    lower = 0.0 if count == 0 else chi2_ppf(half_alpha, 2 * count) / 2
    return lower, chi2_ppf(1 - half_alpha, 2 * count + 2) / 2


def _check_population(population: float) -> None:
    if not population > 0 or math.isinf(population):
        raise ValueError(f"population must be greater than 0, got {population!r}")


def check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
