"""parse_counts: the fee-code table a practice pastes, in every shape it arrives in."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import InputError, parse_counts
from calculators.parsing.counts import ParsedCounts

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
    assert parsed.warnings == ["Ydelseskode 0101 står på flere linjer (linje 1, 3 og 5); antallene er lagt sammen."]


def test_ignores_codes_outside_the_pack_with_a_warning():
    parsed = parse_counts("0101;5\n4436;2\n\n0999;3", known_codes=PACK_CODES)
    assert parsed.counts == {"0101": 5, "4436": 2}
    assert parsed.warnings == ["Ydelseskode 0999 (linje 4) indgår ikke i denne klyngepakke og er sprunget over."]


def test_unknown_code_on_several_lines_is_one_warning():
    parsed = parse_counts("0999;1\n0101;5\n999;3", known_codes=PACK_CODES)
    assert parsed.warnings == ["Ydelseskode 0999 (linje 1 og 3) indgår ikke i denne klyngepakke og er sprunget over."]


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
        ("0101;1\n4436;2\n0201;-5", "Linje 3: antallet »-5« er negativt. Skriv et helt tal på 0 eller derover."),
        ("0101;1\n\n0201 \u22125", "Linje 3: antallet »\u22125« er negativt. Skriv et helt tal på 0 eller derover."),
        ("0101;12,5", "Linje 1: antallet »12,5« er ikke et helt tal. Skriv et helt tal på 0 eller derover."),
        ("0101\t1.234,5", "Linje 1: antallet »1.234,5« er ikke et helt tal. Skriv et helt tal på 0 eller derover."),
        (
            "0101 12.5",
            "Linje 1: antallet »12.5« kan ikke læses sikkert som et helt tal. "
            "Brug kun punktum til at adskille tusinder, fx 1.234 eller 12.500.",
        ),
        (
            "0101;1\nhej",
            "Linje 2: »hej« er ikke en ydelseskode og et antal. "
            "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234.",
        ),
        (
            "hej",
            "Linje 1: »hej« er ikke en ydelseskode og et antal. "
            "Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234.",
        ),
        (
            "0101;1\n4436",
            "Linje 2: ydelseskode 4436 mangler et antal. Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234.",
        ),
        (
            "0101;",
            "Linje 1: ydelseskode 0101 mangler et antal. Skriv én ydelseskode og ét antal pr. linje, fx 0101;1.234.",
        ),
        (
            "0101;1\n44361;2",
            "Linje 2: ydelseskoden »44361« har mere end fire cifre. "
            "En ydelseskode er et tal med op til fire cifre, fx 0101.",
        ),
        (
            "0101;1\nA101;2",
            "Linje 2: »A101« er ikke en ydelseskode. En ydelseskode er et tal med op til fire cifre, fx 0101.",
        ),
        ("0101;mange", "Linje 1: antallet »mange« er ikke et tal. Skriv et helt tal på 0 eller derover."),
        ("0101;12 styk", "Linje 1: antallet »12 styk« er ikke et tal. Skriv et helt tal på 0 eller derover."),
        (
            "0101\tKonsultation",
            "Linje 1: antallet »Konsultation« er ikke et tal. Skriv et helt tal på 0 eller derover.",
        ),
        ("0101;" + "9" * 15, "Linje 1: antallet »" + "9" * 15 + "« er urealistisk stort. Tjek tallet."),
        # a first line with digits is data, not a header, even when it is not data we can read
        (
            "Konsultation\t0101\t1234\nTelefon\t0201\t55",
            "Linje 1: »Konsultation« er ikke en ydelseskode. En ydelseskode er et tal med op til fire cifre, fx 0101.",
        ),
        (
            "Ydelseskode;Antal 2024\n0101;1",
            "Linje 1: »Ydelseskode« er ikke en ydelseskode. En ydelseskode er et tal med op til fire cifre, fx 0101.",
        ),
        # a header only counts on the first non-empty line
        (
            "0101;1\nYdelseskode;Antal",
            "Linje 2: »Ydelseskode« er ikke en ydelseskode. En ydelseskode er et tal med op til fire cifre, fx 0101.",
        ),
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
    text = line_end.join(lines)
    if separator.strip() == "" and "\t" not in separator and thousands == " " and max(table.values()) >= 1000:
        # "0101 1 234": one count or two columns? Refused, naming the line, never read as either.
        with pytest.raises(InputError, match=r"^Linje \d+: efter ydelseskoden står »\d+«(, »\d{3}«)* og »\d{3}«"):
            parse_counts(text)
        return
    parsed = parse_counts(text)
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


# --- the shapes practices paste (issue 9) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, counts",
    [
        ("Antal\tYdelseskode\n1234\t0101\n56\t4436", {"0101": 1234, "4436": 56}),  # count first, named
        ("Antal;Kode\n1.234;101\n56;4436", {"0101": 1234, "4436": 56}),
        ("Antal Ydelseskode\n1234 0101\n56 4436", {"0101": 1234, "4436": 56}),
        ("0101\tKonsultation\t1234\n4436\tVideokonsultation\t56", {"0101": 1234, "4436": 56}),  # code, text, count
        ("0101;Konsultation, dagtid;1.234\n4436;Video;56", {"0101": 1234, "4436": 56}),
        ("0101 Konsultation dagtid 1234\n4436 Video 56", {"0101": 1234, "4436": 56}),
        ("Ydelseskode;Betegnelse;Antal\n0101;Konsultation;1.234\n4436;Video;56", {"0101": 1234, "4436": 56}),
        (
            "Betegnelse\tAntal\tKode\tBeløb\n Konsultation\t1234\t0101\t150.000\nVideo\t56\t4436\t9.000",
            {"0101": 1234, "4436": 56},
        ),
        ("Kode Antal Patienter\n0120 345 340\n4436 56 150", {"0120": 345, "4436": 56}),  # header resolves spaces
        ("Ydelseskode\tAntal\tPatienter\n0120\t345\t340", {"0120": 345}),
        ("Periode;Kode;Antal\nJan-dec;0101;1234", {"0101": 1234}),
        ("Kode;Værdi\n0101;1234", {"0101": 1234}),  # one column named, the other the only one left
        ("Foo;Bar\n0101;1234", {"0101": 1234}),  # a header naming nothing is skipped, as before
        ("\ufeff0101;1234\n4436;56", {"0101": 1234, "4436": 56}),  # byte order mark
        ("\u200b0101;1234\n4436\u200b;5\u200b6", {"0101": 1234, "4436": 56}),  # zero-width spaces
        ("\ufeffYdelseskode;Antal\n0101;1234", {"0101": 1234}),
        ("\uff10\uff11\uff10\uff11\uff1b\uff11\uff12\uff13\uff14\n4436;56", {"0101": 1234, "4436": 56}),
        ("\uff10\uff11\uff10\uff11\t\uff11.\uff12\uff13\uff14", {"0101": 1234}),
        ("0101 1\u00a0234\n4436 56", {"0101": 1234, "4436": 56}),  # a no-break space only ever groups thousands
    ],
)
def test_reads_the_shapes_practices_paste(text, counts):
    parsed = parse_counts(text)
    assert {code: parsed.counts[code] for code in counts} == counts and len(parsed.counts) == len(counts)


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "4436 56 150",
            "Linje 1: efter ydelseskoden står »56« og »150« adskilt af mellemrum, så det kan være ét "
            "antal (56.150) eller flere kolonner.",
        ),
        ("0101;5\n0120 345 340", "Linje 2: efter ydelseskoden står »345« og »340« adskilt af mellemrum"),
        ("0101 1 234", "Linje 1: efter ydelseskoden står »1« og »234« adskilt af mellemrum"),
        ("Kode Antal\n0101 1 234", "Linje 2: efter ydelseskoden står »1« og »234«"),
        (
            "0120\t345\t340",
            "Linje 1: efter ydelseskoden står flere tal (»345« og »340«), så det er uklart, "
            "hvilket der er antallet. Tilføj en første linje, der navngiver kolonnerne",
        ),
        (
            "Antal;Antal ydelser;Kode\n1;2;0101",
            "Linje 1: overskriften har flere kolonner, der kan være antallet (»Antal«, »Antal ydelser«).",
        ),
        (
            "Kode;Foo;Bar\n0101;1;2",
            "Linje 1: overskriften siger ikke, hvilken kolonne der er antallet. Kald den kolonne »Antal«.",
        ),
        ("Kode;Antal\n0101;5;7", "Linje 2 har flere kolonner (3) end overskriften (2)."),
        ("Antal;Kode\n5;", "Linje 2: ydelseskoden mangler."),
    ],
)
def test_refuses_what_stays_ambiguous(text, message):
    with pytest.raises(InputError) as caught:
        parse_counts(text, known_codes=PACK_CODES)
    assert str(caught.value).startswith(message)


def test_count_first_without_a_header_is_refused_when_the_codes_show_it():
    with pytest.raises(InputError) as caught:
        parse_counts("120;4436\n6000;0101", known_codes=PACK_CODES)
    assert str(caught.value) == (  # line 1 could be code 0120; line 2 cannot be code 6000
        "Linje 2: antallet ser ud til at stå før ydelseskoden. Tilføj en første linje, der navngiver kolonnerne, "
        "fx »Antal;Ydelseskode«, eller byt om på kolonnerne."
    )
    # a count that happens to be a pack code is still a count when the lines do not all end in codes
    assert parse_counts("0101;4436\n0120;12", known_codes=PACK_CODES).counts == {"0101": 4436, "0120": 12}


# How long these take (a quadratic regular expression once took seconds) is a figure of `make bench`.
@pytest.mark.parametrize(
    "text, outcome",
    [
        ("0101" + "\t" * 30000 + "x", "Linje 1: antallet »x« er ikke et tal."),
        ("0101;1" + ";" * 30000 + "x", {"0101": 1}),
        ("0101 " + " " * 30000 + "x", "Linje 1: antallet »x« er ikke et tal."),
        ("0101," + ", " * 30000 + "x", "Linje 1: antallet »x« er ikke et tal."),
        (("0101\t" + "\t" * 3000 + "\n") * 20, "Linje 1: ydelseskode 0101 mangler et antal."),
    ],
)
def test_long_lines_are_read_or_the_line_is_named(text, outcome):
    if isinstance(outcome, dict):
        assert parse_counts(text).counts == outcome
    else:
        with pytest.raises(InputError) as error:
            parse_counts(text)
        assert str(error.value).startswith(outcome)


# Every shape a practice's table reaches the engine in, generated: the order of the columns (named in a header when
# it is not code-first), a description column (text with spaces, except where spaces separate), a patients column,
# the separator, the thousands separator, stripped zeros, a byte order mark or zero-width space, full-width digits.
# The rule under test: the right counts, or a Danish message naming a line; and the right counts whenever the text
# is unambiguous.

FULL_WIDTH = str.maketrans(
    "0123456789;:,", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff1b\uff1a\uff0c"
)


@st.composite
def pasted_tables(draw):
    table = draw(tables)
    separator = draw(st.sampled_from(SEPARATORS))
    spaced = separator.strip() == "" and "\t" not in separator
    thousands = draw(st.sampled_from(THOUSANDS))
    description = draw(st.booleans())
    patients = draw(st.booleans())
    count_first = draw(st.booleans())
    columns = ["count", "code"] if count_first else ["code", "count"]
    if description:
        columns.insert(draw(st.integers(0, len(columns))), "description")
    if patients:
        columns.insert(draw(st.integers(0, len(columns))), "patients")
    # Without a header the code must come first and only one number may follow it.
    named = count_first or patients or columns[0] != "code" or draw(st.booleans())
    titles = {"code": "Ydelseskode", "count": "Antal", "description": "Betegnelse", "patients": "Patienter"}
    rng = draw(st.randoms(use_true_random=False))
    lines = [separator.join(titles[c] for c in columns)] if named else []
    for code, count in table.items():
        words = rng.choice(
            ["Konsultation", "Video", "Tlf"]
            if spaced or "," in separator or ":" in separator
            else ["Konsultation dagtid", "Video, e-konsultation", "Årsstatus"]
        )
        cells = {
            "code": str(code) if draw(st.booleans()) else f"{code:04d}",
            "count": write_count(count, thousands),
            "description": words,
            "patients": write_count(rng.randint(0, 20000), thousands),
        }
        lines.append(separator.join(cells[c] for c in columns))
    text = "\n".join(lines)
    text = draw(st.sampled_from(["", "\ufeff", "\u200b"])) + text
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    ambiguous = spaced and thousands == " " and (max(table.values()) >= 1000 or patients)
    return text, {f"{code:04d}": count for code, count in table.items()}, ambiguous


@settings(max_examples=500, deadline=None)
@given(pasted=pasted_tables())
def test_every_pasted_shape_gives_the_right_counts_or_names_a_line(pasted):
    text, truth, ambiguous = pasted
    try:
        parsed = parse_counts(text)
    except InputError as error:
        assert ambiguous, f"{text!r}: {error}"
        assert str(error).startswith("Linje ")
    else:
        assert parsed.counts == truth


# A spreadsheet with a column per year and a total (issue 26): the total is the count, and the page says so.
@pytest.mark.parametrize(
    "text",
    [
        "Ydelseskode\t2024\t2025\tI alt\n0101\t1.200\t1.300\t2.500\n0201\t10\t12\t22",
        "Ydelseskode;2024;2025;I alt\n0101;1200;1300;2500\n201;10;12;22",
        "Ydelseskode 2024 2025 I alt\n0101 1.200 1.300 2.500\n0201 10 12 22",
        "I alt\t2024\t2025\tKode\n2.500\t1.200\t1.300\t0101\n22\t10\t12\t0201",
    ],
)
def test_year_columns_with_a_total_read_the_total_and_say_so(text):
    parsed = parse_counts(text, PACK_CODES)
    assert parsed.counts == {"0101": 2500, "0201": 22}
    assert parsed.warnings == [
        "Antallene er læst i kolonnen »I alt«, det samlede antal. Kolonnerne for 2024 og 2025 er sprunget over."
    ]


def test_a_total_column_alone_is_the_count():
    parsed = parse_counts("Kode;Total\n0101;5", PACK_CODES)
    assert parsed.counts == {"0101": 5}
    assert parsed.warnings == ["Antallene er læst i kolonnen »Total«, det samlede antal."]


@pytest.mark.parametrize("header", ["Ydelseskode\t2024\t2025", "Ydelseskode 2024 2025", "2025;Kode"])
def test_year_columns_without_a_total_ask_which_column_to_use(header):
    with pytest.raises(InputError) as error:
        parse_counts(header + "\n0101\t1\t2", PACK_CODES)
    message = str(error.value)
    assert message.startswith("Linje 1: overskriften har en kolonne for »")
    assert "Hvilken kolonne skal bruges? Tilføj en kolonne »I alt«" in message


@pytest.mark.parametrize(
    "text, counts",
    [
        ("0101\t2024\n0201\t5", {"0101": 2024, "0201": 5}),  # a count that looks like a year is still data
        ("0101;2024;2025", None),  # two numbers after a code: no header, so refused as before
    ],
)
def test_a_line_of_numbers_is_never_taken_for_a_header(text, counts):
    if counts is None:
        with pytest.raises(InputError, match="flere tal"):
            parse_counts(text, PACK_CODES)
    else:
        assert parse_counts(text, PACK_CODES).counts == counts


def test_two_total_columns_are_refused():
    with pytest.raises(InputError, match="flere kolonner med det samlede antal"):
        parse_counts("Kode;I alt;Total\n0101;5;5", PACK_CODES)
