"""A comparison as CSV, for the practice to keep or bring to the cluster meeting."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..csv_writer import csv_text
from ..danish import format_date, format_number, position_text
from .compare import Comparison
from .page import csv_columns, period_text, verdict_text

LIMIT_KEYS = ("low_95", "high_95", "low_998", "high_998")


def to_csv(
    comparison: Comparison,
    *,
    pack: str = "",
    period: Mapping[str, str] | None = None,
    fictitious: bool = False,
    made: date | None = None,
) -> str:
    """The result as Danish Excel opens it (csv_writer.py): decimal commas, counts without thousands dots.

    A few context lines come before the table, so a file opened weeks later still says whose numbers, against
    which cluster, for which period, made when, and whether the cluster's numbers are fictitious."""
    rows: list[tuple[str, ...]] = list(
        context_rows(comparison, pack=pack, period=period, fictitious=fictitious, made=made or date.today())
    )
    rows += [(), csv_columns(period)]
    for result in comparison.indicators:
        if result.count is None:
            numbers = ("", "", "", "")
            place = ""
        else:
            numbers = (str(result.count),) + tuple(
                format_number(value, grouping=False) for value in (result.rate, result.lower, result.upper)
            )
            place = position_text(result.n_lower, result.n_equal, result.m)
        cluster = tuple(format_number(value, grouping=False) for value in (result.cluster_median, result.pooled_rate))
        limits = tuple(
            "" if result.limits is None else format_number(result.limits[key], grouping=False) for key in LIMIT_KEYS
        )
        rows.append((result.name, *numbers, *cluster, *limits, place, verdict_text(result)))
    return csv_text(rows)


def context_rows(
    comparison: Comparison, *, pack: str, period: Mapping[str, str] | None, fictitious: bool, made: date
) -> list[tuple[str, str]]:
    """(label, value) pairs for the lines above the CSV's table; a label without a value is left out."""
    practices = comparison.indicators[0].m if comparison.indicators else 0
    rows = (
        ("Klyngepakke", pack),
        ("Klynge", comparison.cluster_name),
        ("Praksis i klyngen", str(practices)),
        ("Jeres tilmeldte patienter", str(comparison.listed_patients)),
        ("Periode", period_text(period)),
        ("Lavet", format_date(made)),
        ("Klyngens tal", "fiktive data" if fictitious else "rigtige data"),
        ("Rater", period["unit"] if period else "pr. 1.000 tilmeldte patienter"),
    )
    return [(label, value) for label, value in rows if value]
