"""summary_sentences: what stands out, in a few plain Danish sentences.

The practice joins the cluster it is compared with, so in a cluster of five one practice that stands out widens its
own limits. These tests are about the sentences, so most use a cluster of 40 practices (`wide`), where one practice
moves the spread little: video at 20 per 2,000 patients in every practice, consultations 6,000, 5,000, 7,000, 6,500
and 5,500 per 2,000 over and over, which differ far more than Poisson noise: their limits are widened (checked
against numpy in test_overdispersion.py), which one sentence says. Each test first checks the verdicts it needs.
"""

from __future__ import annotations

import dataclasses

import pytest

from calculators.comparison.compare import compare_with_cluster
from calculators.comparison.summary import summary_sentences


def comparison(counts, listed, indicators, cluster):
    return compare_with_cluster({"1003": 0, **counts}, listed, indicators, cluster)


def verdicts(result) -> list[tuple[str, str | None]]:
    return [({1: "Højere", -1: "Lavere", 0: "Ingen"}[r.direction], r.level) for r in result.indicators]


@pytest.fixture
def wide() -> dict:
    return {
        "id": "W",
        "name": "Klynge W",
        "listed": [2000] * 40,
        "counts": {"video": [20] * 40, "konsultation": [6000, 5000, 7000, 6500, 5500] * 8},
    }


# Consultations run from 2.500 to 3.500 per 1.000 in every fifth practice; the practice at 6.000 of 2.000 is one more.
WIDENED = (
    "Klyngens praksis er meget forskellige: Konsultationer fra 2.500,0 til 3.500,0 pr. 1.000. Det er mere, end "
    "tilfældigheder kan forklare, så her vurderes jeres rate mod spredningen mellem klyngens praksis."
)


def test_all_as_expected(indicators, wide):
    sentences = summary_sentences(comparison({"4436": 20, "0101": 6000}, 2000, indicators, wide))
    assert sentences == [
        "Konsultationer ligger inden for spredningen mellem klyngens praksis, og Videokonsultationer adskiller sig "
        "ikke tydeligt fra klyngens samlede rate.",
        WIDENED,
    ]
    text = " ".join(sentences)
    assert "tæt på" not in text and "ingen tydelig forskel" not in text.lower()


def test_no_widening_sentence_when_the_spread_is_noise(indicators, cluster_a):
    cluster_a["counts"]["konsultation"] = [6000, 6030, 5950, 6010, 6010]
    sentences = summary_sentences(comparison({"4436": 20, "0101": 6000}, 2000, indicators, cluster_a))
    assert len(sentences) == 1 and "bredere" not in sentences[0]


def test_indicators_not_computed_are_left_out(indicators, wide):
    result = compare_with_cluster({"4436": 40, "1003": 0}, 2000, indicators, wide)
    assert verdicts(result)[0] == ("Højere", "99,8 %")
    sentences = summary_sentences(result)
    assert sentences == [
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, uden for både 95 %- og 99,8 %-grænsen."
    ]
    assert "Konsultationer" not in " ".join(sentences)


def test_higher_with_level_and_the_rest_as_expected(indicators, wide):
    result = comparison({"4436": 40, "0101": 6000}, 2000, indicators, wide)
    assert verdicts(result) == [("Højere", "99,8 %"), ("Ingen", None)]
    sentences = summary_sentences(result)
    assert sentences == [
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, uden for både 95 %- og "
        "99,8 %-grænsen.",
        "De øvrige rater ligger inden for spredningen mellem klyngens praksis.",
        WIDENED,
    ]


def test_higher_and_lower_in_one_sentence(indicators, wide):
    # Even with widened limits, 1,000 consultations where about 6,000 are expected is far below.
    result = comparison({"4436": 31, "0101": 1000}, 2000, indicators, wide)
    assert verdicts(result) == [("Højere", "95 %"), ("Lavere", "99,8 %")]
    sentences = summary_sentences(result)
    assert sentences == [
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer og lavere for Konsultationer; uden "
        "for 99,8 %-grænsen for Konsultationer, kun uden for 95 %-grænsen for Videokonsultationer.",
        WIDENED.replace("fra 2.500,0", "fra 500,0"),  # the practice's own rate is the cluster's lowest
    ]


def test_few_expected_events_caution_names_the_indicator(indicators):
    # Video at 2 per 1.000 in the cluster: 4 expected for 2.000 patients, whatever the practice had.
    cluster = {
        "id": "R",
        "name": "Rolig",
        "listed": [2000] * 5,
        "counts": {"video": [4] * 5, "konsultation": [6000] * 5},
    }
    for count in (0, 4, 30):
        sentences = summary_sentences(comparison({"4436": count, "0101": 6000}, 2000, indicators, cluster))
        assert sentences[-1] == (
            "Vær varsom med Videokonsultationer: ud fra klyngens samlede rate ventes under 10 ydelser hos jer, så "
            "tilfældigheder fylder meget."
        )


def test_no_caution_for_few_observed_where_many_are_expected(indicators, cluster_a):
    # 8 where cluster A's rate expects 20: a result to read, not a small number to be wary of.
    sentences = summary_sentences(comparison({"4436": 8, "0101": 6000}, 2000, indicators, cluster_a))
    assert not any("Vær varsom" in sentence for sentence in sentences)


def test_small_list_caution_covers_everything(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 4, "0101": 2400}, 800, indicators, cluster_a))
    assert sentences[-1] == (
        "Jeres praksis har under 1.000 tilmeldte patienter, så tilfældigheder fylder meget i alle tallene."
    )
    assert 1 <= len(sentences) <= 4


@pytest.mark.parametrize("video", [0, 3, 8, 11, 20, 30, 36, 400])
@pytest.mark.parametrize("visits", [10, 5000, 6000, 9000])
@pytest.mark.parametrize("listed", [700, 2000])
def test_always_one_to_four_sentences_and_neutral(video, visits, listed, indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": video, "0101": visits}, listed, indicators, cluster_a))
    assert 1 <= len(sentences) <= 5
    text = " ".join(sentences).lower()
    assert all(sentence.endswith(".") for sentence in sentences)
    assert not any(word in text for word in ("bedre", "dårligere", "værre", "dårlig", "forventet"))
    assert text.count("99,8 %") <= 1 and text.count("95 %") <= 1


def test_three_indicators_are_listed_with_og(indicators, wide):
    indicators.append({"id": "tlf", "name": "Telefonkonsultationer", "codes": ["0201"]})
    wide["counts"]["tlf"] = [2000] * 40
    result = comparison({"4436": 200, "0101": 30000, "0201": 4000}, 2000, indicators, wide)
    assert {level for _, level in verdicts(result)} == {"99,8 %"}
    assert summary_sentences(result)[0] == (
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, Konsultationer og "
        "Telefonkonsultationer, uden for både 95 %- og 99,8 %-grænsen."
    )
    assert dataclasses.is_dataclass(result)


def test_a_difference_only_at_the_95_limit_says_so(indicators, wide):
    result = comparison({"4436": 31, "0101": 6000}, 2000, indicators, wide)
    assert verdicts(result)[0] == ("Højere", "95 %")
    sentences = summary_sentences(result)
    assert sentences[0] == (
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, uden for 95 %-grænsen, men inden "
        "for 99,8 %-grænsen."
    )


def test_a_practice_with_most_of_the_clusters_patients_is_told_it_weighs_heavily():
    """Five practices, one with 71 % of the patients (the issue's example): its own events are most of the rate it is
    compared with, and the page says so; a practice with a fifth of the patients is not told."""
    indicators = [{"id": "video", "name": "Videokonsultationer", "codes": ["4436"]}]
    cluster = {
        "id": "F",
        "name": "Fem",
        "listed": [30000, 3000, 3500, 2800, 3200],
        "counts": {"video": [1500, 60, 80, 50, 70]},
    }
    big = compare_with_cluster({"4436": 1500}, 30000, indicators, cluster, own_row=0)
    assert round(big.patient_share, 3) == 0.706
    assert any("71 % af klyngens tilmeldte patienter" in sentence for sentence in summary_sentences(big))
    small = compare_with_cluster({"4436": 60}, 3000, indicators, cluster, own_row=1)
    assert not any("vejer tungt" in sentence for sentence in summary_sentences(small))


def test_none_where_many_are_expected_gets_its_own_sentence(indicators, wide):
    """0 video consultations for 2.000 patients where the cluster's rate (800 of 82.000) expects about 20."""
    sentences = summary_sentences(comparison({"4436": 0, "0101": 6000}, 2000, indicators, wide))
    expected = round(800 / 82000 * 2000)
    assert (
        f"I har ingen ydelser for Videokonsultationer, hvor klyngens samlede rate svarer til omkring {expected} hos "
        "jer. Det er værd at tage op på klyngemødet."
    ) in sentences
    quiet = {"id": "Q", "name": "Q", "listed": [2000] * 5, "counts": {"video": [2] * 5, "konsultation": [6000] * 5}}
    assert not any(
        "ingen ydelser" in s for s in summary_sentences(comparison({"4436": 0, "0101": 6000}, 2000, indicators, quiet))
    )
