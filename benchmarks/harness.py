"""What every measurement of `make bench` shares: the test suite's build, server and Chromium (tests/support/
site.py), a bare Pyodide page to compare the calculator with, and cold, instrumented browser visits.

Run as a script it is the static server of one folder (see Server)."""

from __future__ import annotations

import contextlib
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The calculators package, the tests' support package, and the build hooks by name (as mkdocs imports them).
for folder in (ROOT, ROOT / "tests", ROOT / "overrides" / "hooks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import pyodide_core  # noqa: E402
from support.site import CHROMIUM, Visit, build_site, launch_chromium, pyodide_folder, serve  # noqa: E402

CALCULATOR_PATH = "klyngepakker/videokonsultationer/beregner/"
PLAIN_PATH = "videokonference/"
BARE_PATH = "benchmarks/bare/"
PYODIDE_FOLDER = pyodide_folder()  # one Pyodide per deployment: _pyodide/<version>/
PYODIDE_CORE = pyodide_core.CORE
PYODIDE_SOURCE = pyodide_core.source(ROOT)  # node_modules/pyodide
KB = 1000  # kB in this report are 1,000 bytes
MB = 1_000_000

# The floor the calculator's start is compared with: a module worker that loads the site's own Pyodide and runs
# 1+1, nothing else. Its status says »Klar« as the calculator's does, so both are timed the same way.
BARE_FILES = {
    "index.html": """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Bare Pyodide</title>
<script type="module" src="bare.js"></script></head>
<body><p data-status-text>Indlæser …</p></body></html>
""",
    "bare.js": """const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  document.querySelector("[data-status-text]").textContent = data === 2 ? "Klar" : `Fejl: ${data}`;
};
""",
    "bare-worker.mjs": """import { loadPyodide } from "../../@PYODIDE@pyodide.mjs";
try {
  const pyodide = await loadPyodide({ indexURL: new URL("../../@PYODIDE@", import.meta.url).href });
  performance.mark("pyodide-loaded"); // as worker.mjs marks it, for the timeline (timeline.py)
  self.postMessage(pyodide.runPython("1+1"));
} catch (error) {
  self.postMessage(String(error));
}
""".replace("@PYODIDE@", PYODIDE_FOLDER),
}


def add_bare_page(site: Path) -> None:
    """Writes the bare page into a copy of the built site (never into the project's own build)."""
    folder = site / BARE_PATH
    folder.mkdir(parents=True)
    for name, text in BARE_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")


def timed_build(project: Path, target: Path) -> tuple[float, float]:
    """(wall-clock seconds of the whole `mkdocs build --strict` command, seconds MkDocs reports for the build)."""
    started = time.perf_counter()
    result = build_site(project, target, timeout=1800)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stdout}\n{result.stderr}")
    reported = re.search(r"Documentation built in ([\d.]+) seconds", result.stderr + result.stdout)
    return wall, float(reported.group(1)) if reported else float("nan")


class Server:
    """The tests' static server in a process of its own, so that serving 10 MB of WebAssembly never competes with
    the measuring process for the GIL."""

    def __init__(self, directory: Path):
        self.process = subprocess.Popen([sys.executable, __file__, str(directory)], stdout=subprocess.PIPE, text=True)
        self.url = f"http://127.0.0.1:{int(self.process.stdout.readline())}/"

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@contextlib.contextmanager
def chromium_playwright():
    """Playwright, with the test suite's Chromium present."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (or use --skip-browser).")
    with sync_playwright() as playwright:
        yield playwright


@contextlib.contextmanager
def chromium():
    """The test suite's Chromium, launched the same way."""
    with chromium_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def poll(page, expression: str, timeout_s: float):
    """Polls from outside until `expression` is not null: the pages' CSP forbids the string evaluation that
    page.wait_for_function uses, and the times are taken inside the page, so the interval does not enter them."""
    deadline = time.monotonic() + timeout_s
    while (value := page.evaluate(expression)) is None:
        if time.monotonic() > deadline:
            status = page.evaluate("document.querySelector('[data-status-text]')?.textContent ?? null")
            raise SystemExit(f"{page.url}: no {expression} within {timeout_s:.0f} s (status: {status})")
        page.wait_for_timeout(50)
    return value


# Runs in every page before the page's own scripts. It only observes: the time of the first "Klar", of the form's
# submit and of the result table reaching the screen, the workers the page starts, and the long tasks.
INSTRUMENT = """
(() => {
  const marks = window.__bench = { ready: null, submit: null, result: null, painted: null, workers: [],
                                   longtasks: [], frames: [] };
  const observe = (type, keep) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach((e) => marks[keep].push(e.toJSON())))
            .observe({ type, buffered: true }); } catch (error) { marks[keep + "Error"] = String(error); }
  };
  observe("longtask", "longtasks");
  observe("long-animation-frame", "frames");
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      marks.workers.push({ url: String(url), at: performance.now() });
      super(url, options);
    }
  };
  document.addEventListener("submit", () => { marks.submit = performance.now(); }, true);
  new MutationObserver(() => {
    const status = document.querySelector("[data-status-text]");
    if (marks.ready === null && status && status.textContent.trim() === "Klar") marks.ready = performance.now();
    const result = document.querySelector("[data-result]");
    if (marks.submit !== null && marks.result === null && result && !result.hidden
        && result.querySelector("[data-table] table")) {
      marks.result = performance.now();
      requestAnimationFrame(() => setTimeout(() => { marks.painted = performance.now(); }, 0));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true,
                         attributeFilter: ["hidden"] });
})();
"""


class ColdVisit(Visit):
    """One cold visit: the tests' Visit (a new browser context, so its own empty cache) with the cache disabled
    through CDP as well, INSTRUMENT in every page, and every finished request kept for the weight."""

    def __init__(self, browser, base_url: str):
        super().__init__(browser, base_url, init_script=INSTRUMENT)
        self.requests = []
        self.context.on("requestfinished", lambda request: self.requests.append(request))
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def open(self, path: str = ""):
        response = self.page.goto(self.base_url + path)
        if response is None or not response.ok:
            raise SystemExit(f"{path}: HTTP {response.status if response else '-'}")
        return self.page

    def wait_for(self, mark: str, timeout_s: float):
        poll(self.page, f"window.__bench.{mark}", timeout_s)

    def wait_ready(self):
        self.wait_for("ready", 180)

    def marks(self) -> dict:
        return self.page.evaluate("window.__bench")

    def settle(self):
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(300)  # lets the performance observers deliver


def longest_task(marks: dict) -> dict:
    """The longest 'longtask' entry, with the scripts of the long animation frame it belongs to."""
    tasks = marks["longtasks"]
    if not tasks:
        return {"duration": 0.0, "start": None, "scripts": [], "ours": False}
    task = max(tasks, key=lambda t: t["duration"])
    end = task["startTime"] + task["duration"]
    scripts = []
    for frame in marks["frames"]:
        if frame["startTime"] <= end and task["startTime"] <= frame["startTime"] + frame["duration"]:
            for script in frame.get("scripts", []):
                if script["startTime"] < end and task["startTime"] < script["startTime"] + script["duration"]:
                    scripts.append(
                        {
                            "url": script.get("sourceURL", ""),
                            "invoker": script.get("invoker", ""),
                            "duration": round(script["duration"], 1),
                        }
                    )
    scripts.sort(key=lambda s: -s["duration"])
    ours = bool(scripts) and "/assets/calculators/" in scripts[0]["url"]
    return {"duration": task["duration"], "start": task["startTime"], "scripts": scripts[:3], "ours": ours}


def main_script(task: dict) -> str:
    """The file name of the script a long task spent most of its time in."""
    return task["scripts"][0]["url"].rsplit("/", 1)[-1] if task["scripts"] else "no script (rendering)"


def load_average() -> str:
    """The machine's load over the last 1, 5 and 15 minutes: the start figures swing with it on a shared machine."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def median(values):
    return statistics.median(values)


def holds(ok: bool) -> str:
    return "yes" if ok else "**no**"


if __name__ == "__main__":  # Server's child process: prints its port, then serves until terminated
    server = serve(Path(sys.argv[1]))
    print(server.server_address[1], flush=True)
    threading.Event().wait()
