"""unsafe_content: what an editor may put in docs/, read as a browser would read it."""

from __future__ import annotations

import pytest

from macros.unsafe_content import unsafe_files, unsafe_markup


@pytest.mark.parametrize(
    ("markup", "what"),
    [
        ('<script src="../../../assets/hjaelp.js"></script>', "<script>"),
        ("<SCRIPT>alert(1)</SCRIPT>", "<script>"),
        ('<script type="module" src="x.js"></script>', "<script>"),
        ("<img src=x onerror=alert(1)>", "»onerror«"),
        ('<img alt="x" ONLOAD="alert(1)" src="a.png">', "»onload«"),
        ('<a href=" JaVaScRiPt:alert(1)">klik</a>', "adressen i »href«"),
        ('<a href="java&#x09;script:alert(1)">klik</a>', "adressen i »href«"),  # a tab hidden as an entity
        ('<a href="data:text/html,<script>x</script>">klik</a>', "adressen i »href«"),
        ('<iframe src="https://example.org"></iframe>', "<iframe>"),
        ('<object data="x.swf"></object>', "<object>"),
        ('<embed src="x.swf">', "<embed>"),
        ('<meta http-equiv="refresh" content="0; url=https://example.org">', "<meta http-equiv>"),
        ('<base href="https://example.org/">', "<base>"),
        ('<form action="https://example.org"><input name="x"></form>', "<form>"),
        ("<svg><script>alert(1)</script></svg>", "<script>"),
        ('<div\nclass="x"\nonclick="alert(1)">', "»onclick«"),
    ],
)
def test_what_runs_or_embeds_is_refused_with_file_and_line(markup, what):
    text = f"---\ntitle: Side\n---\n\n# Side\n\nTekst.\n{markup}\n"
    problems = unsafe_markup(text, "docs/side.md")
    assert problems and all(problem.startswith("docs/side.md, linje 8: ") for problem in problems), problems
    assert any(what in problem for problem in problems), problems


@pytest.mark.parametrize(
    "markup",
    [
        "Brug `<script>` aldrig i en side.",  # code is shown, not run
        "```html\n<script>alert(1)</script>\n```",
        '<div class="print-button screen-only" data-print-button></div>',
        '<img alt="Logo" src="data:image/png;base64,iVBORw0KGgo=">',  # an embedded raster image
        "[Se filmen](https://example.org/film) og <https://example.org>",
        "Onkel Online, onsdag: ord der begynder med on.",
    ],
)
def test_ordinary_pages_pass(markup):
    assert unsafe_markup(f"# Side\n\n{markup}\n", "docs/side.md") == []


def test_a_line_after_a_code_block_is_still_named_right():
    text = "# Side\n\n```\nkode\nmere kode\n```\n\n<img src=x onerror=alert(1)>\n"
    assert unsafe_markup(text, "docs/side.md")[0].startswith("docs/side.md, linje 8: ")


def test_only_markdown_and_listed_static_files_may_lie_in_docs(tmp_path):
    docs = tmp_path / "docs"
    for name in ("index.md", "assets/site.css", "billede.PNG", "rapport.pdf", "eksempel.csv", "foto.jpeg"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    assert unsafe_files(docs) == []
    for name in ("assets/hjaelp.js", "noter.txt", "hjaelp.html", "assets/images/figur.svg", "Makefile"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x", encoding="utf-8")
    problems = unsafe_files(docs)
    assert [problem.split(":")[0] for problem in problems] == [
        "docs/Makefile",
        "docs/assets/hjaelp.js",
        "docs/assets/images/figur.svg",
        "docs/hjaelp.html",
        "docs/noter.txt",
    ]
    assert "filer af typen ».js« må ikke ligge i docs/" in problems[1]
