"""Two or three plain-Danish sentences on what stands out in a comparison."""

from __future__ import annotations

from .comparison import AS_EXPECTED, HIGHER, LOWER, SMALL_LIST, Comparison, IndicatorResult
from .danish import join_words


def summary_sentences(comparison: Comparison) -> list[str]:
    results = comparison.indicators
    standing_out = [r for r in results if r.verdict != AS_EXPECTED]
    sentences = []
    if standing_out:
        sentences.append(_standing_out_sentence(results))
        if len(standing_out) < len(results):
            sentences.append("De øvrige ligger som forventet.")
    else:
        sentences.append(
            "Alle jeres rater ligger som forventet: forskellene til klyngens samlede rate er ikke større, "
            "end tilfældigheder kan forklare."
        )
    caution = _caution_sentence(comparison)
    if caution:
        sentences.append(caution)
    return sentences


def _standing_out_sentence(results: tuple[IndicatorResult, ...]) -> str:
    parts = []
    for verdict, word in ((HIGHER, "højere"), (LOWER, "lavere")):
        names = [f"{r.name} ({r.level}-niveau)" for r in results if r.verdict == verdict]
        if names:
            parts.append(f"{word} end forventet for {join_words(names)}")
    return f"Sammenlignet med klyngens samlede rate er jeres rate {' og '.join(parts)}."


def _caution_sentence(comparison: Comparison) -> str | None:
    if comparison.listed_patients < SMALL_LIST:
        return "Jeres praksis har under 1.000 tilmeldte patienter, så tilfældigheder fylder meget i alle tallene."
    few = [r.name for r in comparison.indicators if r.has_caution]
    if not few:
        return None
    return f"Vær varsom med {join_words(few)}: tallet bygger på under 10 ydelser, så tilfældigheder fylder meget."
