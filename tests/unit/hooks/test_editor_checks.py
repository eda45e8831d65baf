"""The checks behind the editors' safety net, called directly on small fixtures (no site build): each mistake an
editor makes in the web editor gets one Danish message with file, line or row, and the fix."""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import types
from pathlib import Path

import jinja2
import pandas as pd
import pytest

import macros
from macros import data, pages, reference
from macros.errors import DataError

ROOT = Path(__file__).resolve().parents[3]

FRONT = """---
title: Side
description: Om siden.
version: "1.0"
updated: 2026-11-23
source: redaktionen
changes:
  - version: "1.0"
    date: 2026-11-23
    summary: Siden lagt på sitet.
---

# Side

Tekst.
"""
SOURCES = ["redaktionen"]
CODES = ["4436", "0101"]


def page_from(tmp_path, text: str, name: str = "side.md") -> pages.Page:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(text, encoding="utf-8")
    return pages.read_page(tmp_path, tmp_path / name)


def problems_of(tmp_path, text: str) -> list[str]:
    return pages.check_page(page_from(tmp_path, text), SOURCES)


def test_the_fixture_page_passes(tmp_path):
    assert problems_of(tmp_path, FRONT) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "source: redaktionen\n",
            "source: redaktionen\nklyngepake:\n  name: X\n",
            "docs/side.md, linje 7: feltet »klyngepake« kendes ikke. Mente du »klyngepakke«?",
        ),
        (
            "source: redaktionen\n",
            "source: redaktionen\nklyngepakke:\n  nmae: X\n",
            "docs/side.md, linje 8: feltet »klyngepakke.nmae« kendes ikke. Mente du »name«?",
        ),
        (
            "    summary:",
            "    sumary:",
            "docs/side.md, linje 10: feltet »changes.sumary« kendes ikke. Mente du »summary«?",
        ),
        (
            "updated: 2026-11-23",
            "updated: 2026-02-30",
            "docs/side.md, linje 5, felt »updated«: datoen 2026-02-30 findes ikke i kalenderen. Ret dag eller måned",
        ),
        (
            'version: "1.0"',
            'version: "1.1"',
            "docs/side.md, linje 4: siden har version 1.1, men ingen ændring under »changes« har den version. "
            "Tilføj en "
            'ændring med version: "1.1", date og summary – eller ret versionen.',
        ),
        ("udkast", "udkast", ""),  # placeholder row replaced below: a change dated in the future
    ],
)
def test_front_matter_mistake_is_named_at_its_line(tmp_path, old, new, message):
    if not message:
        future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
        old, new = "    date: 2026-11-23", f"    date: {future}"
        message = f"docs/side.md, linje 9, ændring nr. 1, felt »date«: {future} ligger i fremtiden."
    assert old in FRONT
    found = problems_of(tmp_path, FRONT.replace(old, new, 1))
    assert found[0].startswith(message), found
    assert len(found) == 1 or new == "    sumary:", found  # a change without »summary« is also said to lack it


def test_numbers_in_front_matter_and_data_are_read_as_text(tmp_path):
    text = FRONT.replace('version: "1.0"', "version: 1.10").replace('- version: "1.0"', "- version: 1.10")
    page = page_from(tmp_path, text)
    assert page.meta["version"] == "1.10" and pages.check_page(page, SOURCES) == []
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.yaml").write_text("codes: [0101, 4436]\n", encoding="utf-8")
    assert data.read_yaml(tmp_path, "data/x.yaml") == {"codes": ["0101", "4436"]}  # not 65 (YAML 1.1 octal)


def test_an_edit_is_read_even_at_the_same_size_and_moment(tmp_path):
    """Pages are parsed once per text (macros/pages.py); `mkdocs serve` must still see every edit."""
    first = page_from(tmp_path, FRONT)
    second = page_from(tmp_path, FRONT.replace("title: ", "title: X", 1).replace("Tekst.", "Teks.", 1))
    assert len(first.source) == len(second.source) and first.meta["title"] != second.meta["title"]
    assert pages.read_page(tmp_path, tmp_path / "side.md") is second  # the same text is not parsed again


def test_a_draft_may_hold_placeholders_a_ready_page_may_not(tmp_path):
    text = FRONT.replace("Tekst.", '!!! warning "Udkast"\n    Skriv her formålet.')
    found = problems_of(tmp_path, text)
    assert found == [
        "docs/side.md, linje 15: siden er markeret klar, men har stadig pladsholderen »!!! warning "
        '"Udkast"«. Skriv det rigtige indhold – eller sæt »udkast: true« øverst i siden igen, så den '
        "ikke udgives endnu."
    ]
    draft = text.replace("source: redaktionen\n", "source: redaktionen\nudkast: true\n")
    assert problems_of(tmp_path, draft) == []
    assert pages.is_draft(page_from(tmp_path, draft))
    assert problems_of(tmp_path, FRONT.replace("Tekst.", "PLADSHOLDER"))[0].startswith("docs/side.md, linje 15:")


def test_changes_are_grouped_by_the_edition_that_made_them(tmp_path):
    newer = FRONT.replace("  - version:", '  - edition: "1.10"\n    version:', 1)
    old, new = page_from(tmp_path, FRONT, "a.md"), page_from(tmp_path, newer, "b.md")
    groups = pages.changes_by_edition([old, new])
    assert [(edition, [row["path"] for row in rows]) for edition, rows in groups] == [
        ("1.10", ["b.md"]),
        ("1.0", ["a.md"]),
    ]
    assert problems_of(tmp_path, FRONT.replace("  - version:", "  - edition: ny\n    version:", 1)) == [
        'docs/side.md, linje 8, ændring nr. 1: udgaven »ny« skal skrives som to tal, fx "1.1", som i mkdocs.yml.'
    ]


def test_drafts_stay_out_of_the_changelog(tmp_path):
    ready = page_from(tmp_path, FRONT, "a.md")
    draft = page_from(tmp_path, FRONT.replace("source: redaktionen\n", "source: redaktionen\nudkast: true\n"), "b.md")
    assert [row["path"] for row in pages.changes([ready, draft])] == ["a.md"]


JINJA = jinja2.Environment()
MACROS = {"fee_code", "fee_code_table", "calculator"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('Koden {{ fee_cod("4436") }}.', "docs/side.md, linje 15: makroen »fee_cod« findes ikke. Mente du »fee_code«?"),
        (
            'Koden {{ fee_code("4436" }}.',
            'docs/side.md, linje 15: makroen »Koden {{ fee_code("4436" }}.« kan ikke læses. '
            "Tjek at hver »(« har sin »)«",
        ),
        ('Koden {{ fee_code("4436") }.', 'docs/side.md, linje 15: makroen »Koden {{ fee_code("4436") }.« kan ikke'),
    ],
)
def test_macro_mistakes_are_named_at_their_line(tmp_path, line, message):
    page = page_from(tmp_path, FRONT.replace("Tekst.", line))
    found = pages.check_macros(page, JINJA, MACROS)
    assert len(found) == 1 and found[0].startswith(message), found


def test_macros_that_exist_and_page_variables_pass(tmp_path):
    page = page_from(tmp_path, FRONT.replace("Tekst.", '{{ fee_code("4436") }} {{ title }} {% set x = 1 %}{{ x }}'))
    assert pages.check_macros(page, JINJA, MACROS) == []


class FakePlugin:
    """What macros.define_env needs of the macros plugin: its configuration, the page, and `macro`."""

    def __init__(self, source: str):
        self.conf = {"config_file_path": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs"), "extra": {}}
        self.page = types.SimpleNamespace(
            file=types.SimpleNamespace(src_uri="side.md", content_string=source), url="side/"
        )
        self.registered = {}

    def macro(self, function):
        self.registered[function.__name__] = function
        return function


def test_a_macro_with_an_unknown_code_or_wrong_values_is_collected_in_danish():
    source = FRONT.replace("Tekst.", 'A {{ fee_code("4436") }}\nB {{ fee_code("9999") }}\nC {{ fee_code() }}')
    plugin = FakePlugin(source)
    macros.define_env(plugin)
    assert plugin.registered["fee_code"]("4436").startswith("4436 (")
    assert plugin.registered["fee_code"]("9999") == ""
    assert plugin.registered["fee_code"]() == ""
    assert plugin.editor_problems == [
        "docs/side.md, linje 16: Makroen fee_code: ydelseskoden »9999« findes ikke i data/fee_codes.csv. Tilføj "
        "den der, eller ret koden på siden.",
        "docs/side.md, linje 17: makroen »fee_code()« har ikke de rigtige værdier. Skriv den som "
        "{{ fee_code(code) }}, og sæt tekst i anførselstegn (se CONTRIBUTING.md).",
    ]


@pytest.mark.parametrize(("draft", "listed"), [(False, False), (True, True)])
def test_a_pack_on_the_site_is_not_also_listed_as_planned(tmp_path, draft, listed):
    pack = FRONT.replace(
        "source: redaktionen\n",
        "source: redaktionen\nklyngepakke:\n  name: Antibiotika\n" + ("udkast: true\n" if draft else ""),
    )
    page_from(tmp_path, pack, "klyngepakker/antibiotika/index.md")
    plugin = FakePlugin("")
    plugin.conf["docs_dir"] = str(tmp_path)
    macros.define_env(plugin)
    planned = plugin.registered["planned_packs"]().splitlines()
    assert any(line.startswith("- Opioider") for line in planned)
    assert any(line.startswith("- Antibiotika:") for line in planned) is listed
    catalogue = plugin.registered["pack_catalogue"]()
    assert ("[Antibiotika](antibiotika/index.md)" in catalogue) is not draft


def write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "ref.csv"
    path.write_bytes(text.encode(encoding))
    return path


def rows(count: int, cluster: str = "Klynge A", last: str = "") -> str:
    return "".join(f"{cluster};{1000 + n};{n};{2 * n}{last}\n" for n in range(count))


def test_excel_habits_that_change_nothing_are_forgiven(tmp_path):
    text = "klynge;tilmeldte;4436;0101;\n" + rows(5, last=";") + "\n;;;\n"
    frame = data.read_table(write(tmp_path, "\ufeff" + text), "ref.csv")  # with Excel's byte-order mark
    assert list(frame.columns) == ["klynge", "tilmeldte", "4436", "0101"]
    assert len(frame) == 5 and frame.loc[3, "tilmeldte"] == "1003"  # index 3 is the file's line 5
    assert data.csv_line(3) == 5


def test_a_trailing_field_on_every_row_is_one_message(tmp_path):
    with pytest.raises(DataError) as error:
        data.read_table(write(tmp_path, "klynge;tilmeldte;4436;0101\n" + rows(56, last=";7")), "ref.csv")
    assert error.value.problems == [
        "ref.csv, række 2, 3, 4 og 53 rækker mere: rækken har 5 felter, men overskriften har 4 "
        "(klynge;tilmeldte;4436;0101). Det sidste felt er »7«: slet det, eller giv det en kolonne i overskriften."
    ]


def test_a_file_not_saved_as_utf8_is_told_how_to_save_it(tmp_path):
    with pytest.raises(DataError) as error:
        data.read_table(write(tmp_path, "klynge;tilmeldte\nKlynge Århus;1000\n", "cp1252"), "ref.csv")
    assert "vælg filtypen »CSV UTF-8 (kommasepareret) (*.csv)«" in error.value.problems[0]
    assert "semikolon" not in error.value.problems[0]


def check(tmp_path, text: str) -> list[str]:
    return reference.validate_reference(data.read_table(write(tmp_path, text), "ref.csv"), "ref.csv", CODES)


def test_a_header_without_its_leading_zero_is_a_fee_code_not_an_identifying_column(tmp_path):
    assert check(tmp_path, "klynge;tilmeldte;4436;101\n" + rows(5)) == [
        "ref.csv, række 1: kolonnen »101« er ikke en ydelseskode. Mente du »0101«? Excel fjerner nullet foran: skriv "
        "det igen, og gem som »CSV UTF-8«."
    ]


def test_a_duplicated_practice_does_not_make_a_cluster_of_four_pass(tmp_path):
    text = "klynge;tilmeldte;4436;0101\n" + rows(4) + "Klynge A;1001;1;2\n"
    assert "ref.csv, række 3 og 6: rækkerne er ens. Hver praksis må kun stå én gang; slet de ekstra rækker." in check(
        tmp_path, text
    )
    assert "ref.csv: klyngen »Klynge A« har kun 4 praksis" in " ".join(
        check(tmp_path, "klynge;tilmeldte;4436;0101\n" + rows(4))
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("²", "ref.csv, række 2, kolonne »4436«: »²« er ikke et helt tal på 0 eller derover."),
        ("1" * 30, f"ref.csv, række 2, kolonne »4436«: »{'1' * 30}« er større, end en praksis kan have."),
    ],
)
def test_counts_that_are_not_plain_numbers_are_refused(tmp_path, value, message):
    text = "klynge;tilmeldte;4436;0101\n" + rows(5).replace(";0;0\n", f";{value};0\n", 1)
    found = check(tmp_path, text)
    assert len(found) == 1 and found[0].startswith(message), found


@pytest.mark.parametrize("name", ["Lægehuset Nørregade", "Klynge 123456", "Praksis Hansen", "Dr. Jensen"])
def test_a_cluster_named_like_a_practice_or_a_ydernummer_is_refused(tmp_path, name):
    found = check(tmp_path, "klynge;tilmeldte;4436;0101\n" + rows(5, cluster=name))
    assert found == [
        f"ref.csv, række 2, kolonne »klynge«: »{name}« ligner navnet på en praksis eller et ydernummer, "
        "og klyngenavnet vises på sitet. Skriv klyngens navn, fx »Klynge Viborg Nord«."
    ]


@pytest.mark.parametrize("name", ["Klynge A (fiktiv)", "Viborg Nord", "Klynge 7"])
def test_ordinary_cluster_names_pass(tmp_path, name):
    assert check(tmp_path, "klynge;tilmeldte;4436;0101\n" + rows(5, cluster=name)) == []


@pytest.fixture(scope="module")
def warnings():
    spec = importlib.util.spec_from_file_location("danish_warnings", ROOT / "overrides/hooks/danish_warnings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def translator(warnings, tmp_path):
    docs = tmp_path / "docs"
    for path, text in {
        "index.md": "",
        "videokonference/index.md": "",
        "pakke/guide.md": "# Guide\n\nSe [siden](../videokonference/indeks.md).\n",
        "pakke/beregner.md": '{{ calculator("pakke") }}\n',
    }.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    result = warnings.Translator()
    result.docs = docs
    return result


def test_broken_link_is_said_once_at_its_line_with_a_path_that_works_from_there(warnings, tmp_path):
    english = (
        "Doc file '{}' contains a link '../videokonference/indeks.md', but the target "
        "'videokonference/indeks.md' is not found among documentation files."
    )
    found = translator(warnings, tmp_path)
    assert found.translate(english.format("pakke/guide.md"), 30) == (
        30,
        (
            "docs/pakke/guide.md, linje 3: henvisningen »../videokonference/indeks.md« peger på en side, der ikke "
            "findes. Mente du »../videokonference/index.md«?"
        ),
    )
    assert found.translate(english.format("pakke/beregner.md"), 30) is None  # the guide's link, said at the guide


def test_a_link_with_no_near_page_is_told_how_paths_count_from_a_pack_page(warnings, tmp_path):
    english = "Doc file 'pakke/guide.md' contains a link 'xyz.md', but the target 'pakke/xyz.md' is not found."
    level, message = translator(warnings, tmp_path).translate(english, 30)
    assert message.endswith("Stien regnes fra siden selv: herfra skrives forsiden »../index.md«.")


def test_reference_frames_keep_their_file_lines(tmp_path):
    frame = data.read_table(write(tmp_path, "klynge;tilmeldte;4436;0101\n" + rows(5)), "ref.csv")
    assert isinstance(frame, pd.DataFrame) and [data.csv_line(i) for i in frame.index] == [2, 3, 4, 5, 6]


def test_the_english_warning_is_replaced_and_kept_only_with_verbose(warnings, tmp_path):
    warnings.TRANSLATOR.docs = translator(warnings, tmp_path).docs
    english = (
        "Doc file 'pakke/guide.md' contains a link '../videokonference/indeks.md', but the target "
        "'videokonference/indeks.md' is not found among documentation files."
    )
    mkdocs = logging.getLogger("mkdocs")
    level = mkdocs.level
    try:
        for verbose in (False, True):
            mkdocs.setLevel(logging.DEBUG if verbose else logging.INFO)
            record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, "", 0, english, (), None)
            assert warnings.DanishWarnings().filter(record)
            assert (record.getMessage() == english) is verbose
            assert verbose or record.getMessage().startswith("docs/pakke/guide.md, linje 3: henvisningen")
    finally:
        mkdocs.setLevel(level)
        warnings.TRANSLATOR.docs = None
