"""The one door between the pages and Python: every request the browser's worker sends comes in here.

The worker (calculators/web/worker.mjs) imports `calculators.door.handle_json` and nothing else; the parity tests
call `handle`, so the browser and CPython are tested through the same entry points. Each entry point takes the
page's request (with the pack's reference data, if the page has any) and answers {"ok": ...} with Danish messages,
never an exception for something a user typed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from .cluster_file.compare import compare_with_file
from .cluster_file.load import load_cluster_file
from .cluster_file.overview import overview
from .comparison.request import run
from .follow_up.periods import follow_up
from .follow_up.table import follow_up_table
from .warm_up import warm_up_requests

ENTRY_POINTS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "compare": run,
    "follow_up": follow_up,
    "follow_up_table": follow_up_table,
    "cluster_file": load_cluster_file,
    "compare_with_file": compare_with_file,
    "overview": overview,
    # Not a page's request: the presses the worker answers itself right after »Klar« (warm_up.py says why).
    "warm_up": lambda request: warm_up_requests(request["reference"]),
}


def handle(kind: str, request: Mapping[str, Any]) -> Any:
    """The answer of entry point `kind` to a request (a plain dict, as JSON gives it)."""
    return ENTRY_POINTS[kind](request)


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
