"""»Klyngens overblik« with a cluster data file with sex and age bands: each practice's standardised ratio, its
interval and its verdict against 1, checked against scipy and numpy read from the file with pandas; the CSV
carries the same numbers; a file without bands shows crude rates only."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from independent import danish_number, pandas_cluster_file, scipy_rate_ci, standardised_verdict, verdict_words
from small_cluster_file import EXAMPLE_WITH_BANDS

from calculators.cluster_file.compare import compare_with_file
from calculators.cluster_file.load import load_cluster_file
from calculators.cluster_file.overview import overview
from calculators.cluster_file.write import write_cluster_file
from calculators.csv_writer import BOM
from macros.reference import reference_json

ROOT = Path(__file__).resolve().parents[4]
EXAMPLE = (ROOT / "docs" / "klyngepakker" / "videokonsultationer" / "eksempel-klyngedata.csv").read_text(
    encoding="utf-8"
)
VERDICT_KEYS = {1: "higher", -1: "lower", 0: "as_expected"}


@pytest.fixture(scope="module")
def reference():
    return reference_json(ROOT, "videokonsultationer")


@pytest.fixture(scope="module")
def response(reference):
    answer = overview({"text": EXAMPLE, "reference": reference})
    assert answer["ok"] is True
    return answer


def test_every_ratio_interval_and_verdict_matches_scipy_and_numpy(response):
    indicators, practices, _ = pandas_cluster_file(EXAMPLE)
    checked = set()
    for indicator, shown in zip(indicators["Indikator"], response["overview"]["indicators"]):
        observed = practices[indicator].astype(int).tolist()
        expected = practices[f"Forventet {indicator}"].str.replace(",", ".").astype(float).tolist()
        rows = shown["standardised"]["rows"]
        assert [row["header"] for row in rows] == practices["Praksis"].tolist()
        for row, o, e in zip(rows, observed, expected):
            ratio, lower, upper = scipy_rate_ci(o, e, per=1)
            assert (row["ratio"], row["lower"], row["upper"]) == pytest.approx((ratio, lower, upper), rel=1e-9)
            assert row["cells"][0]["text"] == danish_number(o, 0)
            assert row["cells"][1]["text"] == danish_number(e, 2)
            assert row["cells"][2]["text"].startswith(danish_number(ratio, 2) + " (")
            assert row["cells"][3]["text"] == f"{danish_number(lower, 2)}–{danish_number(upper, 2)}"
            direction, level, widened = standardised_verdict(o, e, observed, expected)
            assert row["verdict_key"] == VERDICT_KEYS[direction]
            assert (level is None) == ("uden for" not in row["verdict_text"])
            assert level is None or f"uden for {level}-grænsen" in row["verdict_text"]
            assert ("spredningen" in row["verdict_text"]) == widened
            checked.add((direction, widened))
    assert len(checked) > 2  # the example shows more than one kind of verdict


def test_the_page_says_what_was_adjusted_for_naming_the_files_groups(response):
    said = response["overview"]["standardised_text"]
    assert said.startswith("Den standardiserede ratio tager højde for køn og alder")
    assert "10 grupper (kvinder og mænd; aldersgrupperne 0-17, 18-44, 45-64, 65-79 og 80+)" in said
    for indicator in response["overview"]["indicators"]:
        assert [s[:25] for s in indicator["standardised"]["sentences"]] == ["Justeret for køn og alder"]


def test_the_csv_carries_the_ratios_beside_the_rates(response):
    rows = list(csv.reader(io.StringIO(response["csv"].removeprefix(BOM), newline=""), delimiter=";"))
    header = rows[6]
    assert header[-5:] == [
        "Forventet ud fra alder og køn",
        "Standardiseret ratio",
        "Ratioens 95 % sikkerhedsinterval, nedre",
        "Ratioens 95 % sikkerhedsinterval, øvre",
        "Vurdering ud fra alder og køn",
    ]
    first = response["overview"]["indicators"][0]["standardised"]["rows"][0]
    assert rows[7][-5:-1] == [
        first["cells"][1]["text"].replace(".", ""),
        danish_number(first["ratio"], 3).replace(".", ""),
        danish_number(first["lower"], 3).replace(".", ""),
        danish_number(first["upper"], 3).replace(".", ""),
    ]
    assert rows[7][-1] == first["verdict_text"]
    assert all(len(row) == len(header) for row in rows[7:])


def test_a_practice_like_the_region_in_every_band_reads_as_expected(reference):
    practices = list(EXAMPLE_WITH_BANDS.practices)
    # Praksis B's counts exactly its expected counts: as many as its patients would have at the region's rates.
    practices[1] = dataclasses.replace(practices[1], counts=tuple(round(e) for e in practices[1].expected))
    text = write_cluster_file(dataclasses.replace(EXAMPLE_WITH_BANDS, practices=tuple(practices)))
    reference = {**reference, "indicators": reference["indicators"][:2]}
    rows = overview({"text": text, "reference": reference})["overview"]["indicators"][0]["standardised"]["rows"]
    assert rows[1]["cells"][2]["text"] == "1,00 (som forventet)"
    assert rows[1]["verdict_key"] == "as_expected"


def test_a_file_without_bands_shows_crude_rates_only(reference):
    plain = EXAMPLE.replace("version 3", "version 2")
    start, end = plain.index("Køn;"), plain.index("Praksis;")
    lines = plain[end:].split("\n")
    lines = [";".join(line.split(";")[:6]) if line.startswith("Praksis") else line for line in lines]
    answer = overview({"text": plain[:start] + "\n".join(lines), "reference": reference})
    assert answer["ok"] is True, answer.get("error")
    assert all(indicator["standardised"] is None for indicator in answer["overview"]["indicators"])
    assert "Forventet" not in answer["csv"]


# ------------------------------------------------------------------------------------ the calculator's own row


def test_the_calculator_shows_a_practices_own_row_as_the_overview_does(reference, response):
    """Each practice compared as its own row gets, indicator by indicator, the overview's ratio and verdict."""
    file = load_cluster_file({"text": EXAMPLE, "reference": reference})["file"]
    by_indicator = [indicator["standardised"]["rows"] for indicator in response["overview"]["indicators"]]
    for index, practice in enumerate(file["practices"]):
        answer = compare_with_file(
            {
                "reference": reference,
                "cluster_file": EXAMPLE,
                "cluster_id": "datafil",
                "listed": practice["listed_text"],
                "text": practice["paste_text"],
            }
        )
        table = answer["result"]["standardised"]
        assert [row["header"] for row in table["rows"]] == [i["name"] for i in answer["result"]["indicators"]]
        for row, rows in zip(table["rows"], by_indicator):
            assert {k: v for k, v in row.items() if k != "header"} == {
                k: v for k, v in rows[index].items() if k != "header"
            }
        # The page speaks to the practice: its own patients, where the overview speaks of each practice's.
        assert table["sentences"] == [response["overview"]["standardised_text"].replace("praksis' egne", "jeres egne")]
        csv_lines = answer["csv"].split("\r\n")
        assert "Standardiseret ratio" in csv_lines[csv_lines.index(table["caption"]) + 1]


def test_numbers_that_are_no_row_of_the_file_get_no_ratio_and_say_why(reference):
    answer = compare_with_file(
        {
            "reference": reference,
            "cluster_file": EXAMPLE,
            "cluster_id": "datafil",
            "listed": "4500",
            "text": "4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000",
        }
    )
    table = answer["result"]["standardised"]
    assert table["rows"] == [] and "Jeres tal er ikke en af datafilens praksis" in table["sentences"][1]
    assert "Jeres tal er ikke en af datafilens praksis" in answer["csv"]


def file_request(reference, practice=None, profile=None, text=EXAMPLE, **extra):
    bands = {f"band-{i}": value for i, value in enumerate(profile or [])}
    numbers = (
        {"listed": practice["listed_text"], "text": practice["paste_text"]}
        if practice
        else {"listed": "4.500", "text": "4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000"}
    )
    return {"reference": reference, "cluster_file": text, "cluster_id": "datafil", **numbers, **bands, **extra}


PROFILE = [400, 800, 700, 300, 100, 420, 800, 650, 220, 110]  # 4.500


def test_a_practices_own_row_wins_over_patients_it_also_typed_and_the_csv_has_one_table(reference):
    practice = load_cluster_file({"text": EXAMPLE, "reference": reference})["file"]["practices"][0]
    profile = [0] * 9 + [practice["listed"]]  # all in one group: other ratios, were they used
    answer = compare_with_file(file_request(reference, practice, profile))
    own = compare_with_file(file_request(reference, practice))
    assert answer["result"]["standardised"] == own["result"]["standardised"]
    assert answer["csv"].count("Standardiseret ratio") == 1


def test_a_practice_that_joins_a_file_with_bands_gets_the_files_spread_for_its_typed_patients(reference):
    """Its ratio from its typed patients at the file's band rates, and the spread between the file's practices and
    it around their expected counts (never the crude spread, since the file holds their expected counts)."""
    answer = compare_with_file(file_request(reference, profile=PROFILE))
    table = answer["result"]["standardised"]
    _, practices, _ = pandas_cluster_file(EXAMPLE)
    bands = load_cluster_file({"text": EXAMPLE, "reference": reference})["file"]["bands"]
    counts = {"video": 128, "konsultationer": 21000, "aarsstatus": 1100, "telefon": 30000}
    for row_shown, indicator in zip(table["rows"], ["video", "konsultationer", "aarsstatus", "telefon"]):
        expected = sum(n * b["counts"][indicator] / b["listed"] for n, b in zip(PROFILE, bands))
        observed = [*practices[indicator].astype(int), counts[indicator]]
        forecast = [*practices[f"Forventet {indicator}"].str.replace(",", ".").astype(float), expected]
        direction, level, widened = standardised_verdict(counts[indicator], expected, observed, forecast)
        assert row_shown["expected"] == pytest.approx(expected, rel=1e-12)
        assert row_shown["verdict_text"] == verdict_words(direction, level == "99,8 %", widened, standardised=True)
    assert not any("skønnet ud fra deres rater" in sentence for sentence in table["sentences"])
    assert "jeres egne patienter" in table["sentences"][0]


@pytest.mark.parametrize("bands_in_file", [True, False], ids=["other-groups", "no-bands"])
def test_typed_patients_the_file_cannot_use_are_said_not_dropped_in_silence(reference, bands_in_file):
    if bands_in_file:  # the file's groups are not the page's boxes
        text = EXAMPLE.replace("Kvinder;0-17;", "Piger;0-17;")
    else:
        start, end = EXAMPLE.index("Køn;"), EXAMPLE.index("Praksis;")
        lines = EXAMPLE[end:].split("\n")
        lines = [";".join(line.split(";")[:6]) if line.startswith("Praksis") else line for line in lines]
        text = EXAMPLE[:start].replace("version 3", "version 2") + "\n".join(lines)
    answer = compare_with_file(file_request(reference, profile=[1] + PROFILE[1:], text=text))  # the sum is off too
    assert answer["ok"] is True, answer
    why = "datafilens grupper er ikke de samme som felterne her" if bands_in_file else "datafilen har ikke køn og alder"
    assert answer["warnings"][-1] == f"Jeres patienter efter køn og alder er ikke brugt: {why}."
    shown = answer["result"].get("standardised")
    if bands_in_file:  # the file's own rows can still give a ratio; these numbers are none of them
        assert shown["rows"] == [] and "jeres egen række i datafilen" in shown["sentences"][1]
    else:
        assert shown is None
