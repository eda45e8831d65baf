"""A practice without a cluster data file types its patients by sex and age: its standardised ratios beside its
rates, expected counts from the pack's reference bands, checked against numpy and scipy; every mistake said in
Danish on the field it is in, and nothing typed is needed when the fields are left empty."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from independent import (
    numpy_overdispersed_verdict,
    numpy_overdispersion,
    scipy_rate_ci,
    scipy_verdict,
    verdict_words,
)

from calculators import run
from macros.reference import reference_json

ROOT = Path(__file__).resolve().parents[4]
PASTE = "4436;120\n1003;8\n0101;21000\n0120;1100\n0201;30000"
PROFILE = [400, 800, 700, 300, 100, 420, 800, 650, 220, 10]  # 4.400 patients, older than the reference


@pytest.fixture(scope="module")
def reference():
    return reference_json(ROOT, "videokonsultationer")


def request(reference, profile=PROFILE, listed="4.400", cluster=0):
    bands = {f"band-{i}": value for i, value in enumerate(profile)}
    return {
        "reference": reference,
        "cluster_id": reference["clusters"][cluster]["id"],
        "listed": listed,
        "text": PASTE,
        "today": "2026-12-04",
        **bands,
    }


@pytest.mark.parametrize("cluster", [0, 1, 2, 3])
def test_the_ratios_match_numpy_and_scipy(reference, cluster):
    response = run(request(reference, cluster=cluster))
    assert response["ok"] is True, response
    table = response["result"]["standardised"]
    counts = {"video": 128, "konsultationer": 21000, "aarsstatus": 1100, "telefon": 30000}
    members = reference["clusters"][cluster]
    for row, indicator in zip(table["rows"], reference["indicators"]):
        band_listed = np.array([band["listed"] for band in reference["bands"]], dtype=float)
        band_counts = np.array([band["counts"][indicator["id"]] for band in reference["bands"]], dtype=float)
        expected = float(np.dot(PROFILE, band_counts / band_listed))
        observed = counts[indicator["id"]]
        assert row["header"] == indicator["name"]
        assert row["expected"] == pytest.approx(expected, rel=1e-12)
        assert (row["ratio"], row["lower"], row["upper"]) == pytest.approx(
            scipy_rate_ci(observed, expected, per=1), rel=1e-9
        )
        # The spread is the crude comparison's: the cluster's practices with this one among them.
        _, tau2 = numpy_overdispersion([*members["counts"][indicator["id"]], observed], [*members["listed"], 4400])
        if tau2 > 0:
            direction, strict = (
                numpy_overdispersed_verdict([observed], expected, 1.0, tau2, lv, per=1)[0] for lv in (0.95, 0.998)
            )
        else:
            direction, strict = (scipy_verdict([observed], expected, 1.0, lv, per=1)[0] for lv in (0.95, 0.998))
        assert row["verdict_text"] == verdict_words(direction, strict, tau2 > 0, standardised=True)
    assert table["sentences"][0].startswith("Den standardiserede ratio tager højde for køn og alder")
    widened = any(i["overdispersion"] and i["overdispersion"]["widened"] for i in response["result"]["indicators"])
    assert ("skønnet ud fra deres rater" in " ".join(table["sentences"])) == widened
    assert "Standardiseret for køn og alder" in response["csv"]


def test_empty_fields_ask_for_nothing_and_give_crude_rates_only(reference):
    response = run(request(reference, profile=[""] * 10))
    assert response["ok"] is True and "standardised" not in response["result"]
    assert "Standardiseret" not in response["csv"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({3: ""}, "band-3", "Skriv antallet af patienter i gruppen kvinder 65-79 (0, hvis I ingen har)"),
        ({0: "12,5"}, "band-0", "Kvinder 0-17: »12,5« er ikke et helt tal."),
        ({9: "-3"}, "band-9", "Mænd 80+: »-3« er negativt."),
        ({5: "mange"}, "band-5", "Mænd 0-17: »mange« er ikke et tal."),
    ],
)
def test_a_mistake_in_a_group_is_said_on_its_field(reference, change, field, message):
    profile = [change.get(i, value) for i, value in enumerate(PROFILE)]
    response = run(request(reference, profile=profile))
    assert response["ok"] is False and response["field"] == field and response["error"].startswith(message)


def test_groups_that_do_not_add_up_to_the_listed_patients_are_questioned_before_any_ratio(reference):
    response = run(request(reference, listed="4.500"))
    assert response["ok"] is False and response["field"] == "band-0"
    assert response["error"] == (
        "Jeres patienter efter køn og alder er 4.400 i alt, men antal tilmeldte patienter er 4.500. Tallene skal "
        "passe sammen: ret enten grupperne eller antal tilmeldte."
    )


def test_patients_in_a_group_the_reference_has_none_in_are_said(reference):
    bands = [dict(band) for band in reference["bands"]]
    bands[9] = {**bands[9], "listed": 0, "counts": dict.fromkeys(bands[9]["counts"], 0)}
    response = run(request({**reference, "bands": bands}))
    assert response["ok"] is False and response["field"] == "band-9"
    assert "Regionens tal har ingen patienter i gruppen mænd 80+" in response["error"]


def test_a_practice_like_the_reference_in_every_group_gets_ratios_of_one(reference):
    """Counts at exactly the reference's band rates: every ratio 1,00, whatever the age profile."""
    bands = reference["bands"]
    profile = [band["listed"] // 100 for band in bands]
    counts = {
        i["id"]: sum(p * band["counts"][i["id"]] / band["listed"] for p, band in zip(profile, bands))
        for i in reference["indicators"]
    }
    paste = "\n".join(
        f"{code};{round(counts[i['id']]) if n == 0 else 0}"
        for i in reference["indicators"]
        for n, code in enumerate(i["codes"])
    )
    response = run({**request(reference, profile=profile, listed=str(sum(profile))), "text": paste})
    for row in response["result"]["standardised"]["rows"]:
        assert row["cells"][2]["text"] == "1,00 (som forventet)"
