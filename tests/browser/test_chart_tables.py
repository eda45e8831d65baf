"""Every chart's numbers as a table for screen readers: a closed »Diagrammets tal som tabel« under each chart of the
calculator, the cluster overview and »Følg op«, whose tables (caption, column and row headers) are built when it
opens. The numbers are checked against scipy and numpy reading the same reference data, cluster file or counts."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from independent import (
    danish_number,
    numpy_cluster_overview,
    numpy_overdispersion,
    pandas_cluster_file,
    scipy_exact_count_interval,
    scipy_rate_ci,
    scipy_verdict,
)
from playwright.sync_api import expect
from scipy import stats
from support.browser import CALCULATOR, COUNTS, EXAMPLE_PATH, LISTED, PASTE, example_text
from support.site import Visit

OVERVIEW = "klyngepakker/videokonsultationer/klyngens-overblik/"
FOLLOW_UP = "klyngepakker/videokonsultationer/foelg-op/"
SUMMARY = "Diagrammets tal som tabel"
DANISH_RATE = re.compile(r"\d{1,3}(\.\d{3})*,\d")


def number(text: str) -> float:
    """A Danish number as shown (1.234,5) as a float; the format itself is checked where the number is read."""
    assert DANISH_RATE.fullmatch(text) or re.fullmatch(r"\d{1,3}(\.\d{3})*", text), text
    return float(text.replace(".", "").replace(",", "."))


def shown_to_one_decimal(text: str, low: float, high: float) -> bool:
    """A rate shown with one decimal is within rounding of the closed range [low, high] the value must lie in."""
    return low - 0.05 - 1e-9 <= number(text) <= high + 0.05 + 1e-9


def limit_ranges(pooled: float, listed: int, level: float, tau2: float) -> tuple[tuple[float, float], ...]:
    """Where the lower and the upper control limit at `listed` must lie, as rates, from scipy's intervals.

    The limits invert the practice's interval over whole counts: the upper limit lies between the last count whose
    interval still reaches down to the pooled rate and the first that does not; the lower limit likewise with the
    interval's upper end (0 when even no events reach it). With over-dispersion (tau2 > 0) each limit is the wider
    of that and Spiegelhalter's random-effects limit."""
    expected = pooled * listed / 1000
    counts = np.arange(0, int(expected + 12 * np.sqrt(expected) + 50))
    verdicts = scipy_verdict(counts, listed, pooled, level)
    first_out = int(counts[verdicts == 1][0])
    first_in = int(counts[verdicts != -1][0])
    upper = ((first_out - 1) * 1000 / listed, first_out * 1000 / listed)
    lower = (0.0, 0.0) if first_in == 0 else ((first_in - 1) * 1000 / listed, first_in * 1000 / listed)
    if tau2 > 0:
        width = stats.norm.ppf(1 - (1 - level) / 2) * np.sqrt(1 / (4 * expected) + tau2)
        wide_low, wide_high = pooled * max(0.0, 1 - width) ** 2, pooled * (1 + width) ** 2
        lower = (min(lower[0], wide_low), min(lower[1], wide_low))
        upper = (max(upper[0], wide_high), max(upper[1], wide_high))
    return lower, upper


def assert_limits(text: str, pooled: float, listed: int, level: float, tau2: float):
    low_text, high_text = text.split("–")
    lower, upper = limit_ranges(pooled, listed, level, tau2)
    assert shown_to_one_decimal(low_text, *lower), (text, lower)
    assert shown_to_one_decimal(high_text, *upper), (text, upper)


def cells(row) -> list[str]:
    return [cell.inner_text().strip() for cell in row.locator("th, td").all()]


def open_details(details):
    """Opens a chart's data, by keyboard as a screen reader user would, and returns its tables."""
    expect(details.locator("table")).to_have_count(0)  # nothing is built before it is asked for
    details.locator("summary").focus()
    details.page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(details.locator("table").last).to_be_visible()  # built on the toggle event, a moment after "open"
    return details.locator("table")


def assert_headers(table, columns: list[str], caption: str):
    expect(table.locator("caption")).to_have_text(caption)
    assert [th.get_attribute("scope") for th in table.locator("thead th").all()] == ["col"] * len(columns)
    expect(table.locator("thead th")).to_have_text(columns)
    for row in table.locator("tbody tr").all():
        assert row.locator("th").count() == 1 and row.locator("th").get_attribute("scope") == "row"


@pytest.fixture(scope="module")
def reference(site) -> dict:
    return json.loads(next((site / "assets" / "data").glob("videokonsultationer.*.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def visit(browser, base_url):
    visit = Visit(browser, base_url)
    yield visit
    visit.context.close()


def test_calculator_charts_have_their_numbers_as_tables(visit, reference):
    page = visit.open(CALCULATOR)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    cluster = reference["clusters"][1]
    page.get_by_label("Klynge", exact=True).select_option(label=f"{cluster['name']} – {len(cluster['listed'])} praksis")
    page.get_by_label("Antal tilmeldte patienter").fill("4.500")
    page.get_by_label("Jeres tal (ydelseskode og antal)").fill(PASTE)
    page.get_by_role("button", name="Beregn").click()
    indicators = reference["indicators"]
    expect(page.locator("figure.calculator-figure")).to_have_count(len(indicators), timeout=30_000)
    all_details = page.locator("[data-charts] details.chart-data")
    expect(all_details).to_have_count(len(indicators))
    listed = np.array(cluster["listed"])
    for index, indicator in enumerate(indicators):
        name = indicator["name"]
        svg = page.locator("figure.calculator-figure svg").nth(index)
        assert svg.get_attribute("role") == "img"
        assert svg.get_attribute("aria-label") == f"{name}: tragtdiagram. Tallene står i tabellen under diagrammet."
        details = all_details.nth(index)
        expect(details.locator("summary")).to_have_text(SUMMARY)
        own, practices = open_details(details).all()

        count = COUNTS[indicator["id"]]
        counts = np.array(cluster["counts"][indicator["id"]])
        # The practice joins its cluster: its events are in the rate and the spread it is compared with, once.
        members, member_listed = np.append(counts, count), np.append(listed, LISTED)
        pooled = members.sum() / member_listed.sum() * 1000
        _, tau2 = numpy_overdispersion(members, member_listed)
        rate, low, high = scipy_rate_ci(count, LISTED)
        assert_headers(
            own, ["Tal", "Rate pr. 1.000 patienter"], f"{name}: jeres praksis og klyngen, rater pr. 1.000 patienter"
        )
        rows = [cells(row) for row in own.locator("tbody tr").all()]
        assert [row[0] for row in rows] == [
            "Jeres rate",
            "Jeres 95 % sikkerhedsinterval",
            "Klyngens samlede rate",
            "95 %-grænser ved 4.500 tilmeldte",
            "99,8 %-grænser ved 4.500 tilmeldte",
        ]
        assert rows[0][1] == danish_number(rate)
        assert rows[1][1] == f"{danish_number(low)}–{danish_number(high)}"
        assert rows[2][1] == danish_number(pooled)
        assert_limits(rows[3][1], pooled, LISTED, 0.95, tau2)
        assert_limits(rows[4][1], pooled, LISTED, 0.998, tau2)

        assert_headers(
            practices,
            ["Tilmeldte patienter", "Rate pr. 1.000 patienter"],
            f"{name}: klyngens {len(listed)} praksis efter antal tilmeldte patienter",
        )
        shown = [cells(row) for row in practices.locator("tbody tr").all()]
        want = sorted(zip(listed, counts / listed * 1000))
        assert [row[0] for row in shown] == [danish_number(n, 0) for n, _ in want]
        for (_, rate_text), (_, want_rate) in zip(shown, want, strict=True):
            assert shown_to_one_decimal(rate_text, want_rate, want_rate), (rate_text, want_rate)
        assert all(cell.get_attribute("class") == "number" for cell in practices.locator("tbody td").all())
    assert visit.console_errors == []


def test_overview_charts_have_their_lines_as_tables(visit, site):
    page = visit.open(OVERVIEW)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    path = site / EXAMPLE_PATH
    page.get_by_label("Klyngens datafil").set_input_files(str(path))
    text = example_text(path)
    expected = numpy_cluster_overview(text)
    _, practices, _ = pandas_cluster_file(text)
    listed = practices["Tilmeldte"].to_numpy()
    sections = page.locator("section.overview-indicator")
    expect(sections).to_have_count(len(expected), timeout=30_000)
    for section, (indicator_id, want) in zip(sections.all(), expected.items()):
        name = want["name"]
        svg = section.locator("svg")
        assert svg.get_attribute("role") == "img"
        assert "Praksis' tal står i tabellen over diagrammet" in svg.get_attribute("aria-label")
        details = section.locator("details.chart-data")
        expect(details.locator("summary")).to_have_text(SUMMARY)
        tables = open_details(details)
        lines = tables.first
        assert_headers(lines, ["Linje", "Rate pr. 1.000 patienter"], f"{name}: linjerne i diagrammet")
        assert [cells(row) for row in lines.locator("tbody tr").all()] == [
            ["Klyngens samlede rate", danish_number(want["cluster_rate"])],
            ["Regionens rate", danish_number(want["region_rate"])],
        ]
        counts = practices[indicator_id].to_numpy()
        _, tau2 = numpy_overdispersion(counts, listed)
        if tables.count() == 1:  # no funnel: a cluster without events has no limits to draw
            assert counts.sum() == 0
            continue
        limits = tables.nth(1)
        assert_headers(
            limits,
            ["Tilmeldte patienter", "99,8 %, nedre", "95 %, nedre", "95 %, øvre", "99,8 %, øvre"],
            f"{name}: grænserne for tilfældig variation, rater pr. 1.000 patienter",
        )
        rows = [cells(row) for row in limits.locator("tbody tr").all()]
        sizes = [int(number(row[0])) for row in rows]
        # The funnel runs from the smallest to the largest practice, ascending.
        assert sizes == sorted(sizes) and sizes[0] == listed.min() and sizes[-1] == listed.max(), sizes
        for n, (_, low_998, low_95, high_95, high_998) in zip(sizes, rows):
            assert_limits(f"{low_95}–{high_95}", want["cluster_rate"], n, 0.95, tau2)
            assert_limits(f"{low_998}–{high_998}", want["cluster_rate"], n, 0.998, tau2)
    # Closed again, its tables are hidden: the practices' own table is the one a screen reader finds there.
    page.locator("details.chart-data[open] summary").first.click()
    expect(sections.first.locator(".overview-body").get_by_role("table")).to_have_count(1)
    assert visit.console_errors == []


def test_follow_up_chart_has_its_numbers_as_a_table(visit):
    page = visit.open(FOLLOW_UP)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    before, before_days, after, after_days = 40, 90, 18, 90
    for label, value in zip(
        ("Antal før", "Dage før", "Antal efter", "Dage efter"), (before, before_days, after, after_days)
    ):
        page.get_by_label(label, exact=True).fill(str(value))
    page.get_by_role("button", name="Beregn").click()
    details = page.locator("[data-result] details.chart-data")
    expect(details).to_have_count(1, timeout=30_000)
    table = open_details(details)
    assert_headers(
        table,
        ["Periode", "Ydelser", "Dage", "Ydelser pr. uge", "95 % sikkerhedsinterval"],
        "ydelser pr. uge før og efter ændringen",
    )
    expected = []
    for label, count, days in (("Før", before, before_days), ("Efter", after, after_days)):
        low, high = scipy_exact_count_interval(count)
        expected.append(
            [
                label,
                str(count),
                str(days),
                danish_number(count * 7 / days),
                f"{danish_number(low * 7 / days)}–{danish_number(high * 7 / days)}",
            ]
        )
    assert [cells(row) for row in table.locator("tbody tr").all()] == expected
    assert visit.console_errors == []
