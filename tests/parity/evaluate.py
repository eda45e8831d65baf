"""The cases' evaluator, run as it is by both interpreters: CPython in pytest and Pyodide under Node.

It is plain source, not imported as a module: the test exec()s it, run_in_pyodide.mjs passes it to
pyodide.runPython(), and both then call evaluate_all() on the same JSON text. Everything the calculators
return is turned into plain JSON (tuples to lists, dataclasses and named tuples to dicts, exceptions to
their type and message) and dumped by the same json module, so the two outputs compare value for value.
Floats survive json exactly (repr is the shortest round-tripping form), and ints stay ints.
"""

import dataclasses
import importlib
import json
import sys

import calculators
from calculators.door import ENTRY_POINTS


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _function(name):
    """A page's request kind (through the one door), a public name, or a path below the package ("danish.x")."""
    if name in ENTRY_POINTS:
        return lambda request: calculators.handle(name, request)
    module, _, attribute = name.rpartition(".")
    return getattr(importlib.import_module(f"calculators.{module}") if module else calculators, attribute)


def _call(function_name, args, kwargs, reference):
    if function_name in ENTRY_POINTS:
        # as the browser worker's door (calculators.door.handle_json) does: the page's request plus the pack
        request = {**args[0], "reference": reference}
        request.setdefault("indicators", reference["indicators"])
        args = [request, *args[1:]]
    try:
        return {"value": _plain(_function(function_name)(*args, **kwargs))}
    except Exception as error:  # the parity of failures matters as much as that of results
        return {"raised": type(error).__name__, "message": str(error)}


def evaluate_all(input_json):
    data = json.loads(input_json)
    reference = data["reference"]
    results = {}
    for case in data["cases"]:
        results[case["id"]] = [
            _call(case["function"], call.get("args", []), call.get("kwargs", {}), reference) for call in case["calls"]
        ]
    return json.dumps(
        {"python": sys.version, "calculators_file": calculators.__file__, "results": results},
        ensure_ascii=False,
    )
