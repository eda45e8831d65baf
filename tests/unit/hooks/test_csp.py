"""The policy on every HTML file of the built site (overrides/hooks/csp.py, on_post_build)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[3]

spec = importlib.util.spec_from_file_location("csp", ROOT / "overrides/hooks/csp.py")
csp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(csp)

PAGE = '<html><head><meta charset="utf-8"><title>x</title></head><body></body></html>'


def test_every_html_file_must_carry_the_policy(tmp_path):
    (tmp_path / "side").mkdir()
    (tmp_path / "side" / "index.html").write_text(csp.with_policy(PAGE, "docs/side.md"), encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "data.json").write_text("{}", encoding="utf-8")
    csp.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))  # every page has it: nothing to say

    (tmp_path / "hjaelp.html").write_text(PAGE.replace("<body>", "<body><iframe src='beregner/'></iframe>"))
    with pytest.raises(PluginError, match=r"disse HTML-filer har ingen sikkerhedspolitik .*: hjaelp\.html\."):
        csp.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
