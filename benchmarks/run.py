"""`make bench`: the site's figures against its budgets (issue 5). Figures, not pass/fail: it exits 0 whatever
they are, prints one table and writes it, with the machine and the raw runs, to benchmarks/RESULTS.md.

What it measures, one module each (RESULTS.md says how in words):
- startup.py: navigation -> status "Klar" on the calculator page, beside a bare page that only loads the same
  self-hosted Pyodide in a module worker and runs 1+1; five cold runs, medians;
- compute.py: "Beregn" -> result table on screen, with the demo reference and with a generated one of 1,000
  practices; the main thread's longest task meanwhile, and which script it ran;
- paste.py: 2 MB pasted into the calculator, and very long lines parsed by CPython;
- weight.py: bytes transferred, cold, by the calculator page and a plain guidance page;
- build_time.py: `mkdocs build` of the site as it is and of copies with 10, 50 and 100 generated packs;
- editions.py: a first visit's bytes, a returning visitor's start, the deployment's size with 1, 2, 10 editions.
harness.py holds what they share (the test suite's build, server and Chromium, the bare page, cold visits);
visits.py runs the browser visits; report.py writes the table.

    .venv/bin/python benchmarks/run.py [--runs 5] [--skip-build] [--skip-browser] [--start-only]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import build_time
import editions
import paste
import report
import visits
from harness import ROOT, load_average, timed_build

RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true", help="no build scaling (the site is built once anyway)")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument(
        "--start-only",
        action="store_true",
        help="only the calculator's start beside bare Pyodide, first visit and returning (no build scaling, "
        "compute, paste, weight or deployments): a quick look at a change to the start",
    )
    parser.add_argument(
        "--glue",
        type=Path,
        help="a folder of files to put over assets/calculators/ in the site "
        "copies: measures a proposed change to calculators/web/ (the report says so)",
    )
    parser.add_argument(
        "--feature",
        action="append",
        default=[],
        metavar="+NAME|-NAME",
        help="build copies with this theme feature added (+) or removed (-), e.g. "
        "+navigation.prune: measures a proposed mkdocs.yml change (the report says so)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the report (default: %(default)s)")
    args = parser.parse_args()
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    print(f"Load average at the start: {load_average()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="midtkraft-bench-") as temp:
        work = Path(temp)
        if args.skip_build or args.start_only:
            print("Building the site once …", flush=True)
            timed_build(ROOT, work / "site-as-is-0")
            build, site = None, work / "site-as-is-0"
        else:
            print("Building the site (3x as is, then with 10, 50 and 100 extra packs) …", flush=True)
            build = build_time.measure(work, args.feature)
            site = build["site"]
        browser, editions_lines = None, []
        if not args.skip_browser:
            print(f"Chromium: {args.runs} first visits …", flush=True)
            browser = visits.measure(site, work, args.runs, args.glue, args.start_only)
            print(f"Chromium: {min(args.runs, 3)} returning visitors …", flush=True)
            browser["returning"] = editions.browser_figures(site, min(args.runs, 3))
            if not args.start_only:
                editions_lines = editions.figures(site, min(args.runs, 3), browser["returning"])
    table, details = report.table(build, browser, None if args.start_only else paste.long_lines())
    table = "\n".join([table, "", *editions_lines]) if editions_lines else table
    print()
    print(table)
    print(f"\nLoad average at the end: {load_average()}")
    args.output.write_text(report.results_md(args, table, details, browser), encoding="utf-8")
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
