"""Shared test fixtures: the site is built once per test run, served on 127.0.0.1 and driven in Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the calculators and macros packages run from the checkout
# The build hooks are imported by name, as mkdocs imports them (each puts the checkout on sys.path itself).
sys.path.append(str(ROOT / "overrides" / "hooks"))
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


def build_site(project: Path, target: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project folder, as CI and editors' pull requests run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(target)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("build") / "site"
    result = build_site(ROOT, target)
    assert result.returncode == 0, f"mkdocs build --strict fejlede:\n{result.stdout}\n{result.stderr}"
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} mangler. Kør «make test», som installerer Debians chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A browser page that records what a person would not see: console errors and requests to other hosts."""

    def __init__(self, browser, base_url: str):
        self.base_url = base_url
        self.context = browser.new_context(locale="da-DK", accept_downloads=True)
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


@pytest.fixture
def visit(browser, base_url):
    visit = Visit(browser, base_url)
    yield visit
    visit.context.close()


def copy_project(target: Path) -> Path:
    """A copy of the project's site sources; node_modules is linked, not copied."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides", "calculators", ".gitignore"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project for tests that change or break it on purpose."""
    return copy_project(tmp_path / "project")
