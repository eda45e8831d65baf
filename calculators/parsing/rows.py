"""From pasted text to its numbered rows: runs of plain lines ("0101;12", "0101\t1.234") read in bulk, any other
line as its cells.

A 2 MB paste is a quarter of a million lines, nearly all of one plain shape. Cutting each into cells in Python
takes seconds in the browser's worker; a run of plain lines is instead recognised and read by regular expressions,
whose loops run in C. A plain line gives exactly the cells split_cells would give it, so the reading rules of
counts.py apply to it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import Cells, split_cells
from .whole_numbers import MAX_DIGITS

# A count as Excel pastes it: plain digits, or Danish thousands with a dot ("1.234"), at most MAX_DIGITS digits.
_COUNT = rf"(?:\d{{1,3}}+(?:\.\d{{3}}){{1,{MAX_DIGITS // 3 - 1}}}+|\d{{1,{MAX_DIGITS}}}+)"
# A code of up to four digits, a tab or a semicolon, a count, and nothing else but spaces and the empty cells a
# spreadsheet puts after the last filled one ("0101;12;;"); several such lines in a row. Possessive quantifiers: each
# part is followed by a character it cannot contain, so giving back never helps, and a long line that fails fails in
# one pass.
_PLAIN_LINES = re.compile(rf"(?: *+\d{{1,4}}+ *+(?:\t *+{_COUNT}[\t ]*+|; *+{_COUNT}[; ]*+)\n)++", re.ASCII)
_EMPTY_LAST_CELLS = re.compile(r"\t+\n")


@dataclass(frozen=True)
class PlainLines:
    """Consecutive plain lines: each line's code and count as written (digits, and a count's thousands dots; no
    padding)."""

    codes: list[str]
    counts: list[str]

    def cells(self, offset: int) -> Cells:
        """The cells split_cells gives the line `offset` lines into the run."""
        return Cells([self.codes[offset], self.counts[offset]], spaced=False)


def unix_line_ends(text: str) -> str:
    """Windows and old Mac line ends as "\\n", so that line numbers in messages match the lines the user sees."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def numbered_rows(text: str) -> list[tuple[int, PlainLines | Cells]]:
    """The lines with something in them, each run of plain lines as one row; numbers are 1-based and count blank
    lines, a run's number being that of its first line."""
    text = unix_line_ends(text) + "\n"  # every line ends in "\n"; a blank last line is skipped like any other
    rows: list[tuple[int, PlainLines | Cells]] = []
    number, position = 1, 0
    while position < len(text):
        plain = _PLAIN_LINES.match(text, position)
        if plain:
            lines = _read_plain(plain.group())
            rows.append((number, lines))
            number += len(lines.codes)
            position = plain.end()
        else:
            end = text.index("\n", position)
            cells = split_cells(text[position:end])
            if cells.filled:
                rows.append((number, cells))
            number += 1
            position = end + 1
    return rows


def _read_plain(run: str) -> PlainLines:
    """Spaces stand only beside a separator or a line end in a plain line, and ";" is the only separator on its
    line; without them and the empty last cells, the run alternates code and count, cut apart in C."""
    cells = run.replace(" ", "").replace(";", "\t")
    if "\t\n" in cells:
        cells = _EMPTY_LAST_CELLS.sub("\n", cells)
    values = cells.replace("\n", "\t").split("\t")  # code, count, code, count, ..., "" after the last "\n"
    return PlainLines(codes=values[0:-1:2], counts=values[1:-1:2])
