"""The real site, built strictly: every page there, every page self-contained and in Danish."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load
from support.site import ROOT


def nav_pages(items) -> list[str]:
    pages = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def built_path(site: Path, page: str) -> Path:
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / stem.removesuffix("index") / "index.html"
    return site / stem / "index.html"


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_every_page_of_the_navigation_is_built(site):
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)  # MkDocs' own loader knows the !ENV and !!python tags
    pages = nav_pages(config["nav"])
    assert len(pages) >= 20
    missing = [page for page in pages if not built_path(site, page).is_file()]
    assert missing == []


def test_every_page_has_the_content_security_policy_before_any_script(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        policy = text.find('http-equiv="Content-Security-Policy"')
        assert policy != -1, page
        assert policy < text.find("<script"), page
        assert "default-src 'self'" in text and "'wasm-unsafe-eval'" in text
        script_src = re.search(r"script-src ([^;]*);", text).group(1)
        assert "'unsafe-inline'" not in script_src and "http" not in script_src, page


def test_a_calculator_page_starts_its_worker_before_anything_else_is_loaded(site):
    """worker_start.js is the first script and comes before the theme's style sheets, which with the theme's inline
    script would hold the parser (and the worker's Pyodide downloads) for ~70 ms; a plain page has no worker."""
    for path in ("klyngepakker/videokonsultationer/beregner", "klyngepakker/videokonsultationer/klyngens-overblik"):
        text = (site / path / "index.html").read_text(encoding="utf-8")
        first_script = re.search(r"<script[^>]*>", text).group(0)
        assert re.search(r'src="[^"]*/worker_start\.[0-9a-f]{10}\.js"', first_script), first_script
        assert text.find(first_script) < text.find('rel="stylesheet"'), path
    assert "worker_start" not in (site / "videokonference" / "index.html").read_text(encoding="utf-8")


def test_no_page_refers_to_assets_on_another_host(site):
    """Tags a browser fetches by itself; a canonical link only names the page's public address."""
    tag = re.compile(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*(?:src|href)="(?:https?:)?//[^>]*>', re.I)
    offenders = [
        (page.name, found)
        for page in html_pages(site)
        for found in tag.findall(page.read_text(encoding="utf-8"))
        if 'rel="canonical"' not in found
    ]
    assert offenders == []


def test_pages_are_danish_and_carry_their_version_line(site):
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="da"' in text, page
        if page.name != "404.html":
            assert re.search(r"Version \d+\.\d+ · opdateret \d{1,2}\. [a-zæøå]+ \d{4}", text), page


def test_footer_links_to_accessibility_statement_and_privacy(site):
    text = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="[^"]*tilgaengelighed/"[^>]*>\s*Tilgængelighedserklæring', text)
    assert re.search(r'<a href="[^"]*privatliv/"[^>]*>\s*Privatliv og data', text)


def test_catalogue_lists_the_online_pack_and_the_planned_ones(site):
    text = (site / "klyngepakker" / "index.html").read_text(encoding="utf-8")
    assert 'href="videokonsultationer/"' in text
    planned = yaml.safe_load((ROOT / "data" / "planned_packs.yaml").read_text(encoding="utf-8"))["packs"]
    assert planned, "data/planned_packs.yaml lister ingen klyngepakker"
    for pack in planned:
        assert pack["name"] in text


def test_changelog_lists_every_page_change_under_its_edition(site):
    text = (site / "versioner" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r"<li><a [^>]+>[^<]+</a>, version \d+\.\d+: ", text)
    changes = sum(
        len(yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1]).get("changes") or [])
        for page in (ROOT / "docs").rglob("*.md")
    )
    assert len(entries) == changes
    assert re.search(r"<h2[^>]*>Udgave 1\.0", text) and "Ændret 23. november 2026 – " in text


def test_data_tables_are_rendered_from_data_files(site):
    systems = (site / "videokonference" / "tekniske-loesninger" / "index.html").read_text(encoding="utf-8")
    assert "<table>" in systems and "Rooms/Pexip" in systems.replace("rooms/pexip", "Rooms/Pexip")
    pack = (site / "klyngepakker" / "videokonsultationer" / "index.html").read_text(encoding="utf-8")
    for code in ("4436", "1003", "0101", "0120", "0201"):
        assert code in pack
