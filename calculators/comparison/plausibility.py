"""Counts and a list size that cannot belong together, questioned before any verdict.

A list size typed wrong (450 for 4.500), or a year's counts pasted against the pack's two-year period, moves every
rate the same way: all of them far above, or all far below, the rates of the cluster's other practices. Real
practices differ indicator by indicator, so when every computed indicator (at least two) lies at least twice or at
most 60 % of the other practices' pooled rate, the page asks the user to check «Antal tilmeldte patienter» and the
period first; a user who has checked presses «Beregn» again and gets the result.
"""

from __future__ import annotations

from ..danish import format_number
from ..stats.rates import PER
from .compare import Comparison, IndicatorResult

HIGH, LOW = 2.0, 0.6


def _others_rate(result: IndicatorResult) -> float:
    listed = sum(result.cluster_listed)
    return sum(result.cluster_counts) * PER / listed if listed else 0.0


def listed_question(comparison: Comparison) -> str | None:
    """The Danish question to ask before any verdict, or None when the numbers can belong together."""
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
        f"Tjek «Antal tilmeldte patienter» og perioden, før I læser vurderingerne: alle jeres rater er {how} "
        f"klyngens (fx {example.name} {format_number(example.rate)} mod {format_number(_others_rate(example))} "
        "pr. 1.000). Det sker typisk, når antallet af tilmeldte eller perioden (fx ét år mod klyngens to) ikke "
        "passer til tallene. Passer det hele, så tryk «Beregn» igen."
    )
