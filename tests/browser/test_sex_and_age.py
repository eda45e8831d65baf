"""A practice without a cluster data file types its patients by sex and age, in Chromium: the standardised ratios
stand beside its rates as scipy and numpy compute them from the published reference; a sum that does not match its
listed patients is said on the first box, and nothing typed is lost."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from independent import danish_number, scipy_rate_ci
from playwright.sync_api import expect
from support.browser import COUNTS, PASTE

PROFILE = [400, 800, 700, 300, 100, 420, 800, 650, 220, 110]  # 4.500 patients, as support.browser.LISTED


@pytest.fixture(scope="module")
def reference(site) -> dict:
    return json.loads(next((site / "assets" / "data").glob("videokonsultationer.*.json")).read_text(encoding="utf-8"))


def type_profile(page, bands, values):
    for band, value in zip(bands, values):
        page.get_by_role("textbox", name=f"{band['age']} år {band['sex']}", exact=True).fill(str(value))


def test_typed_patients_by_sex_and_age_give_ratios_beside_the_rates(calculator_visit, reference):
    page = calculator_visit.page
    bands = reference["bands"]
    expect(page.get_by_role("group", name="Jeres patienter efter køn og alder (kan udelades)")).to_be_visible()
    page.get_by_label("Antal tilmeldte patienter").fill("4.500")
    page.get_by_label("Jeres tal (ydelseskode og antal)").fill(PASTE)
    type_profile(page, bands, PROFILE)
    page.get_by_role("button", name="Beregn").click()
    part = page.locator("[data-standardised]")
    table = part.get_by_role("table", name=re.compile("^Standardiseret for køn og alder, 1. januar 2024"))
    expect(table).to_be_visible(timeout=30_000)
    rows = [
        [c.inner_text().split("\n")[0].strip() for c in r.locator("th, td").all()]
        for r in table.locator("tbody tr").all()
    ]
    assert [row[0] for row in rows] == [indicator["name"] for indicator in reference["indicators"]]
    for row, indicator in zip(rows, reference["indicators"]):
        rates = np.array([b["counts"][indicator["id"]] / b["listed"] for b in bands])
        expected = float(np.dot(PROFILE, rates))
        ratio, lower, upper = scipy_rate_ci(COUNTS[indicator["id"]], expected, per=1)
        assert row[1:5] == [
            danish_number(COUNTS[indicator["id"]], 0),
            danish_number(expected, 2),
            row[3] if row[3].startswith(f"{danish_number(ratio, 2)} (") else f"{danish_number(ratio, 2)} (…)",
            f"{danish_number(lower, 2)}–{danish_number(upper, 2)}",
        ]
    expect(part).to_contain_text("Den standardiserede ratio tager højde for køn og alder")
    assert calculator_visit.console_errors == [] and calculator_visit.foreign_requests == []


def test_groups_that_do_not_add_up_are_said_on_the_first_box_and_kept(calculator_visit, reference):
    page = calculator_visit.page
    bands = reference["bands"]
    page.get_by_label("Antal tilmeldte patienter").fill("4.600")
    page.get_by_label("Jeres tal (ydelseskode og antal)").fill(PASTE)
    type_profile(page, bands, PROFILE)
    page.get_by_role("button", name="Beregn").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Jeres patienter efter køn og alder er 4.500 i alt, men antal tilmeldte patienter er 4.600.", timeout=30_000
    )
    first = page.get_by_role("textbox", name=f"{bands[0]['age']} år {bands[0]['sex']}", exact=True)
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_be_focused()
    expect(page.locator("[data-standardised]")).to_be_empty()
    assert [page.locator(f'[data-field="band-{i}"]').input_value() for i in range(len(bands))] == list(
        map(str, PROFILE)
    )
    # Emptied, every box: crude rates only, and no ratio.
    for i in range(len(bands)):
        page.locator(f'[data-field="band-{i}"]').fill("")
    page.get_by_label("Antal tilmeldte patienter").fill("4.500")
    page.get_by_role("button", name="Beregn").click()
    expect(page.get_by_role("table", name=re.compile("^Jeres rater pr. 1.000 patienter"))).to_be_visible(timeout=30_000)
    expect(page.locator("[data-standardised] table")).to_have_count(0)
