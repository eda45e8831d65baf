"""A few plain-Danish sentences on what stands out in a comparison.

Indicators without a verdict (a code not pasted, a cluster without events) are left out: the table says why.
"""

from __future__ import annotations

from collections.abc import Iterable

from .comparison import AS_EXPECTED, HIGHER, LOWER, SMALL_LIST, Comparison, IndicatorResult
from .danish import join_words


def summary_sentences(comparison: Comparison) -> list[str]:
    results = tuple(r for r in comparison.indicators if r.judged)
    if not results:
        return ["Ingen af jeres rater kunne vurderes; tabellen siger hvorfor."]
    standing_out = [r for r in results if r.verdict != AS_EXPECTED]
    sentences = []
    if standing_out:
        sentences.append(_standing_out_sentence(results))
        if len(standing_out) < len(results):
            sentences.append("De øvrige ligger som forventet.")
    else:
        subject = "Alle jeres rater" if len(results) == len(comparison.indicators) else "Jeres vurderede rater"
        sentences.append(
            f"{subject} ligger som forventet: forskellene til klyngens samlede rate er ikke større, "
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
        f"tilfældigheder kan forklare, så grænserne for «som forventet» er gjort bredere{uncertain}."
    )


def _standing_out_sentence(results: tuple[IndicatorResult, ...]) -> str:
    parts = []
    for verdict, word in ((HIGHER, "højere"), (LOWER, "lavere")):
        names = [f"{r.name} ({r.level}-niveau)" for r in results if r.verdict == verdict]
        if names:
            parts.append(f"{word} end forventet for {join_words(names)}")
    return f"Sammenlignet med klyngens samlede rate er jeres rate {' og '.join(parts)}."


def _caution_sentence(comparison: Comparison, results: tuple[IndicatorResult, ...]) -> str | None:
    if comparison.listed_patients < SMALL_LIST:
        return "Jeres praksis har under 1.000 tilmeldte patienter, så tilfældigheder fylder meget i alle tallene."
    few = [r.name for r in results if r.has_caution]
    if not few:
        return None
    return f"Vær varsom med {join_words(few)}: tallet bygger på under 10 ydelser, så tilfældigheder fylder meget."
