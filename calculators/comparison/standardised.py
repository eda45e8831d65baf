"""A practice's indirectly standardised ratio, judged against 1: the second answer beside the crude rate wherever the
data carry the count expected from the practice's own patients' sex and age (a cluster data file made from an
extract with bands).

The rules are the crude rate's (compare.py), applied to the ratio read as a rate (stats/standardised.py): the
verdict names the outermost of the 95 % and 99.8 % limits that the ratio's exact/Byar interval leaves 1 outside;
where the cluster's practices differ more than chance explains around their expected counts (Spiegelhalter's
test on the practices' observed and expected counts), the verdict is read off the widened limits instead, in the
spread's words. The practice is one of the practices its spread is estimated from, as in the crude comparison.

Where the other practices' expected counts are not known (a practice that typed its own patients by sex and age,
compared with a cluster of the pack's reference data), the spread is the crude comparison's: the practices'
differences in rate, age and sex included. That is an approximation, and the page says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..danish import format_interval, format_number
from ..stats.funnel import LEVEL, STRICT_LEVEL, funnel_point
from ..stats.overdispersion import Overdispersion, estimate_from_expected
from ..stats.rates import rate_ci
from ..stats.standardised import SCALE
from .compare import (
    AS_EXPECTED,
    AS_EXPECTED_BY_AGE,
    FEW_EVENTS,
    HIGHER,
    HIGHER_THAN_EXPECTED,
    LOWER,
    LOWER_THAN_EXPECTED,
    NOT_ASSESSABLE,
    judge,
    judge_by_limits,
)

# The crude verdict's words measure against the cluster's pooled rate; a ratio's measure is the expected count.
_WORDS = {HIGHER: HIGHER_THAN_EXPECTED, LOWER: LOWER_THAN_EXPECTED, AS_EXPECTED: AS_EXPECTED_BY_AGE}
RATIO_DECIMALS = 2
ADJUSTED_FOR = "køn og alder"
NOTHING_EXPECTED = (
    "Ud fra køn og alder ventes ingen ydelser (regionen har ingen i patienternes grupper), så der er intet at "
    "sammenligne med."
)
FEW_EXPECTED = "Få ydelser at forvente: ud fra køn og alder ventes under 10, så tilfældigheder fylder meget."


@dataclass(frozen=True)
class StandardisedResult:
    observed: int
    expected: float
    ratio: float | None  # observed / expected; None when nothing is expected
    lower: float | None  # 95 % interval of the ratio
    upper: float | None
    verdict: str
    level: str | None  # "95 %" or "99,8 %": the outermost limit the ratio lies outside, when it lies outside one
    caution: str | None
    overdispersion: Overdispersion | None


def spread_around_expected(cluster_observed: Sequence[int], cluster_expected: Sequence[float]) -> Overdispersion | None:
    """The spread of the cluster's practices (the practice itself among them) around their expected counts, scaled
    to the cluster's own total: O_i against E_i x (sum O / sum E). A cluster that is as a whole above or below the
    region is no spread between its practices; as in the crude comparison, where the pooled rate makes the cluster's
    observed and expected totals equal, only how its practices differ from each other widens the limits. None where
    fewer than two practices expect anything, or none of them has an event."""
    pairs = [(o, e) for o, e in zip(cluster_observed, cluster_expected, strict=True) if e > 0]
    observed_total, expected_total = sum(o for o, _ in pairs), sum(e for _, e in pairs)
    if len(pairs) < 2 or observed_total == 0:
        return None
    scale = observed_total / expected_total
    return estimate_from_expected([o for o, _ in pairs], [e * scale for _, e in pairs])


def judge_standardised(observed: int, expected: float, spread: Overdispersion | None) -> StandardisedResult:
    """The practice's ratio against 1, read off the widened limits where `spread` is widened."""
    if expected <= 0:
        return StandardisedResult(observed, expected, None, None, None, NOT_ASSESSABLE, None, NOTHING_EXPECTED, None)
    scaled, lower, upper = rate_ci(observed, expected, LEVEL)  # the ratio x SCALE, as a rate of SCALE per E
    _, lower_998, upper_998 = rate_ci(observed, expected, STRICT_LEVEL)
    if spread is not None and spread.widened:
        verdict, level = judge_by_limits(scaled, funnel_point(SCALE, expected, spread.tau2))
    else:
        verdict, level = judge(SCALE, (lower, upper), (lower_998, upper_998))
    return StandardisedResult(
        observed=observed,
        expected=expected,
        ratio=scaled / SCALE,
        lower=lower / SCALE,
        upper=upper / SCALE,
        verdict=_WORDS.get(verdict, verdict),
        level=level,
        caution=FEW_EXPECTED if expected < FEW_EVENTS else None,
        overdispersion=spread,
    )


def ratio_cell_text(ratio: float) -> str:
    """1.1234 -> "1,12 (12 % flere)", the per cent read off the ratio as it is written, so the two never disagree
    (the column says what it is more or fewer than: the count expected from age and sex)."""
    written, difference = _written(ratio)
    return f"{written} ({_per_cent(difference) if difference else 'som forventet'})"


def _written(ratio: float) -> tuple[str, int]:
    """The ratio as written, and how many per cent it is above (or below) 1 as written."""
    written = format_number(ratio, RATIO_DECIMALS, grouping=False)
    return written, int(written.replace(",", "")) - 100


def _per_cent(difference: int) -> str:
    return f"{format_number(abs(difference), 0)} % {'flere' if difference > 0 else 'færre'}"


def interval_text(result: StandardisedResult) -> str:
    """ "0,83–1,20", with a decimal more wherever two would put an end on the wrong side of 1 (1.0044 is »1,00«, which
    reads as inside while the verdict rightly says outside): the interval printed never contradicts the verdict
    beside it."""
    for decimals in range(RATIO_DECIMALS, 7):
        shown = [
            float(format_number(end, decimals, grouping=False).replace(",", "."))
            for end in (result.lower, result.upper)
        ]
        if (result.lower > 1) == (shown[0] > 1) and (result.upper < 1) == (shown[1] < 1):
            return format_interval(result.lower, result.upper, decimals)
    return format_interval(result.lower, result.upper, 6)
