"""load_cluster_file: the worker's entry for a loaded cluster data file, never raising for a user's file."""

from __future__ import annotations

import json

import numpy as np
import pytest
from independent import scipy_rate_ci
from small_cluster_file import EXAMPLE, PRACTICES

from calculators import run
from calculators.cluster_file.load import load_cluster_file
from calculators.cluster_file.write import write_cluster_file
from calculators.csv_writer import BOM

REFERENCE = {
    "pack": "videokonsultationer",
    "name": "Videokonsultationer i almen praksis",
    "period": {
        "first": "2022-01-01",
        "last": "2023-12-31",
        "text": "…",
        "length": "2 år",
        "text_and_length": "…",
        "unit": "…",
    },
    "fictitious": False,
    "indicators": [
        {"id": "video", "name": "Videokonsultationer", "codes": ["4436", "1003"]},
        {"id": "konsultationer", "name": "Konsultationer", "codes": ["0101"]},
    ],
    "clusters": [],
}


def loaded(text=None, reference=REFERENCE):
    return load_cluster_file({"text": write_cluster_file(EXAMPLE) if text is None else text, "reference": reference})


def test_a_good_file_comes_back_as_plain_json():
    response = loaded()
    assert response["ok"] is True
    assert json.loads(json.dumps(response, allow_nan=False)) == response
    file = response["file"]
    assert file["cluster_name"] == "Klynge Viborg; Nord"
    assert file["period"] == {  # the file's own, not the page's
        "first": "2024-01-01",
        "last": "2025-12-31",
        "text": "1. januar 2024 – 31. december 2025",
        "length": "2 år",
        "text_and_length": "1. januar 2024 – 31. december 2025 (2 år)",
        "unit": "pr. 1.000 tilmeldte på 2 år",
    }
    assert (file["date"], file["date_text"]) == ("2026-11-30", "30. november 2026")
    assert file["open"] is False
    assert [p["label"] for p in file["practices"]] == [p.label for p in PRACTICES]
    assert file["practices"][0]["listed_text"] == "10.432"
    assert file["region"] == {"practices": 56, "listed": 432187, "listed_text": "432.187"}


def test_rates_of_cluster_and_region():
    file = loaded()["file"]
    listed = np.array([p.listed for p in PRACTICES])
    video_counts = np.array([p.counts[0] for p in PRACTICES])
    video = file["indicators"][0]
    assert video["cluster_rate"] == pytest.approx(video_counts.sum() / listed.sum() * 1000, rel=1e-12)
    assert video["cluster_rate_text"] == "57,6"  # 2369 / 41143 * 1000 = 57.58…
    assert video["region_rate"] == pytest.approx(14021 / 432187 * 1000, rel=1e-12)
    assert video["region_rate_text"] == "32,4"


def test_the_cluster_is_compared_against_by_the_calculator():
    cluster = loaded()["file"]["cluster"]
    response = run(
        {
            "text": "4436;30\n1003;2\n0101;6.000",
            "listed": "2.000",
            "cluster_id": cluster["id"],
            "reference": {**REFERENCE, "clusters": [cluster]},
            "listed_checked": True,  # a year's counts against the file's two years: checked and meant
        }
    )
    assert response["ok"] is True
    video = response["result"]["indicators"][0]
    rates = np.array([p.counts[0] / p.listed * 1000 for p in PRACTICES] + [32 / 2])  # and the practice, joined
    assert video["cluster_stats"]["median"] == pytest.approx(np.median(rates), rel=1e-12)
    assert video["m"] == len(PRACTICES)


def test_a_bad_file_gives_the_readers_message():
    response = loaded(text=BOM + "klynge;tilmeldte\r\n")
    assert response == {"ok": False, "error": response["error"]}
    assert "ikke en klyngedatafil" in response["error"]
    assert loaded(text="")["ok"] is False
    assert load_cluster_file({"reference": REFERENCE})["error"].startswith("Klyngedatafilen er tom")


def test_a_file_for_another_pack_or_other_indicators_is_refused():
    other_pack = loaded(reference={**REFERENCE, "pack": "antibiotika", "name": "Antibiotika"})
    assert other_pack["ok"] is False
    assert "til klyngepakken »Videokonsultationer i almen praksis«, ikke til »Antibiotika«" in other_pack["error"]
    changed = [{**REFERENCE["indicators"][0], "codes": ["4436"]}, REFERENCE["indicators"][1]]
    other_codes = loaded(reference={**REFERENCE, "indicators": changed})
    assert other_codes["ok"] is False
    assert "andre indikatorer, navne eller ydelseskoder" in other_codes["error"]
    # a file that shows the pack's counts under another name (only ids and codes used to be checked)
    renamed = write_cluster_file(EXAMPLE).replace(";Videokonsultationer;", ";Telefonkonsultationer;")
    assert loaded(renamed)["ok"] is False


def test_each_practice_rate_and_interval_as_scipy_has_them():
    file = loaded()["file"]
    for practice, written in zip(PRACTICES, file["practices"]):
        for indicator, count in zip(["video", "konsultationer"], practice.counts):
            shown = written["rates"][indicator]
            expected = scipy_rate_ci(count, practice.listed)
            assert shown["count"] == count
            assert (shown["rate"], shown["lower"], shown["upper"]) == pytest.approx(expected, rel=1e-9, abs=1e-12)
    praksis_e = file["practices"][4]["rates"]["video"]  # 0 of 2,210: the exact interval from 0
    assert (praksis_e["rate_text"], praksis_e["interval_text"]) == ("0,0", "0,0–1,7")
    assert file["practices"][0]["rates"]["konsultationer"]["count_text"] == "69.875"
