"""Counts and a list size that cannot belong together, questioned before any verdict.

A list size typed wrong (450 for 4.500), or a year's counts pasted against the pack's two-year period, moves every
rate the same way: all of them far above, or all far below, the rates of the cluster's other practices. Real
practices differ indicator by indicator, so when every computed indicator (at least two) lies at least twice or at
most 60 % of the other practices' pooled rate, the page asks the user to check »Antal tilmeldte patienter« and the
period first. So does a list size far outside the cluster's (under a third of its smallest practice's, or over three
times its largest): a digit too few or too many, even where the counts were typed the same way. A user who has
checked presses »Beregn« again and gets the result.
"""

from __future__ import annotations

from ..danish import format_number
from ..stats.rates import PER
from .compare import Comparison, IndicatorResult

HIGH, LOW = 2.0, 0.6
SIZE_FACTOR = 3  # a list size this many times outside the cluster's smallest and largest practice is questioned


def _others_rate(result: IndicatorResult) -> float:
    listed = sum(result.cluster_listed)
    return sum(result.cluster_counts) * PER / listed if listed else 0.0


def listed_question(comparison: Comparison, period_text: str = "") -> str | None:
    """The Danish question to ask before any verdict, or None when the numbers can belong together. `period_text`
    names the days the cluster's numbers cover ("1. januar 2024 – 31. december 2025 (2 år)")."""
    period = f"klyngens tal dækker {period_text}" if period_text else "fx ét år mod klyngens to"
    return _rates_question(comparison, period) or _size_question(comparison)


def _size_question(comparison: Comparison) -> str | None:
    sizes = comparison.indicators[0].cluster_listed if comparison.indicators else ()  # the other practices
    if not sizes:
        return None
    smallest, largest, listed = min(sizes), max(sizes), comparison.listed_patients
    if smallest / SIZE_FACTOR <= listed <= largest * SIZE_FACTOR:
        return None
    sizes_text = (
        f"som alle har {format_number(smallest, 0)}"
        if smallest == largest
        else f"som har fra {format_number(smallest, 0)} til {format_number(largest, 0)}"
    )
    return (
        f"Tjek »Antal tilmeldte patienter«, før I læser vurderingerne: {format_number(listed, 0)} er langt fra "
        f"klyngens praksis, {sizes_text} tilmeldte. Passer det, så tryk »Beregn« igen."
    )


def _rates_question(comparison: Comparison, period: str) -> str | None:
    ratios = [
        (result, result.rate / _others_rate(result))
        for result in comparison.indicators
        if result.count is not None and _others_rate(result) > 0
    ]
    if len(ratios) < 2:
        return None
    if all(ratio >= HIGH for _, ratio in ratios):
        how = "mindst det dobbelte af"
    elif all(ratio <= LOW for _, ratio in ratios):
        how = "højst 60 % af"
    else:
        return None
    example, _ = max(ratios, key=lambda pair: pair[0].count)
    return (
        f"Tjek »Antal tilmeldte patienter« og perioden, før I læser vurderingerne: alle jeres rater er {how} "
        f"klyngens (fx {example.name} {format_number(example.rate)} mod {format_number(_others_rate(example))} "
        f"pr. 1.000). Det sker typisk, når antallet af tilmeldte eller perioden ({period}) ikke passer til "
        "tallene. Passer det hele, så tryk »Beregn« igen."
    )
