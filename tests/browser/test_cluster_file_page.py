"""The calculator with a cluster data file, in Chromium: loaded through »Klyngens datafil«, compared against, and
never sent or stored. Every number is checked against pandas, numpy and scipy reading the same file."""

from __future__ import annotations

import re

import pytest
from independent import (
    danish_number,
    numpy_cluster_overview,
    pandas_cluster_file,
    scipy_rate_ci,
    standardised_verdict,
    verdict_words,
)
from playwright.sync_api import expect
from support.browser import (
    COUNTS,
    EXAMPLE_PATH,
    LISTED,
    PASTE,
    assert_nothing_stored,
    example_text,
    expected_row,
    fill,
    table_rows,
)


@pytest.fixture(scope="module")
def example(site):
    return site / EXAMPLE_PATH


def load_file(page, path):
    page.get_by_label("Klyngens datafil").set_input_files(str(path))


def test_example_file_is_compared_against_with_the_region_beside(calculator_visit, example):
    page = calculator_visit.page
    link = page.get_by_role("link", name="Prøv med en eksempelfil")
    assert page.evaluate("(a) => a.href", link.element_handle()) == calculator_visit.base_url + EXAMPLE_PATH
    load_file(page, example)
    cluster = page.get_by_label("Klynge", exact=True)
    expect(cluster).to_have_value("datafil", timeout=30_000)
    expect(cluster.locator("option:checked")).to_have_text("Klynge Nord (fiktiv) – 9 praksis (jeres datafil)")
    expect(page.get_by_label("Vælg jeres praksis i datafilen")).to_be_hidden()  # an anonymous file

    fill(page, "4.500", PASTE)
    text = example_text(example)
    indicators, practices, region_listed = pandas_cluster_file(text)
    file_cluster = {
        "listed": list(practices["Tilmeldte"]),
        "counts": {key: list(practices[key]) for key in indicators["Indikator"]},
    }
    reference_indicators = [{"id": key, "name": name} for key, name in zip(indicators["Indikator"], indicators["Navn"])]
    assert table_rows(page) == [expected_row(indicator, file_cluster) for indicator in reference_indicators]

    context = page.locator("[data-context]").inner_text()
    assert "Klynge Nord (fiktiv)" in context and "fiktive data" not in context
    facts = page.locator("[data-file-facts]").inner_text()
    assert f"har {len(practices)} praksis" in facts
    listed = practices["Tilmeldte"].sum() + LISTED  # the practice's numbers are no row's: it joins the cluster
    for _, row in indicators.iterrows():
        cluster_rate = (practices[row["Indikator"]].sum() + COUNTS[row["Indikator"]]) / listed * 1000
        region_rate = row["Regionens antal"] / region_listed * 1000
        assert (
            f"{row['Navn']}: klyngen med jeres tal {danish_number(cluster_rate)}, regionen "
            f"{danish_number(region_rate)} pr. 1.000" in facts
        )
    assert page.locator("figure.calculator-figure").first.locator("svg > circle.practice").count() == len(practices)
    # The file has sex and age bands, but these numbers are no practice's row: no ratio, and why.
    standardised = page.locator("[data-standardised]")
    expect(standardised).to_contain_text("Jeres tal er ikke en af datafilens praksis")
    expect(standardised.get_by_role("table")).to_have_count(0)
    assert_nothing_stored(page, calculator_visit, text)


def test_an_open_file_fills_the_practice_from_its_row(calculator_visit, example, tmp_path):
    text = example_text(example).replace("Data;anonyme", "Data;åbne").replace("Praksis D;", "Lægehuset Øst;")
    path = tmp_path / "klynge-aabne-data.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    page = calculator_visit.page
    load_file(page, path)
    choice = page.get_by_label("Vælg jeres praksis i datafilen")
    expect(choice).to_be_visible(timeout=30_000)
    choice.select_option(label="Lægehuset Øst")
    expect(page.get_by_label("Antal tilmeldte patienter")).to_have_value("3.279")
    page.get_by_role("button", name="Beregn").click()
    expected = numpy_cluster_overview(text)
    rows = table_rows(page)
    index = list(pandas_cluster_file(text)[1]["Praksis"]).index("Lægehuset Øst")
    for row, want in zip(rows, expected.values()):
        _, _, count, rate, low, high, verdict = want["rows"][index]
        assert row[0] == want["name"]
        assert row[1:4] == [danish_number(count, 0), danish_number(rate), f"{danish_number(low)}–{danish_number(high)}"]
        assert row[-1] == verdict
    # Its ratios to the counts expected from its patients' sex and age, beside the rates: scipy and numpy.
    _, practices, _ = pandas_cluster_file(text)
    part = page.locator("[data-standardised]")
    expect(part.get_by_role("heading")).to_have_text("Ud fra jeres patienters alder og køn")
    assert part.locator("p").first.inner_text().startswith("Den standardiserede ratio tager højde for køn og alder")
    table = part.get_by_role("table", name=re.compile("^Standardiseret for køn og alder, 1. januar 2024"))
    shown = [
        [c.inner_text().split("\n")[0].strip() for c in r.locator("th, td").all()]
        for r in table.locator("tbody tr").all()
    ]
    assert [row[0] for row in shown] == [want["name"] for want in expected.values()]
    for row, indicator in zip(shown, expected):
        observed = practices[indicator].astype(int).tolist()
        forecast = practices[f"Forventet {indicator}"].str.replace(",", ".").astype(float).tolist()
        ratio, lower, upper = scipy_rate_ci(observed[index], forecast[index], per=1)
        direction, level, widened = standardised_verdict(observed[index], forecast[index], observed, forecast)
        assert row[1:] == [
            danish_number(observed[index], 0),
            danish_number(forecast[index], 2),
            row[3] if row[3].startswith(f"{danish_number(ratio, 2)} (") else "ratio",
            f"{danish_number(lower, 2)}–{danish_number(upper, 2)}",
            verdict_words(direction, level == "99,8 %", widened, standardised=True),
        ]
    assert_nothing_stored(page, calculator_visit, text)


def test_a_bad_file_names_the_line_and_forgets_the_loaded_cluster(calculator_visit, example, tmp_path):
    page = calculator_visit.page
    load_file(page, example)
    expect(page.get_by_label("Klynge", exact=True)).to_have_value("datafil", timeout=30_000)
    bad = tmp_path / "rettet-i-excel.csv"
    bad.write_text(example_text(example).replace("Praksis C;10355;125;", "Praksis C;10355;12,5;"), encoding="utf-8")
    load_file(page, bad)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("linje 33", timeout=30_000)
    assert re.search(r"helt tal", alert.inner_text()) and "Error" not in alert.inner_text()
    expect(page.locator('option[value="datafil"]')).to_have_count(0)
    expect(page.get_by_label("Klyngens datafil")).to_have_attribute("aria-invalid", "true")
    assert calculator_visit.foreign_requests == []


def test_a_file_far_too_large_is_refused_in_danish(calculator_visit, tmp_path):
    page = calculator_visit.page
    big = tmp_path / "stor.csv"
    big.write_bytes(b"x" * 2_100_000)
    load_file(page, big)
    expect(page.get_by_role("alert")).to_contain_text("Filen fylder 2,1 MB")


def test_the_paste_box_names_the_files_period_and_forgets_it_with_the_file(calculator_visit, example, tmp_path):
    """The practice pulls its counts for the days the file covers, which may differ from the demo clusters'."""
    page = calculator_visit.page
    intro = page.locator("[data-period]")
    expect(intro).to_have_text("1. januar 2024 – 31. december 2025 (2 år)")  # the demo clusters' (invented)
    text = example_text(example).replace("Første dag;2024-01-01", "Første dag;2025-07-01")
    path = tmp_path / "halvt-aar.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    load_file(page, path)
    expect(intro).to_have_text("1. juli 2025 – 31. december 2025 (6 måneder)", timeout=30_000)
    fill(page, "4.500", PASTE)
    expect(page.get_by_role("table", name="Jeres rater pr. 1.000 patienter, 1. juli 2025")).to_be_visible()
    assert "Rate pr. 1.000 på 6 måneder" in page.locator("[data-table] thead").inner_text()
    bad = tmp_path / "forkert.csv"
    bad.write_text("ikke en klyngedatafil", encoding="utf-8")
    load_file(page, bad)
    expect(intro).to_have_text("1. januar 2024 – 31. december 2025 (2 år)", timeout=30_000)
