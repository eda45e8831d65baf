"""The report of `make bench`: one table of figures against budgets, the machine, every run's figures and the
method, as printed and as written to benchmarks/RESULTS.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path

import build_time
import compute
import paste
import startup
import timeline
import weight
from compute import LARGE_CLUSTER, LISTED, REFERENCE_URL_PATH
from harness import BARE_PATH, PYODIDE_FOLDER, ROOT, load_average

HEADER = ("What", "Figure", "Budget", "Holds")


def table(
    build: dict | None, browser: dict | None, parse: dict[str, float] | None
) -> tuple[str, list[tuple[str, list]]]:
    """The Markdown table, and the (title, values) lines of each run; what was not measured (`run.py
    --start-only`) has no rows."""
    rows = paste.long_line_rows(parse) if parse else []
    details = paste.long_line_details(parse) if parse else []
    if browser:
        rows += startup.rows(browser) + timeline.rows(browser)
        details += startup.details(browser)
        if browser["demo"]:
            rows += compute.rows(browser) + paste.rows(browser) + weight.rows(browser)
            details += paste.details(browser) + compute.details(browser) + weight.details(browser)
    if build:
        rows += build_time.rows(build)
        details += build_time.details(build)
    width = [max(len(r[i]) for r in [*rows, HEADER]) for i in range(4)]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, width)) + " |"

    return "\n".join([line(HEADER), line(["-" * w for w in width]), *(line(r) for r in rows)]), details


def machine(browser: dict | None) -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    pyodide = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    return [
        f"- Date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}; "
        f"load average at the end {load_average()}",
        f"- Chromium: {browser['chromium'] if browser else 'not run'} (Debian's /usr/bin/chromium, headless, "
        "driven by Playwright)",
        f"- Python {platform.python_version()}; Pyodide {pyodide}",
    ]


def results_md(args, table_text: str, details: list[tuple[str, list]], browser: dict | None) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); figures, not pass/fail.",
        "",
        *machine(browser),
        *(
            [
                f"- **With proposed glue from {args.glue}** over assets/calculators/: "
                + ", ".join(sorted(f.name for f in args.glue.iterdir()))
            ]
            if args.glue
            else []
        ),
        *(
            [
                f"- **Builds with theme features changed**: {' '.join(args.feature)} (the browser parts, if run, "
                "use that build too)"
            ]
            if args.feature
            else []
        ),
        "",
        table_text,
        "",
        "Why a budget does not hold and what it would take, and what was done: benchmarks/README.md.",
        "",
        "## Each run",
        "",
    ]
    for title, values in details:
        lines.append(f"- {title}: " + "; ".join(f"{v:.0f}" if isinstance(v, float) else str(v) for v in values))
    lines += ["", "## How it is measured", "", METHOD]
    return "\n".join(lines) + "\n"


METHOD = f"""\
- The site is built once (`mkdocs build --strict`) into a temporary folder and copied twice: one copy gets a bare
  page ({BARE_PATH}: a module worker that imports the same /{PYODIDE_FOLDER}pyodide.mjs, calls `loadPyodide` and runs
  `1+1`), the other also gets a generated reference of one cluster of {LARGE_CLUSTER:,} practices at the same URL,
  {REFERENCE_URL_PATH}. Each copy is served by Python's `http.server` on 127.0.0.1 in a process of its own.
- Every visit is a new Playwright browser context (an empty HTTP cache) with the cache also disabled through CDP
  (`Network.setCacheDisabled`). One uncounted warm-up visit first; then each run visits the calculator page (demo),
  the bare page and the calculator page (1,000 practices), in an order rotated from run to run.
- Start: `performance.now()` (0 = navigation start) when the status text first reads »Klar« (a MutationObserver
  added before the page's scripts); for the bare page when its worker has answered 2. Medians of the runs; the
  ratio both of the medians and, steadier on a shared machine, the median of each run's own ratio. "Page until
  the worker starts" is when the page called `new Worker` for the calculator (the bare page: for its worker).
- Returning visitor (editions.py): a browser with a profile on disk (as a person's, whose HTTP cache keeps the
  10 MB WebAssembly and V8's compiled code beside it) visits the page, waits for »Klar« and, for the calculator,
  for its service worker; a new tab of the same browser then opens the page again, and that second start is
  timed. The calculator and the bare page alternate from run to run, each in a fresh profile.
- Timeline (timeline.py): the worker's Resource Timing entries and the marks worker.mjs sets, moved to the page's
  clock by the difference of the two time origins; "worker running" is the worker's own time origin. Medians.
- Compute: the form is filled (cluster »Klynge A (fiktiv)«, {LISTED} listed patients, all five codes) and »Beregn«
  clicked as soon as the status reads »Klar« (as with a form restored after a reload: the worst case, the
  WebAssembly still cold);
  from the form's submit event to the first frame after the result table is in the page (requestAnimationFrame,
  then a task). "Again": the same press 1.5 s later. The worker's own time is the page's
  `data-compute-milliseconds` (its JSON in and out included, the messages between page and worker not).
- Main thread: PerformanceObserver `longtask` (buffered) over the load and the compute; the scripts named are
  those the long-animation-frame entries attribute to the longest task. "Our script" is any script under
  /assets/calculators/.
- Weight: every response of the cold visit (the worker's included), headers + body as Chromium received them
  (Playwright's `request.sizes()`). Python's http.server sends no compression and no caching headers, so these
  are uncompressed sizes; the gzip estimate replaces each body by its size after gzip -6, as a host that compresses
  (GitHub Pages does, for text types) would send it. 1 kB = 1,000 bytes.
- Build: wall-clock time of the whole `python -m mkdocs build --strict` command (what CI waits for), MkDocs' own
  "built in" figure in brackets. The copies with extra packs repeat the videokonsultationer pack's pages and data
  under new slugs (bench-001 …), each pack in the nav. Seconds per pack: least-squares slope over 0/10/50/100
  extra packs, the worst segment beside it, R² for linearity.
- The machine is shared: other sessions' tests may run at the same time, which shows in the load average above;
  the start figures in particular swing by several hundred milliseconds from run to run.
- What-if runs: `--glue DIR` puts a folder's files over assets/calculators/ in the site copies (a proposed change
  to calculators/web/, or another calculators.zip); `--feature=+NAME` / `--feature=-NAME` builds with a theme
  feature added or removed (a proposed mkdocs.yml change); `--output FILE` writes the report elsewhere.
"""
