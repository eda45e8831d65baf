"""Parity for the cluster data file's views: "Klyngens overblik" and the calculator against a loaded file give the
same answer in the browser's Pyodide as in CPython, good files and bad alike."""

from __future__ import annotations

import pytest
from harness import EXAMPLE, OPEN_EXAMPLE, first_difference, request_case, run_cases

PASTE = "4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000"
BAD = EXAMPLE.replace("Praksis C;10355;125;", "Praksis C;10355;12,5;")
CASES = {
    "overview-example": ("overview", {"text": EXAMPLE}),
    "overview-open": ("overview", {"text": OPEN_EXAMPLE}),
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
    cases = [request_case(case_id, kind, request) for case_id, (kind, request) in CASES.items()]
    return run_cases(tmp_path_factory.mktemp("parity-cluster-views"), cases)


@pytest.mark.parametrize("case_id", list(CASES))
def test_same_answer_in_pyodide_as_in_cpython(outputs, case_id):
    [expected], [actual] = outputs["cpython"]["results"][case_id], outputs["pyodide"]["results"][case_id]
    assert "value" in expected, expected
    assert expected["value"]["ok"] is (case_id in GOOD), expected
    assert first_difference(expected, actual) is None, first_difference(expected, actual)
