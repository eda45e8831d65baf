"""Fills in the service worker (overrides/sw.js, which MkDocs copies to the site's root) for this build: what to
keep at its first visit and a build id that names its caches. Runs after asset_hashes.py, so it lists hashed names.

The id is a hash of every file the build wrote (but Pyodide, which has its own versioned cache, and the sitemap's
gzip, which carries a time stamp): a new deployment with any change gives a new worker, whose activation deletes
the edition's older caches; an unchanged rebuild gives the same worker, and browsers keep what they have.
`mkdocs serve` gets a worker that only removes itself: its live reload polls the server, and an editor should
never see a kept page (a missing worker file would be a 404 on every calculator page instead).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyodide_core  # noqa: E402

WORKER = "sw.js"
PLACEHOLDER = "const BUILD = {};"
# What a calculator page needs beside its hashed files: the theme's styles and script, and ours (extra_css and
# extra_javascript from mkdocs.yml).
THEME = ("assets/stylesheets/*.css", "assets/javascripts/bundle.*.js")


serving = False
SERVE_WORKER = """// mkdocs serve: nothing is kept for offline use while editing; this worker unregisters itself.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", () => self.registration.unregister());
"""


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def build_id(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if (
            path.is_file()
            and relative != WORKER
            and not relative.startswith(pyodide_core.FOLDER + "/")
            and relative != "sitemap.xml.gz"
        ):
            digest.update(relative.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def precache(site: Path, config, root: Path) -> list[str]:
    files = [path for folder in ("assets/calculators", "assets/data") for path in sorted((site / folder).glob("*"))]
    files += [path for pattern in THEME for path in sorted(site.glob(pattern))]
    files += [site / name for name in config.extra_css]
    files += [site / str(script) for script in config.extra_javascript]  # MkDocs' script entries print as their path
    pyodide = pyodide_core.from_site_root(root, pyodide_core.in_mike_edition(config))
    return [path.relative_to(site).as_posix() for path in files] + [pyodide + name for name in pyodide_core.CORE]


def on_post_build(config):
    site = Path(config.site_dir)
    root = Path(config.config_file_path).resolve().parent
    worker = site / WORKER
    if serving:
        worker.write_text(SERVE_WORKER, encoding="utf-8")
        return
    text = worker.read_text(encoding="utf-8")
    if PLACEHOLDER not in text:
        raise PluginError(f"{WORKER}: linjen »{PLACEHOLDER}« mangler; service_worker.py kan ikke udfylde den.")
    build = {
        "id": build_id(site),
        "precache": precache(site, config, root),
        "pyodide": pyodide_core.from_site_root(root, pyodide_core.in_mike_edition(config)),
    }
    worker.write_text(text.replace(PLACEHOLDER, f"const BUILD = {json.dumps(build)};", 1), encoding="utf-8")
