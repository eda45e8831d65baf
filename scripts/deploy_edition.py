"""Publishes an edition with mike and keeps one copy of Pyodide per deployment in the gh-pages branch.

    python scripts/deploy_edition.py deploy 1.1 [--push]   # mike deploy --update-aliases 1.1 latest, then share
    python scripts/deploy_edition.py share [--push]        # after `mike delete`: drop Pyodide versions nobody uses

mike puts each edition in `<edition>/` of gh-pages and leaves the rest of the branch alone. An edition built for
mike finds Pyodide at `_pyodide/<version>/` beside it (see overrides/hooks/pyodide_core.py) and names that version
in `<edition>/pyodide-version.txt`. `share` adds the current version's core files there once, keeps every version
an edition still names and removes the others, in one commit on gh-pages (written with git's plumbing through a
temporary index, so no checkout of gh-pages is needed). Run from the project's folder (the one with mkdocs.yml).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "overrides" / "hooks"))

import pyodide_core  # noqa: E402

BRANCH = "gh-pages"


def git(*args: str, env: dict | None = None) -> str:
    return subprocess.run(
        ["git", *args], check=True, capture_output=True, text=True, env={**os.environ, **(env or {})}
    ).stdout


def mike(*args: str) -> None:
    bin_dir = Path(sys.executable).parent  # mike runs `mkdocs` from PATH: the same environment's
    subprocess.run(
        [str(bin_dir / "mike"), *args],
        check=True,
        env={
            **os.environ,
            "MKDOCS_VERSION_PROVIDER": "mike",
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        },
    )


def versions_in_use(paths: list[str]) -> set[str]:
    """The Pyodide versions the editions name (an alias that is a symlink has no file of its own: its target does)."""
    markers = [path for path in paths if path.count("/") == 1 and path.endswith("/" + pyodide_core.VERSION_FILE)]
    return {git("show", f"{BRANCH}:{path}").strip() for path in markers}


def share(root: Path) -> str:
    """One commit on gh-pages that leaves exactly the Pyodide versions in use; returns what it did, in words."""
    paths = git("ls-tree", "-r", "--name-only", BRANCH).splitlines()
    present = {path.split("/")[1] for path in paths if path.startswith(pyodide_core.FOLDER + "/")}
    wanted = versions_in_use(paths)
    current = pyodide_core.version(root)
    unknown = wanted - present - {current}
    if unknown:
        raise SystemExit(
            f"En udgave bruger Pyodide {', '.join(sorted(unknown))}, som hverken findes i {BRANCH} "
            f"eller i node_modules ({current}). Udgiv udgaven igen med den nuværende Pyodide."
        )
    with tempfile.TemporaryDirectory() as work:
        index = {"GIT_INDEX_FILE": str(Path(work) / "index")}
        git("read-tree", BRANCH, env=index)
        for old in sorted(present - wanted):
            git("rm", "--cached", "-r", "-q", f"{pyodide_core.FOLDER}/{old}", env=index)
        if current in wanted and current not in present:
            for name in pyodide_core.CORE:
                blob = git("hash-object", "-w", str(pyodide_core.source(root) / name)).strip()
                git(
                    "update-index",
                    "--add",
                    "--cacheinfo",
                    f"100644,{blob},{pyodide_core.FOLDER}/{current}/{name}",
                    env=index,
                )
        tree = git("write-tree", env=index).strip()
    if tree == git("rev-parse", f"{BRANCH}^{{tree}}").strip():
        return f"Pyodide {', '.join(sorted(wanted)) or '–'} er allerede delt; intet ændret."
    message = f"Pyodide: delt kopi af {', '.join(sorted(wanted)) or 'ingen'}" + (
        f"; fjernet {', '.join(sorted(present - wanted))}" if present - wanted else ""
    )
    commit = git("commit-tree", tree, "-p", BRANCH, "-m", message).strip()
    git("update-ref", f"refs/heads/{BRANCH}", commit)
    return message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("deploy", "share"))
    parser.add_argument("version", nargs="?", help="udgaven, fx 1.1 (kun ved deploy)")
    parser.add_argument("--alias", default="latest")
    parser.add_argument("--push", action="store_true", help=f"skub {BRANCH} til origin bagefter")
    args = parser.parse_args()
    root = Path.cwd()
    if not (root / "mkdocs.yml").is_file():
        raise SystemExit("Kør scriptet fra projektets mappe (den med mkdocs.yml).")
    if args.action == "deploy":
        if not args.version:
            raise SystemExit("Skriv udgaven: deploy_edition.py deploy 1.1")
        mike("deploy", "--update-aliases", args.version, args.alias)
    print(share(root))
    if args.push:
        git("push", "origin", BRANCH)


if __name__ == "__main__":
    main()
