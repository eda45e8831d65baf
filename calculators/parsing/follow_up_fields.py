"""The numbers of »Følg op« as the user typed them: two counts, two period lengths in days and, optionally, the
number of listed patients in each period.

The same Danish number reading as the rest of the calculator (whole_numbers.py); only the wording differs,
because each message names its field ("Antal før", "Dage efter") so the page can put it beside the right box.
listed.parse_listed is not reused: its messages speak of listed patients, and it refuses 0, which is a count here.
"""

from __future__ import annotations

from ..danish import quote
from ..errors import InputError
from .listed import parse_listed
from .whole_numbers import NumberFormatError, NumberProblem, read_whole_number

MAX_DAYS = 3653  # ten years: a longer baseline is a typo, or too old to say anything about a change made now

_THOUSANDS = "Brug kun punktum til at adskille tusinder, fx 1.234."
_WHOLE_COUNT = "Skriv et helt tal på 0 eller derover."
_WHOLE_DAYS = "Skriv periodens længde i hele dage, fx 14."
_COUNT_MESSAGES = {
    NumberProblem.EMPTY: "Udfyld »{label}«, fx 12. Skriv 0, hvis der ingen var.",
    NumberProblem.NEGATIVE: "{label}: {q} er negativt. " + _WHOLE_COUNT,
    NumberProblem.DECIMAL: "{label}: {q} er ikke et helt tal. " + _WHOLE_COUNT,
    NumberProblem.UNREADABLE: "{label}: {q} kan ikke læses sikkert som et helt tal. " + _THOUSANDS,
    NumberProblem.NOT_A_NUMBER: "{label}: {q} er ikke et tal. " + _WHOLE_COUNT,
    NumberProblem.TOO_LARGE: "{label}: {q} er urealistisk stort. Tjek tallet.",
}
_DAYS_MESSAGES = {
    NumberProblem.EMPTY: "Udfyld »{label}«: periodens længde i hele dage, fx 14.",
    NumberProblem.NEGATIVE: "{label}: {q} er negativt. " + _WHOLE_DAYS,
    NumberProblem.DECIMAL: "{label}: {q} er ikke et helt antal dage. " + _WHOLE_DAYS,
    NumberProblem.UNREADABLE: "{label}: {q} kan ikke læses sikkert som et helt tal. " + _WHOLE_DAYS,
    NumberProblem.NOT_A_NUMBER: "{label}: {q} er ikke et tal. " + _WHOLE_DAYS,
    NumberProblem.TOO_LARGE: "{label}: {q} er mere end 10 år. Skriv periodens længde i dage, fx 90.",
}
_ZERO_DAYS = "{label}: en periode skal være mindst 1 dag. " + _WHOLE_DAYS


def read_count(text: str | int | None, label: str) -> int:
    """A count of 0 or more, e.g. "1.234"; `label` is the field's name on the page, e.g. "Antal før"."""
    raw = _raw(text)
    return _read(raw, label, _COUNT_MESSAGES)


def read_days(text: str | int | None, label: str) -> int:
    """A period length in whole days, from 1 to MAX_DAYS."""
    raw = _raw(text)
    days = _read(raw, label, _DAYS_MESSAGES)
    if days == 0:
        raise InputError(_ZERO_DAYS.format(label=label))
    if days > MAX_DAYS:
        raise InputError(_DAYS_MESSAGES[NumberProblem.TOO_LARGE].format(label=label, q=quote(raw)))
    return days


def _raw(text: str | int | None) -> str:
    return "" if text is None else str(text)


def _read(raw: str, label: str, messages: dict[NumberProblem, str]) -> int:
    try:
        return read_whole_number(raw)
    except NumberFormatError as error:
        raise InputError(messages[error.problem].format(label=label, q=quote(raw))) from None


def read_optional_listed(text: str | int | None, label: str) -> int | None:
    """A list size in a field that may be left empty (None then), e.g. »Tilmeldte før«."""
    raw = _raw(text)
    if not raw.strip():
        return None
    try:
        return parse_listed(raw)
    except InputError as error:
        raise InputError(f"{label}: {error}") from None
