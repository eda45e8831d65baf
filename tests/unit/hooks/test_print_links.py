"""The print addresses of links (overrides/hooks/print_links.py): full for other pages, none where paper needs none."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

spec = importlib.util.spec_from_file_location("print_links", ROOT / "overrides/hooks/print_links.py")
print_links = importlib.util.module_from_spec(spec)
spec.loader.exec_module(print_links)

SITE = "https://midtkraft.github.io/klyngepakker/"


@pytest.mark.parametrize(
    ("page", "href", "printed"),
    [
        (
            "videokonference/anbefalinger/",
            "../forudsaetninger/",
            "midtkraft.github.io/klyngepakker/videokonference/forudsaetninger/",
        ),
        (
            "videokonference/anbefalinger/",
            "../erfaringer/#projekt-3",
            "midtkraft.github.io/klyngepakker/videokonference/erfaringer/",
        ),
        (
            "",
            "klyngepakker/videokonsultationer/beregner/",
            "midtkraft.github.io/klyngepakker/klyngepakker/videokonsultationer/beregner/",
        ),
        ("privatliv/", "../", "midtkraft.github.io/klyngepakker/"),
        ("videokonference/", "#anbefaling-1", None),
        ("videokonference/", "https://www.remoteguide.dk/", None),
        ("videokonference/", "mailto:midtkraft@stab.rm.dk", None),
        ("videokonference/", "//example.org/x", None),
    ],
)
def test_print_address(page, href, printed):
    assert print_links.print_url(SITE, page, href) == printed


def test_only_links_to_other_pages_get_an_address():
    html = (
        '<p><a href="../forudsaetninger/">Tjekliste</a> og <a href="#anbefaling-1">1</a> '
        '<a class="x" href="https://www.remoteguide.dk/">guide</a></p>'
    )
    out = print_links.add_print_urls(html, SITE, "videokonference/anbefalinger/")
    assert out.count("data-print-url=") == 1
    assert (
        '<a data-print-url="midtkraft.github.io/klyngepakker/videokonference/forudsaetninger/" '
        'href="../forudsaetninger/">Tjekliste</a>'
    ) in out
    assert '<a class="x" href="https://www.remoteguide.dk/">guide</a>' in out
