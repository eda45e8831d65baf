"""summary_sentences: what stands out, in a few plain Danish sentences.

Cluster A's consultation counts (6,000, 5,000, 7,000, 6,500 and 5,500 for 2,000 patients each) differ far more than
Poisson noise: its limits are widened (checked against numpy in test_overdispersion.py), which one sentence says.
"""

from __future__ import annotations

import dataclasses

import pytest

from calculators.comparison.compare import compare_with_cluster
from calculators.comparison.summary import summary_sentences


def comparison(counts, listed, indicators, cluster):
    return compare_with_cluster({"1003": 0, **counts}, listed, indicators, cluster)


WIDENED = (
    "For Konsultationer er klyngens praksis indbyrdes mere forskellige, end tilfældigheder kan forklare, så "
    "grænserne for en tydelig forskel er gjort bredere (et usikkert skøn, da klyngen kun har 5 praksis)."
)


def test_all_as_expected(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 20, "0101": 6000}, 2000, indicators, cluster_a))
    assert sentences == [
        "Alle jeres rater ligger tæt på klyngens samlede rate: forskellene er ikke større, "
        "end tilfældigheder kan forklare.",
        WIDENED,
    ]


def test_no_widening_sentence_when_the_spread_is_noise(indicators, cluster_a):
    cluster_a["counts"]["konsultation"] = [6000, 6030, 5950, 6010, 6010]
    sentences = summary_sentences(comparison({"4436": 20, "0101": 6000}, 2000, indicators, cluster_a))
    assert len(sentences) == 1 and "bredere" not in sentences[0]


def test_indicators_not_computed_are_left_out(indicators, cluster_a):
    result = compare_with_cluster({"4436": 36, "1003": 0}, 2000, indicators, cluster_a)
    sentences = summary_sentences(result)
    assert sentences == [
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, tydeligt også ved 99,8 %-grænsen."
    ]
    assert "Konsultationer" not in " ".join(sentences)


def test_higher_with_level_and_the_rest_as_expected(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 36, "0101": 6000}, 2000, indicators, cluster_a))
    assert sentences == [
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, tydeligt også ved 99,8 %-grænsen.",
        "For de øvrige er der ingen tydelig forskel fra klyngens samlede rate.",
        WIDENED,
    ]


def test_higher_and_lower_in_one_sentence(indicators, cluster_a):
    # pooled consultation rate of cluster A is 30,000 / 10,000 * 1,000 = 3,000 per 1,000
    # even with widened limits, 1,000 where 6,000 are expected is far below
    sentences = summary_sentences(comparison({"4436": 30, "0101": 1000}, 2000, indicators, cluster_a))
    assert sentences == [
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer og lavere for Konsultationer; ved "
        "99,8 %-grænsen er forskellen tydelig for Konsultationer, ved 95 %-grænsen for Videokonsultationer.",
        WIDENED,
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
    assert 1 <= len(sentences) <= 4
    text = " ".join(sentences).lower()
    assert all(sentence.endswith(".") for sentence in sentences)
    assert not any(word in text for word in ("bedre", "dårligere", "værre", "dårlig", "forventet"))
    assert text.count("99,8 %") <= 1 and text.count("95 %") <= 1


def test_three_indicators_are_listed_with_og(indicators, cluster_a):
    indicators.append({"id": "tlf", "name": "Telefonkonsultationer", "codes": ["0201"]})
    cluster_a["counts"]["tlf"] = [2000] * 5
    result = comparison({"4436": 200, "0101": 30000, "0201": 4000}, 2000, indicators, cluster_a)
    assert summary_sentences(result)[0] == (
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, Konsultationer og "
        "Telefonkonsultationer, tydeligt også ved 99,8 %-grænsen."
    )
    assert dataclasses.is_dataclass(result)


def test_a_difference_only_at_the_95_limit_says_so(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 30, "0101": 6000}, 2000, indicators, cluster_a))
    assert sentences[0] == (
        "Jeres rate er højere end klyngens samlede rate for Videokonsultationer, tydeligt ved 95 %-grænsen, "
        "ikke ved 99,8 %-grænsen."
    )
