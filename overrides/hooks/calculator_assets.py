"""Puts what the in-browser calculators need into the built site, all served by the site itself:

- assets/pyodide/: Pyodide's core files from node_modules (the npm package pinned in package-lock.json);
- assets/calculators/: the `calculators` package as a zip for the worker, and its browser glue (JS, CSS);
- assets/data/<pack>.json: each pack's validated, anonymous reference data.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from macros import reference  # noqa: E402

PYODIDE_CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def copy_pyodide(root: Path, target: Path) -> None:
    source = root / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_CORE if not (source / name).is_file()]
    if missing:
        raise PluginError(
            f"Pyodide mangler i node_modules/pyodide ({', '.join(missing)}). Kør «npm ci» (eller «make build»), "
            "så hentes den version, package-lock.json angiver."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE:
        shutil.copy2(source / name, target / name)


def zip_package(package: Path, target: Path) -> None:
    """Only the Python modules: the worker unpacks this into Pyodide's file system and imports it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for module in sorted(package.glob("*.py")):
            archive.write(module, f"calculators/{module.name}")


def on_post_build(config):
    root = Path(config.config_file_path).resolve().parent
    site = Path(config.site_dir)
    copy_pyodide(root, site / "assets" / "pyodide")
    zip_package(root / "calculators", site / "assets" / "calculators" / "calculators.zip")
    for asset in (root / "calculators" / "web").glob("*"):
        shutil.copy2(asset, site / "assets" / "calculators" / asset.name)
    built, problems = reference.all_reference_json(root)
    if problems:  # the validate hook stops the build first; this guards against a file changed mid-build
        raise PluginError("\n".join(problems))
    for pack, content in built.items():
        out = site / "assets" / "data" / f"{pack}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
