"""Cluster data files read by both interpreters: CPython in pytest and Pyodide under Node (run_in_pyodide.mjs).

Plain source, exec()'d on both sides like evaluate.py: evaluate_all() reads every case's text with the worker's
entry point and returns the JSON-ready answers, dumped by the same json module on both sides.
"""

import json
import sys

from calculators import handle


def evaluate_all(input_json):
    data = json.loads(input_json)
    results = {}
    for case in data["cases"]:
        try:
            results[case["id"]] = {
                "value": handle("cluster_file", {"text": case["text"], "reference": data["reference"]})
            }
        except Exception as error:  # the entry point must never raise; if it does, both sides must agree
            results[case["id"]] = {"raised": type(error).__name__, "message": str(error)}
    return json.dumps({"python": sys.version, "results": results}, ensure_ascii=False)
