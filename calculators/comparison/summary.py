"""A few plain-Danish sentences on what stands out in a comparison.

Indicators without a verdict (a code not pasted, a cluster without events) are left out: the table says why.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..danish import format_number, join_words, level_text
from ..stats.funnel import STRICT_LEVEL
from ..stats.rates import PER
from .compare import FEW_EVENTS, SMALL_LIST, Comparison, IndicatorResult

STRICT_LEVEL_TEXT = level_text(STRICT_LEVEL)


def summary_sentences(comparison: Comparison) -> list[str]:
    results = tuple(r for r in comparison.indicators if r.judged)
    if not results:
        return ["Ingen af jeres rater kunne vurderes; tabellen siger hvorfor."]
    standing_out = [r for r in results if r.direction]
    inside = [r for r in results if not r.direction]
    sentences = []
    if standing_out:
        sentences.append(_standing_out_sentence(results))
    if inside:
        sentences.append(_inside_sentence(inside, everything=len(inside) == len(comparison.indicators)))
    spread = overdispersion_sentence(results)
    if spread:
        sentences.append(spread)
    none = _none_sentence(comparison, results)
    if none:
        sentences.append(none)
    if comparison.weighs_heavily:
        sentences.append(
            f"Jeres praksis har {format_number(comparison.patient_share * 100, 0)} % af klyngens tilmeldte patienter, "
            "så jeres egne tal vejer tungt i klyngens samlede rate, som I sammenlignes med."
        )
    caution = _caution_sentence(comparison, results)
    if caution:
        sentences.append(caution)
    return sentences


def overdispersion_sentence(results: Iterable[IndicatorResult], judged: str = "jeres rate") -> str | None:
    """One sentence naming the indicators whose limits were widened, with how far apart the practices are (the
    spread is then a finding of its own), or None. `judged` says whose rate is judged against the spread."""
    widened = [r for r in results if r.judged and r.overdispersion and r.overdispersion.widened]
    if not widened:
        return None
    few = widened[0].overdispersion.practices if widened[0].overdispersion.few_practices else None
    uncertain = f" (et usikkert skøn, da klyngen kun har {few} praksis)" if few else ""
    ranges = join_words(
        [f"{r.name} fra {format_number(r.cluster_min)} til {format_number(r.cluster_max)} pr. 1.000" for r in widened]
    )
    return (
        f"Klyngens praksis er meget forskellige: {ranges}. Det er mere, end tilfældigheder kan forklare, så her "
        f"vurderes {judged} mod spredningen mellem klyngens praksis{uncertain}."
    )


def none_where_many_are_expected(result: IndicatorResult, listed: int) -> bool:
    """No events where the cluster's pooled rate expects enough to count: a result of its own, whatever the
    verdict, and worth raising at the meeting."""
    return result.count == 0 and result.pooled_rate * listed / PER >= FEW_EVENTS


def _none_sentence(comparison: Comparison, results: tuple[IndicatorResult, ...]) -> str | None:
    none = [r for r in results if none_where_many_are_expected(r, comparison.listed_patients)]
    if not none:
        return None
    expected = join_words(
        [f"omkring {format_number(round(r.pooled_rate * comparison.listed_patients / PER), 0)}" for r in none]
    )
    return (
        f"I har ingen ydelser for {join_words([r.name for r in none])}, hvor klyngens samlede rate svarer til "
        f"{expected} hos jer. Det er værd at tage op på klyngemødet."
    )


def _inside_sentence(inside: list[IndicatorResult], everything: bool) -> str:
    """The rates that stand out from nothing, by the question each was judged on: Poisson noise alone, or the spread
    between the cluster's practices."""
    within_spread = [r.name for r in inside if r.overdispersion and r.overdispersion.widened]
    by_chance = [r.name for r in inside if r.name not in within_spread]
    subject = "Alle jeres rater" if everything else "De øvrige rater"
    if not by_chance:
        return f"{subject} ligger inden for spredningen mellem klyngens praksis."
    if not within_spread:
        return (
            f"{subject} adskiller sig ikke tydeligt fra klyngens samlede rate: forskellen kan skyldes tilfældigheder."
        )
    return (
        f"{join_words(within_spread)} ligger inden for spredningen mellem klyngens praksis, og "
        f"{join_words(by_chance)} adskiller sig ikke tydeligt fra klyngens samlede rate."
    )


def _standing_out_sentence(results: tuple[IndicatorResult, ...]) -> str:
    """Which rates differ from the cluster's, and at which limit: each limit named once, not once per indicator."""
    higher = [r.name for r in results if r.direction > 0]
    lower = [r.name for r in results if r.direction < 0]
    if higher and lower:
        direction = f"højere end klyngens samlede rate for {join_words(higher)} og lavere for {join_words(lower)}"
    else:
        direction = f"{'højere' if higher else 'lavere'} end klyngens samlede rate for {join_words(higher or lower)}"
    standing_out = [r for r in results if r.direction]
    strict = [r.name for r in standing_out if r.level == STRICT_LEVEL_TEXT]
    if len(strict) == len(standing_out):
        return f"Jeres rate er {direction}, uden for både 95 %- og 99,8 %-grænsen."
    if not strict:
        return f"Jeres rate er {direction}, uden for 95 %-grænsen, men inden for 99,8 %-grænsen."
    others = [r.name for r in standing_out if r.name not in strict]
    return (
        f"Jeres rate er {direction}; uden for 99,8 %-grænsen for {join_words(strict)}, kun uden for 95 %-grænsen "
        f"for {join_words(others)}."
    )


def _caution_sentence(comparison: Comparison, results: tuple[IndicatorResult, ...]) -> str | None:
    if comparison.listed_patients < SMALL_LIST:
        return "Jeres praksis har under 1.000 tilmeldte patienter, så tilfældigheder fylder meget i alle tallene."
    few = [r.name for r in results if r.has_caution]
    if not few:
        return None
    return (
        f"Vær varsom med {join_words(few)}: ud fra klyngens samlede rate ventes under 10 ydelser hos jer, så "
        "tilfældigheder fylder meget."
    )
