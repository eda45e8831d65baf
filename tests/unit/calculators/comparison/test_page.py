"""to_csv and comparison_to_dict: what leaves the calculator for Excel and for the page."""

from __future__ import annotations

import csv
import datetime
import io
import json

import numpy as np
import pytest
from independent import joined_verdict, numpy_overdispersed_verdict, numpy_overdispersion, verdict_words

from calculators.comparison.compare import compare_with_cluster
from calculators.comparison.csv_export import to_csv
from calculators.comparison.page import comparison_to_dict

HEADER = [
    "Indikator",
    "Antal",
    "Rate pr. 1.000",
    "95 % sikkerhedsinterval, nedre",
    "95 % sikkerhedsinterval, øvre",
    "Klyngens median",
    "Klyngens samlede rate",
    "Klyngens 95 %-grænser ved jeres antal tilmeldte, nedre",
    "Klyngens 95 %-grænser ved jeres antal tilmeldte, øvre",
    "Klyngens 99,8 %-grænser ved jeres antal tilmeldte, nedre",
    "Klyngens 99,8 %-grænser ved jeres antal tilmeldte, øvre",
    "Placering (1 = lavest)",
    "Vurdering",
]
SCREEN = [
    "Indikator",
    "Antal",
    "Rate pr. 1.000",
    "95 % sikkerhedsinterval",
    "Klyngens samlede rate",
    "Klyngens 95 %-grænser ved jeres antal tilmeldte",
    "Placering (1 = lavest)",
    "Vurdering",
]
PERIOD = {
    "first": "2024-01-01",
    "last": "2024-06-30",
    "text": "1. januar 2024 – 30. juni 2024",
    "length": "6 måneder",
    "text_and_length": "1. januar 2024 – 30. juni 2024 (6 måneder)",
    "unit": "pr. 1.000 tilmeldte på 6 måneder",
}


def csv_parts(text: str) -> tuple[dict[str, str], list[list[str]]]:
    """The context lines (label -> value) and the table below the blank line, as Excel's CSV reader splits them."""
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    blank = rows.index([])
    return dict(rows[:blank]), rows[blank + 1 :]


@pytest.fixture
def comparison(indicators, cluster_b):
    return compare_with_cluster({"4436": 1234, "1003": 8, "0101": 12345}, 2200, indicators, cluster_b)


def test_csv_opens_in_danish_excel(comparison):
    text = to_csv(comparison)
    assert text.startswith("\ufeff")
    body = text[1:]
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    _, rows = csv_parts(text)
    assert rows[0] == HEADER
    assert len(rows) == 3 and all(len(row) == len(HEADER) for row in rows)


def test_csv_says_whose_numbers_against_what(comparison, cluster_b):
    context, _ = csv_parts(
        to_csv(
            comparison,
            pack="Videokonsultationer i almen praksis",
            period=PERIOD,
            fictitious=True,
            made=datetime.date(2026, 11, 30),
        )
    )
    assert context == {
        "Klyngepakke": "Videokonsultationer i almen praksis",
        "Klynge": "Klynge B",
        "Praksis i klyngen": str(len(cluster_b["listed"])),
        "Jeres tilmeldte patienter": "2200",
        "Periode": "1. januar 2024 – 30. juni 2024 (6 måneder)",
        "Lavet": "30. november 2026",
        "Klyngens tal": "fiktive data",
        "Rater": "pr. 1.000 tilmeldte på 6 måneder",
    }
    _, rows = csv_parts(to_csv(comparison, period=PERIOD))
    assert rows[0][2] == "Rate pr. 1.000 på 6 måneder"  # a rate over half a year is not read as a yearly one
    real, _ = csv_parts(to_csv(comparison, made=datetime.date(2027, 1, 5)))
    assert (real["Klyngens tal"], real["Lavet"]) == ("rigtige data", "5. januar 2027")
    assert "Periode" not in real and "Klyngepakke" not in real


def test_csv_numbers_use_a_decimal_comma(comparison, cluster_b):
    _, rows = csv_parts(to_csv(comparison))
    video = comparison.indicators[0]
    name, count, rate, lower, upper, median, pooled, low_95, high_95, low_998, high_998, place, verdict = rows[1]
    assert name == "Videokonsultationer"
    assert count == "1242"  # no thousands dot, so no spreadsheet reads it as a decimal
    assert rate == "564,5"  # 1242 / 2200 * 1000 = 564.545...
    assert float(lower.replace(",", ".")) == pytest.approx(video.lower, abs=0.05)
    assert float(upper.replace(",", ".")) == pytest.approx(video.upper, abs=0.05)
    assert median == "12,0"
    pooled_numpy = (np.sum(cluster_b["counts"]["video"]) + 1242) / (np.sum(cluster_b["listed"]) + 2200) * 1000
    assert pooled == f"{pooled_numpy:.1f}".replace(".", ",")
    assert place == "Højest i klyngen"  # 564,5 against the cluster's 5 to 23,5
    # the limits printed beside the verdict are the chart's at the practice's list size, and the rate lies above them
    at = next(p for p in comparison_to_dict(comparison)["indicators"][0]["chart"]["funnel"] if p["listed"] == 2200)
    limits = [float(text.replace(",", ".")) for text in (low_998, low_95, high_95, high_998)]
    assert limits == pytest.approx([at[k] for k in ("low_998", "low_95", "high_95", "high_998")], abs=0.051)
    assert limits[0] <= limits[1] < float(pooled.replace(",", ".")) < limits[2] < video.rate <= limits[3]
    assert verdict.endswith("(uden for 95 %-grænsen)")  # above the 95 % limit, not the 99,8 % one
    direction, level, widened = joined_verdict(1242, 2200, cluster_b["counts"]["video"], cluster_b["listed"])
    assert direction == 1 and verdict == verdict_words(direction, level == "99,8 %", widened)


def test_csv_quotes_a_name_with_a_semicolon(indicators, cluster_b):
    indicators[0]["name"] = "Video; alle koder"
    text = to_csv(compare_with_cluster({"4436": 3, "1003": 0, "0101": 1}, 2200, indicators, cluster_b))
    assert csv_parts(text)[1][1][0] == "Video; alle koder"


def test_dict_is_plain_json(comparison):
    data = comparison_to_dict(comparison)
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_dict_carries_numbers_and_their_danish_text(comparison):
    data = comparison_to_dict(comparison)
    assert data["cluster"] == {"id": "B", "name": "Klynge B"}
    assert (data["listed"], data["listed_text"]) == (2200, "2.200")
    assert data["columns"] == SCREEN
    assert [cell["text"] for cell in data["indicators"][0]["cells"]] == [
        "1.242",
        "564,5",
        data["indicators"][0]["interval_text"],
        data["indicators"][0]["pooled_rate_text"],
        data["indicators"][0]["limits_text"],
        "Højest i klyngen",
    ]
    video = data["indicators"][0]
    assert video["count"] == 1242 and video["count_text"] == "1.242"
    assert video["rate"] == pytest.approx(1242 / 2.2)
    assert video["rate_text"] == "564,5"
    assert video["interval_text"] == f"{video['lower_text']}\u2013{video['upper_text']}"
    assert video["cluster_stats_text"]["median"] == "12,0"
    assert video["position_sentence"] == "Jeres rate er den højeste i klyngen (jeres praksis og klyngens 6)."
    _, level, widened = joined_verdict(1242, 2200, [12, 80, 30, 9, 60, 44], [1200, 3400, 2500, 1800, 5000, 2200])
    assert (video["verdict_text"], video["level"], video["verdict_key"]) == (
        verdict_words(1, level == "99,8 %", widened),
        level,
        "higher",
    )
    assert video["caution"] is None
    assert data["summary"] and all(isinstance(s, str) for s in data["summary"])


def test_dict_chart_has_the_practices_and_a_funnel(comparison, cluster_b):
    chart = comparison_to_dict(comparison)["indicators"][0]["chart"]
    assert chart["practices"] == {"listed": cluster_b["listed"], "count": cluster_b["counts"]["video"]}
    assert chart["practice"]["listed"] == 2200
    funnel = chart["funnel"]
    sizes = [point["listed"] for point in funnel]
    assert sizes == sorted(set(sizes))
    assert 20 <= len(sizes) <= 25
    assert sizes[0] == min(cluster_b["listed"]) and sizes[-1] == max(cluster_b["listed"])
    assert 2200 in sizes
    pooled = chart["pooled_rate"]
    _, tau2 = numpy_overdispersion([*cluster_b["counts"]["video"], 1242], [*cluster_b["listed"], 2200])
    assert tau2 > 0
    for point in funnel:
        n = point["listed"]
        assert point["low_998"] <= point["low_95"] < pooled < point["high_95"] < point["high_998"]
        # the line lies between the last count called as expected and the first called higher, with the
        # cluster's over-dispersion (its video rates run from 5 to 23,5 per 1.000, and the practice's is 564,5) as
        # numpy estimates it
        counts = np.arange(int(pooled * n / 1000 * 30) + 30)
        verdicts = numpy_overdispersed_verdict(counts, n, pooled, tau2, 0.95)
        first_higher = counts[verdicts == 1].min()
        assert (first_higher - 1) * 1000 / n <= point["high_95"] < first_higher * 1000 / n


def test_dict_for_an_indicator_not_computed(indicators, cluster_b):
    data = comparison_to_dict(compare_with_cluster({"0101": 9000}, 2200, indicators, cluster_b))
    video = data["indicators"][0]
    assert (video["computed"], video["count"], video["rate"], video["chart"]) == (False, None, None, None)
    assert (video["count_text"], video["rate_text"], video["interval_text"]) == ("\u2013",) * 3
    assert video["verdict_text"] == "Ikke beregnet" and "4436 og 1003" in video["caution"]
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    text = to_csv(compare_with_cluster({"0101": 9000}, 2200, indicators, cluster_b))
    pooled = np.sum(cluster_b["counts"]["video"]) / np.sum(cluster_b["listed"]) * 1000
    assert csv_parts(text)[1][1] == [
        "Videokonsultationer",
        "",
        "",
        "",
        "",
        "12,0",
        f"{pooled:.1f}".replace(".", ","),
        "",
        "",
        "",
        "",
        "",
        "Ikke beregnet",
    ]
    assert [cell["text"] for cell in video["cells"]] == [
        "\u2013",
        "\u2013",
        "\u2013",
        video["pooled_rate_text"],
        "\u2013",
        "\u2013",
    ]


def test_dict_without_events_in_the_cluster_has_no_funnel(indicators, cluster_b):
    cluster_b["counts"]["video"] = [0] * 6
    data = comparison_to_dict(compare_with_cluster({"4436": 3, "1003": 0, "0101": 1}, 2200, indicators, cluster_b))
    video = data["indicators"][0]
    assert video["verdict_text"] == "Kan ikke vurderes" and video["chart"]["funnel"] == []
    assert video["count_text"] == "3"


def test_funnel_reaches_a_practice_outside_the_cluster_range(indicators, cluster_b):
    data = comparison_to_dict(compare_with_cluster({"4436": 3, "1003": 0, "0101": 1}, 600, indicators, cluster_b))
    sizes = [point["listed"] for point in data["indicators"][0]["chart"]["funnel"]]
    assert sizes[0] == 600 and sizes[-1] == 5000
