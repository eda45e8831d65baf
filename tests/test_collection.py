"""Guard: every test file under tests/ is collected by `make test` (pytest silently skips folders such as `build`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COLLECTED_FILES

TESTS = Path(__file__).resolve().parent


def collected_by_a_whole_run() -> set[Path]:
    """The test files `make test`'s pytest collects: a second pytest that only collects, when this run is a part."""
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(TESTS)],
        cwd=TESTS.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {(TESTS.parent / line.split("::", 1)[0]).resolve() for line in listing.stdout.splitlines() if "::" in line}


def test_every_test_file_is_collected(request):
    # `make test` runs pytest on its testpaths: this very run has collected them, and collecting again would cost
    # seconds of everybody's wait. Run on a part (a folder, a file), it asks a second pytest.
    whole = request.config.args_source == pytest.Config.ArgsSource.TESTPATHS
    collected = request.config.stash[COLLECTED_FILES] if whole else collected_by_a_whole_run()
    on_disk = {path.resolve() for path in TESTS.rglob("test_*.py")}
    assert on_disk, "ingen testfiler fundet"
    missing = sorted(str(path.relative_to(TESTS.parent)) for path in on_disk - {p.resolve() for p in collected})
    assert not missing, f"Disse testfiler køres aldrig af »make test«: {missing}"
