"""`make bench`'s figures for issue 14 (editions, hashed assets, offline): what a first visit to the calculator
costs on the wire, how fast a returning visitor's calculator is ready, and how a deployment grows with editions.

- first visit: every byte the site sends for one visit to the calculator page (until »Klar« and the service
  worker's first fill), each file as a gzip-capable host sends it (gzip -6 where that is smaller), counted by the
  server itself, so nothing served from a browser cache is counted;
- returning visitor: the calculator page opened again in the same browser context (HTTP cache and service worker
  warm), navigation -> »Klar«, beside the bare page (Pyodide alone, 1+1) opened again the same way; medians;
- deployment size: `scripts/deploy_edition.py deploy` of 1, 2 and 10 editions into a scratch git repository, the
  size of the files in gh-pages (what GitHub Pages counts against its 1 GB), beside what the same editions
  weighed when each carried its own Pyodide.

    .venv/bin/python benchmarks/editions.py [--runs 3]    (run.py calls `figures` too)
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import timeline
from harness import (
    BARE_PATH,
    CALCULATOR_PATH,
    INSTRUMENT,
    MB,
    PYODIDE_CORE,
    PYODIDE_SOURCE,
    ROOT,
    add_bare_page,
    chromium_playwright,
    poll,
)
from support.site import CHROMIUM, CHROMIUM_ARGS, QuietHandler, build_site, copy_project, serve, url_of

EDITION_COUNTS = (1, 2, 10)


class PersistentVisit:
    """A page of a browser with a profile on disk, as a person's browser has, with the harness's INSTRUMENT: what
    timeline.collect reads."""

    def __init__(self, page):
        self.page = page

    def marks(self) -> dict:
        return self.page.evaluate("window.__bench")


class CountingHandler(QuietHandler):
    """Serves the site and adds up what a gzip-capable host would send for each answered request."""

    def send_head(self):
        answer = super().send_head()
        if answer is not None:
            path = Path(self.translate_path(self.path))
            path = path / "index.html" if path.is_dir() else path
            body = path.read_bytes()
            self.server.sent.append((self.path, min(len(body), len(gzip.compress(body, 6)))))
        return answer


def wait_ready(page, timeout_s: float = 180) -> float:
    """Milliseconds from navigation to »Klar«."""
    return poll(page, "window.__bench.ready", timeout_s)


def wait_for_service_worker(page) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


def browser_figures(site: Path, runs: int) -> dict:
    copy = Path(tempfile.mkdtemp(prefix="midtkraft-editions-"))
    try:
        shutil.copytree(site, copy, dirs_exist_ok=True)
        add_bare_page(copy)
        server = serve(copy, CountingHandler)
        server.sent = []
        url = url_of(server)
        first, ours, bare, timelines = [], [], [], {"ours": [], "bare": []}
        with chromium_playwright() as playwright:
            for run in range(runs):
                visits = [(CALCULATOR_PATH, ours, "ours"), (BARE_PATH, bare, "bare")]
                for path, warm, key in visits[run % 2 :] + visits[: run % 2]:  # alternating, as the cold runs
                    # A profile on disk, as a person's browser has: an off-the-record context keeps its HTTP cache
                    # in memory, which drops the 9.6 MB wasm, so the service worker's first fill fetched it again.
                    profile = tempfile.mkdtemp(prefix="midtkraft-profile-")
                    context = playwright.chromium.launch_persistent_context(
                        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, locale="da-DK"
                    )
                    context.add_init_script(INSTRUMENT)
                    page = context.new_page()
                    server.sent.clear()
                    page.goto(url + path)
                    wait_ready(page)
                    if path == CALCULATOR_PATH:
                        wait_for_service_worker(page)
                        first.append(sum(size for _, size in server.sent))
                    page.close()
                    page = context.new_page()  # the returning visitor: same browser, caches warm
                    page.goto(url + path)
                    warm.append(wait_ready(page))
                    ready_mark = "package-imported" if key == "ours" else None  # the bare worker sets none
                    timelines[key].append(timeline.collect(PersistentVisit(page), wait_for=ready_mark))
                    context.close()
                    shutil.rmtree(profile, ignore_errors=True)
        server.shutdown()
        server.server_close()
        return {
            "first_bytes": statistics.median(first),
            "warm_ms": statistics.median(ours),
            "bare_warm_ms": statistics.median(bare),
            "runs": {"first": first, "warm": ours, "bare": bare},
            "timeline_ours": timelines["ours"],
            "timeline_bare": timelines["bare"],
        }
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def tree_bytes(repo: Path) -> int:
    """The size of the files in gh-pages: blobs as listed (a symlink alias counts as its few bytes)."""
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "-l", "gh-pages"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout
    return sum(int(line.split()[3]) for line in listing.splitlines() if line.split()[3] != "-")


def deployment_figures() -> dict:
    """Deploys up to max(EDITION_COUNTS) editions with scripts/deploy_edition.py into a scratch repository."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
        "NO_MKDOCS_2_WARNING": "1",
    }
    sizes = {}
    with tempfile.TemporaryDirectory(prefix="midtkraft-deploy-") as temp:
        repo = copy_project(Path(temp) / "project")

        def run(*command):
            subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)

        run("git", "init", "-q", "-b", "main")
        run("git", "add", "-A")
        run("git", "commit", "-qm", "bench")
        for number in range(1, max(EDITION_COUNTS) + 1):
            print(f"  edition {number}/{max(EDITION_COUNTS)} …", flush=True)
            run(sys.executable, str(ROOT / "scripts" / "deploy_edition.py"), "deploy", f"1.{number}")
            if number in EDITION_COUNTS:
                sizes[number] = tree_bytes(repo)
        pyodide = sum((PYODIDE_SOURCE / name).stat().st_size for name in PYODIDE_CORE)
    # Before: every edition carried its own copy of the same files.
    before = {n: size + (n - 1) * pyodide for n, size in sizes.items()}
    return {"sizes": sizes, "before": before, "pyodide": pyodide}


def figures(site: Path, runs: int, browser: dict | None = None) -> list[str]:
    """The printed lines (Markdown table rows and notes) for run.py's report; `browser`: browser_figures' own, if
    run.py has measured them already (its main table shows the returning visitor's start)."""
    if browser is None:
        print("Editions: first visit and returning visitor …", flush=True)
        browser = browser_figures(site, runs)
    print(f"Editions: deploying {max(EDITION_COUNTS)} editions …", flush=True)
    deployment = deployment_figures()
    lines = [
        "| Editions (issue 14) | Figure |",
        "|---|---|",
        f"| First visit to the calculator, bytes sent gzip-capable (median of {runs}) | "
        f"{browser['first_bytes'] / MB:.2f} MB |",
    ]
    for n, size in deployment["sizes"].items():
        lines.append(
            f"| Deployment with {n} edition{'s' if n > 1 else ''} (gh-pages files) | {size / MB:.1f} MB "
            f"(each edition with its own Pyodide: {deployment['before'][n] / MB:.1f} MB) |"
        )
    lines += [
        "",
        "Each run (run.py's main table sets the returning visitor's start beside bare Pyodide's): first visit bytes "
        + "; ".join(f"{b:,}" for b in browser["runs"]["first"])
        + " · returning ms "
        + "; ".join(f"{v:.0f}" for v in browser["runs"]["warm"])
        + " · bare returning ms "
        + "; ".join(f"{v:.0f}" for v in browser["runs"]["bare"]),
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="midtkraft-site-") as temp:
        site = Path(temp) / "site"
        result = build_site(ROOT, site)
        if result.returncode != 0:
            raise SystemExit(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
        print("\n".join(figures(site, args.runs)))


if __name__ == "__main__":
    main()
