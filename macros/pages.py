"""Front matter of the pages in docs/: read, validated, and turned into the catalogue and the changelog.

Every problem names the file and, where the editor can find it, the line; the check of a field says what to
write instead. Numbers in front matter are read as text (version: 1.10 stays "1.10", see data.TextLoader).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from .data import TextLoader
from .errors import DataError

REQUIRED = ("title", "description", "version", "updated", "source")
# Our own fields, and the few of MkDocs Material's that pages use (hide: toc on the front page).
KNOWN = {
    "": (*REQUIRED, "changes", "klyngepakke", "udkast", "hide", "search", "template"),
    "klyngepakke": ("name", "summary"),
    "changes": ("version", "date", "summary", "edition"),
}
# The edition a change without »edition« belongs to: every change made before changes named their edition was made
# in the site's first one.
FIRST_EDITION = "1.0"
VERSION = re.compile(r"^\d+\.\d+$")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
# What the new-pack templates ask the editor to replace; never on a page marked ready.
PLACEHOLDERS = (
    re.compile(r"skriv her", re.IGNORECASE),
    re.compile(r"PLADSHOLDER"),
    re.compile(r'^\s*!!! \w+ "Udkast"', re.MULTILINE),
)
# A date may be one day ahead of the build machine's clock: GitHub's runners keep UTC, editors Danish time.
CLOCK_SLACK = dt.timedelta(days=1)


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, with forward slashes
    meta: dict
    lines: dict = field(default_factory=dict, compare=False)  # field path, e.g. ("changes", 0, "date") -> line
    source: str = field(default="", compare=False)  # the whole file, for checks of the text itself

    def where(self, *key) -> str:
        """»docs/side.md, linje 4« for the field at `key`, or the nearest enclosing field that has a line."""
        for length in range(len(key), 0, -1):
            if key[:length] in self.lines:
                return f"docs/{self.path}, linje {self.lines[key[:length]]}"
        return f"docs/{self.path}"

    @property
    def body(self) -> str:
        """The Markdown after the front matter: what MkDocs and the macros read."""
        match = FRONT_MATTER.match(self.source)
        return self.source[match.end() :] if match else self.source

    @property
    def body_offset(self) -> int:
        """Lines before the body: the body's line 1 is the file's line 1 + body_offset."""
        return self.source.count("\n") - self.body.count("\n")


def call_where(page: Page, name: str, args: tuple = ()) -> str:
    """»docs/side.md, linje 12« for the line that calls macro `name` (with these text arguments, if several do)."""
    calls = [number for number, line in enumerate(page.source.splitlines(), start=1) if f"{name}(" in line]
    lines = page.source.splitlines()
    exact = [
        number
        for number in calls
        if (
            all(arg in lines[number - 1] for arg in args if isinstance(arg, str))
            if args
            else f"{name}()" in lines[number - 1]
        )
    ]
    found = (exact or calls)[:1]
    return f"docs/{page.path}" + (f", linje {found[0]}" if found else "")


def node_lines(node, path: tuple, first_line: int, lines: dict) -> None:
    """Each mapping key's line in the file, by its path in the front matter."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(*path, key.value)] = key.start_mark.line + first_line
            node_lines(value, (*path, key.value), first_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            lines[(*path, number)] = item.start_mark.line + first_line
            node_lines(item, (*path, number), first_line, lines)


def read_page(docs: Path, file: Path) -> Page:
    """One page with its front matter; an unreadable front matter is a DataError."""
    return _parse_page(file.relative_to(docs).as_posix(), file.read_text(encoding="utf-8"))


# Parsed once per path and text: a build asks for every page's front matter five times (validation, catalogue,
# plans, changelog, the version line), and YAML with line marks is slow. Keyed by the text, not the file's
# mtime, so `mkdocs serve` sees every edit; bounded, so a long serve session does not grow without end.
@functools.lru_cache(maxsize=4096)
def _parse_page(path: str, source: str) -> Page:
    match = FRONT_MATTER.match(source)
    if not match:
        raise DataError([f"docs/{path}: siden mangler front matter (felterne mellem to linjer med ---) øverst."])
    loader = TextLoader(match.group(1))
    try:
        node = loader.get_single_node()
        meta = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", linje {mark.line + 2}" if mark else ""
        raise DataError(
            [
                f"docs/{path}{line}: front matter er ikke gyldig YAML. Tjek kolon og indrykning, og "
                "sæt tekst med kolon i anførselstegn."
            ]
        ) from None
    finally:
        loader.dispose()
    lines: dict = {}
    node_lines(node, (), 2, lines)  # the front matter begins on the file's line 2
    return Page(path, meta if isinstance(meta, dict) else {}, lines, source)


def read_pages(docs: Path) -> list[Page]:
    """Every Markdown page with its front matter; the problems of all pages together as one DataError."""
    pages, problems = [], []
    for file in sorted(docs.rglob("*.md")):
        try:
            pages.append(read_page(docs, file))
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    return pages


def check_date(value, where: str, field: str) -> list[str]:
    if isinstance(value, dt.date):
        if value > dt.date.today() + CLOCK_SLACK:
            return [
                f"{where}, felt »{field}«: {value.isoformat()} ligger i fremtiden. Skriv den dag, ændringen "
                "blev lavet (senest i dag)."
            ]
        return []
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        return [f"{where}, felt »{field}«: datoen {value} findes ikke i kalenderen. Ret dag eller måned (ÅÅÅÅ-MM-DD)."]
    return [f"{where}, felt »{field}«: »{value}« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2026-11-23."]


def unknown_keys(page: Page) -> list[str]:
    """Misspelled fields vanish silently (a pack without `klyngepakke` leaves the catalogue): refuse them all."""
    problems = []
    blocks = [((), page.meta, KNOWN[""])]
    if isinstance(page.meta.get("klyngepakke"), dict):
        blocks.append((("klyngepakke",), page.meta["klyngepakke"], KNOWN["klyngepakke"]))
    changes = page.meta.get("changes")
    for number, change in enumerate(changes if isinstance(changes, list) else []):
        if isinstance(change, dict):
            blocks.append((("changes", number), change, KNOWN["changes"]))
    for path, block, known in blocks:
        for key in block:
            if key in known:
                continue
            name = ".".join([*(part for part in path if isinstance(part, str)), str(key)])  # changes.sumary
            guess = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            fix = f"Mente du »{guess[0]}«?" if guess else f"Brug et af: {', '.join(known)}."
            problems.append(f"{page.where(*path, key)}: feltet »{name}« kendes ikke. {fix}")
    return problems


def check_changes(page: Page) -> list[str]:
    problems, versions, complete = [], set(), True
    changes = page.meta.get("changes") or []
    if not isinstance(changes, list):
        return [f"{page.where('changes')}: »changes« skal være en liste af ændringer med version, date og summary."]
    for number, change in enumerate(changes):
        where = page.where("changes", number)
        if not isinstance(change, dict) or not change.get("summary") or not change.get("version"):
            problems.append(f"{where}, ændring nr. {number + 1} under »changes«: skal have version, date og summary.")
            complete = False
            continue
        versions.add(str(change["version"]))
        if "edition" in change and not VERSION.match(str(change["edition"])):
            problems.append(
                f"{page.where('changes', number, 'edition')}, ændring nr. {number + 1}: udgaven "
                f'»{change["edition"]}« skal skrives som to tal, fx "1.1", som i mkdocs.yml.'
            )
        problems += check_date(
            change.get("date"), f"{page.where('changes', number, 'date')}, ændring nr. {number + 1}", "date"
        )
    version = page.meta.get("version")
    if complete and version not in (None, "") and VERSION.match(str(version)) and str(version) not in versions:
        problems.append(
            f"{page.where('version')}: siden har version {version}, men ingen ændring under »changes« "
            f'har den version. Tilføj en ændring med version: "{version}", date og summary – eller '
            "ret versionen."
        )
    return problems


def check_placeholders(page: Page) -> list[str]:
    """A page marked ready (no `udkast: true`) must not still carry the template's placeholder text."""
    if is_draft(page):
        return []
    for number, line in enumerate(page.source.splitlines(), start=1):
        for pattern in PLACEHOLDERS:
            if found := pattern.search(line):
                return [
                    f"docs/{page.path}, linje {number}: siden er markeret klar, men har stadig "
                    f"pladsholderen »{found.group(0).strip()}«. Skriv det rigtige indhold – eller sæt "
                    "»udkast: true« øverst i siden igen, så den ikke udgives endnu."
                ]
    return []


def check_page(page: Page, source_keys) -> list[str]:
    meta = page.meta
    problems = [
        f"docs/{page.path}: feltet »{field}« mangler i front matter. Tilføj fx »{field}: …« mellem linjerne med ---."
        for field in REQUIRED
        if meta.get(field) in (None, "")
    ]
    problems += unknown_keys(page)
    if meta.get("version") not in (None, "") and not VERSION.match(str(meta["version"])):
        problems.append(
            f'{page.where("version")}, felt »version«: »{meta["version"]}« skal skrives som to tal, fx "1.0".'
        )
    if meta.get("updated") not in (None, ""):
        problems += check_date(meta["updated"], page.where("updated"), "updated")
    if "udkast" in meta and not isinstance(meta["udkast"], bool):
        problems.append(
            f"{page.where('udkast')}, felt »udkast«: skriv »udkast: true« (siden udgives ikke endnu), "
            "eller slet linjen, når siden er klar."
        )
    for key in as_list(meta.get("source")) if source_keys is not None else []:
        if key not in source_keys:
            problems.append(
                f"{page.where('source')}, felt »source«: »{key}« er ikke en kilde i data/sources.yaml. "
                f"Brug en af: {', '.join(source_keys)}."
            )
    problems += check_changes(page)
    problems += check_placeholders(page)
    return problems


def check_macros(page: Page, jinja, known: set[str]) -> list[str]:
    """The page's macros as Jinja reads them: a missing parenthesis or a misspelled name is said in Danish, at
    its line, before the macros plugin would stop with an English traceback."""
    lines = page.source.splitlines()
    try:
        tree = jinja.parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        line = error.lineno + page.body_offset
        text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        return [
            f"docs/{page.path}, linje {line}: makroen »{text}« kan ikke læses. Tjek at hver »(« har sin »)«, "
            'at tekst står i anførselstegn, og at makroen slutter med »}}«, fx {{ fee_code("0101") }}.'
        ]
    known = known | set(page.meta)
    problems, seen = [], set()
    assigned = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.ctx == "store"}
    for node in tree.find_all(jinja2.nodes.Name):
        if node.ctx != "load" or node.name in known | assigned | seen:
            continue
        seen.add(node.name)
        guess = difflib.get_close_matches(node.name, sorted(known), n=1, cutoff=0.6)
        fix = f"Mente du »{guess[0]}«?" if guess else "Se de makroer, der findes, i CONTRIBUTING.md."
        problems.append(
            f"docs/{page.path}, linje {node.lineno + page.body_offset}: makroen »{node.name}« findes ikke. {fix}"
        )
    return problems


def as_list(value) -> list:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def is_draft(page: Page) -> bool:
    """A draft (`udkast: true`) is left out of the published site and shown only by `make serve`."""
    return page.meta.get("udkast") is True


def packs(pages: list[Page]) -> list[Page]:
    """The cluster packs, drafts included: pages at klyngepakker/<pack>/index.md with a `klyngepakke` block."""
    return [
        page
        for page in pages
        if re.fullmatch(r"klyngepakker/[^/]+/index\.md", page.path) and isinstance(page.meta.get("klyngepakke"), dict)
    ]


def check_packs(pages: list[Page]) -> list[str]:
    problems, seen = [], {}
    for page in packs(pages):
        name = page.meta["klyngepakke"].get("name")
        if not name:
            problems.append(f"{page.where('klyngepakke')}, felt »klyngepakke.name«: skriv klyngepakkens navn.")
        elif str(name).casefold() in seen:
            problems.append(
                f"docs/{page.path}, felt »klyngepakke.name«: navnet »{name}« bruges allerede af "
                f"docs/{seen[str(name).casefold()]}. Giv pakken et andet navn."
            )
        else:
            seen[str(name).casefold()] = page.path
    return problems


def changes(pages: list[Page]) -> list[dict]:
    """Every published page's changes, newest first; within a day, by page path for a stable order. Each names its
    edition (FIRST_EDITION when it does not say)."""
    rows = [
        {
            "date": change["date"],
            "version": str(change["version"]),
            "summary": change["summary"],
            "edition": str(change.get("edition", FIRST_EDITION)),
            "title": page.meta.get("title", page.path),
            "path": page.path,
        }
        for page in pages
        if not is_draft(page)
        for change in page.meta.get("changes") or []
    ]
    return sorted(rows, key=lambda row: (-row["date"].toordinal(), row["path"]))


def changes_by_edition(pages: list[Page]) -> list[tuple[str, list[dict]]]:
    """The changes grouped by edition, newest edition first, each group newest change first."""
    groups: dict[str, list[dict]] = {}
    for row in changes(pages):
        groups.setdefault(row["edition"], []).append(row)
    return sorted(groups.items(), key=lambda group: tuple(map(int, group[0].split("."))), reverse=True)
