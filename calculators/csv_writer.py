"""Every CSV the calculators write (a result, «Følg op», the cluster's overview, the cluster data file), as Danish
Excel opens it: `;` between cells, CRLF line ends and a byte order mark first.

Quoted as the csv module's QUOTE_MINIMAL does, without importing it, which the browser's worker would pay for at
start. Cells are written as given: the callers decide on decimal commas and leave thousands dots out, so that no
spreadsheet takes "1.234" for a decimal.
"""

from __future__ import annotations

from collections.abc import Iterable

BOM = "\ufeff"  # Excel reads a BOM-less CSV as Windows-1252 and garbles æ, ø and å
SEPARATOR = ";"


def csv_text(rows: Iterable[Iterable[str]]) -> str:
    """The file's text, BOM first; an empty row is an empty line."""
    return BOM + "".join(SEPARATOR.join(map(csv_field, row)) + "\r\n" for row in rows)


def csv_field(text: str) -> str:
    if SEPARATOR in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text
