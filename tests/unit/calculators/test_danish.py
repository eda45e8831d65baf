"""Danish number formatting, intervals and the position sentence."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import rankdata

from calculators import parse_listed as parse_int
from calculators.danish import (
    format_interval,
    format_number,
    join_words,
    level_text,
    line_label,
    line_numbers,
    position_sentence,
    position_text,
    quote,
)


@pytest.mark.parametrize(
    "x, decimals, expected",
    [
        (0, 1, "0,0"),
        (0.0, 1, "0,0"),
        (12.34, 1, "12,3"),
        (1234.56, 1, "1.234,6"),
        (1234.5, 1, "1.234,5"),
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (1234567.891, 2, "1.234.567,89"),
        (999.95, 1, "1.000,0"),
        (999, 0, "999"),
        (-1234.5, 1, "-1.234,5"),
        (-0.04, 1, "0,0"),  # no "-0,0"
        (7, 1, "7,0"),
        # halves round away from zero on the number as written, like Excel's ROUND
        (0.05, 1, "0,1"),
        (0.15, 1, "0,2"),
        (0.25, 1, "0,3"),
        (0.35, 1, "0,4"),
        (2.675, 2, "2,68"),
        (1.005, 2, "1,01"),
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (12.25, 1, "12,3"),
        (12.349999, 1, "12,3"),
    ],
)
def test_format_number(x, decimals, expected):
    assert format_number(x, decimals) == expected


def test_format_number_without_grouping():
    assert format_number(1234.56, grouping=False) == "1234,6"
    assert format_number(1234567, 0, grouping=False) == "1234567"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_format_number_refuses_non_finite(bad):
    with pytest.raises(ValueError):
        format_number(bad)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_group_by_thousands(n):
    assert format_number(n, 0) == f"{n:,}".replace(",", ".")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**11))
def test_parse_int_reads_what_format_number_writes(n):
    assert parse_int(format_number(n, 0)) == n


@settings(max_examples=300, deadline=None)
@given(x=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), decimals=st.integers(0, 3))
def test_formatted_value_is_the_number_rounded(x, decimals):
    text = format_number(x, decimals)
    back = float(text.replace(".", "").replace(",", "."))
    assert abs(back - x) <= 0.5 * 10**-decimals * (1 + 1e-9) + abs(x) * 1e-15
    if decimals:
        assert len(text.split(",")[1]) == decimals
    else:
        assert "," not in text


def test_format_interval():
    assert format_interval(10.24, 14.76) == "10,2\u201314,8"
    assert format_interval(0, 1234.5) == "0,0\u20131.234,5"


@pytest.mark.parametrize(
    "n_lower, n_equal, m, text, sentence",
    [
        (3, 0, 12, "Nr. 4 af 13", "Jeres rate er nr. 4 af 13, talt fra den laveste (jeres praksis og klyngens 12)."),
        (
            3,
            1,
            12,
            "Nr. 4 af 13 (lige med 1)",
            "Jeres rate er nr. 4 af 13, talt fra den laveste (jeres praksis og klyngens 12). "
            "1 af klyngens praksis har samme rate.",
        ),
        (0, 0, 7, "Lavest i klyngen", "Jeres rate er den laveste i klyngen (jeres praksis og klyngens 7)."),
        (
            0,
            2,
            7,
            "Lavest i klyngen (lige med 2)",
            "Jeres rate er den laveste i klyngen (jeres praksis og klyngens 7). 2 af klyngens praksis har samme rate.",
        ),
        (7, 0, 7, "Højest i klyngen", "Jeres rate er den højeste i klyngen (jeres praksis og klyngens 7)."),
        (
            5,
            2,
            7,
            "Højest i klyngen (lige med 2)",
            "Jeres rate er den højeste i klyngen (jeres praksis og klyngens 7). 2 af klyngens praksis har samme rate.",
        ),
        (0, 7, 7, "Lige med alle klyngens 7 praksis", "Jeres rate er den samme som alle klyngens 7 praksis'."),
    ],
)
def test_position_in_plain_danish(n_lower, n_equal, m, text, sentence):
    assert position_text(n_lower, n_equal, m) == text
    assert position_sentence(n_lower, n_equal, m) == sentence


def test_position_number_is_the_rank_from_the_lowest():
    """ "Nr. k af M" is the practice's rank among itself and the cluster (ties share the lowest rank), as scipy
    ranks it."""
    rng = np.random.default_rng(11)
    for _ in range(200):
        m = int(rng.integers(2, 15))
        rates = rng.integers(0, 6, size=m).astype(float)
        own = float(rng.integers(0, 6))
        rank = int(rankdata(np.append(rates, own), method="min")[-1])
        n_lower, n_equal = int((rates < own).sum()), int((rates == own).sum())
        text = position_text(n_lower, n_equal, m)
        if n_equal == m:
            assert text == f"Lige med alle klyngens {m} praksis"
        elif rank == 1:
            assert text.startswith("Lavest i klyngen")
        elif rank + n_equal == m + 1:
            assert text.startswith("Højest i klyngen")
        else:
            assert text.startswith(f"Nr. {rank} af {m + 1}")
        assert ("(lige med" in text) == (0 < n_equal < m)


def test_join_words():
    assert join_words([]) == ""
    assert join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a og b"
    assert join_words(["a", "b", "c"]) == "a, b og c"


def test_a_line_number_is_a_danish_number():
    assert line_label(7) == "Linje 7"
    assert line_label(45_456) == "Linje 45.456"


@pytest.mark.parametrize(
    "numbers, expected",
    [
        ([7], "7"),
        ([1, 3], "1 og 3"),
        ([1, 3, 5], "1, 3 og 5"),
        ([2, 4, 6, 8, 10], "2, 4, 6, 8 og 10"),  # five are all named
        ([2, 4, 6, 8, 10, 12], "2, 4, 6 og 3 andre"),
        ([1234, 5678], "1.234 og 5.678"),  # line numbers are Danish numbers too
        ([3, 7, 12, *range(100, 100 + 4211)], "3, 7, 12 og 4.211 andre"),  # the example
        ([1, *range(1000, 1000 + 999_999)], "1, 1.000, 1.001 og 999.997 andre"),
    ],
)
def test_line_numbers_are_shortened_when_long(numbers, expected):
    assert line_numbers(numbers) == expected


@settings(max_examples=200, deadline=None)
@given(numbers=st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=60))
def test_line_numbers_name_the_first_lines_and_count_every_other(numbers):
    text = line_numbers(numbers)
    named = [int(word.replace(".", "")) for word in text.replace(",", " ").split() if word[0].isdigit()]
    if len(numbers) <= 5:
        assert "andre" not in text and named == numbers
    else:  # the first three named, then how many are left out: never "1 anden" or "2 andre", which name fewer
        assert text.endswith(" andre") and named == [*numbers[:3], len(numbers) - 3] and len(numbers) - 3 >= 3


def test_level_text():
    assert level_text(0.95) == "95 %"
    assert level_text(0.998) == "99,8 %"


def test_quote_shortens_and_flattens():
    assert quote("hej") == "»hej«"
    assert quote("a\tb") == "»a b«"
    assert len(quote("x" * 100)) == 42
