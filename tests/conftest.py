"""Shared test fixtures: the site is built once per test run, served on 127.0.0.1 and driven in Chromium. How to
build, serve and launch is in support/site.py, which `make bench` uses too."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the calculators and macros packages

from support.site import (  # noqa: E402
    CHROMIUM,
    ROOT,
    Visit,
    build_site,
    copy_project,
    launch_chromium,
    serve,
    url_of,
)

COLLECTED_FILES = pytest.StashKey[set]()


def pytest_itemcollected(item):
    """Every test file the run collects, before -k or -m deselect any (test_collection.py reads them)."""
    item.config.stash.setdefault(COLLECTED_FILES, set()).add(item.path)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("build") / "site"
    result = build_site(ROOT, target)
    assert result.returncode == 0, f"mkdocs build --strict fejlede:\n{result.stdout}\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def base_url(site) -> str:
    server = serve(site)
    yield url_of(server)
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} mangler. Kør »make test«, som installerer Debians chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, base_url):
    visit = Visit(browser, base_url)
    yield visit
    visit.close()


@pytest.fixture(scope="module")
def calculator_visit(browser, base_url):
    """One ready calculator page for a module's cases, where none needs a fresh page: Pyodide loads once."""
    from support.browser import open_calculator

    visit = Visit(browser, base_url)
    open_calculator(visit)
    yield visit
    visit.close()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project for tests that change or break it on purpose."""
    return copy_project(tmp_path / "project")
