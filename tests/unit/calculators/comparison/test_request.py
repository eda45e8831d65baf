"""run: the browser worker's single entry point, which never raises for a user's mistake."""

from __future__ import annotations

import csv
import io
import json

import pytest
from independent import joined_verdict, verdict_words

from calculators import run


def request(reference, text="4436;30\n1003;2\n0101;6.000", listed="2.000", cluster_id="A", today="2026-11-30"):
    return {"text": text, "listed": listed, "cluster_id": cluster_id, "reference": reference, "today": today}


def test_a_good_request(reference):
    response = run(request(reference))
    assert response["ok"] is True
    assert json.loads(json.dumps(response, allow_nan=False)) == response
    result = response["result"]
    assert result["cluster"]["id"] == "A"
    assert result["listed"] == 2000
    assert result["period"] == reference["period"]
    assert result["period_text"] == "1. januar 2023 – 31. december 2024 (2 år)"
    assert result["rate_title"] == "Rate pr. 1.000 på 2 år"
    assert result["fictitious"] is True
    assert [i["id"] for i in result["indicators"]] == ["video", "konsultation"]
    assert result["indicators"][0]["count"] == 32
    assert response["warnings"] == []
    rows = list(csv.reader(io.StringIO(response["csv"][1:], newline=""), delimiter=";"))
    context = dict(rows[: rows.index([])])
    assert (context["Klynge"], context["Periode"], context["Klyngens tal"], context["Lavet"]) == (
        "Klynge A",
        "1. januar 2023 – 31. december 2024 (2 år)",
        "fiktive data",
        "30. november 2026",
    )  # the page's date, not the worker's
    assert context["Rater"] == "pr. 1.000 tilmeldte på 2 år"
    assert rows[rows.index([]) + 1][:3] == ["Indikator", "Antal", "Rate pr. 1.000 på 2 år"]


def test_warnings_for_unknown_duplicate_and_missing_codes(reference):
    response = run(request(reference, text="Kode;Antal\n4436;30\n0999;4\n4436;2\n0101;12000"))
    assert response["ok"] is True
    assert response["warnings"] == [
        "Ydelseskode 0999 (linje 3) indgår ikke i denne klyngepakke og er sprunget over.",
        "Ydelseskode 4436 står på flere linjer (linje 2 og 4); antallene er lagt sammen.",
        "Videokonsultationer er ikke beregnet: Ydelseskode 1003 er ikke med i jeres tal. Har I ingen, så skriv 1003;0.",
    ]
    assert response["result"]["missing_codes"] == ["1003"]
    video, visits = response["result"]["indicators"]
    assert (video["verdict_text"], video["count"], video["rate_text"], video["chart"]) == (
        "Ikke beregnet",
        None,
        "\u2013",
        None,
    )
    cluster = reference["clusters"][0]
    direction, level, widened = joined_verdict(12000, 2000, cluster["counts"]["konsultation"], cluster["listed"])
    assert direction == 1 and visits["verdict_text"] == verdict_words(direction, level == "99,8 %", widened)


def test_nothing_computable_is_a_danish_error(reference):
    response = run(request(reference, text="1003;4"))
    assert response["ok"] is False and response["field"] == "text"
    assert response["error"] == (
        "Ingen af pakkens indikatorer kan beregnes: ydelseskode 4436 og 0101 mangler i jeres tal. "
        "Har I ingen af en kode, så skriv koden med antallet 0, fx 4436;0."
    )


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"text": ""}, "text", "Indsæt jeres tal"),
        ({"text": "4436;-5"}, "text", "Linje 1: antallet »-5« er negativt"),
        ({"text": "0999;5"}, "text", "Ingen af ydelseskoderne"),
        ({"listed": ""}, "listed", "tilmeldte patienter"),
        ({"listed": "12,5"}, "listed", "ikke et helt tal"),
        ({"listed": None}, "listed", "tilmeldte patienter"),
        ({"cluster_id": "Z"}, "cluster", "Vælg jeres klynge"),
        ({"cluster_id": None}, "cluster", "Vælg jeres klynge"),
    ],
)
def test_user_mistakes_come_back_as_danish_errors(reference, changes, field, words):
    response = run({**request(reference), **changes})
    assert response["ok"] is False
    assert response["field"] == field
    assert words in response["error"]
    assert json.loads(json.dumps(response)) == response


def test_all_fields_in_error_are_listed_in_form_order(reference):
    response = run(request(reference, text="hej", listed="0", cluster_id="Z"))
    assert [e["field"] for e in response["errors"]] == ["cluster", "listed", "text"]
    assert response["field"] == "cluster"


def test_listed_may_arrive_as_a_number(reference):
    assert run(request(reference, listed=2000))["result"]["listed"] == 2000


def test_cluster_id_is_matched_as_text(reference):
    reference["clusters"][0]["id"] = 7
    assert run(request(reference, cluster_id="7"))["ok"] is True
