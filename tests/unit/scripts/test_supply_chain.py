"""CI and installs run only what was reviewed: least-privilege workflows, actions pinned by commit, Python
packages installed from a lock with hashes, npm without install scripts."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LOCK = ROOT / "requirements.lock"


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            yield name, job, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_has_least_privilege_and_pinned_actions(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    for name, _job, step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{name}: {step['uses']} er ikke låst"
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, f"{name}: checkout gemmer sit token"
        assert "--push" not in step.get("run", ""), f"{name}: bygget må ikke selv skubbe (det kører fremmed kode)"
    for job in workflow["jobs"].values():
        if job.get("permissions", {}).get("contents") == "write":
            if not any("run" in step for step in job["steps"]):
                # The preview's publisher runs no command at all, so no code of the pull request: only pinned
                # actions that fetch the built files and put them on the Pages branch.
                continue
            # The edition's writing job: its token reaches only its last step, the plain git push.
            with_token = [step for step in job["steps"] if "github.token" in str(step.get("env", {}))]
            assert with_token[-1] is job["steps"][-1]
            assert job["steps"][-1]["run"].strip().endswith("push origin gh-pages")


def locked() -> dict[str, str]:
    text = LOCK.read_text(encoding="utf-8")
    return {match[0].lower(): match[1] for match in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", text, re.MULTILINE)}


def test_every_locked_package_has_hashes():
    text = LOCK.read_text(encoding="utf-8")
    requirements = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)
    for block in requirements[1:]:
        assert "--hash=sha256:" in block, block.splitlines()[0]
    assert len(requirements) - 1 == len(locked()) > 20  # the transitive dependencies are there too


def test_lock_matches_the_pins_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    versions = locked()
    for pin in pins:
        name, version = pin.split("==")
        assert versions.get(name.lower()) == version, f"{pin}: kør pip-compile igen (se Makefile)"


def test_installs_use_the_locks_without_running_install_scripts():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes --no-deps -r requirements.lock" in makefile
    assert "npm ci --ignore-scripts" in makefile
    assert not re.search(r"pip install[^\n]*'\.\[test\]'", makefile)
