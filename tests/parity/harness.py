"""What the parity tests share: running the same cases in CPython and in Pyodide under Node, and comparing.

The package is zipped by the site build's own `zip_package` and unpacked into Pyodide's file system the way
calculators/web/worker.mjs does it. One Node process starts Pyodide once and runs every case through evaluate.py;
CPython runs the same file on the same input. Strings, ints, bools and None must agree exactly, floats to 1e-12
relative, and a failure must be the same exception with the same message.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from calculator_assets import zip_package

from macros.reference import reference_json

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"
NODE_SCRIPT = HERE / "run_in_pyodide.mjs"
EVALUATE = HERE / "evaluate.py"
PACK = "videokonsultationer"
REL_TOL = 1e-12
NODE_TIMEOUT = 120  # seconds; Pyodide takes ~15 s here (start ~5 s), more on a busy machine
EXAMPLE = (ROOT / "docs" / "klyngepakker" / PACK / "eksempel-klyngedata.csv").read_bytes().decode("utf-8")
# The example with open data and a name that needs quoting in the file: a quote, a semicolon and Danish letters.
OPEN_EXAMPLE = EXAMPLE.replace("Data;anonyme", "Data;åbne").replace("Praksis A;", '"Lægehuset ""Å""; Øst";')


def evaluate_in_cpython(input_json: str) -> dict:
    namespace = {"__name__": "parity_evaluate"}
    exec(compile(EVALUATE.read_text(encoding="utf-8"), str(EVALUATE), "exec"), namespace)
    return json.loads(namespace["evaluate_all"](input_json))


def node_executable() -> str:
    node = shutil.which("node") or ("/usr/bin/node" if Path("/usr/bin/node").exists() else None)
    if node is None or not PYODIDE.is_file():
        pytest.fail(
            "Node eller node_modules/pyodide mangler, så paritetstesten kan ikke køre. Kør »npm ci« "
            "(eller »make setup«) i projektets rod. / Node or node_modules/pyodide is missing; run `npm ci` "
            f"(or `make setup`) in the project root. (node: {node}, {PYODIDE}: {PYODIDE.is_file()})",
            pytrace=False,
        )
    return node


def run_cases(work: Path, cases: list[dict]) -> dict:
    """{"cpython": ..., "pyodide": ...}: evaluate.py's answers to the cases from both interpreters."""
    node = node_executable()
    archive = work / "calculators.zip"
    zip_package(ROOT / "calculators", archive)
    input_json = json.dumps({"reference": reference_json(ROOT, PACK), "cases": cases}, ensure_ascii=False)
    (work / "input.json").write_text(input_json, encoding="utf-8")

    # Node works while CPython evaluates the same cases: the two together take as long as the slower one.
    command = [node, str(NODE_SCRIPT), str(archive), str(EVALUATE), str(work / "input.json"), str(work / "output.json")]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        cpython = evaluate_in_cpython(input_json)
        cpython_seconds = time.perf_counter() - started
        stdout, stderr = process.communicate(timeout=NODE_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, f"Pyodide-kørslen fejlede / the Pyodide run failed:\n{stderr[-4000:]}"
    pyodide = json.loads((work / "output.json").read_text(encoding="utf-8"))
    noise = [
        f"{case_id} {found}"
        for case_id in cpython["results"]
        for found in inexact_floats(cpython["results"][case_id], pyodide["results"].get(case_id))
    ]
    print(
        f"{len(cases)} cases; CPython {cpython_seconds:.1f} s; {stdout.strip()}; "
        f"wall {time.perf_counter() - started:.1f} s; {len(noise)} floats equal only within {REL_TOL:g}"
        + "".join(f"\n  {line}" for line in noise)
    )
    return {"cpython": cpython, "pyodide": pyodide}


def request_case(case_id: str, kind: str, request: dict) -> dict:
    """A case of one page request through the door (the pack's reference data added as the worker adds them)."""
    return {"id": case_id, "function": kind, "calls": [{"args": [request]}]}


def first_difference(expected, actual, path: str = "$") -> str | None:
    """Where and how two JSON-like values differ first; None when they agree (floats to REL_TOL)."""
    if type(expected) is not type(actual):
        return f"{path}: type {type(expected).__name__} {expected!r} != {type(actual).__name__} {actual!r}"
    if isinstance(expected, dict):
        if list(expected) != list(actual):
            return f"{path}: keys {list(expected)} != {list(actual)}"
        for key in expected:
            found = first_difference(expected[key], actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return f"{path}: length {len(expected)} != {len(actual)}"
        for index, (a, b) in enumerate(zip(expected, actual)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(expected, float):
        if math.isnan(expected) and math.isnan(actual):
            return None
        if expected == actual or math.isclose(expected, actual, rel_tol=REL_TOL, abs_tol=0.0):
            return None
        relative = abs(expected - actual) / max(abs(expected), abs(actual))
        return f"{path}: {expected!r} != {actual!r} (relative difference {relative:.3g})"
    if expected != actual:
        return f"{path}: {expected!r} != {actual!r}"
    return None


def inexact_floats(expected, actual, path: str = "$") -> list[str]:
    """Floats that agree within REL_TOL but not bit for bit (reported, not failed)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return [
            d for key in expected if key in actual for d in inexact_floats(expected[key], actual[key], f"{path}.{key}")
        ]
    if isinstance(expected, list) and isinstance(actual, list):
        return [d for i, (a, b) in enumerate(zip(expected, actual)) for d in inexact_floats(a, b, f"{path}[{i}]")]
    if (
        isinstance(expected, float)
        and isinstance(actual, float)
        and expected != actual
        and not (math.isnan(expected) and math.isnan(actual))
    ):
        return [f"{path}: {expected!r} vs {actual!r}"]
    return []
