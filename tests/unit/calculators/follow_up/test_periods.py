"""»Følg op«: every number and sentence the page shows, computed again with scipy; every bad input refused."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from independent import scipy_exact_count_interval, scipy_rate_ratio, scipy_ratio_test_power
from scipy import stats

from calculators import follow_up
from calculators.danish import format_p_value, format_ratio, round_up
from calculators.stats.events_needed import events_needed


def request(before, before_days, after, after_days) -> dict:
    return {"before": before, "before_days": before_days, "after": after, "after_days": after_days}


def result_for(before, before_days, after, after_days) -> dict:
    response = follow_up(request(before, before_days, after, after_days))
    assert response["ok"], response
    return response["result"]


def danish(x: float, decimals: int) -> str:
    """Independent of calculators.danish: Python's own rounding, Danish separators (no thousands here)."""
    return f"{x:.{decimals}f}".replace(".", ",")


# ---------------------------------------------------------------------------------------------------------
# The two examples, sentence by sentence, from scipy's numbers
# ---------------------------------------------------------------------------------------------------------


def test_forty_before_and_eighteen_after_in_ninety_days_each():
    result = result_for("40", "90", "18", "90")
    ratio, lower, upper, p_value = scipy_rate_ratio(40, 90, 18, 90)
    before_low, before_high = scipy_exact_count_interval(40)
    after_low, after_high = scipy_exact_count_interval(18)
    assert p_value < 0.05 and upper < 1  # a change, by both rules
    assert result["sentences"] == [
        f"Forskellen mellem de to perioder er større, end tilfældigheder alene kan forklare "
        f"(p = {danish(p_value, 3)}).",
        f"Antallet pr. uge er faldet med {round((1 - ratio) * 100)} %: forholdet mellem efter og før er "
        f"{danish(ratio, 2)} (95 % sikkerhedsinterval {danish(lower, 2)}–{danish(upper, 2)}), dvs. et fald på "
        f"mellem {round((1 - upper) * 100)} og {round((1 - lower) * 100)} %.",
        f"Før: 40 ydelser på 90 dage, dvs. {danish(40 / 90 * 7, 1)} pr. uge (95 % sikkerhedsinterval "
        f"{danish(before_low / 90 * 7, 1)}–{danish(before_high / 90 * 7, 1)}).",
        f"Efter: 18 ydelser på 90 dage, dvs. {danish(18 / 90 * 7, 1)} pr. uge (95 % sikkerhedsinterval "
        f"{danish(after_low / 90 * 7, 1)}–{danish(after_high / 90 * 7, 1)}).",
    ]
    assert result["verdict"] == "change" and result["caution"] is None and result["events_needed"] is None
    assert result["ratio"] == pytest.approx(ratio, rel=1e-12)
    assert (result["ratio_lower"], result["ratio_upper"]) == pytest.approx((lower, upper), rel=1e-10)
    assert result["p_value"] == pytest.approx(p_value, rel=1e-10)


def test_three_before_and_five_after_in_fourteen_days_each():
    result = result_for("3", "14", "5", "14")
    ratio, lower, upper, p_value = scipy_rate_ratio(3, 14, 5, 14)
    assert p_value > 0.05 and lower < 1 < upper
    needed = result["events_needed"]
    assert needed == first_crossing(ratio, 14, 14)
    assert result["verdict"] == "chance"
    assert result["sentences"][1] == (
        f"Antallet pr. uge er steget med {round((ratio - 1) * 100)} %: forholdet mellem efter og før er "
        f"{danish(ratio, 2)} (95 % sikkerhedsinterval {danish(lower, 2)}–{danish(upper, 2)}), dvs. alt fra et fald "
        f"på {round((1 - lower) * 100)} % til en stigning på {round((upper - 1) * 100)} %."
    )
    assert result["sentences"][0] == (
        "Forskellen mellem de to perioder er ikke større, end tilfældigheder kan forklare "
        f"(p = {danish(p_value, 2)}): "
        "antallet svinger fra periode til periode, også når intet er ændret."
    )
    shown = math.ceil(needed / 10) * 10
    times = round(needed / 8)
    assert result["caution"] == (
        "Tallene er små (under 10 i mindst én af perioderne), så tilfældigheder fylder meget, og "
        f"sikkerhedsintervallet er bredt. Er ændringen reel og lige så stor, skal der omkring {shown} ydelser i alt "
        "til (før og efter tilsammen) for med 80 % sandsynlighed at kunne skelne den fra tilfældigheder: omkring "
        f"{times} gange så mange som nu, dvs. perioder, der er omkring {times} gange så lange."
    )
    assert result["sentences"][4] == result["caution"]


# ---------------------------------------------------------------------------------------------------------
# Numbers over many inputs
# ---------------------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    before=st.integers(0, 3000),
    after=st.integers(0, 3000),
    before_days=st.integers(1, 3653),
    after_days=st.integers(1, 3653),
)
def test_numbers_match_scipy(before, after, before_days, after_days):
    result = result_for(str(before), str(before_days), str(after), str(after_days))
    ratio, lower, upper, p_value = scipy_rate_ratio(before, before_days, after, after_days)
    assert result["ratio"] == (None if not math.isfinite(ratio) else pytest.approx(ratio, rel=1e-12))
    assert result["ratio_lower"] == pytest.approx(lower, rel=1e-10)
    assert result["ratio_upper"] == (None if math.isinf(upper) else pytest.approx(upper, rel=1e-10))
    if p_value > 1e-200:
        assert result["p_value"] == pytest.approx(p_value, rel=1e-10)
    for period, count, days in zip(result["periods"], (before, after), (before_days, after_days)):
        low, high = scipy_exact_count_interval(count)
        assert (period["count"], period["days"]) == (count, days)
        assert period["rate"] == pytest.approx(count / days * 7, rel=1e-13)
        assert period["lower"] == pytest.approx(low / days * 7, rel=1e-10, abs=0)
        assert period["upper"] == pytest.approx(high / days * 7, rel=1e-10)
    by_interval, by_p = lower > 1 or upper < 1, p_value < 0.05
    expected_verdict = (
        "no_events"
        if before + after == 0
        else "change"
        if by_interval and by_p
        else "chance"
        if not (by_interval or by_p)
        else "borderline"
    )
    assert result["verdict"] == expected_verdict
    json.dumps(result, allow_nan=False)  # JSON.parse in the worker refuses inf and nan


def test_borderline_when_the_interval_and_the_p_value_disagree():
    # 1 before in 90 days, 2 after in 14: p = 0,0495 < 0,05, but the interval (0,67 to 759) holds 1.
    ratio, lower, upper, p_value = scipy_rate_ratio(1, 90, 2, 14)
    assert p_value < 0.05 and lower < 1
    result = result_for("1", "90", "2", "14")
    assert result["verdict"] == "borderline"
    assert result["p_text"] == "p = " + danish(p_value, 3) != "p = 0,050"
    assert "lige på grænsen" in result["sentences"][0]


@pytest.mark.parametrize(
    "before, before_days, after, after_days",
    [
        (40, 90, 18, 90),
        (3, 14, 5, 14),
        (5, 14, 3, 14),
        (10, 365, 3, 30),
        (20, 90, 9, 14),
        (7, 30, 12, 30),
        (2, 90, 1, 14),
        (25, 28, 20, 14),
        (1, 14, 30, 14),
        (1, 90, 12, 14),
        (3, 365, 8, 30),
        (12, 28, 1, 14),
        (1, 365, 1, 30),
    ],
)
def test_events_needed_up_to_250_is_the_first_total_with_80_percent_power(before, before_days, after, after_days):
    ratio = (after / after_days) / (before / before_days)
    needed = events_needed(before, before_days, after, after_days)
    assert needed <= 250
    assert needed == first_crossing(ratio, after_days, before_days)


@pytest.mark.parametrize(
    "before, before_days, after, after_days",
    [
        (50, 90, 60, 90),
        (60, 90, 14, 14),
        (40, 30, 50, 30),
        (60, 90, 12, 14),
        (30, 14, 25, 14),
    ],
)
def test_events_needed_above_250_is_a_crossing_near_the_first(before, before_days, after, after_days):
    ratio = (after / after_days) / (before / before_days)
    needed = events_needed(before, before_days, after, after_days)
    assert needed > 250
    assert scipy_ratio_test_power(needed, ratio, before_days, after_days) >= 0.8
    assert scipy_ratio_test_power(needed - 1, ratio, before_days, after_days) < 0.8
    first = first_crossing(ratio, after_days, before_days)
    assert first <= needed <= 1.1 * first


def first_crossing(ratio, after_days, before_days):
    total = 1
    while scipy_ratio_test_power(total, ratio, before_days, after_days) < 0.8:
        total += 1
    return total


@pytest.mark.parametrize("total, share", [(8, 0.5), (58, 0.5), (30, 14 / 104), (41, 0.9)])
def test_the_power_reference_rejects_exactly_where_binomtest_leaves_out_no_change(total, share):
    """The tail rule in scipy_ratio_test_power is Clopper-Pearson's interval leaving out the null share."""
    null_share = share
    for split in range(total + 1):
        interval = stats.binomtest(split, total, null_share).proportion_ci(0.95, method="exact")
        leaves_out = interval.low > null_share or interval.high < null_share
        by_tails = (
            stats.binom.sf(split - 1, total, null_share) < 0.025 or stats.binom.cdf(split, total, null_share) < 0.025
        )
        assert leaves_out == by_tails, (total, split)


@pytest.mark.parametrize("before, after", [(0, 5), (5, 0), (0, 0), (7, 7)])
def test_no_events_needed_without_a_change_to_aim_at(before, after):
    assert events_needed(before, 14, after, 14) is None


# ---------------------------------------------------------------------------------------------------------
# Zero counts and wording
# ---------------------------------------------------------------------------------------------------------


def test_nothing_in_either_period():
    result = result_for("0", "14", "0", "14")
    assert result["verdict"] == "no_events"
    assert (result["ratio"], result["ratio_upper"], result["change_percent"]) == (None, None, None)
    assert result["sentences"][0] == "Der er ingen ydelser i nogen af perioderne, så der er intet at sammenligne."
    high = scipy_exact_count_interval(0)[1]
    assert result["periods"][0]["interval_text"] == f"0,0–{danish(high / 2, 1)}"


def test_nothing_before():
    result = result_for("0", "14", "5", "14")
    _, lower, _, p_value = scipy_rate_ratio(0, 14, 5, 14)
    assert result["ratio"] is None and result["ratio_upper"] is None
    assert result["ratio_interval_text"] == f"{danish(lower, 2)} til uendelig"
    assert result["sentences"][1] == (
        "Antallet pr. uge er steget fra 0 til 2,5. Forholdet mellem efter og før kan ikke regnes ud, når der var 0 "
        f"før, men med 95 % sikkerhed er raten efter mindst {danish(lower, 2)} gange raten før."
    )
    assert result["p_text"] == f"p = {danish(p_value, 3)}"


def test_nothing_after():
    result = result_for("12", "30", "0", "30")
    _, _, upper, _ = scipy_rate_ratio(12, 30, 0, 30)
    assert result["ratio"] == 0 and result["ratio_text"] == "0,00"
    assert result["ratio_interval_text"] == f"0,00–{danish(upper, 2)}"
    assert result["change_percent"] == -100


@pytest.mark.parametrize("before, after", [(0, 0), (0, 3), (3, 0), (3, 5), (40, 18), (18, 40), (500, 520), (9, 9)])
def test_words_are_neutral(before, after):
    text = " ".join(result_for(str(before), "30", str(after), "30")["sentences"]).lower()
    for word in ("bedre", "dårlig", "forbedr", "forværr", "godt", "skidt", "succes"):
        assert word not in text


def test_danish_number_formats_are_read():
    result = result_for("1.234", "365", "1 020", "\u00a0 300 ")
    assert [(p["count"], p["days"]) for p in result["periods"]] == [(1234, 365), (1020, 300)]
    assert result["sentences"][2].startswith("Før: 1.234 ydelser på 365 dage, dvs. ")


def test_two_decimals_when_a_rate_is_under_one_per_week():
    result = result_for("3", "90", "2", "90")
    assert [p["rate_text"] for p in result["periods"]] == [danish(3 / 90 * 7, 2), danish(2 / 90 * 7, 2)]


# ---------------------------------------------------------------------------------------------------------
# Formatting helpers
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "n, shown",
    [(1, 1), (56, 56), (99, 99), (100, 100), (101, 110), (134, 140), (3477, 3500), (10_000, 10_000), (10_001, 11_000)],
)
def test_round_up_to_two_significant_figures(n, shown):
    assert round_up(n) == shown


@pytest.mark.parametrize(
    "x, text",
    [
        (0.45, "0,45"),
        (10.732, "10,73"),
        (0.0034, "0,0034"),
        (0.00012345, "0,00012"),
        (0.0, "0,00"),
        (1234.5, "1.234,50"),
    ],
)
def test_format_ratio(x, text):
    assert format_ratio(x) == text


@pytest.mark.parametrize(
    "p, text",
    [
        (0.7265625, "p = 0,73"),
        (0.1, "p = 0,10"),
        (0.0998, "p = 0,100"),
        (0.0535, "p = 0,054"),
        (0.0496, "p = 0,0496"),
        (0.04951, "p = 0,0495"),
        (0.05, "p = 0,050"),
        (0.00535, "p = 0,005"),
        (0.00099, "p < 0,001"),
        (1.0, "p = 1,00"),
    ],
)
def test_format_p_value(p, text):
    assert format_p_value(p) == text


# ---------------------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------------------

GOOD = {"before": "40", "before_days": "90", "after": "18", "after_days": "90"}


@pytest.mark.parametrize(
    "field, typed, message",
    [
        ("before", "", "Udfyld »Antal før«, fx 12. Skriv 0, hvis der ingen var."),
        ("before", None, "Udfyld »Antal før«, fx 12. Skriv 0, hvis der ingen var."),
        ("after", "   ", "Udfyld »Antal efter«, fx 12. Skriv 0, hvis der ingen var."),
        ("before", "-3", "Antal før: »-3« er negativt. Skriv et helt tal på 0 eller derover."),
        ("after", "\u22123", "Antal efter: »\u22123« er negativt. Skriv et helt tal på 0 eller derover."),
        ("before", "12,5", "Antal før: »12,5« er ikke et helt tal. Skriv et helt tal på 0 eller derover."),
        (
            "before",
            "12.5",
            "Antal før: »12.5« kan ikke læses sikkert som et helt tal. Brug kun punktum til at adskille "
            "tusinder, fx 1.234.",
        ),
        ("after", "mange", "Antal efter: »mange« er ikke et tal. Skriv et helt tal på 0 eller derover."),
        ("after", "9" * 13, f"Antal efter: »{'9' * 13}« er urealistisk stort. Tjek tallet."),
        ("before_days", "", "Udfyld »Dage før«: periodens længde i hele dage, fx 14."),
        (
            "after_days",
            "0",
            "Dage efter: en periode skal være mindst 1 dag. Skriv periodens længde i hele dage, fx 14.",
        ),
        ("before_days", "-14", "Dage før: »-14« er negativt. Skriv periodens længde i hele dage, fx 14."),
        (
            "before_days",
            "14,5",
            "Dage før: »14,5« er ikke et helt antal dage. Skriv periodens længde i hele dage, fx 14.",
        ),
        ("after_days", "uge", "Dage efter: »uge« er ikke et tal. Skriv periodens længde i hele dage, fx 14."),
        ("after_days", "3.654", "Dage efter: »3.654« er mere end 10 år. Skriv periodens længde i dage, fx 90."),
        ("after_days", "9" * 13, f"Dage efter: »{'9' * 13}« er mere end 10 år. Skriv periodens længde i dage, fx 90."),
    ],
)
def test_each_bad_field_gets_a_danish_message_naming_it(field, typed, message):
    response = follow_up({**GOOD, field: typed})
    assert response == {"ok": False, "field": field, "error": message, "errors": [{"field": field, "error": message}]}


def test_all_bad_fields_are_listed_in_the_form_order():
    response = follow_up({"after_days": "0", "before": "x"})
    assert [error["field"] for error in response["errors"]] == ["before", "before_days", "after", "after_days"]
    assert response["field"] == "before"


def test_longest_allowed_period_is_ten_years():
    assert follow_up({**GOOD, "before_days": "3.653"})["ok"]


# ---------------------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------------------


def test_csv_row_matches_scipy():
    response = follow_up({**GOOD, "name": "Video; »4436«"})
    ratio, lower, upper, p_value = scipy_rate_ratio(40, 90, 18, 90)
    header, row, end = response["csv"].removeprefix("\ufeff").split("\r\n")
    assert header.split(";") == [
        "Indikator",
        "Antal før",
        "Dage før",
        "Antal efter",
        "Dage efter",
        "Tilmeldte før",
        "Tilmeldte efter",
        "Rate før",
        "Rate efter",
        "Enhed",
        "Ændring i %",
        "Forhold efter/før",
        "95 % sikkerhedsinterval, nedre",
        "95 % sikkerhedsinterval, øvre",
        "p-værdi",
        "Vurdering",
    ]
    assert row == ";".join(
        [
            '"Video; »4436«"',
            "40",
            "90",
            "18",
            "90",
            "",
            "",
            danish(40 / 90 * 7, 2),
            danish(18 / 90 * 7, 2),
            "pr. uge",
            danish((ratio - 1) * 100, 1),
            danish(ratio, 3),
            danish(lower, 3),
            danish(upper, 3),
            danish(p_value, 3),
            "Større end tilfældigheder",
        ]
    )
    assert end == ""


def test_csv_for_nothing_before_says_infinite_and_leaves_the_ratio_blank():
    response = follow_up({**GOOD, "before": "0", "name": None})
    row = response["csv"].split("\r\n")[1].split(";")
    assert row[0] == "Ydelser" and row[10:12] == ["", ""] and row[13] == "uendelig"
    assert follow_up({**GOOD, "name": " \t "})["csv"].split("\r\n")[1].startswith("Ydelser;")


# ---------------------------------------------------------------------------------------------------------
# List sizes: per patient and day
# ---------------------------------------------------------------------------------------------------------


def test_a_growing_list_at_an_unchanged_rate_per_patient_is_no_change():
    """1.000 events in 90 days among 5.000 listed, then 1.100 among 5.500: by days alone a change (p = 0,031), per
    patient and day none (ratio 1,00, p = 1), as R's poisson.test with T = days x patients says."""
    by_days = result_for("1000", "90", "1100", "90")
    assert by_days["verdict"] == "change" and by_days["p_text"] == "p = 0,031"
    response = follow_up(
        {
            "before": "1000",
            "before_days": "90",
            "after": "1100",
            "after_days": "90",
            "before_listed": "5.000",
            "after_listed": "5500",
        }
    )
    result = response["result"]
    ratio, lower, upper, p_value = scipy_rate_ratio(1000, 90 * 5000, 1100, 90 * 5500)
    assert (ratio, p_value) == pytest.approx((1.0, 1.0))
    assert result["verdict"] == "chance" and result["ratio_text"] == "1,00" and result["p_text"] == "p = 1,00"
    assert (result["ratio_lower"], result["ratio_upper"]) == pytest.approx((lower, upper), rel=1e-10)
    assert result["unit"] == "pr. uge pr. 1.000 tilmeldte"
    assert result["sentences"][2] == (
        f"Før: 1.000 ydelser på 90 dage med 5.000 tilmeldte, dvs. {danish(1000 * 7 / 90 / 5, 1)} pr. uge pr. 1.000 "
        f"tilmeldte (95 % sikkerhedsinterval {danish(scipy_exact_count_interval(1000)[0] * 7 / 90 / 5, 1)}–"
        f"{danish(scipy_exact_count_interval(1000)[1] * 7 / 90 / 5, 1)})."
    )
    header, row = (line.split(";") for line in response["csv"].removeprefix("\ufeff").splitlines())
    fields = dict(zip(header, row))
    assert (fields["Tilmeldte før"], fields["Tilmeldte efter"], fields["Enhed"]) == (
        "5000",
        "5500",
        "pr. uge pr. 1.000 tilmeldte",
    )


@pytest.mark.parametrize(
    ("given", "field"), [({"before_listed": "5000"}, "after_listed"), ({"after_listed": "5000"}, "before_listed")]
)
def test_both_list_sizes_or_neither(given, field):
    response = follow_up({"before": "10", "before_days": "90", "after": "12", "after_days": "90", **given})
    assert response["ok"] is False and response["field"] == field
    assert response["error"] == "Udfyld både »Tilmeldte før« og »Tilmeldte efter«, eller lad dem begge være tomme."


def test_a_list_size_is_read_as_the_calculator_reads_it():
    response = follow_up(
        {
            "before": "10",
            "before_days": "90",
            "after": "12",
            "after_days": "90",
            "before_listed": "0",
            "after_listed": "fem",
        }
    )
    assert [(e["field"], e["error"].split(":")[0]) for e in response["errors"]] == [
        ("before_listed", "Tilmeldte før"),
        ("after_listed", "Tilmeldte efter"),
    ]


def test_counts_in_the_hundreds_say_that_periods_differ_in_more_than_chance():
    assert "årstid, ferier og bemanding" in result_for("400", "90", "420", "90")["caution"]
    assert "årstid" not in (result_for("40", "90", "42", "90")["caution"] or "")
