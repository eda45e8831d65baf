"""Stops the build before any page is rendered when a data file, a page's front matter or a macro is wrong, and
keeps drafts (`udkast: true`) out of the published site.

The message is Danish and names the file, the line or row and the fix, because MidtKraft's editors read it
in the GitHub checks of their pull request, not in a terminal of their own. All problems come in one message,
so an editor fixes them in one round instead of one per CI run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the hook is loaded by path; macros/ is a sibling package

from macros import data, pages, reference, unsafe_content  # noqa: E402
from macros.errors import DataError  # noqa: E402

DRAFT_BANNER = (
    '!!! danger "Udkast – udgives ikke"\n'
    "    Denne side er et udkast (`udkast: true` øverst i filen). Den vises kun her i »make serve« og "
    "kommer ikke med på det udgivne site. Slet linjen `udkast: true`, når siden er klar.\n\n"
)
_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


@event_priority(100)  # before the macros plugin reads the configuration
def on_config(config):
    reference.reference_json.cache_clear()  # mkdocs serve rebuilds in-process: read the files anew
    config.extra["vis_udkast"] = _command == "serve"  # the catalogue lists drafts only where they are shown
    return config


def data_problems(root: Path) -> list[str]:
    problems = data.load_all(root)  # includes data/sources.yaml
    if not problems:  # the reference data are checked against the fee codes, so those must be sound first
        problems += reference.all_reference_json(root)[1]
    return problems


def page_problems(docs: Path, root: Path, macros_plugin) -> tuple[list[pages.Page], list[str]]:
    try:
        found = pages.read_pages(docs)
    except DataError as error:
        return [], error.problems
    try:
        source_keys = list(data.sources(root))
    except DataError:
        source_keys = None  # already reported; do not also flag every page's source
    known = (
        set(macros_plugin.variables)
        | set(macros_plugin.macros)
        | set(macros_plugin.filters)
        | set(macros_plugin.env.globals)
        | {"page", "navigation", "files"}
    )
    problems = unsafe_content.unsafe_files(docs)
    for page in found:
        problems += unsafe_content.unsafe_markup(page.source, f"docs/{page.path}")
        problems += pages.check_page(page, source_keys)
        problems += pages.check_macros(page, macros_plugin.env, known)
    return found, problems + pages.check_packs(found)


def on_files(files, config):
    """Runs after every plugin's on_config (the macros' Jinja environment exists) and before any page is read."""
    root = Path(config.config_file_path).resolve().parent
    found, problems = page_problems(Path(config.docs_dir), root, config.plugins["macros"])
    problems = data_problems(root) + problems
    if problems:
        raise PluginError(DataError(problems).render())
    for page in found:
        if pages.is_draft(page) and (file := files.get_file_from_path(page.path)):
            file.inclusion = InclusionLevel.DRAFT  # `mkdocs build` leaves it out; `mkdocs serve` shows it
    return files


def without_drafts(items: list) -> list:
    """The navigation items with draft pages, and sections left empty by them, taken out."""
    kept = []
    for item in items:
        if item.is_page and item.file.inclusion.is_excluded():
            continue
        if item.is_section:
            item.children = without_drafts(item.children)
            if not item.children:
                continue
        kept.append(item)
    return kept


def on_nav(nav, config, files):
    """MkDocs leaves a draft in the menu of `mkdocs build` even though it does not build the page."""
    if _command == "serve":
        return nav
    nav.items = without_drafts(nav.items)
    nav.pages = [page for page in nav.pages if not page.file.inclusion.is_excluded()]
    for previous, following in zip([None, *nav.pages], [*nav.pages, None]):
        if previous:
            previous.next_page = following
        if following:
            following.previous_page = previous
    return nav


def on_page_markdown(markdown, page, config, files):
    if page.meta.get("udkast") is True:
        return DRAFT_BANNER + markdown
    return markdown


def on_post_build(config):
    """After every page was rendered: the mistakes the macros collected, in one message after MkDocs' own
    warnings (links, anchors) of the same pages, so the editor sees all of them in one round."""
    problems = config.plugins["macros"].editor_problems
    if problems:
        raise PluginError(DataError(problems).render())
