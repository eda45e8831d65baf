"""The standardised ratios of a cluster data file with sex and age bands (version 3), as the pages show them beside
the crude rates: in the calculator one row per indicator for the practice's own row, in »Klyngens overblik« one row
per practice for each indicator. Each practice is judged against 1 among all the file's practices
(comparison/standardised.py), so the two pages can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..comparison.compare import NOT_ASSESSABLE
from ..comparison.page import NO_NUMBER, verdict_key, verdict_text
from ..comparison.standardised import StandardisedResult, interval_text, judge_standardised, ratio_cell_text
from ..danish import format_number, join_words
from .format import EXPECTED_DECIMALS, Band, ClusterFile

COLUMNS = (
    "Antal",
    "Forventet ud fra alder og køn",
    "Standardiseret ratio (1,00 = som forventet)",
    "95 % sikkerhedsinterval for ratioen",
    "Vurdering",
)
NOT_A_ROW = (
    "Ratioen ud fra alder og køn kan kun beregnes for datafilens egne praksis, og jeres tal er ikke en af dem. Vælg "
    "jeres praksis i datafilen, eller indsæt præcis de tal, datafilen har for jer."
)


def judge_indicator(data: ClusterFile, position: int) -> list[StandardisedResult]:
    """Every practice of the file on one indicator, each among all of them."""
    observed = [p.counts[position] for p in data.practices]
    expected = [p.expected[position] for p in data.practices]
    return [judge_standardised(o, e, observed, expected) for o, e in zip(observed, expected)]


def adjusted_sentence(bands: Sequence[Band]) -> str:
    """What the ratio takes into account, in one sentence, naming the file's own groups."""
    sexes = join_words(list(dict.fromkeys(band.sex.lower() for band in bands)))
    ages = join_words(list(dict.fromkeys(band.age for band in bands)))
    return (
        f"Den standardiserede ratio tager højde for køn og alder: antallet sammenlignes med det antal, praksis' egne "
        f"patienter ville have, hvis de i hver af datafilens {len(bands)} grupper ({sexes}; aldersgrupperne {ages}) "
        "havde regionens rate. 1,00 svarer til regionen, over 1 er flere og under 1 færre."
    )


def practice_table(data: ClusterFile, own_row: int, period_text: str) -> dict[str, Any]:
    """The calculator's table: the practice's own row in the file, one row per indicator."""
    rows = [
        _row(indicator.name, judge_indicator(data, position)[own_row])
        for position, indicator in enumerate(data.indicators)
    ]
    table = _table(f"Standardiseret for køn og alder, {period_text}", "Indikator", rows)
    table["sentences"] = [adjusted_sentence(data.bands)]
    return table


def indicator_table(data: ClusterFile, position: int, period_text: str) -> dict[str, Any]:
    """The overview's table for one indicator: one row per practice, and a sentence on how many stand out."""
    results = judge_indicator(data, position)
    name = data.indicators[position].name
    table = _table(
        f"{name}: standardiseret for køn og alder, {period_text}",
        "Praksis",
        [_row(p.label, r) for p, r in zip(data.practices, results)],
    )
    table["sentences"] = [_verdicts_sentence(results)]
    return table


def not_a_row_table(data: ClusterFile) -> dict[str, Any]:
    """The calculator's answer when the practice's numbers are no row of the file: why there is no ratio."""
    return {"caption": None, "columns": [], "rows": [], "sentences": [adjusted_sentence(data.bands), NOT_A_ROW]}


def _table(caption: str, first: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"caption": caption, "columns": [first, *COLUMNS], "rows": rows, "sentences": []}


def _row(header: str, result: StandardisedResult) -> dict[str, Any]:
    judged = result.ratio is not None
    return {
        "header": header,
        "observed": result.observed,
        "expected": result.expected,
        "ratio": result.ratio,
        "lower": result.lower,
        "upper": result.upper,
        "cells": [
            {"text": format_number(result.observed, 0), "number": True},
            {"text": format_number(result.expected, EXPECTED_DECIMALS), "number": True},
            {"text": ratio_cell_text(result.ratio) if judged else NO_NUMBER, "number": True},
            {"text": interval_text(result) if judged else NO_NUMBER, "number": True},
        ],
        "verdict": result.verdict,
        "verdict_key": verdict_key(result.verdict),
        "verdict_text": verdict_text(result),
        "caution": result.caution,
    }


def _verdicts_sentence(results: Sequence[StandardisedResult]) -> str:
    """ "Efter alder og køn har 2 af klyngens 9 praksis tydeligt flere ydelser end forventet og 1 tydeligt færre;
    resten ingen tydelig forskel." or, where the practices differ more than chance explains, the spread's words."""
    judged = [r for r in results if r.verdict != NOT_ASSESSABLE]
    widened = any(r.overdispersion and r.overdispersion.widened for r in judged)
    above = sum(1 for r in judged if verdict_key(r.verdict) == "higher")
    below = sum(1 for r in judged if verdict_key(r.verdict) == "lower")
    of = f"af klyngens {len(results)} praksis"
    ends = [
        (n, word) for n, word in ((above, "over" if widened else "flere"), (below, "under" if widened else "færre"))
    ]
    (n, word), *rest = [end for end in ends if end[0]] or [(0, "")]
    more = "".join(f" og {m} {other}" for m, other in rest)
    if widened:
        spread = "Efter alder og køn er klyngens praksis mere forskellige, end tilfældigheder kan forklare"
        if not n:
            return f"{spread}, og alle {len(results)} ligger inden for spredningen mellem dem."
        return f"{spread}: {n} {of} ligger {word} spredningen mellem dem{more}."
    if not n:
        return f"Efter alder og køn har ingen {of} tydeligt flere eller færre ydelser end forventet."
    return f"Efter alder og køn har {n} {of} tydeligt {word} ydelser end forventet{more}; resten ingen tydelig forskel."


CSV_COLUMNS = (
    "Indikator",
    "Antal",
    "Forventet ud fra alder og køn",
    "Standardiseret ratio",
    "Ratioens 95 % sikkerhedsinterval, nedre",
    "Ratioens 95 % sikkerhedsinterval, øvre",
    "Vurdering ud fra alder og køn",
)


def csv_rows(table: dict[str, Any]) -> list[tuple[str, ...]]:
    """The calculator's table as rows under its CSV's crude ones: Excel reads the numbers, with more decimals."""
    if not table["rows"]:
        return [(), *((sentence,) for sentence in table["sentences"])]
    return [
        (),
        (table["caption"],),
        CSV_COLUMNS,
        *(
            (
                row["header"],
                str(row["observed"]),
                format_number(row["expected"], EXPECTED_DECIMALS, grouping=False),
                *(
                    ("",) * 3
                    if row["ratio"] is None
                    else (format_number(row[key], 3, grouping=False) for key in ("ratio", "lower", "upper"))
                ),
                row["verdict_text"],
            )
            for row in table["rows"]
        ),
    ]
