"""The one door between the pages and Python: every request the browser's worker sends comes in here.

The worker (calculators/web/worker.mjs) imports `calculators.door.handle_json` and nothing else; the parity tests
call `handle`, so the browser and CPython are tested through the same entry points. Each entry point takes the
page's request (with the pack's reference data, if the page has any) and answers {"ok": ...} with Danish messages,
never an exception for something a user typed.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

# Each page's request kind and the function that answers it, as "module:function". Imported on the first request of
# its kind, not with this module: the worker imports this door before it can say »Klar«, and the whole package
# costs ~130 ms to import in Pyodide, where a page needs only its own calculator's part.
ENTRY_POINTS: dict[str, str] = {
    "compare": "comparison.request:run",
    "follow_up": "follow_up.periods:follow_up",
    "follow_up_table": "follow_up.table:follow_up_table",
    "cluster_file": "cluster_file.load:load_cluster_file",
    "compare_with_file": "cluster_file.compare:compare_with_file",
    "overview": "cluster_file.overview:overview",
    # Not a page's request: the presses the worker answers itself right after »Klar« (warm_up.py says why).
    "warm_up": "warm_up:answer",
}


def handle(kind: str, request: Mapping[str, Any]) -> Any:
    """The answer of entry point `kind` to a request (a plain dict, as JSON gives it)."""
    return entry_point(kind)(request)


@cache
def entry_point(kind: str):
    module, function = ENTRY_POINTS[kind].split(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)


def handle_json(kind: str, request_json: str, reference_json: str | None = None) -> str:
    """handle() for the worker: JSON text in and out, so no JavaScript value is converted on the way. The pack's
    reference data come as the text the page fetched; they are parsed once and kept while the worker lives."""
    request = json.loads(request_json)
    reference = None if reference_json is None else _reference(reference_json)
    request["reference"] = reference
    if reference is not None:
        request.setdefault("indicators", reference["indicators"])
    return json.dumps(handle(kind, request), ensure_ascii=False)


@lru_cache(maxsize=2)
def _reference(text: str) -> dict[str, Any]:
    return json.loads(text)
