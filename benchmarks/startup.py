"""Calculator start: navigation -> status »Klar« on the calculator page, beside the bare page that only loads the
same Pyodide in a module worker and runs 1+1, for a first visit (cold) and a returning visitor (editions.py makes
those visits); and how long each page takes to start its worker."""

from __future__ import annotations

import timeline
from harness import BARE_PATH, CALCULATOR_PATH, ColdVisit, holds, longest_task, median

# Issue 25: the calculator ready before bare Pyodide is, on a first visit and, by a margin, for a returning visitor.
BUDGET_START_RATIO = 0.95
BUDGET_RETURNING_RATIO = 1.0


def record_calculator(results: dict, visit, marks: dict) -> None:
    """From a cold visit to the calculator page (compute.py makes it and presses »Beregn« in it too)."""
    results["ours"].append(marks["ready"])
    results["workers_ours"].append(marks["workers"])
    results["timeline_ours"].append(timeline.collect(visit, wait_for="warm-up-done"))


def visit_calculator(browser, url: str, results: dict) -> None:
    """A cold visit to the calculator page that only waits for »Klar« (`run.py --start-only`)."""
    visit = ColdVisit(browser, url)
    try:
        visit.open(CALCULATOR_PATH)
        visit.wait_ready()
        record_calculator(results, visit, visit.marks())
    finally:
        visit.close()


def visit_bare(browser, url: str, results: dict) -> None:
    visit = ColdVisit(browser, url)
    try:
        visit.open(BARE_PATH)
        visit.wait_ready()
        marks = visit.marks()
        results["bare"].append(marks["ready"])
        results["workers_bare"].append(marks["workers"])
        results["timeline_bare"].append(timeline.collect(visit))
        visit.settle()
        results["tasks_bare"].append(longest_task(visit.marks()))
    finally:
        visit.close()


def warm_up(browser, url: str) -> None:
    """One uncounted visit to the bare page: the disk cache and Chromium's processes warm before the first run."""
    visit = ColdVisit(browser, url)
    visit.open(BARE_PATH)
    visit.wait_ready()
    visit.close()


def rows(browser: dict) -> list[tuple[str, str, str, str]]:
    # The first worker each page creates (ours starts its module from a blob: URL, so its address names nothing).
    worker_ours = median([ws[0]["at"] if ws else float("nan") for ws in browser["workers_ours"]])
    worker_bare = median([ws[0]["at"] if ws else float("nan") for ws in browser["workers_bare"]])
    rows = [
        ("Calculator start, first visit: navigation → »Klar«, ours / bare", _pair(browser, "ours", "bare"), "", ""),
        _ratio_row("Start ratio, first visit", browser["ours"], browser["bare"], BUDGET_START_RATIO),
    ]
    if "returning" in browser:
        returning = browser["returning"]["runs"]
        rows += [
            ("Calculator start, returning visitor: ours / bare (median)", _pair(returning, "warm", "bare"), "", ""),
            _ratio_row("Start ratio, returning visitor", returning["warm"], returning["bare"], BUDGET_RETURNING_RATIO),
        ]
    worker = f"{worker_ours:,.0f} / {worker_bare:,.0f} ms"
    return [*rows, ("  first visit: page until the worker starts (ours / bare)", worker, "", "")]


def _pair(runs: dict, ours: str, bare: str) -> str:
    """The two medians."""
    return f"{median(runs[ours]):,.0f} / {median(runs[bare]):,.0f} ms"


def _ratio_row(label: str, ours: list[float], bare: list[float], budget: float) -> tuple[str, str, str, str]:
    """The ratio of the medians, and beside it, steadier on a shared machine, the median and range of each run's
    own ratio (the runs alternate ours and bare)."""
    ratio = median(ours) / median(bare)
    per_run = sorted(o / b for o, b in zip(ours, bare))
    return (
        f"{label} ours / bare: of the medians (median of each run's; range)",
        f"{ratio:.2f}x ({median(per_run):.2f}x; {per_run[0]:.2f}–{per_run[-1]:.2f})",
        f"≤ {budget:.2f}x",
        holds(ratio <= budget),
    )


def details(browser: dict) -> list[tuple[str, list]]:
    lines = [
        ("Start, first visit, each run (ms): ours", browser["ours"]),
        ("Start, first visit, each run (ms): bare", browser["bare"]),
        ("Longest task of the bare page, each run", [f"{t['duration']:.0f} ms" for t in browser["tasks_bare"]]),
    ]
    if "returning" in browser:
        lines += [
            ("Start, returning visitor, each run (ms): ours", browser["returning"]["runs"]["warm"]),
            ("Start, returning visitor, each run (ms): bare", browser["returning"]["runs"]["bare"]),
        ]
    return lines
