"""scripts/build_summary.py: the Danish job summary of a pull request's build, read from the build's log."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

PREVIEW = "https://midtkraft.github.io/klyngepakker/pr-preview/pr-42/"
FAILED_LOG = """INFO    -  Cleaning site directory
INFO    -  Building documentation to directory: /tmp/site
WARNING -  docs/privatliv.md, linje 38: henvisningen »findes-ikke.md« peger på en side, der ikke findes.
WARNING -  Disse sider findes i docs/, men mangler i menuen (nav i mkdocs.yml). Tilføj dem der:
  - ny-side.md
  - anden_side.md
INFO    -  Doc file 'index.md' contains a link to 'x.md' which is excluded from the built site.
ERROR   -  Sitet kan ikke bygges. Ret 2 fejl:
  - data/fee_codes.csv, række 4, felt »kode«: »201« er ikke en ydelseskode.
  - docs/privatliv.md, linje 38: henvisningen »findes-ikke.md« peger på en side, der ikke findes.

Aborted with a BuildError!
"""


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("build_summary", ROOT / "scripts" / "build_summary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_failed_build_lists_each_problem_once_with_the_preview_address(script):
    text = script.summary(FAILED_LOG, PREVIEW)
    assert text.startswith("## Sitet kan ikke bygges\n\nRet disse 3 fejl i pull requesten")
    items = [line for line in text.splitlines() if line.startswith("- ")]
    assert items == [
        "- docs/privatliv.md, linje 38: henvisningen »findes-ikke.md« peger på en side, der ikke findes.",
        "- Disse sider findes i docs/, men mangler i menuen (nav i mkdocs.yml). Tilføj dem der: ny-side.md, "
        "anden\\_side.md",
        "- data/fee\\_codes.csv, række 4, felt »kode«: »201« er ikke en ydelseskode.",
    ]
    assert "Aborted" not in text and "excluded" not in text
    assert PREVIEW in text


def test_successful_build_points_to_the_preview(script):
    log = "INFO    -  Building documentation to directory: /tmp/site\nINFO    -  Documentation built in 7.10 seconds\n"
    assert not script.failed(log)
    assert script.summary(log, PREVIEW) == (
        f"## Sitet kan bygges\n\nForhåndsvisning: {PREVIEW} (den er klar et par minutter efter, at bygget er "
        "lykkedes, og forsvinder, når forslaget lukkes).\n"
    )


def test_a_forks_pull_request_is_told_why_it_has_no_preview(script, tmp_path, capsys):
    log = "INFO    -  Documentation built in 7.10 seconds\n"
    assert "kopi (fork)" in script.summary(log, None) and "pr-preview" not in script.summary(log, None)
    assert "kopi (fork)" in script.summary(FAILED_LOG, None)
    (tmp_path / "build.log").write_text(log, encoding="utf-8")
    assert script.main([str(tmp_path / "build.log"), "--fork"]) == 0
    assert capsys.readouterr().out == script.summary(log, None)


def test_failure_without_a_message_for_editors_shows_the_end_of_the_log(script):
    log = "Traceback (most recent call last):\n  File \"x.py\"\nKeyError: 'x'\n"
    text = script.summary(log, PREVIEW)
    assert "Bed en udvikler om hjælp" in text and "```\nTraceback" in text and "KeyError: 'x'\n```" in text


def test_markdown_in_a_message_cannot_format_the_summary(script):
    assert script.escape("<b>fee_code</b> [x](y) *a*") == "\\<b\\>fee\\_code\\</b\\> \\[x\\](y) \\*a\\*"


def test_main_reads_the_log_file_and_writes_the_summary(script, tmp_path, capsys):
    (tmp_path / "build.log").write_text(FAILED_LOG, encoding="utf-8")
    assert script.main([str(tmp_path / "build.log"), "--preview", PREVIEW]) == 0
    assert capsys.readouterr().out == script.summary(FAILED_LOG, PREVIEW)
