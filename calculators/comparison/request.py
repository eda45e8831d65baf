"""The calculator's press of »Beregn«: the form's values in, the page's answer out. It walks down once: parsing
(parsing/), then the comparison's numbers (compare.py), then words and shapes (page.py, csv_export.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from ..csv_writer import BOM, csv_text
from ..danish import join_words
from ..errors import InputError, failure, field_failure, read_fields
from ..parsing.counts import normalise_code, parse_counts
from ..parsing.listed import parse_listed
from ..parsing.sex_and_age import band_field, read_profile, sum_problem
from .compare import Comparison, compare_with_cluster
from .csv_export import to_csv
from .page import comparison_to_dict, period_text
from .plausibility import listed_question
from .standardised_table import csv_rows, pasted_table

NO_CLUSTER_MESSAGE = "Vælg jeres klynge på listen."


Standardise = Callable[[Comparison, "tuple[int, ...] | None", "int | None"], "dict[str, Any] | None"]


def run(
    request: Mapping[str, Any],
    own_row: Callable[[Mapping[str, Any], int, dict[str, int]], int | None] | None = None,
    standardise: Standardise | None = None,
) -> dict[str, Any]:
    """Parse and compare; a user's mistake comes back as {"ok": False, ...}, never as an exception.

    `own_row(cluster, listed, counts)`, for a cluster that may already hold the practice (a cluster data file),
    names the practice's own row in it, so that the practice is counted once (compare.compare_with_cluster).
    `standardise(comparison, profile, row)` gives the table of ratios standardised for sex and age beside the rates,
    or None: by default, from the patients typed by sex and age (`profile`) at the reference's band rates.

    Every field is checked, so the page can mark all the fields that need fixing at once: "error" and
    "field" name the first (in the form's order), "errors" lists them all.
    """
    reference = request["reference"]
    indicators = reference["indicators"]
    known_codes = {normalise_code(code) for indicator in indicators for code in indicator["codes"]}
    values, errors = read_fields(
        request,
        [
            # the form's field is »cluster«; the request names the chosen cluster's id
            ("cluster", lambda _: _find_cluster(reference, request.get("cluster_id"))),
            ("listed", parse_listed),
            ("text", lambda text: parse_counts(text, known_codes)),
        ],
    )
    bands = reference.get("bands")
    profile, profile_errors = read_profile(request, bands)
    errors += profile_errors
    if errors:
        return failure(errors)
    cluster, listed, parsed = values["cluster"], values["listed"], values["text"]
    if profile is not None and sum_problem(profile, listed):
        return field_failure(band_field(0), sum_problem(profile, listed))

    row = None if own_row is None else own_row(cluster, listed, parsed.counts)
    comparison = compare_with_cluster(parsed.counts, listed, indicators, cluster, own_row=row)
    if all(result.count is None for result in comparison.indicators):
        return field_failure("text", nothing_computed_message(comparison.missing_codes))
    question = (
        None if request.get("listed_checked") else listed_question(comparison, period_text(reference.get("period")))
    )
    if question:
        return {**field_failure("listed", question), "check_listed": True}
    result = comparison_to_dict(comparison, reference.get("period"))
    result["fictitious"] = bool(reference.get("fictitious", False))
    missing = [
        f"{result_.name} er ikke beregnet: {result_.caution}"
        for result_ in comparison.indicators
        if result_.count is None
    ]
    csv = to_csv(
        comparison,
        pack=str(reference.get("name", "")),
        period=reference.get("period"),
        fictitious=result["fictitious"],
        made=_made(request.get("today")),
    )
    table = (standardise or _from_typed_profile(bands, reference.get("period")))(comparison, profile, row)
    if table:  # beside the rates: the ratios to the counts expected from the practice's sex and age
        result["standardised"] = table
        csv += csv_text(csv_rows(table)).removeprefix(BOM)
    return {"ok": True, "result": result, "warnings": [*parsed.warnings, *missing], "csv": csv}


def _from_typed_profile(bands, period) -> Standardise:
    """run()'s default `standardise`: the ratios from the patients typed by sex and age, at the reference's rates."""

    def table(comparison: Comparison, profile: tuple[int, ...] | None, _row: int | None) -> dict[str, Any] | None:
        return None if profile is None else pasted_table(comparison, profile, bands, period)

    return table


def _made(today: Any) -> date:
    """The browser's local date ("2026-11-30"), which the page also puts in the file's name; the worker's clock
    runs in UTC and would say yesterday after midnight in Denmark."""
    try:
        return date.fromisoformat(str(today))
    except ValueError:
        return date.today()


def nothing_computed_message(missing_codes) -> str:
    return (
        f"Ingen af pakkens indikatorer kan beregnes: ydelseskode {join_words(list(missing_codes))} mangler i jeres "
        "tal. Har I ingen af en kode, så skriv koden med antallet 0, fx 4436;0."
    )


def _find_cluster(reference: Mapping[str, Any], cluster_id: Any) -> Mapping[str, Any]:
    for cluster in reference["clusters"]:
        if cluster_id is not None and str(cluster["id"]) == str(cluster_id):
            return cluster
    raise InputError(NO_CLUSTER_MESSAGE)
