"""The site as the tests and `make bench` drive it: built into a folder, served on 127.0.0.1, visited in Debian's
Chromium. Free of pytest, so that benchmarks/ imports it as it is (tests/conftest.py makes the fixtures)."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# The build hooks are imported by name, as mkdocs imports them (each puts the checkout on sys.path itself).
if str(ROOT / "overrides" / "hooks") not in sys.path:
    sys.path.append(str(ROOT / "overrides" / "hooks"))

import pyodide_core  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# Debian's Chromium as root in a sandbox-less container; the background-networking flags keep it from calling
# Google's services, which this machine's closed network refuses (and which a privacy test must not see).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Types Python's table lacks or names otherwise; Chromium refuses a module or wasm served as anything else.
MIME = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}
# What `mkdocs build` reads from the project (node_modules is linked, not copied).
PROJECT_FILES = ("mkdocs.yml", "docs", "data", "macros", "overrides", "calculators", ".gitignore")


def pyodide_folder() -> str:
    """Pyodide's folder in a plain build, from the site's root: `_pyodide/<version>/`."""
    return pyodide_core.from_site_root(ROOT, in_edition=False)


def build_site(project: Path, target: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder, as CI and editors' pull requests run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(target)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def copy_project(target: Path) -> Path:
    """A copy of the project's site sources; node_modules is linked, not copied."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # Chromium drops connections it no longer needs (a failed load, a closed page); that is expected


def serve(directory: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler):
    """A static server of `directory` on 127.0.0.1 in a thread of this process; the caller shuts it down."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_of(server: http.server.HTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def launch_chromium(playwright):
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} mangler. Kør »make test«, som installerer Debians chromium.")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class Visit:
    """A browser page that records what a person would not see: console errors and requests to other hosts.
    `init_script` runs in every document of the visit before the page's own scripts."""

    def __init__(self, browser, base_url: str, init_script: str | None = None):
        self.base_url = base_url
        self.context = browser.new_context(locale="da-DK", accept_downloads=True)
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.context.on("request", self._check_host)

    def _check_host(self, request):
        url = request.url
        if not (url.startswith(self.base_url) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign_requests.append(url)

    def open(self, path: str = ""):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '–'}"
        return self.page

    def close(self):
        self.context.close()
