"""The table a practice pastes: one fee code ("ydelseskode") and one count per line.

It comes from a practice system, an Excel sheet or the keyboard, so the separator, the thousands
separator and the leading zeros of the codes vary; the meaning does not. Anything we cannot read
for certain stops with a Danish message naming the line, because a silently misread count would
give the practice a wrong rate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .danish import join_words, quote
from .errors import InputError
from .whole_numbers import NumberFormatError, NumberProblem, read_whole_number

CODE_LENGTH = 4
EMPTY_MESSAGE = "Indsæt jeres tal: én ydelseskode og ét antal pr. linje."
_LINE_EXAMPLE = "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234."
_COUNT_HINT = "Skriv et helt tal på 0 eller derover."

# A code, one separator (tab, ";", ",", ":" with optional spaces around it, or just spaces), the rest.
# The code cannot contain a space, so in "0101 1 234" the first space separates and "1 234" is the count.
_LINE = re.compile(r"(?P<code>[^\s;,:]+)(?:\s*[;,:]\s*|\s+)(?P<count>.*)")
# Spreadsheets export empty cells after the last filled one as trailing separators: "0101;12;;".
_TRAILING_EMPTY_CELLS = re.compile(r"[\s;,:]+$")
_CODE = re.compile(r"[0-9]{1,%d}" % CODE_LENGTH)
_DIGIT = re.compile(r"[0-9]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_COUNT_MESSAGES = {
    NumberProblem.EMPTY: "Linje {n}: ydelseskode {code} mangler et antal. " + _LINE_EXAMPLE,
    NumberProblem.NEGATIVE: "Linje {n}: antallet {q} er negativt. " + _COUNT_HINT,
    NumberProblem.DECIMAL: "Linje {n}: antallet {q} er ikke et helt tal. " + _COUNT_HINT,
    NumberProblem.UNREADABLE: (
        "Linje {n}: antallet {q} kan ikke læses sikkert som et helt tal. "
        "Brug kun punktum til at adskille tusinder, fx 1.234 eller 12.500."
    ),
    NumberProblem.NOT_A_NUMBER: "Linje {n}: antallet {q} er ikke et tal. " + _COUNT_HINT,
    NumberProblem.TOO_LARGE: "Linje {n}: antallet {q} er urealistisk stort. Tjek tallet.",
}


@dataclass(frozen=True)
class ParsedCounts:
    counts: dict[str, int]  # four-digit fee code -> count, in the order the codes first appear
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based, counting blank lines too, as the user sees the text
    code: str
    count: int


def parse_counts(text: str, known_codes: Iterable[str] | None = None) -> ParsedCounts:
    """Read the pasted table; raise InputError (Danish, naming the line) for anything unreadable."""
    lines = _read_lines("" if text is None else str(text))
    if not lines:
        raise InputError(EMPTY_MESSAGE)
    lines_by_code: dict[str, list[_Line]] = {}
    for line in lines:
        lines_by_code.setdefault(line.code, []).append(line)

    warnings: list[str] = []
    if known_codes is not None:
        known = {normalise_code(code) for code in known_codes}
        unknown = [code for code in lines_by_code if code not in known]
        for code in unknown:
            numbers = join_words([str(line.number) for line in lines_by_code[code]])
            warnings.append(
                f"Ydelseskode {code} (linje {numbers}) indgår ikke i denne klyngepakke og er sprunget over."
            )
        if len(unknown) == len(lines_by_code):
            raise InputError(
                "Ingen af ydelseskoderne indgår i denne klyngepakke. "
                f"Pakkens ydelseskoder er {join_words(sorted(known))}."
            )
        for code in unknown:
            del lines_by_code[code]

    counts: dict[str, int] = {}
    for code, code_lines in lines_by_code.items():
        counts[code] = sum(line.count for line in code_lines)
        if len(code_lines) > 1:
            numbers = join_words([str(line.number) for line in code_lines])
            warnings.append(
                f"Ydelseskode {code} står på flere linjer (linje {numbers}); antallene er lagt sammen."
            )
    return ParsedCounts(counts=counts, warnings=warnings)


def normalise_code(code: str) -> str:
    """Put back the leading zeros Excel strips: "101" -> "0101", "1" -> "0001"."""
    return str(code).strip().zfill(CODE_LENGTH)


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    seen_content = False
    for number, raw in enumerate(_LINE_BREAK.split(text), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        is_first = not seen_content
        seen_content = True
        if is_first and _is_header(stripped):
            continue
        lines.append(_read_line(number, stripped))
    return lines


def _is_header(line: str) -> bool:
    """A first line like "Ydelseskode;Antal": at least two cells and not a digit anywhere.

    A lone word ("hej") is not taken for a header: it is more likely a slip the user should see. Nor is
    "Konsultation;0101;1234", which is data in a shape we do not read and must say so.
    """
    return _LINE.fullmatch(line) is not None and _DIGIT.search(line) is None


def _read_line(number: int, line: str) -> _Line:
    match = _LINE.fullmatch(line)
    if match is None:
        lone_cell = _strip_cell(line)
        if _CODE.fullmatch(lone_cell):
            raise InputError(_COUNT_MESSAGES[NumberProblem.EMPTY].format(n=number, code=normalise_code(lone_cell)))
        raise InputError(f"Linje {number}: {quote(line)} er ikke en ydelseskode og et antal. {_LINE_EXAMPLE}")
    code = _read_code(number, _strip_cell(match["code"]))
    count_text = _strip_cell(_TRAILING_EMPTY_CELLS.sub("", match["count"]))
    try:
        count = read_whole_number(count_text)
    except NumberFormatError as error:
        message = _COUNT_MESSAGES[error.problem]
        raise InputError(message.format(n=number, code=code, q=quote(count_text))) from None
    return _Line(number=number, code=code, count=count)


def _read_code(number: int, text: str) -> str:
    if _CODE.fullmatch(text):
        return normalise_code(text)
    if text.isascii() and text.isdigit():
        problem = f"ydelseskoden {quote(text)} har mere end fire cifre"
    else:
        problem = f"{quote(text)} er ikke en ydelseskode"
    raise InputError(f"Linje {number}: {problem}. En ydelseskode er et tal med op til fire cifre, fx 0101.")


def _strip_cell(cell: str) -> str:
    """Drop the quotes a CSV export puts around cells ("0101";"1.234") and Excel's text apostrophe."""
    return cell.strip().strip('"').lstrip("'").strip()
