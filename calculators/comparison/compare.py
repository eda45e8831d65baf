"""One practice's rates next to its cluster's: the calculator's actual answer.

The verdict follows Fingertips' benchmark comparison: the cluster's pooled rate is compared with
the practice's own confidence interval, at 95 % and at 99.8 % (about three standard errors, the
outer funnel line), and the verdict names that reference point. When the cluster's practices differ more
than chance explains (overdispersion.py), the verdict is read off the widened funnel limits at the practice's list
size instead, the very limits the chart draws. The labels only say higher or lower than the cluster's rate, never
better or worse: for video consultations nobody has agreed which direction is good.

An indicator with a code the practice did not paste is not computed (a missing code is not a count of 0),
and one whose cluster has no events at all cannot be assessed (there is nothing to compare with).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..danish import join_words, level_text
from ..parsing.counts import normalise_code
from ..stats.funnel import LEVEL, STRICT_LEVEL, funnel, funnel_point
from ..stats.overdispersion import Overdispersion, estimate
from ..stats.quantiles import Quantiles, quantiles
from ..stats.rates import PER, rate, rate_ci

# Measured against the cluster's pooled rate, and said so: "forventet" would suggest a standard to meet.
HIGHER = "Højere end klyngens samlede rate"
LOWER = "Lavere end klyngens samlede rate"
AS_EXPECTED = "Ingen tydelig forskel fra klyngens samlede rate"
# Widened limits answer another question, whether the rate lies outside the spread between the cluster's practices,
# and the words say so (never "no difference" beside an interval that leaves out the pooled rate).
ABOVE_SPREAD = "Over spredningen mellem klyngens praksis"
BELOW_SPREAD = "Under spredningen mellem klyngens praksis"
WITHIN_SPREAD = "Inden for spredningen mellem klyngens praksis"
# A standardised ratio is measured against the count expected from the practice's own patients' sex and age at the
# region's rates (standardised.py): "forventet" is then the method's own word, and the words name what it rests on.
HIGHER_THAN_EXPECTED = "Højere end forventet ud fra alder og køn"
LOWER_THAN_EXPECTED = "Lavere end forventet ud fra alder og køn"
AS_EXPECTED_BY_AGE = "Ingen tydelig forskel fra det forventede ud fra alder og køn"
DIRECTIONS = {
    HIGHER: 1,
    ABOVE_SPREAD: 1,
    HIGHER_THAN_EXPECTED: 1,
    LOWER: -1,
    BELOW_SPREAD: -1,
    LOWER_THAN_EXPECTED: -1,
}
NOT_COMPUTED = "Ikke beregnet"
NOT_ASSESSABLE = "Kan ikke vurderes"
NO_EVENTS_NOTE = (
    "Klyngens andre praksis har ingen ydelser med denne kode i perioden, så der er intet at sammenligne med."
)
FEW_EVENTS = 10  # expected events: below this chance weighs heavily on a rate
SMALL_LIST = 1000
HEAVY_SHARE = 1 / 3  # of the cluster's listed patients: above this the practice's own events move the pooled rate
FEW_EVENTS_CAUTION = (
    "Få ydelser at forvente: ud fra klyngens samlede rate ventes under 10 hos jer, så tilfældigheder fylder meget."
)
SMALL_LIST_CAUTION = (
    "Lille patientgrundlag: jeres praksis har under 1.000 tilmeldte patienter, så tilfældigheder fylder meget."
)


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    name: str
    codes: tuple[str, ...]
    count: int | None  # None (and so the practice's numbers below) when not computed
    rate: float | None  # per 1,000 listed patients
    lower: float | None  # 95 % interval of the rate
    upper: float | None
    lower_998: float | None  # 99.8 % interval of the rate
    upper_998: float | None
    cluster_min: float  # of the cluster's practices' rates, this practice among them
    cluster_q1: float
    cluster_median: float
    cluster_q3: float
    cluster_max: float
    pooled_rate: float  # the cluster's total count / total listed patients, per 1,000
    n_lower: int | None  # other practices of the cluster with a lower rate than this practice
    n_equal: int | None
    m: int  # the other practices of the cluster; the practice itself is not among them
    verdict: str  # HIGHER, LOWER, AS_EXPECTED; with widened limits ABOVE_, BELOW_ or WITHIN_SPREAD; or why none
    level: str | None  # "95 %" or "99,8 %": the outermost limit the rate lies outside, when it lies outside one
    caution: str | None  # Danish words when chance weighs heavily, or why there is no verdict; None otherwise
    cluster_rates: tuple[float, ...]
    cluster_counts: tuple[int, ...]
    cluster_listed: tuple[int, ...]
    overdispersion: Overdispersion | None  # None when the cluster has no events
    limits: dict[str, float] | None  # the funnel's limits at the practice's list size, when judged
    funnel: tuple[dict[str, float], ...] = ()  # the chart's limits across the cluster's list sizes, when judged

    @property
    def has_caution(self) -> bool:
        return self.caution is not None and self.judged

    @property
    def direction(self) -> int:
        """1 above the limits, -1 below them, 0 inside or not judged."""
        return DIRECTIONS.get(self.verdict, 0)

    @property
    def judged(self) -> bool:
        return self.verdict not in (NOT_COMPUTED, NOT_ASSESSABLE)


@dataclass(frozen=True)
class Comparison:
    cluster_id: str
    cluster_name: str
    listed_patients: int
    indicators: tuple[IndicatorResult, ...]
    missing_codes: tuple[str, ...]  # the pack's codes absent from the paste; their indicators are not computed
    patient_share: float = 0.0  # the practice's part of its cluster's listed patients, itself included

    @property
    def weighs_heavily(self) -> bool:
        """Whether the practice's own numbers weigh heavily in the rate it is compared with."""
        return self.patient_share > HEAVY_SHARE


def compare_with_cluster(
    counts: Mapping[str, int],
    listed_patients: int,
    indicators: Sequence[Mapping[str, Any]],
    cluster: Mapping[str, Any],
    own_row: int | None = None,
) -> Comparison:
    """Compare a practice's counts with its cluster, indicator by indicator.

    A practice is counted exactly once. It is one of its cluster's practices, so its own events are part of the
    cluster's pooled rate, spread and funnel, as in PHE's and FunnelPlotR's funnels (and in »Klyngens overblik«,
    where every practice is judged against the same rate, so that chart and table agree). `own_row` is the index of
    the practice's own row when the cluster already holds it (a cluster data file); otherwise the practice joins
    the cluster as one more practice. Its position and ties are counted among the other practices only."""
    if listed_patients <= 0:
        raise ValueError("listed_patients must be greater than 0")
    counts = {normalise_code(code): count for code, count in counts.items()}
    cluster_listed = tuple(map(int, cluster["listed"]))
    if not cluster_listed or min(cluster_listed) <= 0:
        raise ValueError(f"cluster {cluster.get('id')!r} needs practices with list sizes above 0")

    missing: list[str] = []
    results = []
    for indicator in indicators:
        codes = tuple(normalise_code(code) for code in indicator["codes"])
        absent = [code for code in codes if code not in counts]
        missing.extend(code for code in absent if code not in missing)
        count = None if absent else sum(counts[code] for code in codes)
        reference_counts = tuple(map(int, cluster["counts"][indicator["id"]]))
        if len(reference_counts) != len(cluster_listed):
            raise ValueError(
                f"cluster {cluster.get('id')!r}: {len(reference_counts)} counts for "
                f"{indicator['id']!r} but {len(cluster_listed)} list sizes"
            )
        results.append(
            _indicator_result(
                indicator, codes, count, absent, listed_patients, reference_counts, cluster_listed, own_row
            )
        )
    return Comparison(
        cluster_id=str(cluster["id"]),
        cluster_name=str(cluster["name"]),
        listed_patients=listed_patients,
        indicators=tuple(results),
        missing_codes=tuple(missing),
        patient_share=listed_patients / (sum(cluster_listed) + (listed_patients if own_row is None else 0)),
    )


def _indicator_result(
    indicator: Mapping[str, Any],
    codes: tuple[str, ...],
    count: int | None,
    absent: list[str],
    listed_patients: int,
    reference_counts: tuple[int, ...],
    reference_listed: tuple[int, ...],
    own_row: int | None,
) -> IndicatorResult:
    if own_row is not None:
        # The others: the chart draws them as the cluster's points and the practice's own point apart.
        others_counts = reference_counts[:own_row] + reference_counts[own_row + 1 :]
        others_listed = reference_listed[:own_row] + reference_listed[own_row + 1 :]
        members = reference_counts, reference_listed
    elif count is None:
        others_counts, others_listed = reference_counts, reference_listed
        members = reference_counts, reference_listed
    else:
        others_counts, others_listed = reference_counts, reference_listed
        members = (*reference_counts, count), (*reference_listed, listed_patients)
    reference = cluster_reference(*members)
    pooled, spread = reference.pooled_rate, reference.spread
    practice: dict[str, Any] = dict.fromkeys(
        ("count", "rate", "lower", "upper", "lower_998", "upper_998", "n_lower", "n_equal", "level", "limits")
    )
    if count is None:
        practice.update(verdict=NOT_COMPUTED, caution=not_computed_note(absent))
    else:
        practice_rate, lower, upper = rate_ci(count, listed_patients, LEVEL)
        _, lower_998, upper_998 = rate_ci(count, listed_patients, STRICT_LEVEL)
        n_lower, n_equal = reference.position(practice_rate)
        practice.update(
            count=count,
            rate=practice_rate,
            lower=lower,
            upper=upper,
            lower_998=lower_998,
            upper_998=upper_998,
            n_lower=n_lower,
            n_equal=n_equal - 1,  # the practice's own rate, among the members, is no tie
        )
        if spread is None or not any(others_counts):
            # Nothing to compare with: without the other practices' events the rate would be the practice's own.
            practice.update(verdict=NOT_ASSESSABLE, caution=NO_EVENTS_NOTE)
        else:
            limits = funnel_point(pooled, listed_patients, spread.tau2)
            practice["funnel"] = tuple(funnel(pooled, members[1], listed_patients, spread.tau2))
            if spread.widened:
                verdict, level = judge_by_limits(practice_rate, limits)
            else:
                verdict, level = judge(pooled, (lower, upper), (lower_998, upper_998))
            practice.update(
                verdict=verdict,
                level=level,
                limits=limits,
                caution=caution(pooled * listed_patients / PER, listed_patients),
            )
    return IndicatorResult(
        id=str(indicator["id"]),
        name=str(indicator["name"]),
        codes=codes,
        cluster_min=reference.summary.min,
        cluster_q1=reference.summary.q1,
        cluster_median=reference.summary.median,
        cluster_q3=reference.summary.q3,
        cluster_max=reference.summary.max,
        pooled_rate=pooled,
        m=len(others_counts),
        cluster_rates=tuple(c * PER / n for c, n in zip(others_counts, others_listed)),
        cluster_counts=others_counts,
        cluster_listed=others_listed,
        overdispersion=spread,
        **practice,
    )


@dataclass(frozen=True)
class ClusterReference:
    """What one indicator's reference practices give, whatever the practice pasted."""

    rates: tuple[float, ...]  # per practice, in the cluster's order
    pooled_rate: float
    summary: Quantiles
    spread: Overdispersion | None  # None when the cluster has no events
    sorted_rates: tuple[float, ...]

    def position(self, value: float) -> tuple[int, int]:
        """(n_lower, n_equal): the cluster's practices with a lower and an exactly equal rate (as
        cluster.position, by bisection on the sorted rates)."""
        below = bisect_left(self.sorted_rates, value)
        return below, bisect_right(self.sorted_rates, value) - below


# Every press of "Beregn" compares with the same cluster; its summary (a thousand practices' rates, quantiles and
# over-dispersion) is worked out once per indicator and kept while the worker lives. Keyed by the counts and list
# sizes themselves, so a different reference can never be answered from the cache.
@lru_cache(maxsize=1024)
def cluster_reference(counts: tuple[int, ...], listed: tuple[int, ...]) -> ClusterReference:
    # rate() inlined (the same single rounding, so equal ratios still tie): list sizes are checked above 0 in
    # compare_with_cluster.
    rates = tuple([c * PER / n for c, n in zip(counts, listed)])
    pooled = rate(sum(counts), sum(listed))
    spread = estimate(counts, listed, pooled) if pooled > 0 else None
    return ClusterReference(rates, pooled, quantiles(rates), spread, tuple(sorted(rates)))


def not_computed_note(absent: list[str]) -> str:
    """Why an indicator has no rate: which codes were not pasted, and how to say "none"."""
    if len(absent) == 1:
        return f"Ydelseskode {absent[0]} er ikke med i jeres tal. Har I ingen, så skriv {absent[0]};0."
    return (
        f"Ydelseskoderne {join_words(absent)} er ikke med i jeres tal. Har I ingen af en kode, så skriv koden "
        f"med antallet 0, fx {absent[0]};0."
    )


def judge_by_limits(practice_rate: float, limits: dict[str, float]) -> tuple[str, str | None]:
    """(verdict, level) from the funnel's limits at the practice's list size: outside a line, not on it."""
    if limits["low_95"] <= practice_rate <= limits["high_95"]:
        return WITHIN_SPREAD, None
    verdict = ABOVE_SPREAD if practice_rate > limits["high_95"] else BELOW_SPREAD
    outside_strict = not limits["low_998"] <= practice_rate <= limits["high_998"]
    return verdict, level_text(STRICT_LEVEL if outside_strict else LEVEL)


def judge(
    pooled_rate: float, interval: tuple[float, float], strict_interval: tuple[float, float]
) -> tuple[str, str | None]:
    """(verdict, level): where the cluster's pooled rate falls relative to the practice's intervals.

    A pooled rate below the practice's interval means the practice's rate is higher than expected.
    A pooled rate exactly on a limit counts as inside.
    """
    lower, upper = interval
    if lower <= pooled_rate <= upper:
        return AS_EXPECTED, None
    verdict = HIGHER if pooled_rate < lower else LOWER
    strict_lower, strict_upper = strict_interval
    outside_strict = not strict_lower <= pooled_rate <= strict_upper
    return verdict, level_text(STRICT_LEVEL if outside_strict else LEVEL)


def caution(expected: float, listed_patients: int) -> str | None:
    """Danish words when chance weighs heavily on the rate, else None. It rests on the count expected from the
    cluster's pooled rate, not on the count observed: 0 where 264 are expected is a clear result, not a small one."""
    reasons = []
    if expected < FEW_EVENTS:
        reasons.append(FEW_EVENTS_CAUTION)
    if listed_patients < SMALL_LIST:
        reasons.append(SMALL_LIST_CAUTION)
    return " ".join(reasons) or None
