"""Reading whole numbers written the Danish way: "1234", "1.234", "1 234".

Shared by the listed-patients field and the counts in the pasted table, which differ only in
whether 0 is allowed and in how the message is worded, so this module reports *what* is wrong
(a `NumberProblem`) and leaves the sentence to the caller.
"""

from __future__ import annotations

import enum
import re

# Excel, Word and browsers paste these as thousands separators or padding.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_MINUS_SIGNS = ("-", "\u2212", "\u2013")  # hyphen-minus, real minus, en dash (Word's autocorrect)

_PLAIN = re.compile(r"\d+", re.ASCII)
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+", re.ASCII)
_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+", re.ASCII)
# A decimal comma, with or without thousands dots: "12,5", "1.234,50".
_DECIMAL = re.compile(r"(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+),\d+", re.ASCII)
_ONLY_NUMBER_CHARACTERS = re.compile(r"[\d., ]+", re.ASCII)

# Beyond this a count or list size is a typo, and Python refuses very long int() conversions anyway.
MAX_DIGITS = 12


class NumberProblem(enum.Enum):
    EMPTY = "empty"
    NEGATIVE = "negative"
    DECIMAL = "decimal"  # "12,5": a number, but not a whole one
    UNREADABLE = "unreadable"  # "12.5", "1.23.456": digits, but not a shape we can read for sure
    NOT_A_NUMBER = "not_a_number"
    TOO_LARGE = "too_large"


class NumberFormatError(ValueError):
    def __init__(self, problem: NumberProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def read_whole_number(text: str) -> int:
    """Return the non-negative whole number written in `text`, or raise NumberFormatError."""
    stripped = text.strip()
    if not stripped:
        raise NumberFormatError(NumberProblem.EMPTY)
    negative = stripped.startswith(_MINUS_SIGNS)
    magnitude = _SPACES.sub(" ", stripped[1:].strip() if negative else stripped)
    value = _read_magnitude(magnitude)
    if negative and value != 0:
        raise NumberFormatError(NumberProblem.NEGATIVE)
    return value


def _read_magnitude(text: str) -> int:
    if _PLAIN.fullmatch(text):
        digits = text
    elif _DOT_GROUPED.fullmatch(text) or _SPACE_GROUPED.fullmatch(text):
        # "12.500" is twelve thousand five hundred: Danish uses the dot only to group thousands.
        digits = text.replace(".", "").replace(" ", "")
    elif _DECIMAL.fullmatch(text):
        raise NumberFormatError(NumberProblem.DECIMAL)
    elif _ONLY_NUMBER_CHARACTERS.fullmatch(text) and any(c in "0123456789" for c in text):
        # "12.5" could be an English decimal or a mistyped "12.500": refuse rather than guess.
        raise NumberFormatError(NumberProblem.UNREADABLE)
    else:
        raise NumberFormatError(NumberProblem.NOT_A_NUMBER)
    if len(digits.lstrip("0")) > MAX_DIGITS:
        raise NumberFormatError(NumberProblem.TOO_LARGE)
    return int(digits)
