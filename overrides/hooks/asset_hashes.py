"""Gives the calculator's own files a content hash in their names, so a browser may keep them for ever.

Runs after calculator_assets.py has written assets/calculators/ and assets/data/ (hooks run in mkdocs.yml's
order). Each file becomes `name.<hash>.ext`; the modules' references to their siblings (`"./worker_form.mjs"`, in an
import or a `new URL(…, import.meta.url)`) are rewritten to the hashed names first, so a module's hash covers the
files it loads; then every page's src, href and data-* attributes that name one of these files are rewritten. A
cached page can therefore never meet a newer worker or reference file: it names exactly the ones it was built with.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

HASHED_FOLDERS = ("assets/calculators", "assets/data")
MODULES = (".js", ".mjs")
SIBLING = re.compile(r"""(["'])\./([A-Za-z0-9_.-]+)\1""")
# No \b before the attribute's name: it would stop re from skipping ahead to the letters a match can start with,
# which costs several times over every page (each carries the whole navigation).
PAGE_ATTRIBUTE = re.compile(r'''((?:src|href|data-[a-z-]+)=")([^"]*?)(assets/[a-z]+/[^"/?#]+)"''')
HASH_LENGTH = 10  # 40 bits: two different contents of one file meeting the same name is not a practical risk


def hashed_name(name: str, content: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def hash_folder(folder: Path) -> dict[str, str]:
    """Renames every file in `folder` to its hashed name; returns {old name: new name}. A module is hashed after the
    siblings it names, with their hashed names written into it."""
    contents = {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}
    names: dict[str, str] = {}

    def resolve(name: str, trail: tuple[str, ...]) -> str:
        if name in names:
            return names[name]
        if name in trail:
            raise PluginError(f"{folder}: modulerne importerer hinanden i ring ({' -> '.join((*trail, name))}).")
        if name.endswith(MODULES):

            def sibling(match: re.Match) -> str:
                quote, target = match.groups()
                if target not in contents:
                    return match.group(0)
                return f"{quote}./{resolve(target, (*trail, name))}{quote}"

            contents[name] = SIBLING.sub(sibling, contents[name].decode("utf-8")).encode("utf-8")
        names[name] = hashed_name(name, contents[name])
        return names[name]

    for name in sorted(contents):
        resolve(name, ())
    for old, new in names.items():
        (folder / old).unlink()
        (folder / new).write_bytes(contents[old])
    return names


def rewrite_pages(site: Path, renamed: dict[str, str]) -> None:
    """Every attribute of every page that names a renamed file (at any relative depth) names its new name."""

    def replace(match: re.Match) -> str:
        start, prefix, path = match.groups()
        return f'{start}{prefix}{renamed.get(path, path)}"'

    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        changed = PAGE_ATTRIBUTE.sub(replace, html)
        if changed != html:
            page.write_text(changed, encoding="utf-8")


def hash_site_assets(site: Path) -> dict[str, str]:
    """{site path: hashed site path} for every file of HASHED_FOLDERS, after renaming them and rewriting pages."""
    renamed = {}
    for folder in HASHED_FOLDERS:
        if (site / folder).is_dir():
            renamed.update({f"{folder}/{old}": f"{folder}/{new}" for old, new in hash_folder(site / folder).items()})
    rewrite_pages(site, renamed)
    return renamed


def on_post_build(config):
    hash_site_assets(Path(config.site_dir))
