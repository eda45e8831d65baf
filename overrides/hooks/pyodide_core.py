"""Where Pyodide's core files come from and where a site finds them (used by calculator_assets.py and
scripts/deploy_edition.py; not a hook itself).

One copy per deployment: Pyodide lives under `_pyodide/<version>/` at the deployment's root, shared by every mike
edition (each edition is the folder `<edition>/` beside it). A plain build (`make build`, `make serve`) is its own
deployment and carries the folder itself. Each build writes the version it needs to `pyodide-version.txt`, so a
deployment can tell which versions its editions still use.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# The core files Pyodide fetches (the two modules it imports instead, which no fetch wrapper sees).
FETCHED = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
FOLDER = "_pyodide"
VERSION_FILE = "pyodide-version.txt"


def source(root: Path) -> Path:
    return root / "node_modules" / "pyodide"


def missing(root: Path) -> list[str]:
    return [name for name in CORE if not (source(root) / name).is_file()]


def fetched_sizes(root: Path) -> dict[str, int]:
    """{file name: bytes} of the fetched core files, for the calculator's progress bar."""
    return {name: (source(root) / name).stat().st_size for name in FETCHED}


def version(root: Path) -> str:
    return json.loads((source(root) / "package.json").read_text(encoding="utf-8"))["version"]


def in_mike_edition(config) -> bool:
    """mike deployments set MKDOCS_VERSION_PROVIDER=mike (Makefile, deploy script), which mkdocs.yml reads."""
    return (config.extra.get("version") or {}).get("provider") == "mike"


def from_site_root(root: Path, in_edition: bool) -> str:
    """Pyodide's folder relative to the site's root: beside the edition's folder in a mike deployment, else inside."""
    return ("../" if in_edition else "") + f"{FOLDER}/{version(root)}/"


def copy_core(root: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in CORE:
        shutil.copy2(source(root) / name, target / name)
