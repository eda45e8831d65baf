"""Version 3 of the cluster data file: the region's sex and age bands and each practice's expected counts, written
for Excel, read back exactly, and refused in Danish, naming the line, where they do not add up."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest
from small_cluster_file import BANDS, EXAMPLE, EXAMPLE_WITH_BANDS

from calculators.cluster_file.read import read_cluster_file
from calculators.cluster_file.write import write_cluster_file
from calculators.csv_writer import BOM
from calculators.errors import InputError

TEXT = write_cluster_file(EXAMPLE_WITH_BANDS)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))


def changed(old: str, new: str) -> str:
    assert TEXT.count(old) == 1, old
    return TEXT.replace(old, new)


def refused(text: str, *fragments: str) -> str:
    with pytest.raises(InputError) as caught:
        read_cluster_file(text)
    for fragment in fragments:
        assert fragment in str(caught.value)
    return str(caught.value)


def test_a_file_with_bands_is_version_3_and_reads_back_exactly():
    assert rows(TEXT)[0] == ["MidtKraft klyngedatafil", "version 3"]
    assert read_cluster_file(TEXT) == EXAMPLE_WITH_BANDS
    assert read_cluster_file(TEXT).standardised and not read_cluster_file(write_cluster_file(EXAMPLE)).standardised


def test_the_bands_and_expected_counts_as_the_csv_module_reads_them():
    table = rows(TEXT)
    start = table.index(["Køn", "Aldersgruppe", "Regionens tilmeldte", "video", "konsultationer"])
    assert table[start + 1 : start + 1 + len(BANDS)] == [
        [b.sex, b.age, str(b.listed), *map(str, b.counts)] for b in BANDS
    ]
    header = table.index(
        ["Praksis", "Tilmeldte", "video", "konsultationer", "Forventet video", "Forventet konsultationer"]
    )
    assert table[header + 1] == ["Praksis A", "10432", "908", "69875", "330,12", "70210,50"]


def test_a_file_without_bands_is_still_version_2_with_nothing_added():
    text = write_cluster_file(EXAMPLE)
    assert rows(text)[0] == ["MidtKraft klyngedatafil", "version 2"]
    assert "Aldersgruppe" not in text and "Forventet" not in text


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        ("Mænd;40+;96000;2400;800000", "Mænd;40+;96001;2400;800000", ("aldersgruppernes tilmeldte", "432188")),
        ("Mænd;40+;96000;2400;800000", "Mænd;40+;96000;2401;800000", ("aldersgruppernes Videokonsultationer",)),
        ("Mænd;40+;96000;2400;800000", "Mænd;0-39;96000;2400;800000", ("»Mænd« og aldersgruppe »0-39« står to gange",)),
        ("Mænd;40+;96000;2400;800000", "Mænd;40+;96000;2400", ("en aldersgruppe skal have 5 felter",)),
        ("Mænd;40+;96000;2400;800000", "=Mænd;40+;96000;2400;800000", ("»Køn«", "formel")),
        (";330,12;", ";330.12;", ("»Forventet video«", "»330.12«", "højst 2 decimaler")),
        (";330,12;", ";ukendt;", ("»Forventet video«",)),
        (";330,12;", ";0;", ("praksis har ydelser, men intet forventet antal",)),
        ("Forventet konsultationer", "Forventet konsult", ("overskriften til praksis",)),
        ("Køn;Aldersgruppe", "Kön;Aldersgruppe", ("overskriften til regionens køn og aldersgrupper",)),
        ("\r\nPraksis A;10432;908;69875;330,12;70210,50", "\r\nPraksis A;10432;908;69875;330,12", ("6 felter",)),
    ],
)
def test_bands_and_expected_counts_that_do_not_add_up_are_refused_naming_the_line(old, new, fragments):
    message = refused(changed(old, new), *fragments)
    assert message.endswith("Bed MidtKraft om en ny klyngedatafil.")


def test_a_band_without_patients_and_a_practice_expecting_nothing_of_an_indicator_it_has_none_of():
    """An empty band of the region; and a band where nobody had a video consultation, so that a practice with all its
    patients there expects none (its expected count may be 0, with no events)."""
    empty_band = dataclasses.replace(BANDS[0], listed=0, counts=(0, 0))
    moved = dataclasses.replace(BANDS[1], listed=BANDS[1].listed + BANDS[0].listed)
    moved = dataclasses.replace(moved, counts=tuple(a + b for a, b in zip(BANDS[0].counts, BANDS[1].counts)))
    no_video = dataclasses.replace(BANDS[2], counts=(0, BANDS[2].counts[1]))
    video_moved = dataclasses.replace(BANDS[3], counts=(BANDS[3].counts[0] + BANDS[2].counts[0], BANDS[3].counts[1]))
    practices = list(EXAMPLE_WITH_BANDS.practices)
    practices[4] = dataclasses.replace(practices[4], expected=(0.0, 14000.0))  # Praksis E has no video consultations
    bands = (empty_band, moved, no_video, video_moved)
    data = dataclasses.replace(EXAMPLE_WITH_BANDS, bands=bands, practices=tuple(practices))
    assert read_cluster_file(write_cluster_file(data)) == data


@pytest.mark.parametrize("written", ["33,01", "999999,00"])
def test_an_expected_count_no_list_of_that_size_could_have_is_refused(written):
    """Praksis A has 10.432 patients: at the region's lowest video rate (2.100 of 98.000 patients) it would expect
    223,54, at the highest (5.000 of 120.000) 434,67, whatever its patients' sex and age."""
    refused(
        changed(";330,12;", f";{written};"),
        f"det forventede antal for »Videokonsultationer« hos Praksis A ({written}) kan ikke passe med 10.432 tilmeldte",
        "(mellem 223,54 og 434,67)",
    )


def test_a_band_of_the_region_with_events_but_no_patients_is_refused():
    moved = dataclasses.replace(BANDS[1], listed=BANDS[1].listed + BANDS[0].listed)
    data = dataclasses.replace(EXAMPLE_WITH_BANDS, bands=(dataclasses.replace(BANDS[0], listed=0), moved, *BANDS[2:]))
    with pytest.raises(InputError, match="gruppen har ydelser, men ingen tilmeldte"):
        write_cluster_file(data)


def test_a_version_3_file_without_its_bands_is_refused():
    start, end = TEXT.index("Køn;"), TEXT.index("Praksis;")
    refused(TEXT[:start] + TEXT[end:], "overskriften til regionens køn og aldersgrupper")
