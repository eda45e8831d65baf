"""Stops the build before anything else runs when a data file or a page's front matter is wrong.

The message is Danish and names the file, the row or field and the fix, because MidtKraft's editors read it
in the GitHub checks of their pull request, not in a terminal of their own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the hook is loaded by path; macros/ is a sibling package

from macros import data, pages, reference  # noqa: E402
from macros.errors import DataError  # noqa: E402


@event_priority(100)  # before the macros plugin renders anything from the same files
def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    reference.reference_json.cache_clear()  # mkdocs serve rebuilds in-process: read the files anew
    problems = data.load_all(root)  # includes data/sources.yaml
    if not problems:  # the reference data are checked against the fee codes, so those must be sound first
        problems += reference.all_reference_json(root)[1]
    try:
        source_keys = list(data.sources(root))
    except DataError:
        source_keys = None  # already reported; do not also flag every page's source
    try:
        found = pages.read_pages(Path(config.docs_dir))
        for page in found:
            problems += pages.check_page(page, source_keys)
        problems += pages.check_packs(found)
    except DataError as error:
        problems += error.problems
    if problems:
        raise PluginError(DataError(problems).render())
    return config
