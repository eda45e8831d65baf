"""How much more the cluster's practices differ than Poisson noise explains (Spiegelhalter 2005).

Real practices differ by tens of per cent in how often they use a fee code; with thousands of events a Poisson
interval is about one per cent wide, so without this every practice would be "higher" or "lower" for every common
code. Spiegelhalter (2005, "Handling over-dispersion of performance indicators", Qual Saf Health Care 14:347),
as NHS-R's FunnelPlotR implements it for ratios of observed to expected counts:

- each reference practice i gets a z-score on the square-root scale, where a Poisson count's variance is
  stable: y_i = sqrt(O_i / E_i), s_i = 1 / (2 sqrt(E_i)), z_i = (y_i - 1) / s_i, with E_i = pooled rate x list size;
- the test: the practices differ more than Poisson noise when I phi_raw exceeds the 95 % quantile of chi-square
  with I - 1 degrees of freedom, phi_raw being the mean of the z^2 as they are (1 under pure Poisson noise). This is
  the paper's test, and it holds its level: under pure Poisson noise it widens about 5 % of clusters (4-5 % of
  clusters of 9 or 20 practices in the unit tests' simulation). FunnelPlotR widens whenever phi > 1; with a handful
  of practices phi above 1 arises by chance alone and would widen every limit for a code whose spread is only noise;
- the estimate: the z-scores are winsorised at 10 % at each end (type 7 quantiles, R's default), so that one or
  two unusual practices do not decide how wide everybody's limits are, and phi = the mean of the winsorised z^2.
  Testing this phi instead would not hold the level (winsorising shrinks it: about 1 % of pure-noise clusters of 9);
- an additive random effect, tau^2 = (I phi - (I - 1)) / (sum w_i - sum w_i^2 / sum w_i), w_i = 1 / s_i^2,
  widens every limit to y = 1 +/- z sqrt(s^2 + tau^2) (funnel.overdispersed_limits); 0 when the test finds no
  over-dispersion, or when the winsorised phi is not above (I - 1) / I.

Small clusters (5-9 practices, the smallest a cluster data file holds): the same estimate and the same test. Not
widening would leave the problem this module solves (with few practices every high-volume code flags nearly
all of them); there is no larger group to borrow an estimate from, since a cluster file holds only its cluster.
Winsorising changes the values even then (the 10 % quantile of 5 values lies between the lowest two, so the lowest
is pulled up to it), but an estimate from so few practices is uncertain: the page says it rests on few practices.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul

from ..special.gamma import chi2_ppf
from .quantiles import linear_quantile
from .rates import PER

WINSORISE = 0.10
TEST_LEVEL = 0.95
FEW_PRACTICES = 10  # below this the page says the estimate is uncertain


@dataclass(frozen=True)
class Overdispersion:
    practices: int
    phi: float  # the dispersion ratio of the winsorised z-scores, which tau2 is estimated from
    phi_raw: float  # of the z-scores as they are, which the test for over-dispersion reads: 1 under Poisson noise
    tau2: float  # the between-practice variance added on the square-root scale; 0 when not widened

    @property
    def widened(self) -> bool:
        return self.tau2 > 0

    @property
    def few_practices(self) -> bool:
        return self.practices < FEW_PRACTICES


def estimate(counts: Sequence[int], listed: Sequence[int], pooled_rate: float) -> Overdispersion:
    """phi and tau^2 of the reference practices around the cluster's pooled rate (which must be above 0)."""
    if not pooled_rate > 0:
        raise ValueError("over-dispersion needs a pooled rate above 0")
    return estimate_from_expected(counts, [pooled_rate * n / PER for n in listed])


def estimate_from_expected(counts: Sequence[int], expected: Sequence[float]) -> Overdispersion:
    """phi and tau^2 of the practices' counts around their expected counts (each above 0): around the pooled rate
    (estimate), or around the counts expected from age and sex (stats/standardised.py)."""
    # (sqrt(O/E) - 1) / (1 / (2 sqrt(E))) simplifies to 2 (sqrt(O) - sqrt(E)).
    z = [2 * (math.sqrt(o) - math.sqrt(e)) for o, e in zip(counts, expected)]
    practices = len(z)
    ordered = sorted(z)
    phi_raw = sum(map(mul, ordered, ordered)) / practices
    low, high = linear_quantile(ordered, WINSORISE), linear_quantile(ordered, 1 - WINSORISE)
    # Winsorising sets the values below `low` to it and those above `high` to it; on the sorted values that is
    # two counts and a slice (a cluster may have a thousand practices, so no per-value min and max).
    below, above = bisect_left(ordered, low), bisect_right(ordered, high)
    middle = ordered[below:above]
    phi = (below * low * low + (practices - above) * high * high + sum(map(mul, middle, middle))) / practices
    if practices < 2 or practices * phi_raw <= chi2_ppf(TEST_LEVEL, practices - 1):
        return Overdispersion(practices, phi, phi_raw, 0.0)
    weights = [4 * e for e in expected]  # 1 / s_i^2
    total = sum(weights)
    tau2 = (practices * phi - (practices - 1)) / (total - sum(map(mul, weights, weights)) / total)
    return Overdispersion(practices, phi, phi_raw, max(0.0, tau2))
