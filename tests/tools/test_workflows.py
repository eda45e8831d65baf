"""The GitHub workflows, audited before they reach GitHub: zizmor (from requirements.lock) finds template injection,
unpinned actions and excessive permissions, and check-jsonschema holds each workflow against GitHub's workflow schema
(SchemaStore's, shipped in the package: no network); a planted mistake shows that each would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = str(Path(sys.executable).parent / "zizmor")
CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")


def audit(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ZIZMOR, "--offline", "--no-progress", str(folder)], capture_output=True, text=True, timeout=60
    )


def test_the_workflows_pass_the_audit():
    result = audit(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("step", "finding"),
    [
        ("      - run: echo ${{ github.event.pull_request.title }}", "template-injection"),
        ("      - uses: actions/cache@v4", "unpinned-uses"),
    ],
)
def test_a_planted_mistake_is_found(tmp_path, step, finding):
    """The step is added to the last job of the real test workflow (its steps end the file)."""
    text = (WORKFLOWS / "test.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(text + step + "\n")["jobs"]["test"]["steps"][-1]  # the step landed in the last job
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "test.yml").write_text(text + step + "\n", encoding="utf-8")
    result = audit(folder)
    assert result.returncode != 0 and finding in result.stdout, result.stdout + result.stderr


def test_every_action_is_pinned_by_a_full_commit():
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line and not line.strip().startswith("#"):
                reference = line.split("uses:", 1)[1].split("#")[0].strip()
                assert len(reference.rsplit("@", 1)[1]) == 40, f"{path.name}: {line.strip()}"


def schema_check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_workflows_follow_githubs_schema():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert len(workflows) == 3
    result = schema_check(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("    runs-on: ubuntu-latest", "    runs_on: ubuntu-latest", "'runs-on' is a required property"),
        ("    timeout-minutes: 15", "    timeout-minutes: femten", "femten"),
    ],
)
def test_a_planted_schema_mistake_is_found(tmp_path, old, new, error):
    text = (WORKFLOWS / "test.yml").read_text(encoding="utf-8")
    assert old in text
    planted = tmp_path / "test.yml"
    planted.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = schema_check(planted)
    assert result.returncode != 0 and error in result.stdout, result.stdout + result.stderr
