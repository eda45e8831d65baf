"""A practice's listed patients by sex and age band, as typed in the calculator's optional fields (one field per band
of the pack's reference, »band-0«, »band-1«, …): all of them or none, each a whole number, 0 allowed. That they add
up to the practice's listed patients is checked where both are known (comparison/request.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..danish import format_number, quote
from .whole_numbers import NumberFormatError, NumberProblem, read_whole_number

_WHOLE = "Skriv antallet af patienter i gruppen som et helt tal, fx 412 eller 1.204."
_MESSAGES = {
    NumberProblem.EMPTY: (
        "Skriv antallet af patienter i gruppen {group} (0, hvis I ingen har), eller tøm alle felterne under køn og "
        "alder."
    ),
    NumberProblem.NEGATIVE: "{group}: {q} er negativt. " + _WHOLE,
    NumberProblem.DECIMAL: "{group}: {q} er ikke et helt tal. " + _WHOLE,
    NumberProblem.UNREADABLE: "{group}: {q} kan ikke læses sikkert som et helt tal. " + _WHOLE,
    NumberProblem.NOT_A_NUMBER: "{group}: {q} er ikke et tal. " + _WHOLE,
    NumberProblem.TOO_LARGE: "{group}: {q} er for stort til at være et antal patienter. " + _WHOLE,
}


def band_field(index: int) -> str:
    return f"band-{index}"


def group_name(band: Mapping[str, Any]) -> str:
    """ "kvinder 0-17" """
    return f"{band['sex'].lower()} {band['age']}"


def read_profile(
    request: Mapping[str, Any], bands: Sequence[Mapping[str, Any]] | None
) -> tuple[tuple[int, ...] | None, list[dict[str, str]]]:
    """(the patients per band in the bands' order, or None when every field is empty; each field's mistake)."""
    if not bands:
        return None, []
    texts = ["" if request.get(band_field(i)) is None else str(request.get(band_field(i))) for i in range(len(bands))]
    if not any(text.strip() for text in texts):
        return None, []
    values, errors = [], []
    for index, (text, band) in enumerate(zip(texts, bands)):
        try:
            value = read_whole_number(text)
        except NumberFormatError as error:
            message = _MESSAGES[error.problem].format(group=group_name(band), q=quote(text))
            errors.append({"field": band_field(index), "error": message[0].upper() + message[1:]})
            continue
        if value and not band["listed"]:  # nothing to expect of patients in a group the reference has none in
            errors.append(
                {
                    "field": band_field(index),
                    "error": f"Regionens tal har ingen patienter i gruppen {group_name(band)}, så beregneren kan "
                    "ikke sige, hvad der kan forventes af jeres patienter i den. Tjek gruppen.",
                }
            )
        values.append(value)
    return (None if errors else tuple(values)), errors


def sum_problem(profile: Sequence[int], listed: int) -> str | None:
    """Why the bands cannot be the practice's patients, or None."""
    total = sum(profile)
    if total == listed:
        return None
    return (
        f"Jeres patienter efter køn og alder er {format_number(total, 0)} i alt, men antal tilmeldte patienter er "
        f"{format_number(listed, 0)}. Tallene skal passe sammen: ret enten grupperne eller antal tilmeldte."
    )
