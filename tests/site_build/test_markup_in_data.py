"""Data fields reach pages as text: a tag or a script address in any data file stops the build with a Danish
message naming file and field, and what slips past is escaped; an inline script that is not the theme's own is
not allowed by the page's Content-Security-Policy and stops the strict build."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from support.site import build_site

from macros import data
from macros.tables import cell, link_item

ROOT = Path(__file__).resolve().parents[2]
ATTACK = "<script>alert(1)</script>"


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} findes ikke i {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Per data file: where a text shown on a page sits (a key path in YAML, row and column in CSV), what is smuggled
# into it, and how the build's message must name the field.
ATTACKS = {
    "data/fee_codes.csv": ((0, "beskrivelse"), ATTACK, "række 2, felt »beskrivelse«"),
    "data/video_systems.csv": ((1, "bemærkning"), " javascript:alert(1)", "række 3, felt »bemærkning«"),
    "data/links.yaml": (
        ("generelt", "links", 1, "title"),
        "<img src=x onerror=alert(1)>",
        "felt »generelt → links → nr. 2 → title«",
    ),
    "data/planned_packs.yaml": (("packs", 0, "name"), ATTACK, "felt »packs → nr. 1 → name«"),
    "data/sources.yaml": (
        ("klyngepakke-videokonsultationer", "title"),
        " JavaScript :alert(1)",
        "felt »klyngepakke-videokonsultationer → title«",
    ),
    "data/klyngepakker/videokonsultationer.yaml": (
        ("indicators", 1, "name"),
        ATTACK,
        "felt »indicators → nr. 2 → name«",
    ),
    "data/reference/videokonsultationer.csv": ((0, "klynge"), "<b>", "række 2, felt »klynge«"),
    "data/reference/videokonsultationer-koen-og-alder.csv": (
        (1, "aldersgruppe"),
        "<b>",
        "række 3, felt »aldersgruppe«",
    ),
}


def smuggle(root: Path, name: str) -> None:
    place, added, _ = ATTACKS[name]
    path = root / name
    if name.endswith(".csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=";"))
        row, column = place
        rows[row][column] += added
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
            writer.writeheader()
            writer.writerows(rows)
    else:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        holder = content
        for key in place[:-1]:
            holder = holder[key]
        holder[place[-1]] += added
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_every_data_file_is_covered():
    on_disk = {
        path.relative_to(ROOT).as_posix() for path in (ROOT / "data").rglob("*") if path.suffix in (".csv", ".yaml")
    }
    assert on_disk <= set(ATTACKS), f"tilføj et angreb for {sorted(on_disk - set(ATTACKS))}"


def test_the_data_as_they_are_have_no_markup():
    assert data.markup_in_data(ROOT) == []


@pytest.mark.parametrize("name", ATTACKS)
def test_markup_in_a_data_field_is_refused_naming_file_and_field(data_copy, name):
    smuggle(data_copy, name)
    problems = data.markup_in_data(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(name + ", ")
    assert ATTACKS[name][2] in problems[0]
    assert "Data må ikke indeholde < og >" in problems[0]


@pytest.mark.parametrize(
    "url",
    [
        "https://x.dk/) <script>alert(1)</script>",
        "https://x.dk/)[klik](javascript:alert(1)",
        'https://x.dk/" onmouseover="alert(1)',
        "https://x.dk/a b",
    ],
)
def test_a_link_address_that_could_end_its_markdown_link_is_refused(data_copy, url):
    replace_once(
        data_copy / "data/links.yaml",
        "url: https://www.vive.dk/da/udgivelser/tvaersektorielle-videomoeder-om-den-ustabile-patient-18132/",
        f"url: '{url}'",
    )
    data.links.cache_clear()
    with pytest.raises(data.DataError) as raised:
        data.links(data_copy)
    data.links.cache_clear()
    assert any(
        "data/links.yaml, gruppen »generelt«, link nr. 3" in p and "felt »url«" in p for p in raised.value.problems
    )


def test_what_reaches_the_markdown_is_text():
    assert cell("a < b & <script>") == "a &lt; b &amp; &lt;script&gt;"
    assert (
        link_item("<b>x</b> [y]", "https://x.dk/", "<i>z</i>")
        == "- [&lt;b&gt;x&lt;/b&gt; \\[y\\]](https://x.dk/): &lt;i&gt;z&lt;/i&gt;"
    )


def test_the_build_stops_on_markup_in_a_data_file(project_copy):
    smuggle(project_copy, "data/fee_codes.csv")
    result = build_site(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "Sitet kan ikke bygges" in result.stderr
    assert "data/fee_codes.csv, række 2, felt »beskrivelse«" in result.stderr


def test_an_inline_script_in_a_page_is_not_allowed_and_stops_the_build(project_copy):
    page = project_copy / "docs" / "privatliv.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n<script>fetch('https://x.dk/')</script>\n", encoding="utf-8")
    result = build_site(project_copy, project_copy / "site")
    assert result.returncode != 0
    line = len(text.splitlines()) + 2
    assert f"docs/privatliv.md, linje {line}: siden indeholder et <script>-element" in result.stderr


def test_a_script_a_macro_puts_together_is_stopped_by_the_policy_check(project_copy):
    """The page's text has no tag for the editor check to see; the rendered page has one, and the policy hook (csp.py)
    stops the strict build: nothing reaches a page that the policy would not block."""
    page = project_copy / "docs" / "privatliv.md"
    smuggled = "{{ '<scr' ~ 'ipt>fetch(\"https://x.dk/\")</scr' ~ 'ipt>' }}"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{smuggled}\n", encoding="utf-8")
    result = build_site(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "docs/privatliv.md: siden indeholder et <script>, som ikke er temaets eget" in result.stderr
