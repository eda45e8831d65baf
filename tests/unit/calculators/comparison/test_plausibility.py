"""Counts and a list size that cannot belong together are questioned before any verdict (plausibility.py)."""

from __future__ import annotations

import pytest

from calculators import run

# Cluster A of the unit tests' reference: 5 practices of 2.000 patients, video 10 and consultations 3.000 per 1.000.
TYPICAL = "4436;20\n1003;0\n0101;6000"


def request(reference, listed, text=TYPICAL, **extra):
    return {"reference": reference, "cluster_id": "A", "listed": listed, "text": text, **extra}


@pytest.mark.parametrize(
    ("listed", "text", "how"),
    [
        ("450", TYPICAL, "mindst det dobbelte af"),  # a list size typed a digit short: every rate ~4 times
        ("2000", "4436;10\n1003;0\n0101;3000", "højst 60 % af"),  # one year's counts against two
    ],
)
def test_numbers_that_cannot_belong_together_are_questioned_first(reference, listed, text, how):
    response = run(request(reference, listed, text))
    assert response["ok"] is False and response["field"] == "listed" and response["check_listed"] is True
    assert response["error"].startswith(
        f"Tjek «Antal tilmeldte patienter» og perioden, før I læser vurderingerne: alle jeres rater er {how} klyngens"
    )
    assert "result" not in response  # no verdict before the check
    checked = run(request(reference, listed, text, listed_checked=True))
    assert checked["ok"] is True


@pytest.mark.parametrize(
    "text",
    [
        TYPICAL,
        "4436;60\n1003;0\n0101;3000",  # video three times the cluster's, consultations half: a real practice's mix
        "4436;60\n1003;0",  # one indicator alone says nothing about the list size
    ],
)
def test_numbers_that_can_belong_together_are_answered(reference, text):
    assert run(request(reference, "2000", text))["ok"] is True
