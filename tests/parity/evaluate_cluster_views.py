"""The overview and the comparison against a loaded file, by both interpreters: CPython in pytest and Pyodide under
Node (run_in_pyodide.mjs). Plain source, exec()'d on both sides like evaluate_cluster_file.py."""

import json
import sys

from calculators import handle


def evaluate_all(input_json):
    data = json.loads(input_json)
    results = {}
    for case in data["cases"]:
        request = {**case["request"], "reference": data["reference"]}
        try:
            results[case["id"]] = {"value": handle(case["kind"], request)}
        except Exception as error:  # the entry points must never raise; if they do, both sides must agree
            results[case["id"]] = {"raised": type(error).__name__, "message": str(error)}
    return json.dumps({"python": sys.version, "results": results}, ensure_ascii=False)
