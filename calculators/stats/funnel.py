"""Funnel-plot control limits drawn so that the chart can never contradict the table's verdict.

The verdict (comparison.judge) asks whether the cluster's pooled rate lies outside the practice's own exact/Byar
interval. For a list size n and expected count E = pooled * n / 1,000, that holds for exactly the integer counts
above some x_high and below some x_low. PHEindicatormethods' rate funnel draws its limits the same way, by
inverting the interval over integer counts: the upper line at n passes through count x where the interval of x has
its lower end exactly at the pooled rate, and runs between those points; likewise the lower line with the upper
ends. So a practice's point lies strictly above the upper line exactly when the verdict says higher, strictly
below the lower line exactly when it says lower, and on a line counts as inside, as in the verdict.

With over-dispersion (overdispersion.py) the limits widen to Spiegelhalter's random-effects limits wherever those
are wider, and the verdict is then read off these same limits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from .rates import EXACT_BELOW, PER, byar_interval, exact_intervals, two_sided_z

LEVEL = 0.95
STRICT_LEVEL = 0.998
POINTS = 24  # enough for a smooth curve across a ~600-pixel chart on a log scale
# Keeps a limit this many events clear of the integer count on the wrong side of it, so that floating-point
# rounding of (limit * 1,000 / n) can never put a count on the line that the verdict puts outside, or the reverse.
# A millionth of an event is far below a pixel.
_CLEARANCE = 1e-6


def upper_limit(pooled_rate: float, listed: int, level: float) -> float:
    """The upper control limit, as a rate, at list size `listed`: a count's rate is above it exactly when the
    pooled rate is below the count's interval."""
    ends = _interval_ends(level, listed, 0)
    x = _first_guess(pooled_rate * listed / PER, two_sided_z(level))
    here = ends(x)
    while x > 0 and here > pooled_rate:
        x -= 1
        here = ends(x)
    next_ = ends(x + 1)
    while next_ <= pooled_rate:
        x, here, next_ = x + 1, next_, ends(x + 2)
    # Counts up to x are inside (the interval's low end is at or below the pooled rate), from x + 1 outside.
    fraction = min((pooled_rate - here) / (next_ - here), 1 - _CLEARANCE)
    return (x + fraction) * PER / listed


def lower_limit(pooled_rate: float, listed: int, level: float) -> float:
    """The lower control limit, as a rate: a count's rate is below it exactly when the pooled rate is above the
    count's interval."""
    ends = _interval_ends(level, listed, 1)
    if ends(0) >= pooled_rate:
        return 0.0  # even no events at all is as expected
    x = max(0, _first_guess(pooled_rate * listed / PER, -two_sided_z(level)) - 1)
    here = ends(x)
    while x > 0 and here >= pooled_rate:
        x -= 1
        here = ends(x)
    next_ = ends(x + 1)
    while next_ < pooled_rate:
        x, here, next_ = x + 1, next_, ends(x + 2)
    # Counts up to x are outside (the interval's high end is below the pooled rate), from x + 1 inside.
    fraction = max((pooled_rate - here) / (next_ - here), _CLEARANCE)
    return (x + fraction) * PER / listed


def _interval_ends(level: float, listed: int, end: int):
    """count -> the low (end 0) or high (end 1) end of its interval as a rate, with the very arithmetic of
    rate_ci, so that the limits and the verdict compare the same floats."""
    z = two_sided_z(level)
    exact = [interval[end] for interval in exact_intervals(level)]

    def interval_end(count: int) -> float:
        if count < EXACT_BELOW:
            return exact[count] * PER / listed
        return byar_interval(count, z)[end] * PER / listed

    return interval_end


def _first_guess(expected: float, z: float) -> int:
    """The count whose interval end (low end for z > 0, high end plus one for z < 0) is nearest `expected`:
    inverting x -/+ z sqrt(x) + (z^2 - 1) / 6 (Wilson-Hilferty's terms), so that the search above mostly takes
    no step at all."""
    return max(0, int(expected + z * math.sqrt(expected) + (z * z - 1) / 6 + 0.5))


def overdispersed_limits(pooled_rate: float, listed: int, level: float, tau2: float) -> tuple[float, float]:
    """Spiegelhalter's (2005) additive random-effects limits on the square-root scale, as rates.

    sqrt(O/E) has standard error 1 / (2 sqrt(E)) under Poisson; the practices' own spread adds tau2 to its variance.
    """
    expected = pooled_rate * listed / PER
    width = two_sided_z(level) * math.sqrt(1 / (4 * expected) + tau2)
    return pooled_rate * max(0.0, 1 - width) ** 2, pooled_rate * (1 + width) ** 2


# Each press of "Beregn" draws the same cluster's funnel again: its points are found once and kept.
@lru_cache(maxsize=4096)
def limits(pooled_rate: float, listed: int, level: float, tau2: float = 0.0) -> tuple[float, float]:
    """(lower, upper) control limits as rates; with tau2 > 0 the wider of the Poisson and the random-effects
    limits, so an over-dispersed cluster never flags a practice that Poisson noise alone would explain."""
    low, high = lower_limit(pooled_rate, listed, level), upper_limit(pooled_rate, listed, level)
    if tau2 > 0:
        wide_low, wide_high = overdispersed_limits(pooled_rate, listed, level, tau2)
        low, high = min(low, wide_low), max(high, wide_high)
    return low, high


def funnel_point(pooled_rate: float, listed: int, tau2: float = 0.0) -> dict[str, float]:
    low_95, high_95 = limits(pooled_rate, listed, LEVEL, tau2)
    low_998, high_998 = limits(pooled_rate, listed, STRICT_LEVEL, tau2)
    return {"listed": listed, "low_95": low_95, "high_95": high_95, "low_998": low_998, "high_998": high_998}


def funnel(pooled_rate: float, list_sizes: Iterable[int], practice_listed: int, tau2: float = 0.0) -> list[dict]:
    """Control limits at ~24 list sizes spread evenly on a log scale over the sizes' range (the funnel bends most
    at small lists), plus the practice's own list size exactly, where its point is judged."""
    sizes_given = list(list_sizes)
    smallest, largest = min(sizes_given), max(sizes_given)
    if smallest == largest:
        sizes = {smallest}
    else:
        ratio = math.log(largest / smallest)
        sizes = {round(smallest * math.exp(ratio * i / (POINTS - 1))) for i in range(POINTS)}
    sizes.add(practice_listed)
    return [funnel_point(pooled_rate, n, tau2) for n in sorted(sizes)]
