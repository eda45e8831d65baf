"""The calculator as a practice uses it: in Chromium, on the built site, checked against scipy and numpy."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support.browser import CALCULATOR, PASTE, WCAG, expected_row, fill, open_calculator, table_rows

COLUMNS = [
    "Indikator",
    "Antal",
    "Rate pr. 1.000 på 2 år",
    "95 % sikkerhedsinterval",
    "Klyngens samlede rate",
    "Klyngens 95 %-grænser ved jeres antal tilmeldte",
    "Placering (1 = lavest)",
    "Vurdering",
]


@pytest.fixture(scope="module")
def reference(site) -> dict:
    # The name carries the file's content hash (overrides/hooks/asset_hashes.py).
    return json.loads(next((site / "assets" / "data").glob("videokonsultationer.*.json")).read_text(encoding="utf-8"))


@pytest.fixture
def calculator(calculator_visit):
    """The module's one ready calculator page (conftest.calculator_visit): each case fills in what it needs, so
    Pyodide loads once for them all; what a case changes of the page itself is put back after it."""
    page = calculator_visit.page
    # No earlier case's result on screen, which a case could read before its own has come, and the top of the page.
    page.evaluate(
        """() => { document.querySelector("[data-result]").hidden = true;
        for (const part of document.querySelectorAll("[data-result] [data-table], [data-result] [data-summary]"))
          part.replaceChildren();
        window.scrollTo(0, 0); }"""
    )
    yield page
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 720})  # Playwright's default, as every new page has


@pytest.fixture
def fresh_calculator(visit):
    """A page of its own, for the cases that need it as a person first sees it: empty fields, no result."""
    return open_calculator(visit)


def test_loading_status_then_ready(visit):
    page = visit.open(CALCULATOR)
    # The first text a person sees, until Pyodide has loaded in the worker (the bytes are counted in
    # test_loading_progress.py).
    first = page.get_by_role("status").inner_text().strip()
    assert re.fullmatch(
        r"Beregneren indlæses …|Henter beregneren: \d+,\d af \d+,\d MB …|Starter beregneren …|Klar", first
    ), first
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
    expect(page.locator("[data-status] progress")).to_be_hidden()  # the bar goes once the calculator is ready
    assert visit.console_errors == []


def test_happy_path_matches_an_independent_computation(calculator, reference, calculator_visit):
    cluster = reference["clusters"][1]
    fill(calculator, "4.500", PASTE, cluster=f"{cluster['name']} – {len(cluster['listed'])} praksis")
    headers = calculator.get_by_role("table", name="Jeres rater pr. 1.000 patienter").locator("thead th")
    expect(headers).to_have_text(COLUMNS)
    rows = table_rows(calculator)
    assert rows == [expected_row(indicator, cluster) for indicator in reference["indicators"]]
    context = calculator.locator("[data-context]").inner_text()
    assert cluster["name"] in context and "4.500 tilmeldte patienter" in context and "fiktive data" in context
    summary = calculator.locator("[data-summary]").inner_text()
    assert summary.strip() and "bedre" not in summary and "dårligere" not in summary
    figures = calculator.locator("figure.calculator-figure")
    expect(figures).to_have_count(len(reference["indicators"]))
    first_caption = figures.first.locator("figcaption").inner_text()
    assert f"klyngens {len(cluster['listed'])} praksis" in first_caption
    assert figures.first.locator("svg > circle.practice").count() == len(cluster["listed"])  # not the legend's
    assert calculator_visit.console_errors == [] and calculator_visit.foreign_requests == []


def test_page_states_fictitious_data_and_period(calculator):
    text = calculator.locator("article").inner_text()
    assert "fiktive data" in text
    assert "Indsæt jeres egne tal for 1. januar 2024 – 31. december 2025 (2 år)" in text
    assert "Demoklyngernes periode er opdigtet ligesom deres tal" in text


def test_all_numbers_on_screen_are_danish(calculator):
    fill(calculator, "12000", "4436;1234\n0101;56789\n0120;345\n0201;67890\n1003;5")
    table = calculator.get_by_role("table", name="Jeres rater pr. 1.000 patienter").inner_text()
    assert not re.search(r"\d\.\d{1,2}(?!\d)", table), "decimalpunktum i stedet for komma"
    assert not re.search(r"\d,\d{3},", table), "engelsk tusindtalsskilletegn"
    assert "56.789" in table and "1.239" in table  # video = 4436 + 1003


BAD_INPUTS = [
    ("4500", "", "text", "Indsæt jeres tal"),
    ("4500", "0101;12\n4436;-5", "text", "Linje 2"),
    ("4500", "0101;12,5", "text", "Linje 1"),
    ("4500", "0101;10\n0120", "text", "Linje 2"),
    ("4500", "0101;10\nhej", "text", "Linje 2"),
    ("4500", "0101;10\n\n12345;7", "text", "Linje 3"),
    ("4500", "9999;10", "text", "0101"),
    ("", "0101;10", "listed", "tilmeldte"),
    ("0", "0101;10", "listed", "tilmeldte"),
    ("4500,5", "0101;10", "listed", "tilmeldte"),
    ("mange", "0101;10", "listed", "tilmeldte"),
]


@pytest.mark.parametrize(("listed", "text", "field", "expected"), BAD_INPUTS)
def test_bad_input_gets_a_danish_message_and_keeps_what_was_typed(calculator_visit, listed, text, field, expected):
    calculator, visit = calculator_visit.page, calculator_visit
    fill(calculator, listed, text)
    alert = calculator.get_by_role("alert")
    expect(alert).to_contain_text(expected)
    message = alert.inner_text()
    assert re.search(r"[æøåÆØÅ]|Linje|Indsæt|Skriv|ikke", message), message
    assert not re.search(r"Traceback|Error|undefined|NaN", message), message
    assert calculator.get_by_label("Antal tilmeldte patienter").input_value() == listed
    assert calculator.get_by_label("Jeres tal (ydelseskode og antal)").input_value() == text
    labels = {"text": "Jeres tal (ydelseskode og antal)", "listed": "Antal tilmeldte patienter"}
    expect(calculator.get_by_label(labels[field])).to_have_attribute("aria-invalid", "true")
    expect(calculator.locator("[data-result]")).to_be_hidden()
    assert visit.console_errors == []


def test_a_list_size_that_cannot_fit_the_counts_is_questioned_before_any_verdict(calculator):
    """4.500 typed as 450: every rate about ten times the cluster's. The page asks first; »Beregn« again, with
    nothing changed, gives the result; a change of the numbers asks again."""
    fill(calculator, "450", PASTE)
    alert = calculator.get_by_role("alert")
    expect(alert).to_contain_text("Tjek »Antal tilmeldte patienter« og perioden, før I læser vurderingerne")
    expect(calculator.get_by_label("Antal tilmeldte patienter")).to_have_attribute("aria-invalid", "true")
    expect(calculator.locator("[data-result]")).to_be_hidden()
    calculator.get_by_role("button", name="Beregn").click()
    assert len(table_rows(calculator)) == 4
    fill(calculator, "440", PASTE)
    expect(calculator.get_by_role("alert")).to_contain_text("Tjek »Antal tilmeldte patienter«")


def test_warnings_for_duplicate_and_unknown_codes(calculator):
    fill(calculator, "4500", "0101;10\n0101;5\n0777;3\n4436;2")
    assert table_rows(calculator)[1][1] == "15"
    warnings = calculator.locator("[data-warnings]").inner_text()
    assert "0101" in warnings and "0777" in warnings


def test_keyboard_only(fresh_calculator):
    calculator = fresh_calculator
    calculator.get_by_label("Klynge", exact=True).focus()
    calculator.keyboard.press("ArrowDown")
    calculator.keyboard.press("Tab")
    calculator.keyboard.type("4.500")
    calculator.keyboard.press("Tab")
    calculator.keyboard.type("4436;120\n0101;21000\n0120;1100\n0201;30000\n1003;8")
    # The patients by sex and age, row by row as the table reads: an age band, women then men.
    for field, patients in zip(
        ["band-0", "band-5", "band-1", "band-6", "band-2", "band-7", "band-3", "band-8", "band-4", "band-9"],
        ["400", "420", "800", "800", "700", "650", "300", "220", "100", "110"],
    ):
        calculator.keyboard.press("Tab")
        assert calculator.evaluate("document.activeElement.dataset.field") == field
        calculator.keyboard.type(patients)
    # Past the cluster data file and its example file, under »Har I en datafil fra MidtKraft?« after the paste box.
    calculator.keyboard.press("Tab")
    assert calculator.evaluate("document.activeElement.dataset.field") == "cluster_file"
    calculator.keyboard.press("Tab")
    assert calculator.evaluate("document.activeElement.textContent.trim()") == "Prøv med en eksempelfil"
    calculator.keyboard.press("Tab")
    assert calculator.evaluate("document.activeElement.textContent.trim()") == "Beregn"
    calculator.keyboard.press("Enter")
    expect(calculator.get_by_role("table", name="Jeres rater pr. 1.000 patienter")).to_be_visible()
    expect(calculator.locator("[data-standardised] table")).to_be_visible()
    # Focus moves to the result, so a screen reader reads it next.
    assert calculator.evaluate("document.activeElement.matches('[data-result]')")


def test_csv_download(calculator, reference):
    cluster = reference["clusters"][0]
    fill(calculator, "4.500", PASTE, cluster=f"{cluster['name']} – {len(cluster['listed'])} praksis")
    table_rows(calculator)
    with calculator.expect_download() as download_info:
        calculator.get_by_role("button", name="Hent resultat som CSV").click()
    today = calculator.evaluate(
        "(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()"
    )
    assert download_info.value.suggested_filename == "midtkraft-videokonsultationer-{}-{:02d}-{:02d}.csv".format(*today)
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV skal starte med UTF-8 BOM, så Excel læser æøå rigtigt"
    assert b"\r\n" in data
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    context, rows = dict(lines[: lines.index([])]), lines[lines.index([]) + 1 :]
    months = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert context["Klynge"] == cluster["name"] and context["Praksis i klyngen"] == str(len(cluster["listed"]))
    assert (context["Jeres tilmeldte patienter"], context["Periode"], context["Klyngens tal"]) == (
        "4500",
        "1. januar 2024 – 31. december 2025 (2 år)",
        "fiktive data",
    )
    assert context["Rater"] == "pr. 1.000 tilmeldte på 2 år"
    assert context["Lavet"] == f"{today[2]}. {months[today[1] - 1]} {today[0]}"
    assert rows[0][:3] == ["Indikator", "Antal", "Rate pr. 1.000 på 2 år"]
    expected = {row[0]: row for row in (expected_row(i, cluster) for i in reference["indicators"])}
    for row in rows[1:]:
        screen = expected[row[0]]
        assert row[1] == screen[1].replace(".", "")
        assert row[2] == screen[2].replace(".", "")
        assert row[6] == screen[4].replace(".", "")  # the cluster's pooled rate
        assert f"{row[7]}–{row[8]}" == screen[5]  # the 95 % limits at the practice's list size
        assert row[-1] == screen[-1]
    assert len(rows) == 1 + len(reference["indicators"])


def test_accessible_before_and_after_results(fresh_calculator):
    calculator = fresh_calculator
    before = Axe().run(calculator, options=WCAG)
    assert before.violations_count == 0, before.generate_report()
    fill(calculator, "4500", PASTE)
    table_rows(calculator)
    after = Axe().run(calculator, options=WCAG)
    assert after.violations_count == 0, after.generate_report()


def test_print_shows_results_and_discussion_questions(calculator):
    fill(calculator, "4500", PASTE)
    table_rows(calculator)
    calculator.emulate_media(media="print")
    expect(calculator.get_by_role("table", name="Jeres rater pr. 1.000 patienter")).to_be_visible()
    expect(calculator.get_by_text("Hvad tager hver praksis med hjem?")).to_be_visible()
    expect(calculator.locator(".calculator-form")).to_be_hidden()
    expect(calculator.locator(".md-header")).to_be_hidden()


def test_errors_are_announced_and_accessible(calculator):
    fill(calculator, "mange", "0101;10\nhej")
    expect(calculator.get_by_role("alert")).to_contain_text("Linje 2")
    for label in ("Antal tilmeldte patienter", "Jeres tal (ydelseskode og antal)"):
        field = calculator.get_by_label(label)
        message_id = field.get_attribute("aria-errormessage")
        # the message is inside the alert region, visible, and also read as the field's description
        message = calculator.locator(f"[role=alert] #{message_id}")
        expect(message).to_be_visible()
        assert message_id in field.get_attribute("aria-describedby").split()
    result = Axe().run(calculator, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    fill(calculator, "4500", PASTE)  # fixed: the descriptions go back to the help texts alone
    table_rows(calculator)
    expect(calculator.get_by_label("Antal tilmeldte patienter")).to_have_attribute(
        "aria-describedby", "calc-listed-help"
    )


def test_result_heading_is_clear_of_the_sticky_header(calculator):
    calculator.set_viewport_size({"width": 1280, "height": 720})
    fill(calculator, "4500", PASTE)
    table_rows(calculator)
    assert calculator.evaluate("document.activeElement.matches('[data-result]')")
    header = calculator.locator(".md-header").bounding_box()
    heading = calculator.locator("#calc-result-heading").bounding_box()
    assert heading["y"] >= header["y"] + header["height"], (heading, header)
    assert heading["y"] + heading["height"] <= 720
