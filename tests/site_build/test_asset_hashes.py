"""The calculator's own files carry their content's hash in their names, and everything names them that way."""

from __future__ import annotations

import hashlib
import re

NAMED = re.compile(r"^(?P<stem>[a-z_]+)\.(?P<hash>[0-9a-f]{10})\.(?P<ext>[a-z]+)$")
SIBLING = re.compile(r"""["']\./([^"']+)["']""")
ATTRIBUTE = re.compile(r'''(?:src|href|data-[a-z-]+)="([^"]*assets/(?:calculators|data)/[^"]*)"''')


def hashed_files(site):
    return [path for folder in ("assets/calculators", "assets/data") for path in (site / folder).iterdir()]


def test_every_calculator_file_is_named_by_the_hash_of_its_bytes(site):
    files = hashed_files(site)
    assert {NAMED.match(p.name)["stem"] for p in files} >= {
        "calculator",
        "worker_form",
        "chart",
        "page_constants",
        "worker",
        "calculators",
        "videokonsultationer",
    }
    for path in files:
        match = NAMED.match(path.name)
        assert match, f"{path.name} har ingen hash i navnet"
        assert match["hash"] == hashlib.sha256(path.read_bytes()).hexdigest()[:10], path.name


def test_modules_import_their_siblings_by_hashed_name(site):
    folder = site / "assets" / "calculators"
    imports = {path.name: SIBLING.findall(path.read_text(encoding="utf-8")) for path in folder.glob("*.*js")}
    assert any(name.startswith("worker_form.") for names in imports.values() for name in names)
    assert any(name.startswith("worker.") for names in imports.values() for name in names)
    for module, names in imports.items():
        for name in names:
            assert NAMED.match(name) and (folder / name).is_file(), f"{module} henviser til {name}"


def test_pages_name_only_existing_hashed_files(site):
    page = (site / "klyngepakker" / "videokonsultationer" / "beregner" / "index.html").read_text(encoding="utf-8")
    named = ATTRIBUTE.findall(page)
    assert {path.rsplit("/", 1)[-1].split(".")[0] for path in named} == {
        "worker_start",
        "calculator",
        "videokonsultationer",
    }
    for html in site.rglob("*.html"):
        for url in ATTRIBUTE.findall(html.read_text(encoding="utf-8")):
            target = (html.parent / url).resolve()
            assert NAMED.match(target.name) and target.is_file(), f"{html.relative_to(site)}: {url}"
