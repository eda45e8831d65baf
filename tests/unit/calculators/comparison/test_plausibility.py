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
        f"Tjek »Antal tilmeldte patienter« og perioden, før I læser vurderingerne: alle jeres rater er {how} klyngens"
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


@pytest.mark.parametrize(
    ("listed", "text"),
    [
        ("650", "4436;6\n1003;0\n0101;2000"),  # cluster A's rates exactly, at a list size under a third of 2.000
        ("6.001", "4436;60\n1003;0\n0101;18000"),  # and over three times its largest
    ],
)
def test_a_list_size_no_practice_of_the_cluster_comes_near_is_questioned(reference, listed, text):
    """Cluster A's practices all have 2.000 patients: 650 or 6.001 is a digit away from a list size it has, even
    where the counts were typed to match (the rates alone would then look right)."""
    response = run(request(reference, listed, text))
    assert response["ok"] is False and response["field"] == "listed" and response["check_listed"] is True
    assert response["error"] == (
        f"Tjek »Antal tilmeldte patienter«, før I læser vurderingerne: {listed} er langt fra klyngens praksis, "
        "som alle har 2.000 tilmeldte. Passer det, så tryk »Beregn« igen."
    )
    assert run(request(reference, listed, text, listed_checked=True))["ok"] is True


@pytest.mark.parametrize("listed", ["667", "6.000"])  # a third of 2.000 (rounded up) and three times it: not asked
def test_a_list_size_within_reach_of_the_cluster_is_answered(reference, listed):
    n = int(listed.replace(".", ""))
    text = f"4436;{n // 100}\n1003;0\n0101;{3 * n}"  # cluster A's rates, 10 and 3.000 per 1.000
    assert run(request(reference, listed, text))["ok"] is True


def test_the_question_names_the_period_the_cluster_covers(reference):
    error = run(request(reference, "450"))["error"]
    assert "perioden (klyngens tal dækker 1. januar 2023 – 31. december 2024 (2 år))" in error


def test_the_size_question_names_the_range_of_list_sizes(reference):
    error = run({**request(reference, "300", "4436;1\n1003;0\n0101;800"), "cluster_id": "B"})["error"]
    assert "300 er langt fra klyngens praksis, som har fra 1.200 til 5.000 tilmeldte." in error  # cluster B's sizes
