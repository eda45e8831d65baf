"""Compute: »Beregn« -> the result table on screen, and the worker's own milliseconds, with the demo reference and
with a generated cluster of 1,000 practices; and the main thread meanwhile: the longest task (PerformanceObserver
'longtask') and which script it ran (long animation frames)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from harness import CALCULATOR_PATH, ColdVisit, holds, longest_task, main_script, median

REFERENCE_URL_PATH = "assets/data/videokonsultationer.*.json"  # its name carries a content hash
LARGE_CLUSTER = 1000
# What a practice pastes: every code of the pack, in two of the shapes the parser accepts.
PASTE = "4436\t131\n1003\t12\n0101;31.204\n0120;1.480\n0201;27 115"
LISTED = "4.800"
BUDGET_COMPUTE_MS = 50.0
BUDGET_TASK_MS = 50.0
KEYS = (("demo", "demo cluster"), ("large", f"{LARGE_CLUSTER:,} practices"))


def large_reference(reference: dict, practices: int, seed: int = 5) -> dict:
    """The demo reference with its first cluster (the form's first option) replaced by one of `practices`
    generated practices, at rates like the demo cluster's."""
    rng = random.Random(seed)
    demo = reference["clusters"][0]
    rates = {key: sum(counts) / sum(demo["listed"]) for key, counts in demo["counts"].items()}
    listed = [max(300, round(rng.lognormvariate(8.9, 0.45))) for _ in range(practices)]
    counts = {
        key: [max(0, round(n * rate * rng.lognormvariate(0, 0.35))) for n in listed] for key, rate in rates.items()
    }
    cluster = {"id": demo["id"], "name": f"Genereret klynge ({practices} praksis)", "listed": listed, "counts": counts}
    return {**reference, "clusters": [cluster, *reference["clusters"][1:]]}


def large_site(demo: Path, target: Path) -> Path:
    """A copy of a site copy with the generated reference at the demo reference's URL."""
    shutil.copytree(demo, target)
    reference_path = next(demo.glob(REFERENCE_URL_PATH)).relative_to(demo)
    reference = json.loads((demo / reference_path).read_text(encoding="utf-8"))
    (target / reference_path).write_text(
        json.dumps(large_reference(reference, LARGE_CLUSTER), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    return target


def press_marks(visit: ColdVisit) -> dict:
    worker_ms = float(visit.page.get_attribute("[data-calculator]", "data-compute-milliseconds"))
    marks = visit.marks()
    return {
        "worker_ms": worker_ms,
        "click_to_table_ms": marks["painted"] - marks["submit"],
        "click_to_dom_ms": marks["result"] - marks["submit"],
    }


def press_twice(visit: ColdVisit) -> dict:
    """»Beregn« as soon as the status reads »Klar«, then the same press again after a pause."""
    page = visit.page
    page.select_option("#calc-cluster", "klynge-a-fiktiv")
    page.fill("#calc-listed", LISTED)
    page.fill("#calc-text", PASTE)
    page.get_by_role("button", name="Beregn").click()
    visit.wait_for("painted", 60)
    first = press_marks(visit)
    # The same press again after a pause, as after a corrected figure: the worker's WebAssembly has tiered up.
    page.wait_for_timeout(1500)
    page.evaluate(
        "() => { Object.assign(window.__bench, { submit: null, result: null, painted: null }); "
        "document.querySelector('[data-result]').hidden = true; }"
    )
    page.get_by_role("button", name="Beregn").click()
    visit.wait_for("painted", 60)
    return {**first, "again": press_marks(visit)}


def longest_own_script(marks: dict) -> float:
    """The longest single run of our own script (assets/calculators/) in any long animation frame."""
    return max(
        (
            s["duration"]
            for f in marks["frames"]
            for s in f.get("scripts", [])
            if "/assets/calculators/" in s.get("sourceURL", "")
        ),
        default=0.0,
    )


def visit_calculator(browser, url: str, key: str, results: dict, on_demo=None) -> None:
    """A cold visit to the calculator page, two presses; `on_demo(visit, marks)` records what else the demo visit
    shows (its start and its weight)."""
    visit = ColdVisit(browser, url)
    try:
        visit.open(CALCULATOR_PATH)
        visit.wait_ready()
        results[key].append(press_twice(visit))
        visit.settle()
        marks = visit.marks()
        results["tasks_" + key].append(longest_task(marks))
        results["own_script_" + key].append(longest_own_script(marks))
        if on_demo and key == "demo":
            on_demo(visit, marks)
    finally:
        visit.close()


def presses(browser: dict, key: str) -> tuple[tuple[str, list], ...]:
    return ("1st press", browser[key]), ("again", [r["again"] for r in browser[key]])


def rows(browser: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for key, label in KEYS:
        for press, runs in presses(browser, key):
            worker_ms = median([r["worker_ms"] for r in runs])
            click = median([r["click_to_table_ms"] for r in runs])
            budget = f"< {BUDGET_COMPUTE_MS:.0f} ms" if key == "large" else ""
            rows.append(
                (
                    f"Compute, {label}, {press}: worker / »Beregn« → table on screen",
                    f"{worker_ms:.1f} / {click:.1f} ms",
                    budget,
                    (f"worker {holds(worker_ms < BUDGET_COMPUTE_MS)}, on screen {holds(click < BUDGET_COMPUTE_MS)}")
                    if key == "large"
                    else "",
                )
            )
    for key, label in (("demo", "demo"), ("large", f"{LARGE_CLUSTER:,} practices")):
        longest = max(browser["tasks_" + key], key=lambda t: t["duration"])
        own = max(browser["own_script_" + key])
        rows.append(
            (
                f"Main thread, {label}: longest task (its main script) / longest run of our script",
                f"{longest['duration']:.0f} ms ({main_script(longest)}) / {own:.0f} ms",
                f"ours ≤ {BUDGET_TASK_MS:.0f} ms",
                holds(own <= BUDGET_TASK_MS and not (longest["ours"] and longest["duration"] > BUDGET_TASK_MS)),
            )
        )
    return rows


def details(browser: dict) -> list[tuple[str, list]]:
    details = []
    for key, _ in KEYS:
        for press, runs in presses(browser, key):
            details.append(
                (
                    f"Compute {key}, {press}, each run: worker ms / click→DOM ms / click→screen ms",
                    [f"{r['worker_ms']:.1f} / {r['click_to_dom_ms']:.1f} / {r['click_to_table_ms']:.1f}" for r in runs],
                )
            )
        details.append(
            (
                f"Longest task {key}, each run",
                [
                    f"{t['duration']:.0f} ms at {t['start'] or 0:.0f} ms: "
                    + (
                        ", ".join(
                            f"{s['url'].rsplit('/', 1)[-1] or s['url']} {s['invoker']} {s['duration']} ms"
                            for s in t["scripts"]
                        )
                        or "no script attributed"
                    )
                    for t in browser["tasks_" + key]
                ],
            )
        )
    return details
