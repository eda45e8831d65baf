"""overview(): every practice of a cluster data file judged against its cluster, checked against numpy and scipy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from independent import danish_number, numpy_cluster_overview, pandas_cluster_file

from calculators.cluster_file.overview import overview, short_label
from macros.reference import reference_json

ROOT = Path(__file__).resolve().parents[4]
EXAMPLE = (ROOT / "docs" / "klyngepakker" / "videokonsultationer" / "eksempel-klyngedata.csv").read_text(
    encoding="utf-8"
)
OPEN = EXAMPLE.replace("Data;anonyme", "Data;åbne").replace("Praksis A;", "Lægehuset Øst;")


# A cluster whose practices differ only as chance would make them: the plain Poisson verdict, not the widened one.
def _even_video(text: str) -> str:
    """Every practice's video count at 30 per 1.000 of its list size, with one practice far above it."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        fields = line.split(";")
        if fields[0].startswith("Praksis ") and fields[1].isdigit():
            fields[2] = str(round(int(fields[1]) * (0.042 if fields[0] == "Praksis D" else 0.03)))
            lines[n] = ";".join(fields)
    return "\n".join(lines)


EVEN = _even_video(EXAMPLE)


@pytest.fixture(scope="module")
def reference():
    return reference_json(ROOT, "videokonsultationer")


@pytest.mark.parametrize("text", [EXAMPLE, OPEN], ids=["anonymous", "open"])
def test_every_practice_matches_an_independent_computation(reference, text):
    response = overview({"text": text, "reference": reference})
    assert response["ok"] is True
    assert json.loads(json.dumps(response, allow_nan=False)) == response
    expected = numpy_cluster_overview(text)
    shown = {indicator["id"]: indicator for indicator in response["overview"]["indicators"]}
    assert list(shown) == list(expected)
    for key, want in expected.items():
        got = shown[key]
        assert got["cluster_rate"] == pytest.approx(want["cluster_rate"], rel=1e-12)
        assert got["region_rate_text"] == danish_number(want["region_rate"])
        assert got["cluster_rate_text"] == danish_number(want["cluster_rate"])
        rows = [
            (p["label"], p["listed"], p["count"], p["rate_text"], p["interval_text"], p["verdict_text"])
            for p in got["practices"]
        ]
        assert rows == [
            (label, n, count, danish_number(rate), f"{danish_number(low)}–{danish_number(high)}", verdict)
            for label, n, count, rate, low, high, verdict in want["rows"]
        ]
        for p, (_, _, _, rate, low, high, _) in zip(got["practices"], want["rows"]):
            assert (p["rate"], p["lower"], p["upper"]) == pytest.approx((rate, low, high), rel=1e-9, abs=1e-12)


def test_the_example_has_practices_outside_the_limits(reference):
    """The example must show the meeting something to talk about, or the test above checks only
    "no clear difference"."""
    verdicts = {row[-1] for indicator in numpy_cluster_overview(EXAMPLE).values() for row in indicator["rows"]}
    assert verdicts - {
        "Ingen tydelig forskel fra klyngens samlede rate",
        "Inden for spredningen mellem klyngens praksis",
    }


def test_a_cluster_without_widening_uses_the_plain_comparison(reference):
    expected = numpy_cluster_overview(EVEN)
    response = overview({"text": EVEN, "reference": reference})
    video = next(i for i in response["overview"]["indicators"] if i["id"] == "video")
    assert video["overdispersion_text"] is None  # else this would test the widened limits again
    assert {row[-1] for row in expected["video"]["rows"]} - {
        "Ingen tydelig forskel fra klyngens samlede rate",
        "Inden for spredningen mellem klyngens praksis",
    }
    assert [p["verdict_text"] for p in video["practices"]] == [row[-1] for row in expected["video"]["rows"]]


def test_labels_in_the_chart(reference):
    assert short_label("Praksis AB", False) == "AB"
    assert short_label("Lægehuset Øst", True) == "Lægehuset Øst"
    assert short_label("Lægerne i Sundhedshuset ved Banegården", True) == "Lægerne i Sundh…"  # 16 characters
    chart_labels = [
        p["short_label"]
        for p in overview({"text": EXAMPLE, "reference": reference})["overview"]["indicators"][0]["practices"]
    ]
    assert chart_labels == [label.removeprefix("Praksis ") for label in pandas_cluster_file(EXAMPLE)[1]["Praksis"]]


def test_csv_has_every_practice_and_the_region(reference):
    response = overview({"text": EXAMPLE, "reference": reference})
    lines = response["csv"].lstrip("\ufeff").split("\r\n")
    indicators, practices, region_listed = pandas_cluster_file(EXAMPLE)
    context = dict(line.split(";") for line in lines[: lines.index("")])
    assert context == {
        "Klyngepakke": "Videokonsultationer i almen praksis",
        "Klynge": "Klynge Nord (fiktiv)",
        "Periode": "1. januar 2024 – 31. december 2025 (2 år)",  # the file's own period
        "Data fra": "30. november 2026",
        "Rater": "pr. 1.000 tilmeldte på 2 år",
    }
    table = lines[lines.index("") + 1 :]
    assert table[0].split(";")[4] == "Rate pr. 1.000 på 2 år"
    assert len([line for line in table if line]) == 1 + len(indicators) * (len(practices) + 2)
    region = [line.split(";") for line in lines if line.startswith("Videokonsultationer;Regionen;")][0]
    video = int(indicators.loc[indicators["Indikator"] == "video", "Regionens antal"].iloc[0])
    assert region[2:5] == [str(region_listed), str(video), danish_number(video / region_listed * 1000).replace(".", "")]


def test_a_bad_file_names_the_line(reference):
    response = overview(
        {"text": EXAMPLE.replace("Praksis C;10355;125;", "Praksis C;10355;12,5;"), "reference": reference}
    )
    assert response["ok"] is False and "linje 33" in response["error"]


def test_no_events_where_many_are_expected_is_said_neutrally(reference):
    """The example's Praksis E and H have no video consultations where the cluster's rate expects hundreds: whatever
    the verdict (inside the wide spread), the overview names them, with what the pooled rate expects."""
    indicators, practices, _ = pandas_cluster_file(EXAMPLE)
    listed = practices["Tilmeldte"].to_numpy()
    video = next(
        i for i in overview({"text": EXAMPLE, "reference": reference})["overview"]["indicators"] if i["id"] == "video"
    )
    pooled = practices["video"].sum() / listed.sum() * 1000
    named = [
        f"{label} (omkring {danish_number(round(pooled * n / 1000), 0)})"
        for label, n, count in zip(practices["Praksis"], listed, practices["video"])
        if count == 0 and pooled * n / 1000 >= 10
    ]
    assert len(named) == 2
    assert video["none_sentence"] == (
        f"Ingen ydelser, hvor klyngens samlede rate svarer til mange: {named[0]} og {named[1]}. Det er værd at tage "
        "op på klyngemødet."
    )
    assert video["overdispersion_text"].startswith("Klyngens praksis er meget forskellige: Videokonsultationer fra 0,0")
    assert "hver praksis' rate" in video["overdispersion_text"]
    assert video["limits_text"] == "grænserne for spredningen mellem klyngens praksis (95 % og 99,8 %)"
