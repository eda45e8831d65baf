"""Every page as a reader meets it in Chromium: loads cleanly, stays on the site, Danish, accessible."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support.browser import WCAG
from support.site import ROOT


def site_pages() -> list[str]:
    """URL paths of the pages, derived from docs/ so that a page added there is tested too."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.md")):
        stem = source.relative_to(ROOT / "docs").as_posix().removesuffix(".md")
        paths.append(stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/")
    return paths


def violations_text(results) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    )


@pytest.mark.parametrize("path", site_pages())
def test_page_loads_cleanly_in_danish_and_accessibly(visit, path):
    page = visit.open(path)
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").count() == 1
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, violations_text(results)
    assert visit.console_errors == []
    assert visit.foreign_requests == []


def test_danish_search_finds_the_cluster_pack(visit):
    page = visit.open("")
    search = page.get_by_role("textbox", name="Søg")
    search.click()
    search.press_sequentially("videokonsultation")
    expect(page.locator(".md-search-result__meta")).to_contain_text("resultater")
    expect(page.locator(".md-search-result__list")).to_contain_text("Videokonsultationer i almen praksis")
    assert visit.foreign_requests == []


def test_discussion_guide_prints_on_at_most_two_a4_pages(visit, tmp_path):
    page = visit.open("klyngepakker/videokonsultationer/droeftelsesguide/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-footer").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.get_by_text("Hvad tager hver praksis med hjem?").is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"drøftelsesguiden fylder {pages} sider"
