"""summary_sentences: what stands out, in two or three plain Danish sentences."""

from __future__ import annotations

import dataclasses

import pytest

from calculators import compare_with_cluster, summary_sentences


def comparison(counts, listed, indicators, cluster):
    return compare_with_cluster(counts, listed, indicators, cluster)


def test_all_as_expected(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 20, "0101": 6000}, 2000, indicators, cluster_a))
    assert sentences == [
        "Alle jeres rater ligger som forventet: forskellene til klyngens samlede rate er ikke større, "
        "end tilfældigheder kan forklare."
    ]


def test_higher_with_level_and_the_rest_as_expected(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 36, "0101": 6000}, 2000, indicators, cluster_a))
    assert sentences == [
        "Sammenlignet med klyngens samlede rate er jeres rate højere end forventet for "
        "Videokonsultationer (99,8 %-niveau).",
        "De øvrige ligger som forventet.",
    ]


def test_higher_and_lower_in_one_sentence(indicators, cluster_a):
    # pooled consultation rate of cluster A is 30,000 / 10,000 * 1,000 = 3,000 per 1,000
    sentences = summary_sentences(comparison({"4436": 30, "0101": 5000}, 2000, indicators, cluster_a))
    assert sentences == [
        "Sammenlignet med klyngens samlede rate er jeres rate højere end forventet for Videokonsultationer "
        "(95 %-niveau) og lavere end forventet for Konsultationer (99,8 %-niveau)."
    ]


def test_few_events_caution_names_the_indicator(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 8, "0101": 6000}, 2000, indicators, cluster_a))
    assert sentences[-1] == (
        "Vær varsom med Videokonsultationer: tallet bygger på under 10 ydelser, så tilfældigheder fylder meget."
    )
    assert len(sentences) == 3


def test_small_list_caution_covers_everything(indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": 4, "0101": 2400}, 800, indicators, cluster_a))
    assert sentences[-1] == (
        "Jeres praksis har under 1.000 tilmeldte patienter, så tilfældigheder fylder meget i alle tallene."
    )
    assert 1 <= len(sentences) <= 3


@pytest.mark.parametrize("video", [0, 3, 8, 11, 20, 30, 36, 400])
@pytest.mark.parametrize("visits", [10, 5000, 6000, 9000])
@pytest.mark.parametrize("listed", [700, 2000])
def test_always_two_or_three_sentences_and_neutral(video, visits, listed, indicators, cluster_a):
    sentences = summary_sentences(comparison({"4436": video, "0101": visits}, listed, indicators, cluster_a))
    assert 1 <= len(sentences) <= 3
    text = " ".join(sentences).lower()
    assert all(sentence.endswith(".") for sentence in sentences)
    assert not any(word in text for word in ("bedre", "dårligere", "værre", "dårlig"))


def test_three_indicators_are_listed_with_og(indicators, cluster_a):
    indicators.append({"id": "tlf", "name": "Telefonkonsultationer", "codes": ["0201"]})
    cluster_a["counts"]["tlf"] = [2000] * 5
    result = comparison({"4436": 200, "0101": 20000, "0201": 4000}, 2000, indicators, cluster_a)
    assert summary_sentences(result)[0] == (
        "Sammenlignet med klyngens samlede rate er jeres rate højere end forventet for Videokonsultationer "
        "(99,8 %-niveau), Konsultationer (99,8 %-niveau) og Telefonkonsultationer (99,8 %-niveau)."
    )
    assert dataclasses.is_dataclass(result)
