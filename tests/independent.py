"""Independent computations the tests compare the calculator with: scipy, not the calculators package."""

from __future__ import annotations

import math

from scipy import stats


def scipy_rate_ci(x: int, population: float, level: float = 0.95, per: float = 1000):
    """The Fingertips definition written again with scipy: exact Poisson below 10 events, Byar from 10 up.
    Returns (rate, lower, upper) per `per` persons."""
    alpha = 1 - level
    if x < 10:
        lower = 0.0 if x == 0 else stats.chi2.ppf(alpha / 2, 2 * x) / 2
        upper = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    else:
        z = stats.norm.ppf(1 - alpha / 2)
        lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return x / population * per, lower / population * per, upper / population * per
