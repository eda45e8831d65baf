"""A comparison as the page shows it: plain JSON types, every number beside its Danish text, so the page formats
nothing. Shapes only: every number here was computed by compare.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..danish import format_interval, format_number, level_text, position_sentence, position_text
from ..stats.funnel import LEVEL, STRICT_LEVEL
from .compare import DIRECTIONS, Comparison, IndicatorResult
from .summary import overdispersion_sentence, summary_sentences

LIMITS = "Klyngens 95 %-grænser ved jeres antal tilmeldte"  # the funnel's limits where the practice's point lies


def rate_column(period: Mapping[str, str] | None) -> str:
    """ "Rate pr. 1.000 på 2 år": a rate over two years is not a yearly one, so the unit names the period's length."""
    return f"Rate pr. 1.000 på {period['length']}" if period else "Rate pr. 1.000"


def period_text(period: Mapping[str, str] | None) -> str:
    """ "1. januar 2024 – 31. december 2025 (2 år)", or "" for a reference without a period."""
    return period["text_and_length"] if period else ""


def screen_columns(period: Mapping[str, str] | None) -> list[str]:
    """The result table's columns on screen and on paper: the indicator, then each indicator's `cells`, then the
    verdict."""
    return [
        "Indikator",
        "Antal",
        rate_column(period),
        "95 % sikkerhedsinterval",
        "Klyngens samlede rate",
        LIMITS,
        "Placering (1 = lavest)",
        "Vurdering",
    ]


def csv_columns(period: Mapping[str, str] | None) -> tuple[str, ...]:
    """The CSV's columns: the screen's, with each range as two numbers and the cluster's median beside them."""
    return (
        "Indikator",
        "Antal",
        rate_column(period),
        "95 % sikkerhedsinterval, nedre",
        "95 % sikkerhedsinterval, øvre",
        "Klyngens median",
        "Klyngens samlede rate",
        f"{LIMITS}, nedre",
        f"{LIMITS}, øvre",
        "Klyngens 99,8 %-grænser ved jeres antal tilmeldte, nedre",
        "Klyngens 99,8 %-grænser ved jeres antal tilmeldte, øvre",
        "Placering (1 = lavest)",
        "Vurdering",
    )


NO_NUMBER = "\u2013"  # shown where an indicator that is not computed has no number
_VERDICT_KEYS = {1: "higher", -1: "lower", 0: "as_expected"}  # stable names for the page's CSS, not for people


def verdict_key(verdict: str) -> str:
    return _VERDICT_KEYS[DIRECTIONS.get(verdict, 0)]


def verdict_text(result: IndicatorResult) -> str:
    """ "Højere end klyngens samlede rate (uden for 95 %-grænsen)" or "Inden for spredningen mellem klyngens praksis".

    The limit is named as the chart names it: "(99,8 %)" alone is read as "99,8 % sure"."""
    return f"{result.verdict} (uden for {result.level}-grænsen)" if result.level else result.verdict


def comparison_to_dict(comparison: Comparison, period: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything the page renders, raw numbers beside their Danish text, so the page formats nothing. `period` is
    the reference's (period.Period.to_dict()), which dates the rates and names their unit."""
    return {
        "period": period,
        "period_text": period_text(period),
        "rate_title": rate_column(period),
        "cluster": {"id": comparison.cluster_id, "name": comparison.cluster_name},
        "listed": comparison.listed_patients,
        "listed_text": format_number(comparison.listed_patients, 0),
        "missing_codes": list(comparison.missing_codes),
        "summary": summary_sentences(comparison),
        "columns": screen_columns(period),
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
    spread = result.overdispersion
    practice = _practice_numbers(result)
    pooled_text, limits = format_number(result.pooled_rate), limits_text(result)
    return {
        "id": result.id,
        "name": result.name,
        "codes": list(result.codes),
        "computed": result.count is not None,
        **practice,
        "cluster_stats": stats,
        "cluster_stats_text": {key: format_number(value) for key, value in stats.items()},
        "pooled_rate": result.pooled_rate,
        "pooled_rate_text": pooled_text,
        "limits_text": limits,
        # The table's cells between the indicator's name and the verdict, in screen_columns' order: the texts above.
        "cells": [
            *(
                {"text": text, "number": True}
                for text in (
                    practice["count_text"],
                    practice["rate_text"],
                    practice["interval_text"],
                    pooled_text,
                    limits,
                )
            ),
            {"text": practice["position_text"], "number": False},
        ],
        "m": result.m,
        "verdict": result.verdict,
        "verdict_key": verdict_key(result.verdict),
        "level": result.level,
        "verdict_text": verdict_text(result),
        "caution": result.caution,
        "overdispersion": None
        if spread is None
        else {
            "phi": spread.phi,
            "phi_raw": spread.phi_raw,
            "tau2": spread.tau2,
            "widened": spread.widened,
            "practices": spread.practices,
        },
        "overdispersion_text": overdispersion_sentence([result]),
        "chart": None if result.count is None else _chart(result, listed_patients),
    }


def limits_text(result: IndicatorResult) -> str:
    """The funnel's 95 % limits at the practice's list size: the verdict says whether the rate lies outside them."""
    if result.limits is None:
        return NO_NUMBER
    return format_interval(result.limits["low_95"], result.limits["high_95"])


def _practice_numbers(result: IndicatorResult) -> dict[str, Any]:
    """The practice's own numbers and their Danish text; a dash where the indicator is not computed."""
    if result.count is None:
        keys = ("count", "rate", "lower", "upper", "lower_998", "upper_998", "n_lower", "n_equal")
        texts = (
            "count_text",
            "rate_text",
            "lower_text",
            "upper_text",
            "interval_text",
            "interval_998_text",
            "position_text",
        )
        return {**dict.fromkeys(keys), **dict.fromkeys(texts, NO_NUMBER), "position_sentence": None}
    return {
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
        "n_lower": result.n_lower,
        "n_equal": result.n_equal,
        "position_text": position_text(result.n_lower, result.n_equal, result.m),
        "position_sentence": position_sentence(result.n_lower, result.n_equal, result.m),
    }


def _chart(result: IndicatorResult, listed_patients: int) -> dict[str, Any]:
    """The funnel with the practice's list size among its points (none where the cluster has no events)."""
    return {
        # Columns of whole numbers, not a {listed, rate} object per practice: a cluster may hold a thousand
        # practices, the answer crosses from Python to the page as JSON, and a count is a few digits where its rate
        # is seventeen. The page divides count * 1000 / listed, the same one IEEE division as rates.rate, so the
        # rate it draws is this rate to the last bit.
        "practices": {"listed": list(result.cluster_listed), "count": list(result.cluster_counts)},
        "practice": {
            "listed": listed_patients,
            "rate": result.rate,
            "lower": result.lower,
            "upper": result.upper,
        },
        "pooled_rate": result.pooled_rate,
        "funnel": list(result.funnel),
    }
