"""Parity for cluster data files: the browser's Pyodide reads a file exactly as CPython does, the good files and
the malformed ones alike (the same answer, the same Danish message)."""

from __future__ import annotations

import json
import subprocess

import pytest
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

EVALUATE = ROOT / "tests" / "parity" / "evaluate_cluster_file.py"
EXAMPLE = (ROOT / "docs" / "klyngepakker" / PACK / "eksempel-klyngedata.csv").read_bytes().decode("utf-8")
OPEN = EXAMPLE.replace("Data;anonyme", "Data;åbne").replace("Praksis A;", '"Lægehuset ""Å""; Øst";')
CASES = {
    "example": EXAMPLE,
    "open-with-quoted-name": OPEN,
    "excel-saved-again": EXAMPLE.replace("Dato;2026-11-30", "Dato;30-11-2026")
    .replace(";0101;", ";101;")
    .replace("\r\n", ";;;\r\n"),
    "empty": "",
    "wrong-file": "klynge;tilmeldte;4436\r\nKlynge A;1000;3\r\n",
    "truncated": EXAMPLE[: len(EXAMPLE) // 2],
    "cut-in-last-number": EXAMPLE[: EXAMPLE.index("\r\nSlut") - 1],
    "non-whole-count": EXAMPLE.replace("Praksis C;10355;125;", "Praksis C;10355;12,5;"),
    "hand-edited-rate": EXAMPLE.replace(";7468;41,8", ";7468;14,8"),
    "unclosed-quote": EXAMPLE.replace("Klynge;Klynge Nord (fiktiv)", 'Klynge;"Klynge Nord (fiktiv)'),
    "missing-header": EXAMPLE.replace("Praksis;Tilmeldte;", "Praksis;Tilmeldt;"),
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    node = node_executable()
    work = tmp_path_factory.mktemp("parity-cluster-file")
    archive = work / "calculators.zip"
    load_zip_package()(ROOT / "calculators", archive)
    input_json = json.dumps(
        {"reference": reference_json(ROOT, PACK), "cases": [{"id": key, "text": text} for key, text in CASES.items()]},
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
    namespace = {"__name__": "parity_evaluate_cluster_file"}
    exec(compile(EVALUATE.read_text(encoding="utf-8"), str(EVALUATE), "exec"), namespace)
    return {
        "cpython": json.loads(namespace["evaluate_all"](input_json))["results"],
        "pyodide": json.loads((work / "output.json").read_text(encoding="utf-8"))["results"],
    }


@pytest.mark.parametrize("case_id", list(CASES))
def test_same_answer_in_pyodide_as_in_cpython(outputs, case_id):
    expected, actual = outputs["cpython"][case_id], outputs["pyodide"][case_id]
    assert "value" in expected, expected  # load_cluster_file answers; it never raises
    good = case_id in ("example", "open-with-quoted-name", "excel-saved-again")
    assert expected["value"]["ok"] is good, expected
    assert first_difference(expected, actual) is None, first_difference(expected, actual)
