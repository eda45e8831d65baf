"""Calculator start: navigation -> status »Klar« on the calculator page, beside the bare page that only loads the
same Pyodide in a module worker and runs 1+1; and how long each page takes to start its worker."""

from __future__ import annotations

import timeline
from harness import BARE_PATH, ColdVisit, holds, longest_task, median

BUDGET_START_RATIO = 1.15


def record_calculator(results: dict, visit, marks: dict) -> None:
    """From a cold visit to the calculator page (compute.py makes it and presses »Beregn« in it too)."""
    results["ours"].append(marks["ready"])
    results["workers_ours"].append(marks["workers"])
    results["timeline_ours"].append(timeline.collect(visit, wait_for="warm-up-done"))


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
    ours, bare = median(browser["ours"]), median(browser["bare"])
    ratio = ours / bare
    per_run = sorted(o / b for o, b in zip(browser["ours"], browser["bare"]))
    # The first worker each page creates (ours starts its module from a blob: URL, so its address names nothing).
    worker_ours = median([ws[0]["at"] if ws else float("nan") for ws in browser["workers_ours"]])
    worker_bare = median([ws[0]["at"] if ws else float("nan") for ws in browser["workers_bare"]])
    return [
        ("Calculator start: navigation → »Klar« (median)", f"{ours:,.0f} ms", "", ""),
        ("Bare Pyodide in a module worker, 1+1 (median)", f"{bare:,.0f} ms", "", ""),
        (
            "Start ratio ours / bare: of the medians (median of each run's; range)",
            f"{ratio:.2f}x ({median(per_run):.2f}x; {per_run[0]:.2f}–{per_run[-1]:.2f})",
            f"≤ {BUDGET_START_RATIO:.2f}x",
            holds(ratio <= BUDGET_START_RATIO),
        ),
        (
            "  of which: page until the worker starts (ours / bare)",
            f"{worker_ours:,.0f} / {worker_bare:,.0f} ms",
            "",
            "",
        ),
    ]


def details(browser: dict) -> list[tuple[str, list]]:
    return [
        ("Start, each run (ms): ours", browser["ours"]),
        ("Start, each run (ms): bare", browser["bare"]),
        ("Longest task of the bare page, each run", [f"{t['duration']:.0f} ms" for t in browser["tasks_bare"]]),
    ]
