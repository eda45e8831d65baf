"""»Følg op« for all of a pack's indicators at once: the practice pastes its counts per fee code for each period.

The counts are read by the calculator's own paste parser (counts.py), so every shape it accepts works here too.
An indicator is compared only on the fee codes pasted for both periods: a code missing in one period would make
the change look like a fall (or a rise) that is only a gap in the paste, so such an indicator is "ikke beregnet",
with the reason, never compared with a 0 it was not given.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from ..danish import join_words
from ..errors import failure, field_failure, read_fields
from ..parsing.counts import normalise_code, parse_counts
from ..parsing.follow_up_fields import read_days
from .csv_export import follow_up_csv
from .periods import compare_periods

NOTHING_TO_COMPARE = (
    "Ingen af klyngepakkens indikatorer har tal i begge perioder. Indsæt de samme ydelseskoder før og efter."
)
MULTIPLE_INDICATORS_CAUTION = (
    "Når flere indikatorer vurderes på én gang, vil en af dem en gang imellem se ud til at have ændret sig alene "
    "ved tilfældigheder. Se mest på den indikator, som ændringen var rettet mod."
)


def follow_up_table(request: Mapping[str, Any]) -> dict[str, Any]:
    """request: before_text, before_days, after_text, after_days as typed, and the pack's indicators
    ([{id, name, codes}], as in the calculator's reference JSON). Errors as run() and follow_up() give them."""
    indicators = request["indicators"]
    known_codes = {normalise_code(code) for indicator in indicators for code in indicator["codes"]}

    def counts(text: Any):
        return parse_counts(text, known_codes)

    readers = [("before_text", counts), ("before_days", partial(read_days, label="Dage før"))]
    readers += [("after_text", counts), ("after_days", partial(read_days, label="Dage efter"))]
    values, errors = read_fields(request, readers)
    if errors:
        return failure(errors)

    before, after = values["before_text"], values["after_text"]
    results = [
        _indicator(indicator, before.counts, after.counts, values["before_days"], values["after_days"])
        for indicator in indicators
    ]
    computed = [result for result in results if result["computed"]]
    if not computed:
        return field_failure("before_text", NOTHING_TO_COMPARE)
    warnings = [f"Før: {warning}" for warning in before.warnings] + [f"Efter: {w}" for w in after.warnings]
    return {
        "ok": True,
        "result": {"indicators": results, "sentences": [MULTIPLE_INDICATORS_CAUTION] if len(computed) > 1 else []},
        "warnings": warnings,
        "csv": follow_up_csv(results),
    }


def _indicator(
    indicator: Mapping[str, Any], before: Mapping[str, int], after: Mapping[str, int], before_days: int, after_days: int
) -> dict[str, Any]:
    codes = [normalise_code(code) for code in indicator["codes"]]
    in_before = [code for code in codes if code in before]
    in_after = [code for code in codes if code in after]
    head = {"id": indicator["id"], "name": indicator["name"]}
    if in_before != in_after or not in_before:
        return {**head, "computed": False, "reason": _not_computed_reason(codes, in_before, in_after)}
    result = compare_periods(
        sum(before[code] for code in in_before), before_days, sum(after[code] for code in in_after), after_days
    )
    left_out = [code for code in codes if code not in in_before]
    note = (
        f"Talt uden ydelseskode {join_words(left_out)}, som ikke er indsat i nogen af perioderne." if left_out else None
    )
    return {**head, "computed": True, "codes": in_before, "note": note, **result}


def _not_computed_reason(codes: list[str], in_before: list[str], in_after: list[str]) -> str:
    if not in_before and not in_after:
        return f"Ikke beregnet: ydelseskode {join_words(codes)} er ikke indsat."
    only_before = [code for code in in_before if code not in in_after]
    only_after = [code for code in in_after if code not in in_before]
    parts = []
    if only_before:
        parts.append(f"ydelseskode {join_words(only_before)} mangler i tallene efter")
    if only_after:
        parts.append(f"ydelseskode {join_words(only_after)} mangler i tallene før")
    example = (only_before or only_after)[0]
    return (
        f"Ikke beregnet: {' og '.join(parts)}. Indsæt de samme ydelseskoder i begge perioder; skriv fx "
        f"{example};0, hvis der ingen var."
    )
