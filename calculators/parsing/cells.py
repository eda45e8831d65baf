"""From a pasted line to its cells: the characters a copy brings along, and how a line's columns are separated.

Splitting on single characters (str.split and str.translate) and one regular expression without nested
repetition: a line of 30,000 tabs costs as little as one of 30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Invisible characters a copy from a web page, Word or a PDF brings along: byte order mark, zero-width
# space/joiners, word joiner, soft hyphen. They mean nothing in a table and would make "0101" unreadable.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
# Full-width forms (a Japanese or Chinese input method, some PDFs): "０１０１；５" is "0101;5".
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_CLEAN = {**_INVISIBLE, **_FULL_WIDTH, 0x3000: " "}  # and the ideographic space


_SPACE_GROUPED = re.compile(r"\d{1,3}(?: \d{3})+", re.ASCII)  # "12 345": a number, not two cells


def clean_text(text: str) -> str:
    return text.translate(_CLEAN)


@dataclass(frozen=True)
class Cells:
    values: list[str]  # stripped; trailing empty cells dropped, others kept so columns stay in place
    spaced: bool  # separated by spaces only: a space might equally be a thousands separator

    @property
    def filled(self) -> list[str]:
        return [value for value in self.values if value]


def split_cells(line: str) -> Cells:
    """Cells by the strongest separator on the line: tab (Excel), then ";" (Danish CSV), then "," or ":" (when
    the first cell has no space in it), and only failing those, runs of ordinary spaces (a fixed-width report or a PDF).
    A no-break space never separates: systems write it only inside numbers ("1 234")."""
    if "\t" in line:
        values, spaced = line.split("\t"), False
    elif ";" in line:
        values, spaced = line.split(";"), False
    elif _comma_separated(line):
        values, spaced = line.replace(":", ",").split(","), False
    else:
        values, spaced = [part for part in line.split(" ") if part], True
    values = [strip_cell(value) for value in values]
    while values and not values[-1]:
        values.pop()  # spreadsheets export empty cells after the last filled one: "0101;12;;"
    return Cells(values, spaced)


def _comma_separated(line: str) -> bool:
    """ "0101,1.234", "0101 : 5" and "1 234,0101" are; "0101 12,5" is a code and a decimal number separated by a
    space."""
    positions = [position for position in (line.find(","), line.find(":")) if position >= 0]
    if not positions:
        return False
    first_cell = line[: min(positions)].strip()
    return " " not in first_cell or _SPACE_GROUPED.fullmatch(first_cell) is not None


def strip_cell(cell: str) -> str:
    """Drop the quotes a CSV export puts around cells ("0101";"1.234") and Excel's text apostrophe."""
    return cell.strip().strip('"').lstrip("'").strip()


def is_numeric(cell: str) -> bool:
    """A cell meant as a number (well written or not): digits and no letters. "12 styk" is text."""
    return any(c.isdigit() for c in cell) and not any(c.isalpha() for c in cell)
