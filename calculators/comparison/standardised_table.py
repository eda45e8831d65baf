"""Standardised ratios as the pages show them beside the crude rates: a table of rows (an indicator, or a practice),
a sentence on what the ratio takes into account, and the CSV's rows. Shapes only, for the cluster data file's ratios
(cluster_file/standardised.py) and for a practice that typed its own patients by sex and age (pasted_table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..danish import format_number, join_words
from ..stats.standardised import EXPECTED_DECIMALS, band_rates, expected_count
from .compare import Comparison
from .page import NO_NUMBER, period_text, verdict_key, verdict_text
from .standardised import (
    StandardisedResult,
    interval_text,
    judge_standardised,
    ratio_cell_text,
    spread_around_expected,
)

COLUMNS = (
    "Antal",
    "Forventet ud fra alder og køn",
    "Standardiseret ratio (1,00 = som forventet)",
    "95 % sikkerhedsinterval for ratioen",
    "Vurdering",
)
CSV_COLUMNS = (
    "Indikator",
    "Antal",
    "Forventet ud fra alder og køn",
    "Standardiseret ratio",
    "Ratioens 95 % sikkerhedsinterval, nedre",
    "Ratioens 95 % sikkerhedsinterval, øvre",
    "Vurdering ud fra alder og køn",
)
CRUDE_SPREAD = (
    "Klyngens praksis er mere forskellige, end tilfældigheder kan forklare. Deres fordeling på køn og alder kendes "
    "ikke, så spredningen mellem dem er skønnet ud fra deres rater, som de er."
)


def adjusted_sentence(groups: Sequence[tuple[str, str]], whose: str = "praksis'") -> str:
    """What the ratio takes into account, in one sentence naming the (sex, age band) groups; `whose` patients:
    »jeres« where the page speaks to one practice, »praksis'« where it shows the cluster."""
    sexes = join_words(list(dict.fromkeys(sex.lower() for sex, _ in groups)))
    ages = join_words(list(dict.fromkeys(age for _, age in groups)))
    return (
        f"Den standardiserede ratio tager højde for køn og alder: antallet sammenlignes med det antal, {whose} egne "
        f"patienter ville have, hvis de i hver af {len(groups)} grupper ({sexes}; aldersgrupperne {ages}) havde "
        "regionens rate. 1,00 svarer til regionen, over 1 er flere og under 1 færre."
    )


def table(caption: str, first_column: str, rows: list[dict[str, Any]], sentences: list[str]) -> dict[str, Any]:
    return {"caption": caption, "columns": [first_column, *COLUMNS], "rows": rows, "sentences": sentences}


def row(header: str, result: StandardisedResult) -> dict[str, Any]:
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


def pasted_table(
    comparison: Comparison,
    profile: Sequence[int],
    bands: Sequence[Mapping[str, Any]],
    period: Mapping | None,
    others: Mapping[str, tuple[Sequence[int], Sequence[float]]] | None = None,
) -> dict[str, Any]:
    """The calculator's table for a practice that typed its patients by sex and age: its counts against those
    expected at the reference's band rates, one row per computed indicator. The spread between the cluster's
    practices is taken around their expected counts where they are known (`others`: per indicator, the other
    practices' observed and expected counts, from a cluster data file with bands); else it is the crude
    comparison's, and the page says that it is an estimate."""
    rows, crude_spread = [], False
    for result in comparison.indicators:
        if result.count is None:
            continue
        rates = band_rates([band["counts"][result.id] for band in bands], [band["listed"] for band in bands])
        expected = expected_count(profile, rates)
        if others is None:
            spread = result.overdispersion
            crude_spread = crude_spread or bool(spread and spread.widened)
        else:
            observed_others, expected_others = others[result.id]
            spread = spread_around_expected([*observed_others, result.count], [*expected_others, expected])
        rows.append(row(result.name, judge_standardised(result.count, expected, spread)))
    sentences = [adjusted_sentence([(band["sex"], band["age"]) for band in bands], "jeres")]
    caption = ", ".join(filter(None, ["Standardiseret for køn og alder", period_text(period)]))
    return table(caption, "Indikator", rows, [*sentences, *([CRUDE_SPREAD] if crude_spread else [])])


def csv_rows(shown: Mapping[str, Any]) -> list[tuple[str, ...]]:
    """The calculator's table as rows under its CSV's crude ones: Excel reads the numbers, with more decimals."""
    if not shown["rows"]:
        return [(), *((sentence,) for sentence in shown["sentences"])]
    return [
        (),
        (shown["caption"],),
        CSV_COLUMNS,
        *((item["header"], str(item["observed"]), *csv_cells(item)) for item in shown["rows"]),
    ]


def csv_cells(item: Mapping[str, Any]) -> tuple[str, ...]:
    """A table row's expected count, ratio, interval and verdict as CSV cells (CSV_COLUMNS[2:], which the overview's
    CSV uses too): Excel reads the numbers, with more decimals than the page shows."""
    keys = ("ratio", "lower", "upper")
    ratio = ("",) * 3 if item["ratio"] is None else tuple(format_number(item[k], 3, grouping=False) for k in keys)
    return (format_number(item["expected"], EXPECTED_DECIMALS, grouping=False), *ratio, item["verdict_text"])
