"""Markdown rendering of data tables and lists (pandas frames in, Markdown text out)."""

from __future__ import annotations

import pandas as pd


def cell(text) -> str:
    # A pipe would end the cell and a newline the row.
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def markdown_table(frame: pd.DataFrame, headers: dict[str, str]) -> str:
    """The frame's columns named in `headers` (column -> Danish heading), in that order."""
    head = "| " + " | ".join(headers.values()) + " |"
    rule = "|" + "|".join(" --- " for _ in headers) + "|"
    rows = ["| " + " | ".join(cell(row[column]) for column in headers) + " |" for _, row in frame.iterrows()]
    return "\n".join([head, rule, *rows])


def link_item(title: str, url: str, description: str = "") -> str:
    target = f"[{title}]({url})" if url else f"{title} (adressen mangler i kilden)"
    return f"- {target}" + (f": {description}" if description else "")
