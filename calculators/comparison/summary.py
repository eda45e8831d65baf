"""A few plain-Danish sentences on what stands out in a comparison.

Indicators without a verdict (a code not pasted, a cluster without events) are left out: the table says why.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..danish import join_words, level_text
from ..stats.funnel import STRICT_LEVEL
from .compare import AS_EXPECTED, HIGHER, LOWER, SMALL_LIST, Comparison, IndicatorResult

STRICT_LEVEL_TEXT = level_text(STRICT_LEVEL)


def summary_sentences(comparison: Comparison) -> list[str]:
    results = tuple(r for r in comparison.indicators if r.judged)
    if not results:
        return ["Ingen af jeres rater kunne vurderes; tabellen siger hvorfor."]
    standing_out = [r for r in results if r.verdict != AS_EXPECTED]
    sentences = []
    if standing_out:
        sentences.append(_standing_out_sentence(results))
        if len(standing_out) < len(results):
            sentences.append("For de øvrige er der ingen tydelig forskel fra klyngens samlede rate.")
    else:
        subject = "Alle jeres rater" if len(results) == len(comparison.indicators) else "Jeres vurderede rater"
        sentences.append(
            f"{subject} ligger tæt på klyngens samlede rate: forskellene er ikke større, "
            "end tilfældigheder kan forklare."
        )
    spread = overdispersion_sentence(results)
    if spread:
        sentences.append(spread)
    caution = _caution_sentence(comparison, results)
    if caution:
        sentences.append(caution)
    return sentences


def overdispersion_sentence(results: Iterable[IndicatorResult]) -> str | None:
    """One sentence naming the indicators whose limits were widened, or None."""
    widened = [r for r in results if r.judged and r.overdispersion and r.overdispersion.widened]
    if not widened:
        return None
    few = widened[0].overdispersion.practices if widened[0].overdispersion.few_practices else None
    uncertain = f" (et usikkert skøn, da klyngen kun har {few} praksis)" if few else ""
    return (
        f"For {join_words([r.name for r in widened])} er klyngens praksis indbyrdes mere forskellige, end "
        f"tilfældigheder kan forklare, så grænserne for en tydelig forskel er gjort bredere{uncertain}."
    )


def _standing_out_sentence(results: tuple[IndicatorResult, ...]) -> str:
    """Which rates differ from the cluster's, and at which limit: each limit named once, not once per indicator."""
    higher = [r.name for r in results if r.verdict == HIGHER]
    lower = [r.name for r in results if r.verdict == LOWER]
    if higher and lower:
        direction = f"højere end klyngens samlede rate for {join_words(higher)} og lavere for {join_words(lower)}"
    else:
        direction = f"{'højere' if higher else 'lavere'} end klyngens samlede rate for {join_words(higher or lower)}"
    standing_out = [r for r in results if r.verdict in (HIGHER, LOWER)]
    strict = [r.name for r in standing_out if r.level == STRICT_LEVEL_TEXT]
    if len(strict) == len(standing_out):
        return f"Jeres rate er {direction}, tydeligt også ved 99,8 %-grænsen."
    if not strict:
        return f"Jeres rate er {direction}, tydeligt ved 95 %-grænsen, ikke ved 99,8 %-grænsen."
    others = [r.name for r in standing_out if r.name not in strict]
    return (
        f"Jeres rate er {direction}; ved 99,8 %-grænsen er forskellen tydelig for {join_words(strict)}, "
        f"ved 95 %-grænsen for {join_words(others)}."
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
