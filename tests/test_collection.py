"""Guard: every test file under tests/ is collected by `make test` (pytest silently skips folders such as `build`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_test_file_is_collected():
    listing = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(TESTS)],
        cwd=TESTS.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    collected = {line.split("::", 1)[0] for line in listing.stdout.splitlines() if "::" in line}
    on_disk = {str(path.relative_to(TESTS.parent)) for path in TESTS.rglob("test_*.py")}
    assert on_disk, "ingen testfiler fundet"
    missing = sorted(on_disk - collected)
    assert not missing, f"Disse testfiler køres aldrig af »make test«: {missing}"
