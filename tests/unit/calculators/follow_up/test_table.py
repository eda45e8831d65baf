"""»Følg op« for several indicators pasted at once: sums per indicator against scipy, gaps never read as 0."""

from __future__ import annotations

import json

import pytest
from independent import scipy_rate_ratio

from calculators.follow_up.table import follow_up_table


def table(indicators, before_text, after_text, before_days="90", after_days="90") -> dict:
    return follow_up_table(
        {
            "indicators": indicators,
            "before_text": before_text,
            "after_text": after_text,
            "before_days": before_days,
            "after_days": after_days,
        }
    )


def by_id(response) -> dict:
    return {indicator["id"]: indicator for indicator in response["result"]["indicators"]}


def test_each_indicator_sums_its_codes_and_matches_scipy(indicators):
    response = table(indicators, "4436;30\n1003;10\n0101;1.200", "4436\t12\n1003\t6\n101\t1.150", "90", "30")
    assert response["ok"] and response["warnings"] == []
    video, consultations = by_id(response)["video"], by_id(response)["konsultation"]
    for result, before, after in ((video, 40, 18), (consultations, 1200, 1150)):
        ratio, lower, upper, p_value = scipy_rate_ratio(before, 90, after, 30)
        assert result["computed"] and result["note"] is None
        assert [p["count"] for p in result["periods"]] == [before, after]
        assert result["ratio"] == pytest.approx(ratio, rel=1e-12)
        assert (result["ratio_lower"], result["ratio_upper"]) == pytest.approx((lower, upper), rel=1e-10)
        assert result["p_value"] == pytest.approx(p_value, rel=1e-10)
    assert video["codes"] == ["4436", "1003"]
    assert response["result"]["sentences"] == [
        "Når flere indikatorer vurderes på én gang, vil en af dem en gang imellem se ud til at have ændret sig "
        "alene ved tilfældigheder. Se mest på den indikator, som ændringen var rettet mod."
    ]
    json.dumps(response, allow_nan=False)


def test_a_code_pasted_for_one_period_only_is_not_read_as_zero(indicators):
    response = table(indicators, "4436;40\n0101;1.200", "4436;18\n1003;2\n0101;1.150")
    video = by_id(response)["video"]
    assert video == {
        "id": "video",
        "name": "Videokonsultationer",
        "computed": False,
        "reason": "Ikke beregnet: ydelseskode 1003 mangler i tallene før. Indsæt de samme ydelseskoder "
        "i begge perioder; skriv fx 1003;0, hvis der ingen var.",
    }
    assert by_id(response)["konsultation"]["computed"]
    assert response["result"]["sentences"] == []  # one indicator compared: no caution about many comparisons


def test_a_code_pasted_in_neither_period_is_left_out_and_said(indicators):
    response = table(indicators, "4436;40", "4436;18")
    video, consultations = by_id(response)["video"], by_id(response)["konsultation"]
    assert video["computed"] and [p["count"] for p in video["periods"]] == [40, 18]
    assert video["note"] == "Talt uden ydelseskode 1003, som ikke er indsat i nogen af perioderne."
    assert consultations == {
        "id": "konsultation",
        "name": "Konsultationer",
        "computed": False,
        "reason": "Ikke beregnet: ydelseskode 0101 er ikke indsat.",
    }


def test_unknown_codes_are_warned_about_per_period(indicators):
    response = table(indicators, "4436;40\n0999;3", "4436;18")
    assert response["warnings"] == [
        "Før: Ydelseskode 0999 (linje 2) indgår ikke i denne klyngepakke og er sprunget over."
    ]


def test_nothing_comparable_is_an_error(indicators):
    response = table(indicators, "0101;5", "4436;5")
    message = "Ingen af klyngepakkens indikatorer har tal i begge perioder. Indsæt de samme ydelseskoder før og efter."
    assert response == {
        "ok": False,
        "field": "before_text",
        "error": message,
        "errors": [{"field": "before_text", "error": message}],
    }


def test_every_bad_field_is_reported_in_the_form_order(indicators):
    response = table(indicators, "", "4436;x", "0", "9.999")
    assert [error["field"] for error in response["errors"]] == [
        "before_text",
        "before_days",
        "after_text",
        "after_days",
    ]
    assert response["errors"][1]["error"] == (
        "Dage før: en periode skal være mindst 1 dag. Skriv periodens længde i hele dage, fx 14."
    )
    assert response["errors"][3]["error"] == (
        "Dage efter: »9.999« er mere end 10 år. Skriv periodens længde i dage, fx 90."
    )


def test_csv_has_a_row_per_indicator_with_the_reason_when_not_computed(indicators):
    response = table(indicators, "4436;40\n0101;1.200", "4436;18\n1003;2\n0101;1.150")
    lines = response["csv"].removeprefix("\ufeff").split("\r\n")
    assert lines[1] == (
        "Videokonsultationer" + ";" * 15 + '"Ikke beregnet: ydelseskode 1003 mangler i tallene før. '
        'Indsæt de samme ydelseskoder i begge perioder; skriv fx 1003;0, hvis der ingen var."'
    )
    assert lines[2].startswith("Konsultationer;1200;90;1150;90;")
    assert lines[3] == ""
