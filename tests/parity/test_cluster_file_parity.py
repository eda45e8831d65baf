"""Parity for cluster data files: the browser's Pyodide reads a file exactly as CPython does, the good files and
the malformed ones alike (the same answer, the same Danish message)."""

from __future__ import annotations

import pytest
from harness import EXAMPLE, OPEN_EXAMPLE, first_difference, request_case, run_cases

CASES = {
    "example": EXAMPLE,
    "open-with-quoted-name": OPEN_EXAMPLE,
    "excel-saved-again": EXAMPLE.replace("Dato;2026-11-30", "Dato;30-11-2026")
    .replace(";0101;", ";101;")
    .replace("\r\n", ";;;\r\n"),
    "empty": "",
    "wrong-file": "klynge;tilmeldte;4436\r\nKlynge A;1000;3\r\n",
    "truncated": EXAMPLE[: len(EXAMPLE) // 2],
    "cut-in-last-number": EXAMPLE[: EXAMPLE.index("\r\nSlut") - 1],
    "non-whole-count": EXAMPLE.replace("Praksis C;10355;125;", "Praksis C;10355;12,5;"),
    "hand-edited-rate": EXAMPLE.replace(";6605;40,4", ";6605;14,8"),
    "unclosed-quote": EXAMPLE.replace("Klynge;Klynge Nord (fiktiv)", 'Klynge;"Klynge Nord (fiktiv)'),
    "missing-header": EXAMPLE.replace("Praksis;Tilmeldte;", "Praksis;Tilmeldt;"),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    cases = [request_case(case_id, "cluster_file", {"text": text}) for case_id, text in CASES.items()]
    return run_cases(tmp_path_factory.mktemp("parity-cluster-file"), cases)


@pytest.mark.parametrize("case_id", list(CASES))
def test_same_answer_in_pyodide_as_in_cpython(outputs, case_id):
    [expected], [actual] = outputs["cpython"]["results"][case_id], outputs["pyodide"]["results"][case_id]
    assert "value" in expected, expected  # the entry point answers; it never raises
    good = case_id in ("example", "open-with-quoted-name", "excel-saved-again")
    assert expected["value"]["ok"] is good, expected
    assert first_difference(expected, actual) is None, first_difference(expected, actual)
