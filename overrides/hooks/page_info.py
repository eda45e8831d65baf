"""Gives every page's template its version line: "Version 1.0 · opdateret 23. november 2026 · Kilde: …"."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from calculators.danish import format_date  # noqa: E402
from macros import data, pages  # noqa: E402


def on_page_context(context, page, config, nav):
    if not page.file.is_documentation_page():
        return context
    docs = Path(config.docs_dir)
    # Our own reading of the front matter: MkDocs' reads `version: 1.10` as the number 1.1.
    meta = pages.read_page(docs, docs / page.file.src_path).meta
    if "version" in meta and "updated" in meta:
        known = data.sources(Path(config.config_file_path).resolve().parent)
        context["page_info"] = {
            "version": meta["version"],
            "updated": format_date(meta["updated"]),
            "sources": [known[key]["title"] for key in pages.as_list(meta.get("source")) if key != "redaktionen"],
        }
    return context
