"""Danish wording and number formatting shared by the screen, the CSV and the error messages."""

from __future__ import annotations

import math
from datetime import date

EN_DASH = "\u2013"
_MAX_QUOTED = 40
_LINES_NAMED_IN_FULL = 5
_LINES_NAMED_OF_MANY = 3


def format_number(x: float, decimals: int = 1, grouping: bool = True) -> str:
    """12.34 -> "12,3", 1234.5 -> "1.234,5"; with decimals=0, 1234567 -> "1.234.567".

    Halves round away from zero on the number as it is written ("0,15" -> "0,2"), the way Excel
    and a reader with a pencil do, rather than on the binary float (0.15 is 0.1499999... inside).
    """
    if isinstance(x, bool) or not math.isfinite(x):
        raise ValueError(f"cannot format {x!r} as a Danish number")
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    if isinstance(x, float):
        # The number as written is repr's shortest round-tripping decimal: digits * 10**exponent, exactly.
        mantissa, _, power = float.__repr__(abs(x)).partition("e")
        whole, _, fraction = mantissa.partition(".")
        digits, exponent = int(whole + fraction), int(power or 0) - len(fraction)
    elif isinstance(x, int):
        digits, exponent = abs(x), 0
    else:
        return _format_decimal(x, decimals, grouping)
    shift = -decimals - exponent
    if shift <= 0:
        scaled = digits * 10**-shift
    else:  # round half up, on the magnitude: away from zero
        unit = 10**shift
        scaled, remainder = divmod(digits, unit)
        if 2 * remainder >= unit:
            scaled += 1
    whole_part, fraction_part = divmod(scaled, 10**decimals)
    text = f"{whole_part:,}".replace(",", ".") if grouping else str(whole_part)
    if decimals:
        text += "," + str(fraction_part).zfill(decimals)
    return "-" + text if x < 0 and scaled else text  # never "-0,0"


def _format_decimal(x, decimals: int, grouping: bool) -> str:
    """Other number types (Decimal, say) through the decimal module, imported only then: the browser's worker
    never needs it, and importing it costs the calculator's start."""
    from decimal import ROUND_HALF_UP, Decimal

    rounded = Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # never show "-0,0"
    english = format(rounded, (",." if grouping else ".") + f"{decimals}f")
    # Swap the English separators for the Danish ones through a placeholder.
    return english.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_interval(lower: float, upper: float, decimals: int = 1) -> str:
    """(10.2, 14.8) -> "10,2–14,8" (en dash, no spaces, as Danish typography has it)."""
    return f"{format_number(lower, decimals)}{EN_DASH}{format_number(upper, decimals)}"


def join_words(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b og c"."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " og " + words[-1]


def line_label(number: int) -> str:
    """12345 -> "Linje 12.345", as a message about a pasted table begins."""
    return f"Linje {format_number(number, 0)}"


def line_numbers(numbers: list[int]) -> str:
    """The lines a message names: [1, 3, 5] -> "1, 3 og 5". A long list keeps its first three and counts the rest,
    [3, 7, 12, ...] -> "3, 7, 12 og 4.211 andre", so a message about a pasted table of thousands of lines stays a
    sentence. Up to five are all named: the rest is then never one or two, which would be shorter named than counted."""
    if len(numbers) <= _LINES_NAMED_IN_FULL:
        return join_words([format_number(number, 0) for number in numbers])
    named = ", ".join(format_number(number, 0) for number in numbers[:_LINES_NAMED_OF_MANY])
    return f"{named} og {format_number(len(numbers) - _LINES_NAMED_OF_MANY, 0)} andre"


def quote(text: str) -> str:
    """Echo what the user typed in Danish quotation marks, shortened so a pasted novel stays readable."""
    text = " ".join(text.split())
    if len(text) > _MAX_QUOTED:
        text = text[: _MAX_QUOTED - 1] + "\u2026"
    return f"\u00bb{text}\u00ab"


def position_text(n_lower: int, n_equal: int, m: int) -> str:
    """The practice's place among itself and the cluster's m practices, counted from the lowest rate:
    "Lavest i klyngen", "Højest i klyngen" or "Nr. 3 af 10"; ties are said, not hidden ("Nr. 3 af 10 (lige med 1)")."""
    ties = f" (lige med {n_equal})" if n_equal else ""
    if n_equal == m:
        return f"Lige med alle klyngens {m} praksis"
    if n_lower == 0:
        return f"Lavest i klyngen{ties}"
    if n_lower + n_equal == m:
        return f"Højest i klyngen{ties}"
    return f"Nr. {n_lower + 1} af {m + 1}{ties}"


def position_sentence(n_lower: int, n_equal: int, m: int) -> str:
    """The same place as a sentence that says how it is counted: "Jeres rate er nr. 3 af 10, talt fra den laveste
    (jeres praksis og klyngens 9)."."""
    if n_equal == m:
        return f"Jeres rate er den samme som alle klyngens {m} praksis'."
    among = f"(jeres praksis og klyngens {m})"
    ties = f" {n_equal} af klyngens praksis har samme rate." if n_equal else ""
    if n_lower == 0:
        return f"Jeres rate er den laveste i klyngen {among}.{ties}"
    if n_lower + n_equal == m:
        return f"Jeres rate er den højeste i klyngen {among}.{ties}"
    return f"Jeres rate er nr. {n_lower + 1} af {m + 1}, talt fra den laveste {among}.{ties}"


def level_text(level: float) -> str:
    """0.95 -> "95 %", 0.998 -> "99,8 %" (Danish puts a space before the per cent sign)."""
    percent = level * 100
    decimals = 0 if abs(percent - round(percent)) < 1e-9 else 1
    return f"{format_number(percent, decimals)} %"


_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def format_date(day: date) -> str:
    """2026-11-30 -> "30. november 2026": written out, so no spreadsheet turns it into a number or a US date."""
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def round_up(n: int) -> int:
    """Two significant figures, rounded up, for "omkring …": 56 -> 56, 134 -> 140, 3477 -> 3500."""
    if n < 100:
        return n
    unit = 10 ** (len(str(n)) - 2)
    return -(-n // unit) * unit


def format_ratio(x: float) -> str:
    """Two decimals ("0,45"), and two significant figures below 0,01 ("0,0034") so a small limit is not "0,00"."""
    if 0 < x < 0.01:
        return format_number(x, 1 - math.floor(math.log10(x)))
    return format_number(x, 2)


def format_p_value(p: float, alpha: float = 0.05) -> str:
    """ "p = 0,48", "p = 0,004", "p < 0,001"; never rounded across the test's level alpha
    ("p = 0,050" for 0,0496 would be at 0,05)."""
    if p < 0.001:
        return f"p < {format_number(0.001, 3)}"
    decimals = 2 if p >= 0.1 else 3
    while decimals < 4 and (float(format_number(p, decimals).replace(",", ".")) < alpha) != (p < alpha):
        decimals += 1
    return f"p = {format_number(p, decimals)}"
