"""What an editor may put in docs/: Markdown and static files of a few listed kinds, and nothing that runs.

The site's promise, that no number a practice types leaves its browser, rests on no script but the site's own running
on its pages. The policy's `script-src 'self'` lets any script served from the site run, so a `.js` file added to
docs/ with a `<script src>` in a page would run and could send the calculator's fields away through `window.open`,
which no policy governs. A static `.html` file is copied without the policy, and an SVG can carry a script. So the
build refuses, in Danish naming the file and the line:

- any file in docs/ that is not Markdown or one of ALLOWED_SUFFIXES: the site's own scripts live in overrides/ and
  calculators/web/, where a developer reviews them (.github/CODEOWNERS);
- in a page, any element that runs or embeds (FORBIDDEN_TAGS), a `<meta http-equiv>`, any event-handler attribute
  (`onerror=`…) and any `javascript:` address. The page is read with an HTML parser, so the letter case, the
  attributes' order and quoting change nothing. Code in backticks is left out: it is shown, not run.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Raster images, documents and data a page links to, and style sheets (the policy keeps CSS from loading anything
# from elsewhere). SVG is left out: it can carry a script; save the figure as PNG.
ALLOWED_SUFFIXES = {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".csv", ".css"}
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal"}
# Addresses that run a script, or show a page of their own (data:text/html); an embedded raster image may stay.
ACTIVE_ADDRESS = re.compile(r"^(javascript|vbscript):|^data:(?!image/(png|jpe?g|gif|webp)[;,])", re.IGNORECASE)
# Fenced code blocks and inline code, which Markdown shows as text: blanked with their line breaks kept, so the
# lines the parser counts are still the file's.
CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", re.DOTALL | re.MULTILINE)


def unsafe_files(docs: Path) -> list[str]:
    """A Danish line for every file in docs/ of a kind the site does not publish from there."""
    problems = []
    for path in sorted(docs.rglob("*")):
        if path.is_file() and path.suffix.lower() not in ALLOWED_SUFFIXES:
            where = path.relative_to(docs.parent).as_posix()
            problems.append(
                f"{where}: filer af typen »{path.suffix or path.name}« må ikke ligge i docs/. Her må kun ligge "
                "Markdown-sider, billeder (PNG, JPEG, GIF, WebP), PDF, CSV og CSS. Scripts hører til i overrides/ "
                "eller calculators/web/, hvor en udvikler ser dem igennem; gem en SVG-figur som PNG."
            )
    return problems


def unsafe_markup(text: str, where: str) -> list[str]:
    """A Danish line for every element, attribute or address in a page's text that would run or embed something.
    `where` is the page's path as the editor knows it (»docs/side.md«)."""
    finder = _Finder()
    finder.feed(CODE.sub(lambda code: "\n" * code.group().count("\n"), text))
    finder.close()
    return [
        f"{where}, linje {line}: {what} Fjern det; sitet kører kun sine egne scripts." for line, what in finder.found
    ]


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, f"siden indeholder et <{tag}>-element, som kan køre eller indlejre indhold."))
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.found.append((line, "siden indeholder <meta http-equiv>, som kan ændre sidens regler."))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"attributten »{name}« kører et script, når noget sker på siden."))
            elif value and ACTIVE_ADDRESS.match(re.sub(r"[\s\x00-\x20]", "", value)):
                self.found.append((line, f"adressen i »{name}« kører et script eller viser en indlejret side."))

    handle_startendtag = handle_starttag
