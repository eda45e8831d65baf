"""The standardised ratios of a cluster data file with sex and age bands (version 3), as the pages show them beside
the crude rates: in the calculator one row per indicator for the practice's own row, in »Klyngens overblik« one row
per practice for each indicator. Each practice is judged against 1 among all the file's practices
(comparison/standardised.py), so the two pages can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..comparison.compare import NOT_ASSESSABLE
from ..comparison.page import period_text, verdict_key
from ..comparison.request import Standardise
from ..comparison.standardised import StandardisedResult, judge_standardised, spread_around_expected
from ..comparison.standardised_table import adjusted_sentence, pasted_table, row, table
from .format import Band, ClusterFile

NOT_A_ROW = "Jeres tal er ikke en af datafilens praksis, så ratioen ud fra alder og køn kræver {what}."
TYPE_THEM = (
    "jeres patienter efter køn og alder: skriv dem under »Jeres patienter efter køn og alder«. Eller vælg jeres "
    "praksis i datafilen, eller indsæt præcis de tal, datafilen har for jer"
)
PICK_ROW = "jeres egen række i datafilen: vælg den, eller indsæt præcis de tal, datafilen har for jer"


def judge_indicator(data: ClusterFile, position: int) -> list[StandardisedResult]:
    """Every practice of the file on one indicator, each among all of them."""
    observed = [p.counts[position] for p in data.practices]
    expected = [p.expected[position] for p in data.practices]
    spread = spread_around_expected(observed, expected)
    return [judge_standardised(o, e, spread) for o, e in zip(observed, expected)]


def file_sentence(bands: Sequence[Band], whose: str = "praksis'") -> str:
    """What the file's ratios take into account, naming its groups."""
    return adjusted_sentence([(band.sex, band.age) for band in bands], whose)


def practice_table(data: ClusterFile, own_row: int, period_text: str) -> dict[str, Any]:
    """The calculator's table: the practice's own row in the file, one row per indicator."""
    rows = [
        row(indicator.name, judge_indicator(data, position)[own_row])
        for position, indicator in enumerate(data.indicators)
    ]
    return table(
        f"Standardiseret for køn og alder, {period_text}", "Indikator", rows, [file_sentence(data.bands, "jeres")]
    )


def indicator_table(data: ClusterFile, position: int, period_text: str) -> dict[str, Any]:
    """The overview's table for one indicator: one row per practice, and a sentence on how many stand out."""
    results = judge_indicator(data, position)
    name = data.indicators[position].name
    rows = [row(p.label, r) for p, r in zip(data.practices, results)]
    return table(
        f"{name}: standardiseret for køn og alder, {period_text}", "Praksis", rows, [_verdicts_sentence(results)]
    )


def not_a_row_table(data: ClusterFile, can_type: bool) -> dict[str, Any]:
    """The calculator's answer when the practice's numbers are no row of the file and it typed no patients by sex
    and age: why there is no ratio, and what gives one (the boxes only where the page has them for the file's
    groups)."""
    what = NOT_A_ROW.format(what=TYPE_THEM if can_type else PICK_ROW)
    return table("", "Indikator", [], [file_sentence(data.bands, "jeres"), what])


def standardise_with_file(data: ClusterFile, period: Mapping[str, str], can_type: bool) -> Standardise:
    """comparison.request.run()'s `standardise` against a cluster data file: the practice's own row's ratios; or,
    for a practice that joins the cluster, those from the patients it typed by sex and age, with the file's
    practices' expected counts for the spread between them; or why there are none. None for a file without bands."""
    if not data.standardised:
        return lambda comparison, profile, row: None
    others = {
        indicator.id: ([p.counts[n] for p in data.practices], [p.expected[n] for p in data.practices])
        for n, indicator in enumerate(data.indicators)
    }
    bands = data.reference_bands()

    def standardised(comparison, profile: tuple[int, ...] | None, row: int | None) -> dict[str, Any] | None:
        if row is not None:
            return practice_table(data, row, period_text(period))
        if profile is not None:
            return pasted_table(comparison, profile, bands, period, others)
        return not_a_row_table(data, can_type)

    return standardised


def _verdicts_sentence(results: Sequence[StandardisedResult]) -> str:
    """ "Justeret for køn og alder har 2 af klyngens 9 praksis tydeligt flere ydelser end forventet og 1 tydeligt
    færre; resten ingen tydelig forskel." or, where the practices differ more than chance explains, the spread's
    words. Practices that cannot be assessed are not counted."""
    judged = [r for r in results if r.verdict != NOT_ASSESSABLE]
    widened = any(r.overdispersion and r.overdispersion.widened for r in judged)
    above = sum(1 for r in judged if verdict_key(r.verdict) == "higher")
    below = sum(1 for r in judged if verdict_key(r.verdict) == "lower")
    of = f"af klyngens {len(judged)} praksis" if len(judged) == len(results) else f"af {len(judged)} praksis"
    ends = [(above, "over" if widened else "flere"), (below, "under" if widened else "færre")]
    (n, word), *rest = [end for end in ends if end[0]] or [(0, "")]
    more = "".join(f" og {m} {other}" for m, other in rest)
    if widened:
        spread = "Justeret for køn og alder er klyngens praksis mere forskellige, end tilfældigheder kan forklare"
        if not n:
            return f"{spread}, og alle {len(judged)} ligger inden for spredningen mellem dem."
        return f"{spread}: {n} {of} ligger {word} spredningen mellem dem{more}."
    if not n:
        return f"Justeret for køn og alder har ingen {of} tydeligt flere eller færre ydelser end forventet."
    return (
        f"Justeret for køn og alder har {n} {of} tydeligt {word} ydelser end forventet{more}; resten ingen tydelig "
        "forskel."
    )
