"""Parity for the cluster data file's views: "Klyngens overblik" and the calculator against a loaded file give the
same answer in the browser's Pyodide as in CPython, good files and bad alike."""

from __future__ import annotations

import json
import subprocess

import pytest
from test_cluster_file_parity import EXAMPLE, OPEN
from test_pyodide_parity import (
    NODE_SCRIPT,
    NODE_TIMEOUT,
    PACK,
    ROOT,
    first_difference,
    load_zip_package,
    node_executable,
)

from macros.reference import reference_json

EVALUATE = ROOT / "tests" / "parity" / "evaluate_cluster_views.py"
PASTE = "4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000"
BAD = EXAMPLE.replace("Praksis C;10355;125;", "Praksis C;10355;12,5;")
CASES = {
    "overview-example": ("overview", {"text": EXAMPLE}),
    "overview-open": ("overview", {"text": OPEN}),
    "overview-bad": ("overview", {"text": BAD}),
    "compare-file": (
        "compare_with_file",
        {"cluster_file": EXAMPLE, "cluster_id": "datafil", "listed": "4.500", "text": PASTE},
    ),
    "compare-file-bad": (
        "compare_with_file",
        {"cluster_file": BAD, "cluster_id": "datafil", "listed": "4500", "text": PASTE},
    ),
}
GOOD = {"overview-example", "overview-open", "compare-file"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    node = node_executable()
    work = tmp_path_factory.mktemp("parity-cluster-views")
    archive = work / "calculators.zip"
    load_zip_package()(ROOT / "calculators", archive)
    input_json = json.dumps(
        {
            "reference": reference_json(ROOT, PACK),
            "cases": [{"id": key, "kind": kind, "request": request} for key, (kind, request) in CASES.items()],
        },
        ensure_ascii=False,
    )
    (work / "input.json").write_text(input_json, encoding="utf-8")
    result = subprocess.run(
        [node, str(NODE_SCRIPT), str(archive), str(EVALUATE), str(work / "input.json"), str(work / "output.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=NODE_TIMEOUT,
    )
    assert result.returncode == 0, f"Pyodide-kørslen fejlede:\n{result.stderr[-4000:]}"
    namespace = {"__name__": "parity_evaluate_cluster_views"}
    exec(compile(EVALUATE.read_text(encoding="utf-8"), str(EVALUATE), "exec"), namespace)
    return {
        "cpython": json.loads(namespace["evaluate_all"](input_json))["results"],
        "pyodide": json.loads((work / "output.json").read_text(encoding="utf-8"))["results"],
    }


@pytest.mark.parametrize("case_id", list(CASES))
def test_same_answer_in_pyodide_as_in_cpython(outputs, case_id):
    expected, actual = outputs["cpython"][case_id], outputs["pyodide"][case_id]
    assert "value" in expected, expected
    assert expected["value"]["ok"] is (case_id in GOOD), expected
    assert first_difference(expected, actual) is None, first_difference(expected, actual)
