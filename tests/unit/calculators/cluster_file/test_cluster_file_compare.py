"""compare_with_file(): the calculator against a loaded cluster data file, checked against numpy and scipy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from independent import danish_number, numpy_cluster_overview, pandas_cluster_file

from calculators.cluster_file.compare import compare_with_file
from calculators.cluster_file.load import load_cluster_file
from macros.reference import reference_json

ROOT = Path(__file__).resolve().parents[4]
EXAMPLE = (ROOT / "docs" / "klyngepakker" / "videokonsultationer" / "eksempel-klyngedata.csv").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def reference():
    return reference_json(ROOT, "videokonsultationer")


def request(reference, **fields):
    return {"reference": reference, "cluster_file": EXAMPLE, "cluster_id": "datafil", **fields}


def test_a_practice_row_compared_with_its_file_matches_the_overview(reference):
    """A practice choosing its own row gets the verdicts the overview shows for it, computed independently."""
    file = load_cluster_file({"text": EXAMPLE, "reference": reference})["file"]
    expected = numpy_cluster_overview(EXAMPLE)
    for index, practice in enumerate(file["practices"]):
        response = compare_with_file(request(reference, listed=practice["listed_text"], text=practice["paste_text"]))
        assert response["ok"] is True, response
        got = [
            (i["count"], i["rate_text"], i["interval_text"], i["verdict_text"])
            for i in response["result"]["indicators"]
        ]
        want = [
            (row[2], danish_number(row[3]), f"{danish_number(row[4])}–{danish_number(row[5])}", row[6])
            for row in (expected[key]["rows"][index] for key in expected)
        ]
        assert got == want


def test_the_result_names_the_practices_and_the_region(reference):
    response = compare_with_file(
        request(reference, listed="4500", text="4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000")
    )
    result = response["result"]
    indicators, practices, region_listed = pandas_cluster_file(EXAMPLE)
    assert result["cluster"] == {"id": "datafil", "name": "Klynge Nord (fiktiv)"}
    assert result["fictitious"] is False
    facts = result["cluster_file"]
    assert facts["practices"] == len(practices)
    assert f"har {len(practices)} praksis" in facts["practices_text"]
    listed = practices["Tilmeldte"].to_numpy()
    for item, (_, row) in zip(facts["indicators"], indicators.iterrows()):
        cluster = practices[row["Indikator"]].to_numpy().sum() / listed.sum() * 1000
        region = row["Regionens antal"] / region_listed * 1000
        assert (
            item["text"]
            == f"{row['Navn']}: klyngen {danish_number(cluster)}, regionen {danish_number(region)} pr. 1.000"
        )
    # The comparison itself: against the file's nine practices, not a demo cluster.
    video = result["indicators"][0]
    rates = practices["video"].to_numpy() / listed * 1000
    assert video["m"] == len(practices)
    assert video["cluster_stats_text"]["median"] == danish_number(float(np.median(rates)))


def test_a_demo_cluster_is_still_compared_as_before(reference):
    response = compare_with_file(
        request(
            reference,
            cluster_id=reference["clusters"][0]["id"],
            listed="4500",
            text="4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000",
        )
    )
    assert response["ok"] is True and "cluster_file" not in response["result"]
    assert response["result"]["cluster"]["id"] == reference["clusters"][0]["id"]


def test_a_bad_file_is_the_file_fields_error(reference):
    response = compare_with_file(
        {
            **request(reference, listed="4500", text="0101;1"),
            "cluster_file": EXAMPLE.replace("Praksis;Tilmeldte;", "Praksis;Tilmeldt;"),
        }
    )
    assert response["ok"] is False and response["field"] == "cluster_file" and "linje" in response["error"]
