"""»Følg op« as CSV for Danish Excel: one row per indicator, with both periods' counts and lengths in every row,
so the file still says what was compared when it is opened months later at a cluster meeting."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..csv_writer import csv_text
from ..danish import format_number

HEADER = (
    "Indikator",
    "Antal før",
    "Dage før",
    "Antal efter",
    "Dage efter",
    "Tilmeldte før",
    "Tilmeldte efter",
    "Rate før",
    "Rate efter",
    "Enhed",
    "Ændring i %",
    "Forhold efter/før",
    "95 % sikkerhedsinterval, nedre",
    "95 % sikkerhedsinterval, øvre",
    "p-værdi",
    "Vurdering",
)
VERDICT_WORDS = {
    "change": "Større end tilfældigheder",
    "chance": "Kan skyldes tilfældigheder",
    "borderline": "På grænsen",
    "no_events": "Ingen ydelser",
}


def follow_up_csv(indicators: Iterable[Mapping[str, Any]]) -> str:
    """Rows from »Følg op« results, each with "name" and "computed" (and "reason" when not computed).

    Semicolons and decimal commas; numbers without thousands dots, so no spreadsheet takes "1.234" for a decimal.
    """
    rows = [HEADER]
    for indicator in indicators:
        if not indicator["computed"]:
            rows.append((indicator["name"], *[""] * (len(HEADER) - 2), indicator["reason"]))
            continue
        before, after = indicator["periods"]
        rows.append(
            (
                indicator["name"],
                str(before["count"]),
                str(before["days"]),
                str(after["count"]),
                str(after["days"]),
                "" if before["listed"] is None else str(before["listed"]),
                "" if after["listed"] is None else str(after["listed"]),
                _number(before["rate"], 2),
                _number(after["rate"], 2),
                indicator["unit"],
                _number(indicator["change_percent"], 1),
                _number(indicator["ratio"], 3),
                _number(indicator["ratio_lower"], 3),
                _number(indicator["ratio_upper"], 3) if indicator["ratio_upper"] is not None else "uendelig",
                indicator["p_text"].removeprefix("p = ").removeprefix("p "),
                VERDICT_WORDS[indicator["verdict"]],
            )
        )
    return csv_text(rows)


def _number(x: float | None, decimals: int) -> str:
    """Blank for a number that does not exist (the ratio of 0 to 0); more decimals for a small positive one."""
    if x is None:
        return ""
    if 0 < abs(x) < 10**-decimals:
        decimals = 1 - math.floor(math.log10(abs(x)))
    return format_number(x, decimals, grouping=False)
