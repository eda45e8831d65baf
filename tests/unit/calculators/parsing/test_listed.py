"""parse_int: the number of listed patients, typed the Danish way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError
from calculators import parse_listed as parse_int


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234", 1234),
        ("1.234", 1234),
        ("1 234", 1234),
        ("1\u00a0234", 1234),  # non-breaking space, as Word and some systems write it
        ("1\u202f234", 1234),  # narrow no-break space
        (" 2.500 ", 2500),
        ("12.500", 12500),
        ("1.234.567", 1234567),
        ("7", 7),
        ("\t987\n", 987),
    ],
)
def test_reads_danish_whole_numbers(text, expected):
    assert parse_int(text) == expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "Skriv antallet af tilmeldte patienter"),
        ("   ", "Skriv antallet af tilmeldte patienter"),
        ("0", "mindst 1"),
        ("0.000", "mindst 1"),
        ("-5", "negativt"),
        ("\u22125", "negativt"),
        ("12,5", "ikke et helt tal"),
        ("1.234,5", "ikke et helt tal"),
        ("12.5", "kan ikke læses sikkert"),  # English decimal or a mistyped 12.500: we do not guess
        ("1234.567", "kan ikke læses sikkert"),
        ("1.23.456", "kan ikke læses sikkert"),
        ("12 34", "kan ikke læses sikkert"),
        ("1.234 567", "kan ikke læses sikkert"),  # two thousands styles in one number
        ("abc", "ikke et tal"),
        ("ca. 2000", "ikke et tal"),
        ("2000 patienter", "ikke et tal"),
        ("1" * 20, "for stort"),
    ],
)
def test_refuses_with_a_danish_message(text, words):
    with pytest.raises(InputError) as caught:
        parse_int(text)
    assert words in str(caught.value)


def test_message_quotes_what_was_typed():
    with pytest.raises(InputError, match="»12,5«"):
        parse_int("12,5")


def test_input_error_is_a_value_error():
    assert issubclass(InputError, ValueError)


def danish_grouped(n: int, separator: str) -> str:
    return f"{n:,}".replace(",", separator)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=10**11),
    separator=st.sampled_from(["", ".", " ", "\u00a0"]),
    padding=st.sampled_from(["", " ", "\t", "  "]),
)
def test_round_trips_danish_formatted_ints(n, separator, padding):
    assert parse_int(padding + danish_grouped(n, separator) + padding) == n
