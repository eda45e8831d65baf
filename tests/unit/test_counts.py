"""parse_counts: the fee-code table a practice pastes, in every shape it arrives in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, ParsedCounts, parse_counts

PACK_CODES = ["0101", "0120", "0201", "1003", "4436"]


@pytest.mark.parametrize(
    "text",
    [
        "0101\t1234\n4436\t56",  # pasted from Excel
        "0101;1234\n4436;56",
        "0101,1234\n4436,56",
        "0101:1234\n4436:56",
        "0101 1234\n4436 56",
        "0101    1234\n4436  56",
        "0101 ; 1234\n4436 ;56",
        "0101, 1234\n4436,  56",
        "0101: 1234\n4436 : 56",
        "0101\t\t1234\n4436\t\t56",  # an empty Excel column between
        "Ydelseskode;Antal\n0101;1234\n4436;56",  # header line
        "Ydelseskode\tAntal\n0101\t1234\n4436\t56",
        "Kode Antal\n0101 1234\n4436 56",
        "Ydelseskode;Antal i perioden\n0101;1234\n4436;56",
        "0101;1.234\n4436;56",  # thousands dot
        "0101 1 234\n4436 56",  # thousands space with a space separator
        "0101\t1\u00a0234\n4436\t56",  # non-breaking space
        "0101,1.234\n4436,56",
        "0101, 1 234\n4436, 56",
        "101;1234\n4436;56",  # Excel stripped the leading zero
        "0101;1234\r\n4436;56\r\n",  # Windows line ends
        "0101;1234\r4436;56",  # old Mac line ends
        "\n\n  0101;1234  \n\n\n4436;56\n\n",  # blank lines and padding
        '"0101";"1.234"\n"4436";"56"',  # a quoting CSV export
        "0101;1234;;\n4436;56;",  # trailing empty cells from a spreadsheet
    ],
)
def test_reads_every_common_shape(text):
    assert parse_counts(text) == ParsedCounts(counts={"0101": 1234, "4436": 56}, warnings=[])


@pytest.mark.parametrize("code, expected", [("1", "0001"), ("12", "0012"), ("120", "0120"), ("0120", "0120")])
def test_pads_codes_to_four_digits(code, expected):
    assert parse_counts(f"{code};3").counts == {expected: 3}


def test_zero_is_a_valid_count():
    assert parse_counts("0101;0").counts == {"0101": 0}


def test_keeps_the_order_of_first_appearance():
    assert list(parse_counts("4436;1\n0101;2\n1003;3").counts) == ["4436", "0101", "1003"]


def test_header_is_skipped_without_a_warning():
    assert parse_counts("Ydelseskode;Antal\n0101;5").warnings == []


def test_sums_a_code_given_on_several_lines_and_says_so():
    parsed = parse_counts("0101;5\n4436;2\n101;7\n\n0101;1")
    assert parsed.counts == {"0101": 13, "4436": 2}
    assert parsed.warnings == [
        "Ydelseskode 0101 står på flere linjer (linje 1, 3 og 5); antallene er lagt sammen."
    ]


def test_ignores_codes_outside_the_pack_with_a_warning():
    parsed = parse_counts("0101;5\n4436;2\n\n0999;3", known_codes=PACK_CODES)
    assert parsed.counts == {"0101": 5, "4436": 2}
    assert parsed.warnings == [
        "Ydelseskode 0999 (linje 4) indgår ikke i denne klyngepakke og er sprunget over."
    ]


def test_unknown_code_on_several_lines_is_one_warning():
    parsed = parse_counts("0999;1\n0101;5\n999;3", known_codes=PACK_CODES)
    assert parsed.warnings == [
        "Ydelseskode 0999 (linje 1 og 3) indgår ikke i denne klyngepakke og er sprunget over."
    ]


def test_known_codes_may_lack_leading_zeros():
    assert parse_counts("0101;5", known_codes=["101"]).counts == {"0101": 5}


def test_every_code_unknown_lists_the_pack_codes():
    with pytest.raises(InputError) as caught:
        parse_counts("0999;3\n0888;4", known_codes=PACK_CODES)
    message = str(caught.value)
    assert "Ingen af ydelseskoderne indgår i denne klyngepakke" in message
    assert "0101, 0120, 0201, 1003 og 4436" in message


@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n", None, "Ydelseskode;Antal\n\n"])
def test_empty_input(text):
    with pytest.raises(InputError) as caught:
        parse_counts(text)
    assert str(caught.value) == "Indsæt jeres tal: én ydelseskode og ét antal pr. linje."


@pytest.mark.parametrize(
    "text, message",
    [
        ("0101;1\n4436;2\n0201;-5", "Linje 3: antallet «-5» er negativt. Skriv et helt tal på 0 eller derover."),
        ("0101;1\n\n0201 \u22125", "Linje 3: antallet «\u22125» er negativt. Skriv et helt tal på 0 eller derover."),
        ("0101;12,5", "Linje 1: antallet «12,5» er ikke et helt tal. Skriv et helt tal på 0 eller derover."),
        ("0101\t1.234,5", "Linje 1: antallet «1.234,5» er ikke et helt tal. Skriv et helt tal på 0 eller derover."),
        ("0101 12.5", "Linje 1: antallet «12.5» kan ikke læses sikkert som et helt tal. "
                      "Brug kun punktum til at adskille tusinder, fx 1.234 eller 12.500."),
        ("0101;1\nhej", "Linje 2: «hej» er ikke en ydelseskode og et antal. "
                        "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234."),
        ("hej", "Linje 1: «hej» er ikke en ydelseskode og et antal. "
                "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234."),
        ("0101;1\n4436", "Linje 2: ydelseskode 4436 mangler et antal. "
                         "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234."),
        ("0101;", "Linje 1: ydelseskode 0101 mangler et antal. "
                  "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234."),
        ("0101;1\n44361;2", "Linje 2: ydelseskoden «44361» har mere end fire cifre. "
                            "En ydelseskode er et tal med op til fire cifre, fx 0101."),
        ("0101;1\nA101;2", "Linje 2: «A101» er ikke en ydelseskode. "
                           "En ydelseskode er et tal med op til fire cifre, fx 0101."),
        ("0101;mange", "Linje 1: antallet «mange» er ikke et tal. Skriv et helt tal på 0 eller derover."),
        ("0101;12 styk", "Linje 1: antallet «12 styk» er ikke et tal. Skriv et helt tal på 0 eller derover."),
        ("0101\tKonsultation\t1234", "Linje 1: antallet «Konsultation 1234» er ikke et tal. "
                                     "Skriv et helt tal på 0 eller derover."),
        ("0101;" + "9" * 15, "Linje 1: antallet «" + "9" * 15 + "» er urealistisk stort. Tjek tallet."),
        # a first line with digits is data, not a header, even when it is not data we can read
        ("Konsultation\t0101\t1234\nTelefon\t0201\t55", "Linje 1: «Konsultation» er ikke en ydelseskode. "
                                                     "En ydelseskode er et tal med op til fire cifre, fx 0101."),
        ("Ydelseskode;Antal 2024\n0101;1", "Linje 1: «Ydelseskode» er ikke en ydelseskode. "
                                           "En ydelseskode er et tal med op til fire cifre, fx 0101."),
        # a header only counts on the first non-empty line
        ("0101;1\nYdelseskode;Antal", "Linje 2: «Ydelseskode» er ikke en ydelseskode. "
                                      "En ydelseskode er et tal med op til fire cifre, fx 0101."),
    ],
)
def test_errors_name_the_line_in_danish(text, message):
    with pytest.raises(InputError) as caught:
        parse_counts(text)
    assert str(caught.value) == message


def test_line_numbers_count_blank_lines_and_windows_line_ends():
    with pytest.raises(InputError, match=r"^Linje 5:"):
        parse_counts("Kode;Antal\r\n\r\n0101;3\r\n\r\n0201;x\r\n")


def test_long_input_is_shortened_in_the_message():
    with pytest.raises(InputError) as caught:
        parse_counts("x" * 500)
    assert len(str(caught.value)) < 200


# --- property tests -----------------------------------------------------------------------------------

SEPARATORS = ["\t", ";", ",", ":", " ", "   ", " ; ", ", ", ": ", "\t\t"]
THOUSANDS = ["", ".", " ", "\u00a0"]


def write_count(n: int, thousands: str) -> str:
    return f"{n:,}".replace(",", thousands)


tables = st.dictionaries(
    keys=st.integers(min_value=0, max_value=9999),
    values=st.integers(min_value=0, max_value=10**9),
    min_size=1,
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    table=tables,
    separator=st.sampled_from(SEPARATORS),
    thousands=st.sampled_from(THOUSANDS),
    strip_zeros=st.booleans(),
    header=st.sampled_from(["", "Ydelseskode{sep}Antal", "Kode{sep}Antal i perioden"]),
    line_end=st.sampled_from(["\n", "\r\n"]),
    blank_every=st.integers(min_value=0, max_value=4),
)
def test_round_trips_tables_written_in_any_style(
    table, separator, thousands, strip_zeros, header, line_end, blank_every
):
    lines = [header.format(sep=separator)] if header else []
    for i, (code, count) in enumerate(table.items()):
        code_text = str(code) if strip_zeros else f"{code:04d}"
        lines.append(f"{code_text}{separator}{write_count(count, thousands)}")
        if blank_every and i % blank_every == 0:
            lines.append("")
    parsed = parse_counts(line_end.join(lines))
    assert parsed.counts == {f"{code:04d}": count for code, count in table.items()}
    assert parsed.warnings == []


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(PACK_CODES), st.integers(min_value=0, max_value=10**6)), min_size=1, max_size=15
    ),
    separator=st.sampled_from(SEPARATORS),
)
def test_repeated_codes_are_summed_and_named(rows, separator):
    parsed = parse_counts("\n".join(f"{code}{separator}{count}" for code, count in rows))
    expected: dict[str, int] = {}
    for code, count in rows:
        expected[code] = expected.get(code, 0) + count
    assert parsed.counts == expected
    repeated = {code for code in expected if sum(1 for c, _ in rows if c == code) > 1}
    assert {re.search(r"Ydelseskode (\d{4})", w)[1] for w in parsed.warnings} == repeated


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_arbitrary_text_gives_counts_or_a_danish_input_error(text):
    try:
        parsed = parse_counts(text)
    except InputError as error:
        assert str(error).startswith(("Linje ", "Indsæt jeres tal"))
    else:
        assert all(re.fullmatch(r"\d{4}", code) for code in parsed.counts)
        assert all(count >= 0 for count in parsed.counts.values())
