"""Front matter of the pages in docs/: read, validated, and turned into the catalogue and the changelog."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError

REQUIRED = ("title", "description", "version", "updated", "source")
VERSION = re.compile(r"^\d+\.\d+$")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, with forward slashes
    meta: dict


def danish_date(day: dt.date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def read_pages(docs: Path) -> list[Page]:
    """Every Markdown page with its front matter; an unreadable front matter is a DataError."""
    pages, problems = [], []
    for file in sorted(docs.rglob("*.md")):
        path = file.relative_to(docs).as_posix()
        match = FRONT_MATTER.match(file.read_text(encoding="utf-8"))
        if not match:
            problems.append(f"docs/{path}: siden mangler front matter (felterne mellem to linjer med ---) øverst.")
            continue
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f", linje {mark.line + 2}" if mark else ""
            problems.append(f"docs/{path}{line}: front matter er ikke gyldig YAML. Tjek kolon og indrykning.")
            continue
        pages.append(Page(path, meta if isinstance(meta, dict) else {}))
    if problems:
        raise DataError(problems)
    return pages


def check_date(value, where: str, field: str) -> list[str]:
    if isinstance(value, dt.date):
        return []
    return [f"{where}, felt «{field}»: «{value}» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2026-11-23."]


def check_page(page: Page, source_keys) -> list[str]:
    where, meta = f"docs/{page.path}", page.meta
    problems = [
        f"{where}: feltet «{field}» mangler i front matter. Tilføj fx «{field}: …» mellem linjerne med ---."
        for field in REQUIRED if meta.get(field) in (None, "")
    ]
    if meta.get("version") not in (None, "") and not VERSION.match(str(meta["version"])):
        problems.append(f"{where}, felt «version»: «{meta['version']}» skal skrives som to tal, fx \"1.0\".")
    if meta.get("updated") not in (None, ""):
        problems += check_date(meta["updated"], where, "updated")
    for key in as_list(meta.get("source")) if source_keys is not None else []:
        if key not in source_keys:
            problems.append(
                f"{where}, felt «source»: «{key}» er ikke en kilde i data/sources.yaml. "
                f"Brug en af: {', '.join(source_keys)}."
            )
    for number, change in enumerate(meta.get("changes") or [], start=1):
        if not isinstance(change, dict) or not change.get("summary") or not change.get("version"):
            problems.append(f"{where}, ændring nr. {number} under «changes»: skal have version, date og summary.")
        else:
            problems += check_date(change.get("date"), f"{where}, ændring nr. {number}", "date")
    return problems


def as_list(value) -> list:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def packs(pages: list[Page]) -> list[Page]:
    """The cluster packs online: pages at klyngepakker/<pack>/index.md with a `klyngepakke` block."""
    return [
        page for page in pages
        if re.fullmatch(r"klyngepakker/[^/]+/index\.md", page.path) and isinstance(page.meta.get("klyngepakke"), dict)
    ]


def check_packs(pages: list[Page]) -> list[str]:
    problems, seen = [], {}
    for page in packs(pages):
        name = page.meta["klyngepakke"].get("name")
        if not name:
            problems.append(f"docs/{page.path}, felt «klyngepakke.name»: skriv klyngepakkens navn.")
        elif name.casefold() in seen:
            problems.append(
                f"docs/{page.path}, felt «klyngepakke.name»: navnet «{name}» bruges allerede af "
                f"docs/{seen[name.casefold()]}. Giv pakken et andet navn."
            )
        else:
            seen[name.casefold()] = page.path
    return problems


def changes(pages: list[Page]) -> list[dict]:
    """Every page's changes, newest first; within a day, by page path for a stable order."""
    rows = [
        {"date": change["date"], "version": str(change["version"]), "summary": change["summary"],
         "title": page.meta.get("title", page.path), "path": page.path}
        for page in pages for change in page.meta.get("changes") or []
    ]
    return sorted(rows, key=lambda row: (-row["date"].toordinal(), row["path"]))
