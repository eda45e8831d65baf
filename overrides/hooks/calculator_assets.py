"""Puts what the in-browser calculators need into the built site, all served by the site itself:

- _pyodide/<version>/: Pyodide's core files from node_modules (the npm package pinned in package-lock.json), in a
  plain build; a mike edition finds them at the deployment's root instead (see pyodide_core.py);
- assets/calculators/: the `calculators` package as a zip for the worker, its browser glue (JS, CSS),
  pyodide_location.mjs, which tells the worker where Pyodide is, and page_constants.mjs, the values and texts the
  pages share (calculators/page_constants.py);
- assets/data/<pack>.json: each pack's validated, anonymous reference data.
asset_hashes.py then gives the files in assets/ their hashed names.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parents[1]
sys.path[:0] = [str(ROOT), str(HOOKS)]

import pyodide_core  # noqa: E402

from calculators import page_constants  # noqa: E402
from macros import reference  # noqa: E402


def place_pyodide(root: Path, site: Path, in_edition: bool) -> None:
    """Copies Pyodide into a plain build and writes the worker's pointer to it, relative to the module itself."""
    missing = pyodide_core.missing(root)
    if missing:
        raise PluginError(
            f"Pyodide mangler i node_modules/pyodide ({', '.join(missing)}). Kør »npm ci« (eller »make build«), "
            "så hentes den version, package-lock.json angiver."
        )
    if not in_edition:
        pyodide_core.copy_core(root, site / pyodide_core.FOLDER / pyodide_core.version(root))
    (site / pyodide_core.VERSION_FILE).write_text(pyodide_core.version(root) + "\n", encoding="utf-8")
    folder = "../../" + pyodide_core.from_site_root(root, in_edition)  # from assets/calculators/ to the site root
    (site / "assets" / "calculators").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "calculators" / "pyodide_location.mjs").write_text(
        "// Written by overrides/hooks/calculator_assets.py: one Pyodide per deployment, named by its version.\n"
        f'export {{ loadPyodide }} from "{folder}pyodide.mjs";\n'
        f'export const PYODIDE = new URL("{folder}", import.meta.url).href;\n'
        "// The sizes of the files the worker fetches, so that its progress bar knows its end from the start.\n"
        f"export const DOWNLOADS = {json.dumps(pyodide_core.fetched_sizes(root))};\n",
        encoding="utf-8",
    )


def write_page_constants(target: Path) -> None:
    """The values and texts of calculators/page_constants.py as a module for the pages and the worker: said once, in
    Python, and never copied by hand into JavaScript."""
    lines = [
        f"export const {name} = {json.dumps(getattr(page_constants, name), ensure_ascii=False)};"
        for name in page_constants.__all__
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "// Written by overrides/hooks/calculator_assets.py from calculators/page_constants.py; edit that file.\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )


def zip_package(package: Path, target: Path) -> None:
    """Every Python module of the package, its subpackages too: the worker unpacks this into Pyodide's file system and
    imports it. Fixed dates, so the same modules give the same bytes (and the same hashed name, see asset_hashes.py)
    in every build."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for module in package_modules(package):
            name = f"{package.name}/{module.relative_to(package).as_posix()}"
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(entry, module.read_bytes(), zipfile.ZIP_DEFLATED)


def package_modules(package: Path) -> list[Path]:
    """The package's modules, in a fixed order; not its browser glue (web/) nor a cache."""
    return sorted(path for path in package.rglob("*.py") if "__pycache__" not in path.parts and "web" not in path.parts)


def on_post_build(config):
    root = Path(config.config_file_path).resolve().parent
    site = Path(config.site_dir)
    place_pyodide(root, site, pyodide_core.in_mike_edition(config))
    zip_package(root / "calculators", site / "assets" / "calculators" / "calculators.zip")
    write_page_constants(site / "assets" / "calculators" / "page_constants.mjs")
    for asset in (root / "calculators" / "web").glob("*"):
        shutil.copy2(asset, site / "assets" / "calculators" / asset.name)
    built, problems = reference.all_reference_json(root)
    if problems:  # the validate hook stops the build first; this guards against a file changed mid-build
        raise PluginError("\n".join(problems))
    for pack, content in built.items():
        out = site / "assets" / "data" / f"{pack}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
