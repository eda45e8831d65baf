"""The one door: every page's request reaches its entry point, and the worker's JSON door answers as handle does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import handle
from calculators.door import ENTRY_POINTS, handle_json

PASTE = "4436;30\n1003;2\n0101;6.000"


def test_the_door_has_every_page_request():
    assert set(ENTRY_POINTS) == {
        "compare",
        "follow_up",
        "follow_up_table",
        "cluster_file",
        "compare_with_file",
        "overview",
        "warm_up",
    }


@pytest.mark.parametrize(
    ("kind", "request_"),
    [
        ("compare", {"text": PASTE, "listed": "2.000", "cluster_id": "A"}),
        ("compare", {"text": "hej", "listed": "", "cluster_id": "A"}),
        ("follow_up", {"before": "10", "before_days": "90", "after": "20", "after_days": "90"}),
        ("follow_up_table", {"before_text": PASTE, "before_days": "90", "after_text": PASTE, "after_days": "30"}),
        ("cluster_file", {"text": "ikke en datafil"}),
        ("overview", {"text": "ikke en datafil"}),
    ],
)
def test_the_json_door_answers_as_handle(reference, kind, request_):
    """JSON text in and out, the reference data added as the worker adds them (and their indicators, which
    »Følg op« for a whole pack reads from the request)."""
    reference = {**reference, "pack": "videokonsultationer", "name": "Videokonsultationer"}
    answer = json.loads(handle_json(kind, json.dumps(request_), json.dumps(reference)))
    expected = handle(kind, {**request_, "reference": reference, "indicators": reference["indicators"]})
    assert answer == json.loads(json.dumps(expected))
    assert "ok" in answer


def test_a_page_without_reference_data_sends_none():
    answer = json.loads(handle_json("follow_up", json.dumps({"before": "1", "before_days": "7", "after": "2"})))
    assert answer["ok"] is False and answer["field"] == "after_days"


def test_warm_up_requests_are_compare_requests_the_door_answers(reference):
    reference_json = json.dumps(reference)
    requests = json.loads(handle_json("warm_up", "{}", reference_json))
    assert requests and all(json.loads(handle_json("compare", r, reference_json))["ok"] for r in requests)


def test_every_entry_point_is_found():
    from calculators.door import entry_point

    assert all(callable(entry_point(kind)) for kind in ENTRY_POINTS)


def test_the_door_imports_no_calculator_until_asked():
    """The worker imports the door before it says »Klar«; each calculator's modules come with its first request."""
    script = (
        "import sys, calculators.door as door\n"
        "print(sorted(m for m in sys.modules if m.startswith('calculators')))\n"
        "door.handle('follow_up', {'before': '1', 'before_days': '9', 'after': '1', 'after_days': '9'})\n"
        "print(any(m.startswith('calculators.comparison') for m in sys.modules))\n"
    )
    printed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=Path(__file__).parents[3]
    ).stdout.splitlines()
    assert printed == ["['calculators', 'calculators.door']", "False"]
