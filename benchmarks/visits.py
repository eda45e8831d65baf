"""The browser part of `make bench`: two copies of the built site (the demo one with the bare page, the other with
1,000 practices), each served in a process of its own, and the cold visits of every browser measurement, in an
order rotated from run to run so that drift on a shared machine hits all of them alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import compute
import paste
import startup
import weight
from harness import Server, add_bare_page, chromium


def site_copies(site: Path, work: Path, glue: Path | None = None, large: bool = True) -> tuple[Path, Path | None]:
    """Copies only: the bare page and the generated reference never go into the project's build. `large`: the copy
    with 1,000 practices too (the start alone does not need it)."""
    demo = work / "site-demo"
    shutil.copytree(site, demo)
    if glue:  # a proposed change to calculators/web/, measured before anyone makes it
        for file in sorted(glue.iterdir()):
            shutil.copy2(file, demo / "assets" / "calculators" / file.name)
    add_bare_page(demo)
    return demo, compute.large_site(demo, work / "site-large") if large else None


def measure(site: Path, work: Path, runs: int, glue: Path | None = None, start_only: bool = False) -> dict:
    """Every browser figure of the cold runs; `start_only`: only the calculator's and the bare page's start."""
    demo_dir, large_dir = site_copies(site, work, glue, large=not start_only)
    demo_server, large_server = Server(demo_dir), Server(large_dir) if large_dir else None
    results = {
        key: []
        for key in (
            "ours",
            "bare",
            "demo",
            "large",
            "tasks_demo",
            "tasks_large",
            "tasks_bare",
            "own_script_demo",
            "own_script_large",
            "workers_ours",
            "workers_bare",
            "timeline_ours",
            "timeline_bare",
            "paste",
        )
    }

    def on_demo(visit, marks):
        startup.record_calculator(results, visit, marks)
        weight.record_calculator(results, visit)

    try:
        with chromium() as browser:
            results["chromium"] = browser.version
            startup.warm_up(browser, demo_server.url)
            steps = [
                lambda: compute.visit_calculator(browser, demo_server.url, "demo", results, on_demo),
                lambda: startup.visit_bare(browser, demo_server.url, results),
                lambda: compute.visit_calculator(browser, large_server.url, "large", results),
                lambda: paste.visit_paste(browser, demo_server.url, results),
            ]
            if start_only:
                steps = [
                    lambda: startup.visit_calculator(browser, demo_server.url, results),
                    lambda: startup.visit_bare(browser, demo_server.url, results),
                ]
            for run in range(runs):
                for step in steps[run % len(steps) :] + steps[: run % len(steps)]:
                    step()
                print(
                    f"  browser run {run + 1}/{runs}: ready {results['ours'][-1]:.0f} ms, "
                    f"bare {results['bare'][-1]:.0f} ms",
                    flush=True,
                )
            if not start_only:
                weight.visit_plain(browser, demo_server.url, results)
    finally:
        demo_server.close()
        if large_server:
            large_server.close()
    if not start_only:
        results["gzip"] = weight.gzip_estimates(demo_dir, results["weight_calculator"] + results["weight_plain"])
    return results
