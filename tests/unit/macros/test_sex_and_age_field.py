"""The calculator's optional fields for patients by sex and age, and the reference bands they are read against:
one box per band in the reference's order, each named by its row and column; a bands file that is wrong stops the
build with a Danish message naming the row."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from macros.reference import reference_json, validate_bands
from macros.sex_and_age_field import sex_and_age_fields

ROOT = Path(__file__).resolve().parents[3]
CODES = ["4436", "1003", "0101", "0120", "0201"]


class Boxes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.boxes, self.ids, self.texts, self._id = [], {}, {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input":
            self.boxes.append(attrs)
        self._id = attrs.get("id") if tag == "th" else None

    def handle_endtag(self, tag):
        self._id = None

    def handle_data(self, data):
        if self._id:
            self.texts[self._id] = self.texts.get(self._id, "") + data


def test_one_box_per_band_named_by_its_age_and_sex():
    bands = reference_json(ROOT, "videokonsultationer")["bands"]
    parser = Boxes()
    parser.feed(sex_and_age_fields("calc", bands))
    # Row by row (an age band, then each sex), as the table reads; the fields keep the reference's order.
    boxes = sorted(parser.boxes, key=lambda box: int(box["data-field"].removeprefix("band-")))
    assert [box["data-field"] for box in boxes] == [f"band-{i}" for i in range(len(bands))]
    assert parser.boxes[1]["data-field"] == "band-5"  # Mænd 0-17 beside Kvinder 0-17
    names = [" ".join(parser.texts[part] for part in box["aria-labelledby"].split()) for box in boxes]
    assert names == [f"{band['age']} år {band['sex']}" for band in bands]
    assert all(box["inputmode"] == "numeric" and box["aria-describedby"] == "calc-bands-help" for box in parser.boxes)


def test_no_bands_no_fields():
    assert sex_and_age_fields("calc", None) == "" and sex_and_age_fields("calc", []) == ""


def frame(rows) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["køn", "aldersgruppe", "tilmeldte", *CODES], dtype=str)
    table.index = range(len(table))
    return table


GOOD = [["Kvinder", "0-17", "100", "1", "0", "50", "0", "40"], ["Mænd", "0-17", "0", "0", "0", "0", "0", "0"]]


def test_sound_bands_pass_and_a_band_may_have_no_patients():
    assert validate_bands(frame(GOOD), "bånd.csv", CODES) == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([GOOD[0], GOOD[0]], r"række 3: køn »Kvinder« og aldersgruppe »0-17« står to gange"),
        ([GOOD[0][:2] + ["mange"] + GOOD[0][3:]], r"række 2, kolonne »tilmeldte«: »mange« er ikke et helt tal"),
        ([["=Kvinder"] + GOOD[0][1:]], r"række 2, kolonne »køn«: »=Kvinder« begynder med »=«"),
        ([GOOD[1]], r"ingen aldersgruppe har tilmeldte patienter"),
        ([GOOD[0], GOOD[1][:3] + ["2"] + GOOD[1][4:]], r"række 3: gruppen har ydelser, men ingen tilmeldte"),
    ],
)
def test_a_wrong_bands_file_is_said_naming_the_row(rows, message):
    problems = validate_bands(frame(rows), "bånd.csv", CODES)
    assert len(problems) == 1 and re.search(message, problems[0]), problems


def test_a_wrong_header_is_said():
    wrong = frame(GOOD).rename(columns={"køn": "kon"})
    assert validate_bands(wrong, "bånd.csv", CODES) == [
        "bånd.csv, række 1: overskriften skal være »køn;aldersgruppe;tilmeldte;4436;1003;0101;0120;0201«, men er "
        "»kon;aldersgruppe;tilmeldte;4436;1003;0101;0120;0201«."
    ]
