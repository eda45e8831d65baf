""" "Klyngens overblik" in Chromium: the coordinator loads the cluster data file and sees every practice per
indicator; every number is checked against pandas, numpy and scipy reading the same file, and nothing of the file
is sent or stored."""

from __future__ import annotations

from dataclasses import replace

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
from support.browser import EXAMPLE_PATH, assert_nothing_stored, example_text
from support.site import Visit

from calculators.cluster_file.format import Indicator, Practice
from calculators.cluster_file.read import read_cluster_file
from calculators.cluster_file.write import write_cluster_file

PAGE = "klyngepakker/videokonsultationer/klyngens-overblik/"


@pytest.fixture(scope="module")
def example(site):
    return site / EXAMPLE_PATH


@pytest.fixture(scope="module")
def visit(browser, base_url):
    """One overview page for every case: Pyodide loads once, and each case loads its own file, as a coordinator
    opening one cluster's file after another would."""
    visit = Visit(browser, base_url)
    page = visit.open(PAGE)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    yield visit
    visit.context.close()


def open_overview(visit, path):
    page = visit.page
    page.get_by_label("Klyngens datafil").set_input_files(str(path))
    return page


def test_every_practice_per_indicator_matches_an_independent_computation(visit, example):
    page = open_overview(visit, example)
    text = example_text(example)
    expected = numpy_cluster_overview(text)
    sections = page.locator("section.overview-indicator")
    expect(sections).to_have_count(len(expected), timeout=30_000)
    expect(page.locator("[data-context]")).to_contain_text("Klynge Nord (fiktiv) · 9 praksis")
    for section, want in zip(sections.all(), expected.values()):
        table = section.locator("table.overview-table")
        rows = [
            [cell.inner_text().strip() for cell in row.locator("th, td").all()]
            for row in table.locator("tbody tr").all()
        ]
        assert rows == [
            [
                label,
                danish_number(n, 0),
                danish_number(count, 0),
                danish_number(rate),
                f"{danish_number(low)}–{danish_number(high)}",
                verdict,
            ]
            for label, n, count, rate, low, high, verdict in want["rows"]
        ]
        totals = [
            [cell.inner_text().strip() for cell in row.locator("th, td").all()]
            for row in table.locator("tfoot tr").all()
        ]
        assert [(row[0], row[3]) for row in totals] == [
            ("Klyngen", danish_number(want["cluster_rate"])),
            ("Regionen", danish_number(want["region_rate"])),
        ]
        chart = section.locator("svg")
        assert chart.locator(":scope > circle").count() == len(want["rows"])  # not the legend's
        assert chart.locator("text.practice-label").all_text_contents() == [
            row[0].removeprefix("Praksis ") for row in want["rows"]
        ]
        assert section.locator("figcaption").inner_text().count(danish_number(want["region_rate"])) == 1
    assert_nothing_stored(page, visit, text)


def test_the_ratios_standardised_for_sex_and_age_stand_beside_the_rates(visit, example):
    """The example file has sex and age bands: each indicator shows every practice's ratio to the count expected
    from its patients' sex and age, with its interval and verdict against 1, as scipy and numpy compute them."""
    page = open_overview(visit, example)
    _, practices, _ = pandas_cluster_file(example_text(example))
    sections = page.locator("section.overview-indicator")
    expect(sections).to_have_count(4, timeout=30_000)
    expect(page.locator("[data-standardised-text]")).to_contain_text(
        "Den standardiserede ratio tager højde for køn og alder"
    )
    directions = set()
    for section, indicator in zip(sections.all(), ["video", "konsultationer", "aarsstatus", "telefon"]):
        part = section.locator(".calculator-standardised")
        expect(part.locator("h4")).to_contain_text("ud fra alder og køn")
        assert part.locator("p").first.inner_text().startswith("Justeret for køn og alder")
        observed = practices[indicator].astype(int).tolist()
        expected = practices[f"Forventet {indicator}"].str.replace(",", ".").astype(float).tolist()
        rows = [
            [cell.inner_text().strip() for cell in row.locator("th, td").all()]
            for row in part.locator("tbody tr").all()
        ]
        assert [row[0] for row in rows] == practices["Praksis"].tolist()
        for row, o, e in zip(rows, observed, expected):
            ratio, lower, upper = scipy_rate_ci(o, e, per=1)
            direction, level, widened = standardised_verdict(o, e, observed, expected)
            directions.add(direction)
            assert row[1:3] == [danish_number(o, 0), danish_number(e, 2)]
            assert row[3].startswith(f"{danish_number(ratio, 2)} (")
            assert row[4] == f"{danish_number(lower, 2)}–{danish_number(upper, 2)}"
            assert row[5] == verdict_words(direction, level == "99,8 %", widened, standardised=True)
    assert directions == {-1, 0, 1}


def test_open_data_labels_practices_by_name(visit, example, tmp_path):
    text = example_text(example).replace("Data;anonyme", "Data;åbne").replace("Praksis D;", "Lægehuset Øst;")
    path = tmp_path / "aabne.csv"
    path.write_text(text, encoding="utf-8")
    page = open_overview(visit, path)
    expect(page.locator("[data-context]")).to_contain_text("åbne data", timeout=30_000)
    labels = page.locator("section.overview-indicator").first.locator("text.practice-label")
    expect(labels).to_have_count(9, timeout=30_000)
    assert "Lægehuset Øst" in labels.all_text_contents()


def test_projector_csv_and_print(visit, example):
    page = open_overview(visit, example)
    expect(page.locator("[data-context]")).to_contain_text("anonyme data", timeout=30_000)
    expect(page.locator("section.overview-indicator")).to_have_count(4, timeout=30_000)
    page.get_by_role("button", name="Projektorvisning", exact=True).click()
    leave = page.get_by_role("button", name="Afslut projektorvisning")
    expect(leave).to_be_visible()  # the button says how to leave
    expect(page.get_by_label("Klyngens datafil")).to_be_hidden()  # only the overview on the big screen
    table = page.locator("table.overview-table").first
    assert float(table.evaluate("(t) => parseFloat(getComputedStyle(t).fontSize)")) >= 18  # was 14 px
    page.emulate_media(media="print")  # printing in projector mode gives the paper layout
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Projektorvisning", exact=True)).to_be_visible()
    expect(page.get_by_label("Klyngens datafil")).to_be_visible()
    leave = page.get_by_role("button", name="Projektorvisning", exact=True)
    leave.click()
    expect(page.get_by_role("button", name="Afslut projektorvisning")).to_be_visible()
    page.get_by_role("button", name="Afslut projektorvisning").click()  # and out again by the button
    expect(page.get_by_label("Klyngens datafil")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Hent overblikket som CSV").click()
    csv = download.value.path().read_bytes().decode("utf-8-sig")
    text = example_text(example)
    expected = numpy_cluster_overview(text)
    context, table = csv.split("\r\n\r\n", 1)
    assert "Periode;1. januar 2024 – 31. december 2025 (2 år)" in context.split("\r\n")
    lines = [line.split(";") for line in table.split("\r\n") if line]
    assert lines[0][:5] == ["Indikator", "Praksis", "Tilmeldte", "Antal", "Rate pr. 1.000 på 2 år"]
    video = [line for line in lines if line[0] == "Videokonsultationer" and line[1].startswith("Praksis")]
    assert [(line[1], int(line[3]), line[4], line[7]) for line in video] == [
        (row[0], row[2], danish_number(row[3]).replace(".", ""), row[6]) for row in expected["video"]["rows"]
    ]

    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Udskriv til klyngemødet")).to_be_hidden()
    expect(page.locator("section.overview-indicator").first).to_be_visible()
    page.emulate_media(media="screen")
    assert visit.foreign_requests == []


def test_a_bad_file_gets_a_danish_message_naming_the_line(visit, example, tmp_path):
    page = open_overview(visit, example)
    expect(page.locator("section.overview-indicator")).to_have_count(4, timeout=30_000)
    bad = tmp_path / "afkortet.csv"
    bad.write_text(example_text(example).replace("Praksis;Tilmeldte;", "Praksis;Tilmeldt;"), encoding="utf-8")
    page.get_by_label("Klyngens datafil").set_input_files(str(bad))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("linje", timeout=30_000)
    assert "Klyngedatafilen" in alert.inner_text() and "Error" not in alert.inner_text()
    expect(page.locator("[data-result]")).to_be_hidden()  # the previous file's overview is gone


def test_a_computation_that_runs_too_long_is_stopped_and_the_calculator_starts_again(visit, example, tmp_path):
    """A file valid but far larger than a cluster's keeps the worker busy: past the watchdog (a minute on the site,
    shortened here to 50 ms) the page stops it, says so in Danish, and starts a fresh worker that answers again."""
    small = read_cluster_file(example_text(example))
    practices = tuple(
        Practice(f"Praksis {n}", p.listed, p.counts) for n, p in enumerate(small.practices * 55) if n < 495
    )
    indicators = tuple(
        Indicator(i.id, i.name, i.codes, sum(p.counts[k] for p in practices)) for k, i in enumerate(small.indicators)
    )
    big = replace(
        small,
        practices=practices,
        indicators=indicators,
        region_practices=len(practices),
        region_listed=sum(p.listed for p in practices),
        bands=(),
    )
    path = tmp_path / "stor.csv"
    path.write_text(write_cluster_file(big), encoding="utf-8")
    page = visit.page
    root = page.locator("[data-overview]")
    root.evaluate("(root) => { root.dataset.computeTimeoutMs = '50'; }")
    open_overview(visit, path)
    expect(page.get_by_role("alert")).to_contain_text(
        "Beregningen tog over et minut, så den er stoppet", timeout=10_000
    )
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    root.evaluate("(root) => { delete root.dataset.computeTimeoutMs; }")
    open_overview(visit, example)
    expect(page.locator("[data-context]")).to_contain_text("Klynge Nord (fiktiv) · 9 praksis", timeout=30_000)
    assert visit.console_errors == [] and visit.foreign_requests == []
