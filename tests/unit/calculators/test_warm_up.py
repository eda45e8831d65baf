"""warm_up_requests: the presses the worker answers on its own right after »Klar« (calculators/web/worker.mjs).

They are only worth their time if they run the path of a real press to its end: parsed without a warning, for
every cluster, with every indicator computed.
"""

from __future__ import annotations

import json

from calculators import parse_counts, run
from calculators.warm_up import ROUNDS, warm_up_requests


def test_none_without_reference_data():
    assert warm_up_requests(None) == []


def test_every_cluster_every_round(reference):
    requests = [json.loads(text) for text in warm_up_requests(reference)]
    ids = [cluster["id"] for cluster in reference["clusters"]]
    assert [request["cluster_id"] for request in requests] == ids * ROUNDS
    assert all("reference" not in request for request in requests)  # the worker adds its own


def test_each_is_a_real_press_answered_in_full(reference):
    codes = [code for indicator in reference["indicators"] for code in indicator["codes"]]
    for text in warm_up_requests(reference):
        request = json.loads(text)
        parsed = parse_counts(request["text"], set(codes))
        assert sorted(parsed.counts) == sorted(codes)
        response = run({**request, "reference": reference})
        assert response["ok"] is True, response
        assert response["warnings"] == []
        assert response["result"]["listed"] == 4800
        indicators = response["result"]["indicators"]
        assert [i["id"] for i in indicators] == [i["id"] for i in reference["indicators"]]
        assert all(i["rate"] is not None and i["chart"]["funnel"] for i in indicators)
