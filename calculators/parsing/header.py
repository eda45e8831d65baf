"""A header line naming the pasted columns: which one holds the fee code and which the count.

Practice systems and spreadsheets export columns in their own order (count first, a description between, an amount
or a period beside), so the header, when there is one, decides; what it leaves open is refused, not guessed. A
spreadsheet with a column per year ("Ydelseskode 2024 2025 I alt") gives its total as the count; without a total
the page asks which column to use, since a year's count is not the period's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..danish import join_words, line_label, quote
from ..errors import InputError

CODE, COUNT, OTHER, YEAR, TOTAL = "code", "count", "other", "year", "total"

_YEAR = re.compile(r"(?:19|20)\d\d", re.ASCII)  # a column per year: "2024"
_TOTAL_WORDS = ("i alt", "ialt", "total", "sum", "samlet")

# Checked in this order, on the lower-cased header cell: "Antal patienter" is not the count but "Antal ydelser"
# is, and "Ydelsesnavn" is a description, not the code.
_ROLE_WORDS = (
    (OTHER, ("patient", "tilmeldt", "cpr", "beløb", "belob", "kr.", "honorar", "pris", "takst", "amount")),
    (COUNT, ("antal", "count", "ydelser", "mængde", "stk")),
    (
        OTHER,
        (
            "betegnelse",
            "beskrivelse",
            "tekst",
            "navn",
            "description",
            "periode",
            "måned",
            "år",
            "dato",
            "uge",
            "kvartal",
        ),
    ),
    (CODE, ("kode", "code", "ydelse", "nr", "nummer")),
)


@dataclass(frozen=True)
class Columns:
    code: int  # index of the code column among the header's cells
    count: int
    width: int  # the header's number of cells
    count_first: bool
    by_index: bool  # False: the header gives only the order of code and count (spaces separate its words too)
    total: str | None = None  # the header of the total column the count is read from ("I alt"), if it is one
    years: tuple[str, ...] = ()  # the headers of columns per year, left out

    def note(self) -> str | None:
        """What the page says when the count came from a total column."""
        if self.total is None:
            return None
        skipped = f" Kolonnerne for {join_words(list(self.years))} er sprunget over." if self.years else ""
        return f"Antallene er læst i kolonnen {quote(self.total)}, det samlede antal.{skipped}"


def is_header(cells: list[str]) -> bool:
    """A first line without a digit anywhere is a header ("Ydelseskode;Antal"); so is one whose only digits are
    years beside a column it names ("Ydelseskode;2024;2025;I alt"). "0101;2024" is data: a code and a count."""
    without_years = [cell for cell in cells if not _YEAR.fullmatch(cell)]
    if any(c.isdigit() for c in "".join(without_years)):
        return False
    return len(without_years) == len(cells) or any(role(cell) in (CODE, COUNT, TOTAL) for cell in without_years)


def role(cell: str) -> str | None:
    text = cell.lower()
    if _YEAR.fullmatch(text):
        return YEAR
    if text in _TOTAL_WORDS or text.startswith(("i alt ", "total ", "sum ")):
        return TOTAL
    for name, words in _ROLE_WORDS:
        if any(word in text for word in words):
            return name
    return None


def read_header(cells: list[str], number: int, spaced: bool) -> Columns | None:
    """The columns a header names; None when it names neither code nor count (then it is only skipped).

    With spaces as separator a header's words are its cells only if every word names a column ("Kode Antal
    Patienter"); "Antal i perioden" is one column of three words, so such a header gives only which of code and
    count comes first.
    """
    if spaced:
        cells = _join_i_alt(cells)
    roles = [role(cell) for cell in cells]
    total = _count_from_total(cells, roles, number) if COUNT not in roles else None
    years = tuple(cell for cell, cell_role in zip(cells, roles) if cell_role == YEAR)
    roles = [OTHER if cell_role in (YEAR, TOTAL) else cell_role for cell_role in roles]
    if spaced and not (None not in roles and roles.count(CODE) == 1 and roles.count(COUNT) == 1):
        if CODE not in roles and COUNT not in roles:
            return None
        first_code = roles.index(CODE) if CODE in roles else len(roles)
        first_count = roles.index(COUNT) if COUNT in roles else len(roles)
        return Columns(code=-1, count=-1, width=len(cells), count_first=first_count < first_code, by_index=False)
    for name, word in ((CODE, "ydelseskoden"), (COUNT, "antallet")):
        named = [cell for cell, cell_role in zip(cells, roles) if cell_role == name]
        if len(named) > 1:
            raise InputError(
                f"{line_label(number)}: overskriften har flere kolonner, der kan være {word} "
                f"({', '.join(quote(cell) for cell in named)}). Giv kun én af dem det navn, eller slet de andre."
            )
    if CODE not in roles and COUNT not in roles:
        return None
    if CODE not in roles or COUNT not in roles:
        unnamed = [i for i, cell_role in enumerate(roles) if cell_role is None]
        missing = CODE if CODE not in roles else COUNT
        if len(unnamed) != 1:
            word, example = ("ydelseskoden", "Ydelseskode") if missing == CODE else ("antallet", "Antal")
            raise InputError(
                f"{line_label(number)}: overskriften siger ikke, hvilken kolonne der er {word}. "
                f"Kald den kolonne {quote(example)}."
            )
        roles[unnamed[0]] = missing
    code, count = roles.index(CODE), roles.index(COUNT)
    return Columns(
        code=code, count=count, width=len(cells), count_first=count < code, by_index=True, total=total, years=years
    )


def _join_i_alt(words: list[str]) -> list[str]:
    """A header split at its spaces: "I" and "alt" are one column."""
    joined: list[str] = []
    for word in words:
        if word.lower() == "alt" and joined and joined[-1].lower() == "i":
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


def _count_from_total(cells: list[str], roles: list[str | None], number: int) -> str | None:
    """With no count column, a total column is the count (its header is returned, so the page can say so); a column
    per year without a total is a question only the practice can answer. `roles` is changed in place."""
    totals = [index for index, cell_role in enumerate(roles) if cell_role == TOTAL]
    years = [cells[index] for index, cell_role in enumerate(roles) if cell_role == YEAR]
    if len(totals) == 1:
        roles[totals[0]] = COUNT
        return cells[totals[0]]
    if len(totals) > 1:
        raise InputError(
            f"{line_label(number)}: overskriften har flere kolonner med det samlede antal "
            f"({', '.join(quote(cells[index]) for index in totals)}). Behold kun én af dem."
        )
    if years:
        raise InputError(
            f"{line_label(number)}: overskriften har en kolonne for {join_words([quote(y) for y in years])}, men "
            "ingen med antallet for hele perioden. Hvilken kolonne skal bruges? Tilføj en kolonne »I alt« med "
            "summen for hele perioden, eller kald den kolonne, I vil bruge, »Antal«."
        )
    return None
