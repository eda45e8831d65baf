"""scripts/deploy_edition.py share: gh-pages keeps exactly the Pyodide versions its editions name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = ROOT / "scripts" / "deploy_edition.py"
IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
CURRENT = json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text(encoding="utf-8"))["version"]


def run(repo, *command):
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, env={**os.environ, **IDENTITY})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def pyodide_files(repo) -> set[str]:
    return {
        path
        for path in run(repo, "git", "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
        if path.startswith("_pyodide/")
    }


def test_share_adds_the_current_version_once_and_drops_versions_no_edition_names(tmp_path):
    repo = tmp_path / "project"
    repo.mkdir()
    (repo / "mkdocs.yml").write_text("site_name: x\n")
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    run(repo, "git", "init", "-q", "-b", "gh-pages")
    for path, text in {
        "1.0/pyodide-version.txt": "0.27.0\n",
        "2.0/pyodide-version.txt": f"{CURRENT}\n",
        "_pyodide/0.27.0/pyodide.asm.wasm": "gammel",
        "_pyodide/0.26.0/pyodide.asm.wasm": "ubrugt",
    }.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    run(repo, "git", "add", "1.0", "2.0", "_pyodide")
    run(repo, "git", "commit", "-qm", "to udgaver")

    run(repo, sys.executable, str(SCRIPT), "share")
    core = {
        f"_pyodide/{CURRENT}/{name}"
        for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
    }
    assert pyodide_files(repo) == core | {"_pyodide/0.27.0/pyodide.asm.wasm"}
    commits = run(repo, "git", "rev-list", "--count", "gh-pages")
    assert "allerede delt" in run(repo, sys.executable, str(SCRIPT), "share")  # nothing to do: no new commit
    assert run(repo, "git", "rev-list", "--count", "gh-pages") == commits

    run(repo, "git", "rm", "-rq", "1.0")  # as `mike delete 1.0` does
    run(repo, "git", "commit", "-qm", "slet 1.0")
    run(repo, sys.executable, str(SCRIPT), "share")
    assert pyodide_files(repo) == core
