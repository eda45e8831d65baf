"""compare_with_file(): the calculator against a loaded cluster data file, checked against numpy and scipy."""

from __future__ import annotations

import csv
import io
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
    # a page whose demo period differs from the file's: the file's dates its numbers
    other_period = {**reference, "period": {**reference["period"], "text_and_length": "en anden periode (3 år)"}}
    response = compare_with_file(
        request(other_period, listed="4500", text="4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000")
    )
    result = response["result"]
    indicators, practices, region_listed = pandas_cluster_file(EXAMPLE)
    assert result["cluster"] == {"id": "datafil", "name": "Klynge Nord (fiktiv)"}
    assert result["fictitious"] is False
    facts = result["cluster_file"]
    assert facts["practices"] == len(practices)
    assert f"har {len(practices)} praksis" in facts["practices_text"]
    listed = practices["Tilmeldte"].to_numpy()
    own = {"video": 128, "konsultationer": 21000, "aarsstatus": 1100, "telefon": 30000}
    for item, (_, row) in zip(facts["indicators"], indicators.iterrows()):
        # the rate the practice is compared with: the file's nine practices and the practice's own numbers
        cluster = (practices[row["Indikator"]].to_numpy().sum() + own[row["Indikator"]]) / (listed.sum() + 4500) * 1000
        region = row["Regionens antal"] / region_listed * 1000
        assert item["text"] == (
            f"{row['Navn']}: klyngen med jeres tal {danish_number(cluster)}, regionen {danish_number(region)} pr. 1.000"
        )
    # the facts and the table show one figure for the cluster's rate
    assert [i["text"].split(", ")[0].split()[-1] for i in facts["indicators"]] == [
        i["pooled_rate_text"] for i in result["indicators"]
    ]
    assert result["period_text"] == "1. januar 2024 – 31. december 2025 (2 år)"  # the file's, not the page's
    rows = list(csv.reader(io.StringIO(response["csv"][1:], newline=""), delimiter=";"))
    context = dict(rows[: rows.index([])])
    assert (context["Periode"], context["Klyngens tal"]) == (result["period_text"], "rigtige data")
    # The comparison itself: against the file's nine practices, not a demo cluster. These numbers are no row's, so
    # the practice joins the cluster as a tenth.
    assert facts["own_row"] is None and "lagt til klyngen som en praksis mere" in facts["practices_text"]
    video = result["indicators"][0]
    rates = practices["video"].to_numpy() / listed * 1000
    assert video["m"] == len(practices)
    assert video["cluster_stats_text"]["median"] == danish_number(float(np.median([*rates, 128 / 4.5])))


@pytest.mark.parametrize("row_label", [None, "Praksis D"])
def test_a_practices_own_row_is_counted_once(reference, row_label):
    """Picked on the page (»row«) or pasted with exactly its numbers: the practice is its row, its position among
    the eight others, its events once in the cluster's rate."""
    practice = load_cluster_file({"text": EXAMPLE, "reference": reference})["file"]["practices"][3]
    assert practice["label"] == "Praksis D"
    extra = {} if row_label is None else {"row": row_label}
    response = compare_with_file(
        request(reference, listed=practice["listed_text"], text=practice["paste_text"], **extra)
    )
    facts = response["result"]["cluster_file"]
    assert facts["own_row"] == "Praksis D"
    assert "tæller med én gang i klyngens rate" in facts["practices_text"]
    assert ("de samme som »Praksis D«" in facts["practices_text"]) == (row_label is None)
    _, practices, _ = pandas_cluster_file(EXAMPLE)
    listed = practices["Tilmeldte"].to_numpy()
    for indicator in response["result"]["indicators"]:
        counts = practices[indicator["id"]].to_numpy()
        assert indicator["pooled_rate"] == pytest.approx(counts.sum() / listed.sum() * 1000, rel=1e-12)
        assert indicator["m"] == len(practices) - 1
        others = np.delete(counts / listed * 1000, 3)
        assert indicator["n_equal"] == int(np.sum(others == counts[3] / listed[3] * 1000))
        assert "(lige med" not in indicator["position_text"] or indicator["n_equal"] > 0


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
