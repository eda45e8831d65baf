"""Markdown rendering of data tables and lists (pandas frames in, Markdown text out).

Every data text is HTML-escaped on its way into the Markdown: Markdown passes HTML through, and a data field is
text, never markup (macros.data also refuses < > and script addresses, so this is the second lock).
"""

from __future__ import annotations

import html

import pandas as pd


def text(value) -> str:
    return html.escape(str(value), quote=False)


def cell(value) -> str:
    # A pipe would end the cell and a newline the row.
    return text(value).replace("|", "\\|").replace("\n", " ").strip()


def markdown_table(frame: pd.DataFrame, headers: dict[str, str]) -> str:
    """The frame's columns named in `headers` (column -> Danish heading), in that order."""
    head = "| " + " | ".join(headers.values()) + " |"
    rule = "|" + "|".join(" --- " for _ in headers) + "|"
    rows = ["| " + " | ".join(cell(row[column]) for column in headers) + " |" for _, row in frame.iterrows()]
    return "\n".join([head, rule, *rows])


def link_item(title: str, url: str, description: str = "") -> str:
    """`url` is checked by macros.data.links (https, nothing that could end the Markdown link)."""
    title = text(title).replace("[", "\\[").replace("]", "\\]")
    target = f"[{title}]({url})" if url else f"{title} (adressen mangler i kilden)"
    return f"- {target}" + (f": {text(description)}" if description else "")
