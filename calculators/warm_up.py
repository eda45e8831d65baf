"""Presses for the worker to answer before a person does (calculators/web/worker.mjs, warmUp).

A first press would otherwise pay for everything that runs for the first time: the WebAssembly functions V8
compiles on first use, and again at its optimising tier once they are hot, and each cluster's summary and
funnel limits (comparison.cluster_reference). So the worker answers these right after »Klar«, along the path
of a real press: the paste shapes practices use (a header, tabs and semicolons, thousands with a dot or a
space) and a list size with a thousands dot, for every cluster of the page's reference data.
"""

import itertools
import json

ROUNDS = 3  # measured in the browser: the first three presses of a fresh worker each get faster, then level out
SEPARATORS = ("\t", ";")
COUNTS = ("1.234", "12 345", "7", "0")


def answer(request: dict) -> list[str]:
    """The door's entry point: the presses for the page's reference data."""
    return warm_up_requests(request["reference"])


def warm_up_requests(reference: dict | None) -> list[str]:
    """The requests (JSON, without the reference, which the worker adds) in the order to answer them."""
    if reference is None:
        return []
    codes = [code for indicator in reference["indicators"] for code in indicator["codes"]]
    rows = (
        f"{code}{separator}{count}"
        for code, separator, count in zip(codes, itertools.cycle(SEPARATORS), itertools.cycle(COUNTS))
    )
    text = "\n".join(["Ydelseskode\tAntal", *rows])
    one_round = [
        json.dumps({"text": text, "listed": "4.800", "cluster_id": cluster["id"]}) for cluster in reference["clusters"]
    ]
    return one_round * ROUNDS
