"""Everyday editor mistakes, tried as an editor would in a copy of the project and built strictly: each one stops
the build with a Danish message (file, line, fix) and never a traceback, or is handled correctly. Several
mistakes share one build, because the message lists them all (the checks themselves: test_editor_checks.py)."""

from __future__ import annotations

import importlib.util
import re

from support.site import ROOT, build_site

PACK = "docs/klyngepakker/videokonsultationer"
REFERENCE = "data/reference/videokonsultationer.csv"
# A page whose version the tests change (whatever it is today: current_version reads it).
RAISED_PAGE = "docs/klyngepakker/videokonsultationer/foelg-op.md"


def replace_in(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} findes ikke i {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def current_version(path) -> str:
    """The page's version as its front matter writes it ("1.1"); its newest entry under »changes« has the same."""
    return re.search(r'^version: "([^"]+)"$', path.read_text(encoding="utf-8"), re.MULTILINE).group(1)


def line_of(path, text: str) -> int:
    """The line of the (changed) file that holds `text`: the pages' prose may move under the tests."""
    return next(
        number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line
    )


def build(project, tmp_path):
    result = build_site(project, tmp_path / "out")
    return result.returncode, result.stdout + result.stderr


def test_front_matter_macro_and_reference_mistakes_come_in_one_danish_message(project_copy, tmp_path):
    replace_in(project_copy / PACK / "index.md", "klyngepakke:", "klyngepake:")
    replace_in(project_copy / PACK / "index.md", '{{ fee_code("1003") }}', '{{ fee_code("1003" }}')
    privacy_page = project_copy / "docs/privatliv.md"
    updated = re.search(r"^updated: .*$", privacy_page.read_text(encoding="utf-8"), re.MULTILINE).group(0)
    replace_in(privacy_page, updated, "updated: 2026-02-30")
    replace_in(project_copy / "docs/privatliv.md", "## Spørgsmål", '{{ fee_cod("4436") }}\n\n## Spørgsmål')
    replace_in(
        project_copy / RAISED_PAGE, f'version: "{current_version(project_copy / RAISED_PAGE)}"', 'version: "9.9"'
    )
    changelog_page = project_copy / "docs/versioner.md"
    newest = re.search(r"^    date: .*$", changelog_page.read_text(encoding="utf-8"), re.MULTILINE).group(0)
    replace_in(changelog_page, newest, "    date: 2099-01-01")  # the newest change, »ændring nr. 1«
    reference = project_copy / REFERENCE
    header, first, second, *rest = reference.read_text(encoding="utf-8").splitlines()
    second = re.sub(r";\d+$", ";²", second)
    rows = [first, second, *rest, first]  # the first practice twice
    last_cluster = rest[-1].split(";")[0]
    reference.write_text("\n".join([header, *rows]).replace(last_cluster, "Lægehuset Nord") + "\n", encoding="utf-8")
    last_column = header.split(";")[-1]
    index, privacy = project_copy / PACK / "index.md", project_copy / "docs/privatliv.md"
    syntax = line_of(index, 'fee_code("1003" }}')
    snippet = index.read_text(encoding="utf-8").splitlines()[syntax - 1].strip()

    code, output = build(project_copy, tmp_path)
    assert code == 1, output
    assert "Traceback" not in output and "Error" not in output.replace("BuildError", "")
    assert re.search(r"Sitet kan ikke bygges\. Ret \d+ fejl:", output)
    for message in [
        f"{PACK}/index.md, linje {line_of(index, 'klyngepake:')}: feltet »klyngepake« kendes ikke. Mente du "
        "»klyngepakke«?",
        f"{PACK}/index.md, linje {syntax}: makroen »{snippet}« kan ikke læses. Tjek at hver »(« har sin »)«",
        f"docs/privatliv.md, linje {line_of(privacy, 'updated:')}, felt »updated«: datoen 2026-02-30 findes ikke i "
        "kalenderen.",
        f"docs/privatliv.md, linje {line_of(privacy, 'fee_cod(')}: makroen »fee_cod« findes ikke. Mente du »fee_code«?",
        f"{RAISED_PAGE}, linje {line_of(project_copy / RAISED_PAGE, 'version:')}: siden har "
        "version 9.9, men ingen ændring under »changes« har den version.",
        f"docs/versioner.md, linje {line_of(project_copy / 'docs/versioner.md', '2099-01-01')}, ændring nr. 1, felt "
        "»date«: 2099-01-01 ligger i fremtiden.",
        f"{REFERENCE}, række 3, kolonne »{last_column}«: »²« er ikke et helt tal på 0 eller derover.",
        f"{REFERENCE}, række 2 og {len(rows) + 1}: rækkerne er ens. Hver praksis må kun stå én gang",
        f"{REFERENCE}, række {line_of(reference, 'Lægehuset Nord')}, kolonne »klynge«: »Lægehuset Nord« ligner "
        "navnet på en praksis eller et ydernummer",
    ]:
        assert message in output, message


def test_broken_guide_link_and_wrong_macro_values_are_said_once_in_danish(project_copy, tmp_path):
    replace_in(
        project_copy / PACK / "droeftelsesguide.md",
        "overrasker jer?",
        "overrasker jer? Se [erfaringerne](../videokonference/erfaringer.md).",
    )
    replace_in(project_copy / PACK / "index.md", '{{ fee_code("4436") }}', '{{ fee_code("9999") }}')
    replace_in(project_copy / "docs/privatliv.md", "## Spørgsmål", "{{ fee_code() }}\n\n## Spørgsmål")

    guide, index, privacy = (
        project_copy / PACK / "droeftelsesguide.md",
        project_copy / PACK / "index.md",
        project_copy / "docs/privatliv.md",
    )
    code, output = build(project_copy, tmp_path)
    assert code == 1, output  # not the macros plugin's 100
    assert "Traceback" not in output and "contains a link" not in output
    link = (
        f"{PACK}/droeftelsesguide.md, linje {line_of(guide, 'erfaringer.md')}: "
        "henvisningen »../videokonference/erfaringer.md« peger på en side, "
        "der ikke findes. Mente du »../../videokonference/erfaringer.md«?"
    )
    assert output.count("henvisningen »../videokonference/erfaringer.md«") == 1 and link in output
    assert "beregner.md: henvisningen" not in output
    assert (
        f"{PACK}/index.md, linje {line_of(index, '9999')}: Makroen fee_code: ydelseskoden »9999« findes ikke i "
        "data/fee_codes.csv." in output
    )
    assert (
        f"docs/privatliv.md, linje {line_of(privacy, 'fee_code()')}: makroen »fee_code()« har ikke de rigtige "
        "værdier." in output
    )

    # The pull request's job summary lists the same three problems.
    spec = importlib.util.spec_from_file_location("build_summary", ROOT / "scripts" / "build_summary.py")
    summary = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(summary)
    items = [line for line in summary.summary(output, "https://x").splitlines() if line.startswith("- ")]
    assert len(items) == 3 and "erfaringer.md" in items[0], items


def test_numbers_an_editor_writes_without_quotes_and_excel_habits_build_as_meant(project_copy, tmp_path):
    for page in ("docs/versioner.md", RAISED_PAGE):  # the version and the newest change, written as YAML numbers
        replace_in(project_copy / page, f'version: "{current_version(project_copy / page)}"', "version: 1.10", count=2)
    replace_in(project_copy / "data/klyngepakker/videokonsultationer.yaml", '["0101"]', "[0101]")
    reference = project_copy / REFERENCE
    lines = reference.read_text(encoding="utf-8").splitlines()
    reference.write_bytes(("\ufeff" + "".join(f"{line};\r\n" for line in lines)).encode("utf-8"))  # Excel's way

    code, output = build(project_copy, tmp_path)
    assert code == 0, output
    page = (tmp_path / "out" / RAISED_PAGE.removeprefix("docs/").removesuffix(".md") / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Version 1.10 · opdateret" in page
    changelog = (tmp_path / "out" / "versioner" / "index.html").read_text(encoding="utf-8")
    assert ", version 1.10:" in changelog
    json = next((tmp_path / "out" / "assets" / "data").glob("videokonsultationer.*.json")).read_text(encoding="utf-8")
    assert '"codes": ["0101"]' in json.replace('"codes":["0101"]', '"codes": ["0101"]')
