"""A comparison as the page shows it (plain JSON types, every number already in Danish) and as CSV."""

from __future__ import annotations

import math
from typing import Any

from .comparison import HIGHER, LEVEL, LOWER, STRICT_LEVEL, Comparison, IndicatorResult
from .danish import format_interval, format_number, level_text, position_sentence, position_text
from .rates import PER, poisson_limits
from .summary import summary_sentences

CSV_HEADER = (
    "Indikator",
    "Antal",
    "Rate pr. 1.000",
    "Nedre 95 %-grænse",
    "Øvre 95 %-grænse",
    "Klyngens median",
    "Placering i klyngen",
    "Vurdering",
)
BOM = "\ufeff"  # Excel reads a BOM-less CSV as Windows-1252 and garbles æ, ø and å
FUNNEL_POINTS = 24  # enough for a smooth curve across a ~600-pixel chart on a log scale; each costs 4 quantiles
_VERDICT_KEYS = {HIGHER: "higher", LOWER: "lower"}  # stable names for the page's CSS, not for people


def verdict_text(result: IndicatorResult) -> str:
    """"Højere end forventet (95 %)" or "Som forventet"."""
    return f"{result.verdict} ({result.level})" if result.level else result.verdict


def to_csv(comparison: Comparison) -> str:
    """Semicolons and decimal commas, as Danish Excel expects; counts without thousands dots so that
    no spreadsheet mistakes "1.234" for a decimal. Quoted as the csv module's QUOTE_MINIMAL does (without
    importing it, which the browser's worker would pay for at start)."""
    rows = [CSV_HEADER]
    for result in comparison.indicators:
        rows.append(
            (
                result.name,
                str(result.count),
                format_number(result.rate, grouping=False),
                format_number(result.lower, grouping=False),
                format_number(result.upper, grouping=False),
                format_number(result.cluster_median, grouping=False),
                _capitalise(position_text(result.n_lower, result.n_equal, result.m)),
                verdict_text(result),
            )
        )
    return BOM + "".join(";".join(_csv_field(field) for field in row) + "\r\n" for row in rows)


def _csv_field(text: str) -> str:
    if ";" in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """Everything the page renders, raw numbers beside their Danish text, so the page formats nothing."""
    return {
        "cluster": {"id": comparison.cluster_id, "name": comparison.cluster_name},
        "listed": comparison.listed_patients,
        "listed_text": format_number(comparison.listed_patients, 0),
        "missing_codes": list(comparison.missing_codes),
        "summary": summary_sentences(comparison),
        "columns": list(CSV_HEADER),
        "levels": {"outer": level_text(STRICT_LEVEL), "inner": level_text(LEVEL)},
        "indicators": [_indicator_dict(result, comparison.listed_patients) for result in comparison.indicators],
    }


def _indicator_dict(result: IndicatorResult, listed_patients: int) -> dict[str, Any]:
    stats = {
        "min": result.cluster_min,
        "q1": result.cluster_q1,
        "median": result.cluster_median,
        "q3": result.cluster_q3,
        "max": result.cluster_max,
    }
    return {
        "id": result.id,
        "name": result.name,
        "codes": list(result.codes),
        "count": result.count,
        "count_text": format_number(result.count, 0),
        "rate": result.rate,
        "rate_text": format_number(result.rate),
        "lower": result.lower,
        "upper": result.upper,
        "lower_text": format_number(result.lower),
        "upper_text": format_number(result.upper),
        "interval_text": format_interval(result.lower, result.upper),
        "lower_998": result.lower_998,
        "upper_998": result.upper_998,
        "interval_998_text": format_interval(result.lower_998, result.upper_998),
        "cluster_stats": stats,
        "cluster_stats_text": {key: format_number(value) for key, value in stats.items()},
        "pooled_rate": result.pooled_rate,
        "pooled_rate_text": format_number(result.pooled_rate),
        "n_lower": result.n_lower,
        "n_equal": result.n_equal,
        "m": result.m,
        "position_text": _capitalise(position_text(result.n_lower, result.n_equal, result.m)),
        "position_sentence": position_sentence(result.n_lower, result.n_equal, result.m),
        "verdict": result.verdict,
        "verdict_key": _VERDICT_KEYS.get(result.verdict, "as_expected"),
        "level": result.level,
        "verdict_text": verdict_text(result),
        "caution": result.caution,
        "chart": _chart(result, listed_patients),
    }


def _chart(result: IndicatorResult, listed_patients: int) -> dict[str, Any]:
    return {
        "practices": [
            {"listed": listed, "rate": rate} for listed, rate in zip(result.cluster_listed, result.cluster_rates)
        ],
        "practice": {
            "listed": listed_patients,
            "rate": result.rate,
            "lower": result.lower,
            "upper": result.upper,
        },
        "pooled_rate": result.pooled_rate,
        "funnel": funnel(result.pooled_rate, [*result.cluster_listed, listed_patients], listed_patients),
    }


def funnel(pooled_rate: float, list_sizes: list[int], practice_listed: int) -> list[dict[str, float]]:
    """Control limits, as rates, at ~24 list sizes spread evenly on a log scale over the cluster's
    range (the funnel bends most at small lists), plus the practice's own list size exactly."""
    smallest, largest = min(list_sizes), max(list_sizes)
    if smallest == largest:
        sizes = {smallest}
    else:
        ratio = math.log(largest / smallest)
        sizes = {round(smallest * math.exp(ratio * i / (FUNNEL_POINTS - 1))) for i in range(FUNNEL_POINTS)}
    sizes.add(practice_listed)
    points = []
    for n in sorted(sizes):
        expected = pooled_rate * n / PER
        low_95, high_95 = poisson_limits(expected, LEVEL)
        low_998, high_998 = poisson_limits(expected, STRICT_LEVEL)
        points.append(
            {
                "listed": n,
                "low_95": low_95 * PER / n,
                "high_95": high_95 * PER / n,
                "low_998": low_998 * PER / n,
                "high_998": high_998 * PER / n,
            }
        )
    return points


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
