"""Scripts an editor could add through a pull request, planted in a copy of the project and built strictly: the
build refuses every one in Danish, naming file and line, in one message (the rules: macros/unsafe_content.py)."""

from __future__ import annotations

from support.site import build_site

CALCULATOR_PAGE = "docs/klyngepakker/videokonsultationer/beregner.md"


def test_planted_scripts_and_files_stop_the_build(project_copy, tmp_path):
    docs = project_copy / "docs"
    (docs / "assets" / "hjaelp.js").write_text("window.open('http://127.0.0.2/?' + 1)", encoding="utf-8")
    (docs / "noter.txt").write_text("window.open('http://127.0.0.2/')", encoding="utf-8")
    (docs / "hjaelp.html").write_text("<iframe src='klyngepakker/'></iframe>", encoding="utf-8")
    (docs / "assets" / "figur.svg").write_text("<svg><script>alert(1)</script></svg>", encoding="utf-8")
    page = project_copy / CALCULATOR_PAGE
    lines = page.read_text(encoding="utf-8").splitlines()
    at = lines.index("# Beregner: jeres tal ved siden af klyngens") + 1  # the heading's line
    lines[at:at] = [
        '<script src="../../../assets/hjaelp.js"></script>',
        "<SCRIPT>alert(1)</SCRIPT>",
        "<img src=x onerror=alert(1)>",
        '<meta http-equiv="refresh" content="0; url=http://127.0.0.2/">',
    ]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = build_site(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "Sitet kan ikke bygges. Ret" in output
    first = at + 1
    for expected in [
        "docs/assets/hjaelp.js: filer af typen ».js« må ikke ligge i docs/",
        "docs/noter.txt: filer af typen ».txt« må ikke ligge i docs/",
        "docs/hjaelp.html: filer af typen ».html« må ikke ligge i docs/",
        "docs/assets/figur.svg: filer af typen ».svg« må ikke ligge i docs/",
        f"{CALCULATOR_PAGE}, linje {first}: siden indeholder et <script>-element",
        f"{CALCULATOR_PAGE}, linje {first + 1}: siden indeholder et <script>-element",
        f"{CALCULATOR_PAGE}, linje {first + 2}: attributten »onerror« kører et script",
        f"{CALCULATOR_PAGE}, linje {first + 3}: siden indeholder <meta http-equiv>",
    ]:
        assert expected in output, expected
    assert not (tmp_path / "out" / "assets" / "hjaelp.js").exists()
