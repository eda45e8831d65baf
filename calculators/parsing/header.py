"""A header line naming the pasted columns: which one holds the fee code and which the count.

Practice systems and spreadsheets export columns in their own order (count first, a description between, an amount
or a period beside), so the header, when there is one, decides; what it leaves open is refused, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..danish import line_label, quote
from ..errors import InputError

CODE, COUNT, OTHER = "code", "count", "other"

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


def role(cell: str) -> str | None:
    text = cell.lower()
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
    roles = [role(cell) for cell in cells]
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
    return Columns(code=code, count=count, width=len(cells), count_first=count < code, by_index=True)
