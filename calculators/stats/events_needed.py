"""How many events would it take to tell a change of the size a practice saw from chance?

The method is the power of the exact comparison itself (rate_ratio.py). Suppose the change is real and exactly
as large as observed, and the two periods keep their lengths. With n events in all, the number that falls in
the after period is binomial(n, share) with share = R T_after / (R T_after + T_before), R the observed rate ratio.
The exact interval of the rate ratio leaves out 1 (no change) precisely when that number lies in the
Clopper-Pearson rejection region computed at "no change" (share_0 = T_after / (T_after + T_before)): at or above
the smallest x with P_0(X >= x) < alpha/2, or at or below the largest x with P_0(X <= x) < alpha/2. The power at n
is the probability of that region under the observed share. We report the number of events at which the power
reaches 80 %, the usual aim when planning a study.

The power of an exact test is a saw-tooth in n (the rejection region moves in whole events): it can reach 80 %
at some n and fall below it again at n + 1. Up to 250 events we report the first n where it reaches 80 %, found
by trying every total. Above that, trying every total costs seconds in the browser, so we take the crossing
(power below 80 % at n - 1, at least 80 % at n) that bisection finds from the normal-approximation start; the
saw-tooth is fine there, and that crossing lies within a few per cent of the first (tested against scipy). The page
rounds the number to two significant figures and says "omkring". The normal approximation alone
(Var log R = 1 / (n share (1 - share))) is off by up to 25 percentage points of power when the periods differ in
length, which is why it is only the start.
"""

from __future__ import annotations

import math

from ..special.beta import binomial_at_least, binomial_at_most
from ..special.normal import normal_quantile

POWER = 0.8
MAX_EVENTS = 10**9  # beyond this a change is too small to matter for a practice; we say nothing
FIRST_CROSSING_UP_TO = 250  # up to here the first crossing itself is found, by trying every total


def events_needed(
    before: int, before_days: float, after: int, after_days: float, level: float = 0.95, power: float = POWER
) -> int | None:
    """The total number of events (before and after together, same period lengths) at which a real change of
    the observed size is told from chance with probability `power`. None when the observed ratio gives no
    change to aim at (0 and 0, a zero in either period, or exactly no change) or more than MAX_EVENTS are needed.
    """
    if before == 0 or after == 0:
        return None  # a ratio of 0 or infinity: no size of change to plan for
    ratio = (after / after_days) / (before / before_days)
    if ratio == 1:
        return None
    null_share = after_days / (after_days + before_days)
    null_other = before_days / (after_days + before_days)
    scale = ratio * after_days + before_days
    share, other = ratio * after_days / scale, before_days / scale
    half_alpha = (1 - level) / 2

    def enough(n: int) -> bool:
        return _power(n, null_share, null_other, share, other, half_alpha) >= power

    def first_enough(limit: int) -> int:
        """The first total with enough power, trying every one up to `limit` (which has enough). The rejection
        region's edges only move up as the total grows, so each is carried from one total to the next."""
        upper_edge, lower_edge = 0, -1
        for n in range(1, limit):
            while binomial_at_least(upper_edge, n, null_share, null_other) >= half_alpha:
                upper_edge += 1
            while lower_edge + 1 < n and binomial_at_most(lower_edge + 1, n, null_share, null_other) < half_alpha:
                lower_edge += 1
            if binomial_at_least(upper_edge, n, share, other) + binomial_at_most(lower_edge, n, share, other) >= power:
                return n
        return limit

    z = normal_quantile(1 - half_alpha) + normal_quantile(power)
    guess = math.ceil((z / math.log(ratio)) ** 2 / (share * other))
    # Bracket a crossing, not enough(low) and enough(high), from the approximation, then bisect.
    low, high = 0, max(1, min(guess, MAX_EVENTS))  # with no events nothing is told: enough(0) is false
    if enough(high):
        while high > 1 and enough(high // 2):
            high //= 2
        low = high // 2
    else:
        while not enough(high):
            low, high = high, 2 * high
            if high > MAX_EVENTS:
                return None
    while low + 1 < high:
        middle = (low + high) // 2
        if enough(middle):
            high = middle
        else:
            low = middle
    if high <= FIRST_CROSSING_UP_TO:
        # Few events: the saw-tooth is coarse here (bisection may land at twice the first crossing), and a scan
        # of every smaller total is cheap.
        return first_enough(high)
    return high


def _power(n: int, null_share: float, null_other: float, share: float, other: float, half_alpha: float) -> float:
    """The probability, at the given share, that n events land in the exact test's rejection region."""
    # Smallest x with P_0(X >= x) < alpha/2; x = n + 1 always qualifies (the tail is 0).
    low, high = 0, n + 1
    while low < high:
        middle = (low + high) // 2
        if binomial_at_least(middle, n, null_share, null_other) < half_alpha:
            high = middle
        else:
            low = middle + 1
    upper_edge = low
    # Largest x with P_0(X <= x) < alpha/2; x = -1 always qualifies.
    low, high = -1, n
    while low < high:
        middle = (low + high + 1) // 2
        if binomial_at_most(middle, n, null_share, null_other) < half_alpha:
            low = middle
        else:
            high = middle - 1
    lower_edge = low
    return binomial_at_least(upper_edge, n, share, other) + binomial_at_most(lower_edge, n, share, other)
