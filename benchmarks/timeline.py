"""The start-up timeline (issue 25): where the time to »Klar« goes, stage by stage, for the calculator page and the
bare Pyodide page, from the same first visits startup.py times and the returning visits editions.py makes.

Every time is in ms from the page's navigation start. The worker's own times (its requests from the Resource
Timing API, and the performance marks worker.mjs sets at each stage) are read inside the worker through Playwright
and moved to the page's clock by the difference of the two time origins. A stage a page does not have is blank.
"""

from __future__ import annotations

import math

from harness import median

# (row, where the figure comes from). "request:<file>" is a request's start and end; "mark:<name>" a mark of the
# worker's; "page:<name>" a time the page or the harness's INSTRUMENT took.
STAGES = [
    ("HTML received", "page:html"),
    ("Worker created", "page:worker"),
    ("Worker running (its clock starts)", "page:worker-running"),
    ("worker.mjs and its imports evaluated", "mark:worker-module"),
    ("pyodide.asm.mjs (Pyodide's loader)", "request:pyodide.asm.mjs"),
    ("pyodide.asm.wasm", "request:pyodide.asm.wasm"),
    ("python_stdlib.zip", "request:python_stdlib.zip"),
    ("pyodide-lock.json", "request:pyodide-lock.json"),
    ("calculators.zip (the package)", "request:calculators."),
    ("Reference data (JSON)", "request:/assets/data/"),
    ("loadPyodide resolved", "mark:pyodide-loaded"),
    ("Package unpacked", "mark:package-unpacked"),
    ("Reference data loaded", "mark:reference-loaded"),
    ("Package imported (calculators.door)", "mark:package-imported"),
    ("»Klar« on screen", "page:ready"),
    ("Warm-up presses done", "mark:warm-up-done"),
]

WORKER_TIMES = """() => ({
  origin: performance.timeOrigin,
  requests: performance.getEntriesByType("resource").map((e) => [e.name, e.startTime, e.responseEnd]),
  marks: Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, e.startTime])),
})"""


def collect(visit, wait_for: str | None = None) -> dict[str, tuple[float, float] | float]:
    """This visit's stages: a request as (start, end), anything else as one time. `wait_for` names a worker mark
    to wait for first (the warm-up ends after »Klar«)."""
    page = visit.page
    if not page.workers:
        return {}
    worker = page.workers[0]
    if wait_for:
        for _ in range(200):
            if worker.evaluate(f"() => performance.getEntriesByName({wait_for!r}).length > 0"):
                break
            page.wait_for_timeout(50)
    inside = worker.evaluate(WORKER_TIMES)
    page_origin = page.evaluate("performance.timeOrigin")
    shift = inside["origin"] - page_origin
    marks = visit.marks()
    stages: dict[str, tuple[float, float] | float] = {
        "page:html": page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd"),
        "page:worker": marks["workers"][0]["at"] if marks["workers"] else math.nan,
        "page:worker-running": shift,
        "page:ready": marks["ready"],
    }
    for name, at in inside["marks"].items():
        stages[f"mark:{name}"] = at + shift
    for _, key in STAGES:
        if key.startswith("request:"):
            part = key.removeprefix("request:")
            found = [(start, end) for url, start, end in inside["requests"] if part in url]
            if found:  # a module the worker imports statically (pyodide.mjs) has no entry
                start, end = found[0]
                stages[key] = (start + shift, end + shift)
    return stages


def rows(browser: dict) -> list[tuple[str, str, str, str]]:
    """One row per stage: the medians of ours and the bare page's, as »start–end« for a request; first visits, and
    returning visitors where editions.py measured them."""
    returning = browser.get("returning")
    title = "Start-up timeline, ms from navigation start (median): ours / bare, first visit"
    table = [(title + (" · returning visitor" if returning else ""), "", "", "")]
    for label, key in STAGES:
        cells = [_pair(browser, key)] + ([_pair(returning, key)] if returning else [])
        if any(cells):
            table.append((f"  {label}", " · ".join(cell or "–" for cell in cells), "", ""))
    return table


def _pair(runs: dict, key: str) -> str:
    ours, bare = _median(runs["timeline_ours"], key), _median(runs["timeline_bare"], key)
    return f"{ours or '–'} / {bare or '–'}" if ours or bare else ""


def _median(runs: list[dict], key: str) -> str:
    values = [run[key] for run in runs if key in run]
    if not values:
        return ""
    if isinstance(values[0], tuple):
        return f"{median([v[0] for v in values]):,.0f}–{median([v[1] for v in values]):,.0f}"
    return f"{median(values):,.0f}"
