"""The values and texts the calculator pages share are said once, in calculators/page_constants.py: the build writes
them into page_constants.mjs, the pages and the worker import them, and no script of calculators/web spells one out
again."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from calculators import page_constants

EXPORT = re.compile(r"^export const ([A-Z_]+) = (.*);$")


def test_the_built_module_exports_what_python_says(site):
    (module,) = (site / "assets" / "calculators").glob("page_constants.*.mjs")
    exported = {}
    for line in module.read_text(encoding="utf-8").splitlines():
        if match := EXPORT.match(line):
            exported[match[1]] = json.loads(match[2])
    assert exported == {name: getattr(page_constants, name) for name in page_constants.__all__}
    assert exported["CLUSTER_ID"] == "datafil"


def test_the_scripts_import_the_shared_values_instead_of_repeating_them():
    scripts = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "calculators" / "web").glob("*.*js")}
    limit = page_constants.MAX_INPUT_BYTES
    repeated = [f"{limit:_}", str(limit), page_constants.CONTACT_ADDRESS, json.dumps(page_constants.CLUSTER_ID)]
    for name, text in scripts.items():
        assert not [value for value in repeated if value in text], name
    importers = [name for name, text in scripts.items() if '"./page_constants.mjs"' in text]
    assert {"worker.mjs", "worker_form.mjs", "cluster_file_input.mjs", "calculator_cluster_file.mjs"} <= set(importers)
