"""The number of listed patients ("tilmeldte patienter") as the user typed it."""

from __future__ import annotations

from ..danish import quote
from ..errors import InputError
from .whole_numbers import NumberFormatError, NumberProblem, read_whole_number

_EXAMPLE = "Skriv antallet af tilmeldte patienter som et helt tal, fx 1.234."

_MESSAGES = {
    NumberProblem.EMPTY: "Skriv antallet af tilmeldte patienter, fx 1.234.",
    NumberProblem.NEGATIVE: "Antallet af tilmeldte patienter {q} er negativt. " + _EXAMPLE,
    NumberProblem.DECIMAL: "{q} er ikke et helt tal. " + _EXAMPLE,
    NumberProblem.UNREADABLE: (
        "{q} kan ikke læses sikkert som et helt tal. Brug kun punktum til at adskille tusinder, fx 1.234 eller 12.500."
    ),
    NumberProblem.NOT_A_NUMBER: "{q} er ikke et tal. " + _EXAMPLE,
    NumberProblem.TOO_LARGE: "{q} er for stort til at være antallet af tilmeldte patienter. " + _EXAMPLE,
}


def parse_listed(text: str | int) -> int:
    """Read a positive whole number: "1234", "1.234", "1 234" (also with a non-breaking space)."""
    raw = "" if text is None else str(text)
    try:
        value = read_whole_number(raw)
    except NumberFormatError as error:
        raise InputError(_MESSAGES[error.problem].format(q=quote(raw))) from None
    if value == 0:
        raise InputError("Antallet af tilmeldte patienter skal være mindst 1.")
    return value
