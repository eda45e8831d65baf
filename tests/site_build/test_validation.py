"""An editor's mistake stops the build with a Danish message naming the file, the place and the fix."""

from __future__ import annotations

import re

import pytest
from support.site import build_site


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} findes ikke i {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text: str) -> int:
    """The line of the (changed) file that holds `text`: the pages' prose may move under the tests."""
    return next(
        number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line
    )


def failed_build(project, tmp_path) -> str:
    result = build_site(project, tmp_path / "out")
    assert result.returncode != 0, "bygget skulle være fejlet"
    return result.stdout + result.stderr


def updated_line(project) -> str:
    """The privacy page's `updated:` line as it stands: editors change its date, the tests should not care."""
    text = (project / "docs/privatliv.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("updated: "))


def test_page_without_updated_fails_with_danish_message(project_copy, tmp_path):
    replace_in(project_copy / "docs/privatliv.md", updated_line(project_copy) + "\n", "")
    output = failed_build(project_copy, tmp_path)
    assert "docs/privatliv.md: feltet »updated« mangler i front matter" in output


def test_bad_date_fails(project_copy, tmp_path):
    replace_in(project_copy / "docs/privatliv.md", updated_line(project_copy), "updated: 23-11-2026")
    output = failed_build(project_copy, tmp_path)
    line = line_of(project_copy / "docs/privatliv.md", "updated:")
    assert (
        f"docs/privatliv.md, linje {line}, felt »updated«: »23-11-2026« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD"
        in output
    )


def test_unknown_source_fails(project_copy, tmp_path):
    replace_in(project_copy / "docs/privatliv.md", "source: redaktionen", "source: ukendt-kilde")
    output = failed_build(project_copy, tmp_path)
    line = line_of(project_copy / "docs/privatliv.md", "source:")
    assert (
        f"docs/privatliv.md, linje {line}, felt »source«: »ukendt-kilde« er ikke en kilde i data/sources.yaml" in output
    )


def test_bad_fee_code_in_data_fails_naming_row(project_copy, tmp_path):
    replace_in(project_copy / "data/fee_codes.csv", "0201;telefonkonsultation;", "201;telefonkonsultation;")
    output = failed_build(project_copy, tmp_path)
    assert re.search(r"data/fee_codes.csv, række \d+, felt »kode«: »201« er ikke en ydelseskode", output)


def test_malformed_csv_row_fails(project_copy, tmp_path):
    path = project_copy / "data/video_systems.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Kommuner;A;B;C;D;E\n", encoding="utf-8")
    output = failed_build(project_copy, tmp_path)
    line = line_of(path, "Kommuner;A;B;C;D;E")
    assert (
        f"data/video_systems.csv, række {line}: rækken har 6 felter, men overskriften har 4 "
        "(sektor;løsning;anvendelse;bemærkning). Det sidste felt er »E«: slet det"
    ) in output


def test_unknown_sector_fails(project_copy, tmp_path):
    path = project_copy / "data/video_systems.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Apotek;Løsning;Noget;\n", encoding="utf-8")
    output = failed_build(project_copy, tmp_path)
    assert "felt »sektor«: »Apotek« er ikke en kendt sektor. Brug en af: Almen praksis, Hospitaler, Kommuner" in output


def test_broken_yaml_fails_with_line(project_copy, tmp_path):
    path = project_copy / "data/links.yaml"
    path.write_text("generelt:\n  title: [ikke lukket\n", encoding="utf-8")
    output = failed_build(project_copy, tmp_path)
    assert re.search(r"data/links.yaml, linje \d+: filen er ikke gyldig YAML", output)


def test_broken_internal_link_fails(project_copy, tmp_path):
    replace_in(project_copy / "docs/privatliv.md", "## Spørgsmål", "Se [siden](findes-ikke.md).\n\n## Spørgsmål")
    output = failed_build(project_copy, tmp_path)
    line = line_of(project_copy / "docs/privatliv.md", "findes-ikke.md")
    assert (
        f"docs/privatliv.md, linje {line}: henvisningen »findes-ikke.md« peger på en side, der ikke findes." in output
    )
    assert "contains a link" not in output, "den engelske advarsel skal kun vises med --verbose"


def test_broken_anchor_fails_in_danish(project_copy, tmp_path):
    replace_in(project_copy / "docs/privatliv.md", "## Spørgsmål", "Se [afsnit](index.md#findes-ikke).\n\n## Spørgsmål")
    output = failed_build(project_copy, tmp_path)
    line = line_of(project_copy / "docs/privatliv.md", "index.md#findes-ikke")
    assert (
        f"docs/privatliv.md, linje {line}: henvisningen »index.md#findes-ikke« peger på afsnittet »#findes-ikke«"
        in output
    )


def test_page_missing_from_nav_fails_in_danish(project_copy, tmp_path):
    (project_copy / "docs/ny-side.md").write_text(
        (project_copy / "docs/privatliv.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    output = failed_build(project_copy, tmp_path)
    assert "mangler i menuen (nav i mkdocs.yml)" in output and "ny-side.md" in output


def test_unknown_macro_fails(project_copy, tmp_path):
    replace_in(project_copy / "docs/privatliv.md", "## Spørgsmål", "{{ ukendt_makro() }}\n\n## Spørgsmål")
    output = failed_build(project_copy, tmp_path)
    assert "ukendt_makro" in output


@pytest.mark.parametrize("column", ["ydernummer", "praksisnavn"])
def test_identifying_column_in_reference_data_fails(project_copy, tmp_path, column):
    path = project_copy / "data/reference/videokonsultationer.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + f";{column}"] + [line + ";x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = failed_build(project_copy, tmp_path)
    assert f"kolonnerne {column} er ikke tilladt" in output and "identificere en praksis" in output


def test_small_cluster_fails(project_copy, tmp_path):
    path = project_copy / "data/reference/videokonsultationer.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Lille klynge;2000;1;1;1;1;1\n", encoding="utf-8")
    output = failed_build(project_copy, tmp_path)
    assert "klyngen »Lille klynge« har kun 1 praksis. Der skal være mindst 5" in output


def test_unknown_fee_code_in_indicators_fails(project_copy, tmp_path):
    replace_in(project_copy / "data/klyngepakker/videokonsultationer.yaml", '["0201"]', '["0999"]')
    output = failed_build(project_copy, tmp_path)
    assert "ydelseskode 0999 findes ikke i data/fee_codes.csv" in output
