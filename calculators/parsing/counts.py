"""The table a practice pastes: one fee code ("ydelseskode") and one count per line.

It comes from a practice system, an Excel sheet, a PDF or the keyboard, so the separator, the thousands
separator, the leading zeros of the codes and the order and number of columns vary; the meaning does not.
Anything we cannot read for certain stops with a Danish message naming the line, because a silently misread
count would give the practice a wrong rate: "4436 56 150" may be 56.150 or 56 and another column, so it is
refused, not guessed. Cells: cells.py; a header naming the columns: header.py; lines of the
common plain shape, read in bulk: rows.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat

from ..danish import join_words, line_label, line_numbers, quote
from ..errors import InputError
from .cells import Cells, clean_text, is_numeric
from .header import Columns, is_header, read_header
from .rows import PlainLines, numbered_rows
from .whole_numbers import NumberFormatError, NumberProblem, read_whole_number

CODE_LENGTH = 4
EMPTY_MESSAGE = "Indsæt jeres tal: én ydelseskode og ét antal pr. linje."
_LINE_EXAMPLE = "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234."
_COUNT_HINT = "Skriv et helt tal på 0 eller derover."

_COUNT_MESSAGES = {
    NumberProblem.EMPTY: "{line}: ydelseskode {code} mangler et antal. " + _LINE_EXAMPLE,
    NumberProblem.NEGATIVE: "{line}: antallet {q} er negativt. " + _COUNT_HINT,
    NumberProblem.DECIMAL: "{line}: antallet {q} er ikke et helt tal. " + _COUNT_HINT,
    NumberProblem.UNREADABLE: (
        "{line}: antallet {q} kan ikke læses sikkert som et helt tal. "
        "Brug kun punktum til at adskille tusinder, fx 1.234 eller 12.500."
    ),
    NumberProblem.NOT_A_NUMBER: "{line}: antallet {q} er ikke et tal. " + _COUNT_HINT,
    NumberProblem.TOO_LARGE: "{line}: antallet {q} er urealistisk stort. Tjek tallet.",
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


@dataclass(frozen=True)
class _Lines:
    """Every line read, as columns: a 2 MB paste has a quarter of a million lines, and columns of numbers and
    strings cost the garbage collector nothing, where a tuple per line would cost it a tenth of a second."""

    numbers: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)

    def append(self, line: _Line) -> None:
        self.numbers.append(line.number)
        self.codes.append(line.code)
        self.counts.append(line.count)


def parse_counts(text: str, known_codes: Iterable[str] | None = None) -> ParsedCounts:
    """Read the pasted table; raise InputError (Danish, naming the line) for anything unreadable."""
    known = None if known_codes is None else {normalise_code(code) for code in known_codes}
    lines, columns = _read_lines(clean_text("" if text is None else str(text)), known)
    if not lines.numbers:
        raise InputError(EMPTY_MESSAGE)
    totals: dict[str, int] = {}  # in the order the codes first appear
    numbers_by_code: dict[str, list[int]] = {}
    for number, code, count in zip(lines.numbers, lines.codes, lines.counts):
        if code in totals:
            totals[code] += count
            numbers_by_code[code].append(number)
        else:
            totals[code] = count
            numbers_by_code[code] = [number]

    warnings: list[str] = []
    if columns is not None and columns.note():
        warnings.append(columns.note())
    if known is not None:
        unknown = [code for code in totals if code not in known]
        for code in unknown:
            warnings.append(
                f"Ydelseskode {code} (linje {line_numbers(numbers_by_code[code])}) indgår ikke i denne klyngepakke "
                "og er sprunget over."
            )
        if len(unknown) == len(totals):
            raise InputError(
                "Ingen af ydelseskoderne indgår i denne klyngepakke. "
                f"Pakkens ydelseskoder er {join_words(sorted(known))}."
            )
        for code in unknown:
            del totals[code]

    for code in totals:
        numbers = numbers_by_code[code]
        if len(numbers) > 1:
            warnings.append(
                f"Ydelseskode {code} står på flere linjer (linje {line_numbers(numbers)}); antallene er lagt sammen."
            )
    return ParsedCounts(counts=totals, warnings=warnings)


def normalise_code(code: str) -> str:
    """Put back the leading zeros Excel strips: "101" -> "0101", "1" -> "0001"."""
    return str(code).strip().zfill(CODE_LENGTH)


def _read_lines(text: str, known: set[str] | None) -> tuple[_Lines, Columns | None]:
    """Every line's number, code and count, in order, and the columns a header named; the first unreadable line
    raises."""
    lines = _Lines()
    rows = numbered_rows(text)
    if not rows:
        return lines, None
    columns = None
    number, first = rows[0]
    if isinstance(first, Cells) and len(first.filled) >= 2 and is_header(first.values):
        # A lone word ("hej") is no header: it is more likely a slip the user should see.
        columns = read_header(first.values, number, first.spaced)
        rows = rows[1:]
    elif known is not None:
        _refuse_count_first(rows, known)
    for number, row in rows:
        if isinstance(row, Cells):
            lines.append(_read_row(number, row, columns))
        elif _code_then_count(columns):
            # What _read_row makes of each plain line, a whole run at once.
            lines.numbers.extend(range(number, number + len(row.codes)))
            lines.codes.extend(map(str.zfill, row.codes, repeat(CODE_LENGTH)))
            lines.counts.extend(map(int, map(_without_dots, row.counts)))
        else:
            for offset in range(len(row.codes)):
                lines.append(_read_row(number + offset, row.cells(offset), columns))
    return lines, columns


def _without_dots(count: str) -> str:
    """ "1.234" -> "1234": a plain line's count has only digits and thousands dots (rows.py)."""
    return count.replace(".", "")


def _code_then_count(columns: Columns | None) -> bool:
    """Whether these columns read a plain line ("0101;12") as code then count, as no header does."""
    if columns is None:
        return True
    if columns.by_index:
        return (columns.code, columns.count) == (0, 1)
    return not columns.count_first


def _refuse_count_first(rows: list[tuple[int, PlainLines | Cells]], known: set[str]) -> None:
    """Without a header, "120;4436" is code 0120 with 4.436 events, but if every line ends in one of the pack's
    codes and some line does not start with one, the columns are the other way round: say so, do not guess."""

    def known_code(cell: str) -> bool:
        return _is_code(cell) and normalise_code(cell) in known

    if not all(len(cells) == 2 and known_code(cells[1]) for _, cells in _filled_cells(rows)):
        return
    for number, cells in _filled_cells(rows):
        if not known_code(cells[0]):
            raise InputError(
                f"{line_label(number)}: antallet ser ud til at stå før ydelseskoden. Tilføj en første linje, der "
                "navngiver kolonnerne, fx »Antal;Ydelseskode«, eller byt om på kolonnerne."
            )


def _filled_cells(rows: list[tuple[int, PlainLines | Cells]]) -> Iterator[tuple[int, list[str]]]:
    """Each line's filled cells, one at a time: the check above usually ends at the first line."""
    for number, row in rows:
        if isinstance(row, Cells):
            yield number, row.filled
        else:
            yield from zip(range(number, number + len(row.codes)), map(list, zip(row.codes, row.counts)))


def _read_row(number: int, cells: Cells, columns: Columns | None) -> _Line:
    if columns is not None and columns.by_index and (not cells.spaced or len(cells.values) == columns.width):
        return _read_by_header(number, cells, columns)
    return _read_by_content(number, cells, columns is not None and columns.count_first)


def _read_by_header(number: int, cells: Cells, columns: Columns) -> _Line:
    values = cells.values
    if len(values) > columns.width:
        raise InputError(
            f"{line_label(number)} har flere kolonner ({len(values)}) end overskriften ({columns.width}). "
            "Ret linjen, så den har samme kolonner som overskriften."
        )
    code_text = values[columns.code] if columns.code < len(values) else ""
    if not code_text:
        raise InputError(f"{line_label(number)}: ydelseskoden mangler. {_LINE_EXAMPLE}")
    code = _read_code(number, code_text)
    count_text = values[columns.count] if columns.count < len(values) else ""
    return _Line(number=number, code=code, count=_read_count(number, code, count_text))


def _read_by_content(number: int, cells: Cells, count_first: bool) -> _Line:
    filled = cells.filled
    if len(filled) == 1:
        if _is_code(filled[0]):
            message = _COUNT_MESSAGES[NumberProblem.EMPTY]
            raise InputError(message.format(line=line_label(number), code=normalise_code(filled[0])))
        raise InputError(
            f"{line_label(number)}: {quote(' '.join(cells.values))} er ikke en ydelseskode og et antal. {_LINE_EXAMPLE}"
        )
    code_text, rest = (filled[-1], filled[:-1]) if count_first else (filled[0], filled[1:])
    code = _read_code(number, code_text)
    numbers = [cell for cell in rest if is_numeric(cell)]
    if len(numbers) > 1:
        raise InputError(_several_numbers_message(number, numbers, cells.spaced))
    # A description between code and count is left out; with no number at all, the message quotes what is there.
    count_text = numbers[0] if numbers else " ".join(rest)
    return _Line(number=number, code=code, count=_read_count(number, code, count_text))


def _several_numbers_message(number: int, numbers: list[str], spaced: bool) -> str:
    found = join_words([quote(cell) for cell in numbers])
    if spaced:
        return (
            f"{line_label(number)}: efter ydelseskoden står {found} adskilt af mellemrum, så det kan være ét antal "
            f"({'.'.join(numbers)}) eller flere kolonner. Skriv tusinder med punktum (fx 1.234), og adskil "
            "kolonnerne med tabulator eller semikolon, eller tilføj en første linje, der navngiver kolonnerne, "
            "fx »Ydelseskode Antal Patienter«."
        )
    return (
        f"{line_label(number)}: efter ydelseskoden står flere tal ({found}), så det er uklart, hvilket der er "
        "antallet. Tilføj en første linje, der navngiver kolonnerne, fx »Ydelseskode;Antal;Patienter«."
    )


def _read_count(number: int, code: str, text: str) -> int:
    try:
        return read_whole_number(text)
    except NumberFormatError as error:
        message = _COUNT_MESSAGES[error.problem]
        raise InputError(message.format(line=line_label(number), code=code, q=quote(text))) from None


def _is_code(text: str) -> bool:
    return 1 <= len(text) <= CODE_LENGTH and text.isascii() and text.isdigit()


def _read_code(number: int, text: str) -> str:
    if _is_code(text):
        return normalise_code(text)
    if text.isascii() and text.isdigit():
        problem = f"ydelseskoden {quote(text)} har mere end fire cifre"
    else:
        problem = f"{quote(text)} er ikke en ydelseskode"
    raise InputError(f"{line_label(number)}: {problem}. En ydelseskode er et tal med op til fire cifre, fx 0101.")
