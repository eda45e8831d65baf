"""»Følg op« as a practice uses it after a trial period: in Chromium, on the built site, checked against scipy."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from independent import scipy_exact_count_interval, scipy_rate_ratio, scipy_ratio_test_power
from playwright.sync_api import expect
from support.browser import WCAG
from support.site import Visit

PAGE = "klyngepakker/videokonsultationer/foelg-op/"
LABELS = {"before": "Antal før", "before_days": "Dage før", "after": "Antal efter", "after_days": "Dage efter"}
EXAMPLES = [(40, 90, 18, 90), (3, 14, 5, 14)]  # the issue's two: a clear fall, and a trial too short to tell
STORAGE_DUMP = """async () => {
  const dump = (storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
  const databases = indexedDB.databases ? (await indexedDB.databases()).map((db) => db.name) : [];
  return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie,
           databases, history: JSON.stringify(history.state),
           // the service worker keeps the site's own files for offline use: the URLs it keeps
           caches: (await Promise.all((await caches.keys()).map(async (name) =>
             (await (await caches.open(name)).keys()).map((request) => request.url)))).flat() };
}"""


# What the page must say, computed again with scipy and plain Python formatting.
def danish(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def percent(fraction: float) -> str:
    return f"{abs(fraction) * 100:.0f}"


def expected_sentences(before: int, before_days: int, after: int, after_days: int) -> dict[str, str]:
    ratio, lower, upper, p_value = scipy_rate_ratio(before, before_days, after, after_days)
    rates = []
    for label, count, days in (("Før", before, before_days), ("Efter", after, after_days)):
        low, high = scipy_exact_count_interval(count)
        rates.append((label, count, days, count * 7 / days, low * 7 / days, high * 7 / days))
    decimals = 2 if any(0 < rate < 1 for *_, rate, _, _ in rates) else 1
    periods = {
        label: (
            f"{label}: {count} ydelser på {days} dage, dvs. {danish(rate, decimals)} pr. uge "
            f"(95 % sikkerhedsinterval {danish(low, decimals)}–{danish(high, decimals)})."
        )
        for label, count, days, rate, low, high in rates
    }
    word = "faldet" if ratio < 1 else "steget"
    if upper < 1:
        span = f"et fald på mellem {percent(1 - upper)} og {percent(1 - lower)} %"
    elif lower > 1:
        span = f"en stigning på mellem {percent(lower - 1)} og {percent(upper - 1)} %"
    else:
        span = f"alt fra et fald på {percent(1 - lower)} % til en stigning på {percent(upper - 1)} %"
    change = (
        f"Antallet pr. uge er {word} med {percent(ratio - 1)} %: forholdet mellem efter og før er "
        f"{danish(ratio, 2)} (95 % sikkerhedsinterval {danish(lower, 2)}–{danish(upper, 2)}), dvs. {span}."
    )
    p_text = f"p = {danish(p_value, 2 if p_value >= 0.1 else 3)}"
    if p_value < 0.05 and not lower <= 1 <= upper:
        verdict = f"Forskellen mellem de to perioder er større, end tilfældigheder alene kan forklare ({p_text})."
    else:
        verdict = f"Forskellen mellem de to perioder er ikke større, end tilfældigheder kan forklare ({p_text})"
    return {
        **periods,
        "change": change,
        "verdict": verdict,
        "ratio": danish(ratio, 2),
        "chart": [danish(rate, decimals) for *_, rate, _, _ in rates],
    }


def events_needed_text(before: int, before_days: int, after: int, after_days: int) -> str:
    """The first total of events with 80 % power for a change of the size seen, scanned with scipy, rounded up to
    two significant figures as "omkring …" is."""
    ratio = (after / after_days) / (before / before_days)
    needed = next(n for n in range(1, 251) if scipy_ratio_test_power(n, ratio, before_days, after_days) >= 0.8)
    if needed >= 100:
        unit = 10 ** (len(str(needed)) - 2)
        needed = -(-needed // unit) * unit
    return f"skal der omkring {danish(needed, 0)} ydelser i alt til"


def open_follow_up(visit):
    page = visit.open(PAGE)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
    return page


@pytest.fixture(scope="module")
def shared_visit(browser, base_url):
    """One page for the whole module: Pyodide loads once instead of once per test (each test types all it needs)."""
    visit = Visit(browser, base_url)
    open_follow_up(visit)
    yield visit
    visit.context.close()


@pytest.fixture
def follow_up(shared_visit):
    page = shared_visit.page
    page.emulate_media(media="screen")
    if page.get_by_label("Hvad vil I sammenligne?").input_value() != "single":
        page.get_by_label("Hvad vil I sammenligne?").select_option(value="single")
    return page


def fill(page, before, before_days, after, after_days):
    for field, value in zip(LABELS.values(), (before, before_days, after, after_days)):
        page.get_by_label(field, exact=True).fill(str(value))
    page.get_by_role("button", name="Beregn").click()


def result_paragraphs(page, first: str) -> list[str]:
    """The answer's sentences once the answer to what was just typed is on screen (one of its sentences contains
    `first`): the page shares one tab across tests, and the previous answer stays until the new one arrives."""
    result = page.locator("[data-result]")
    expect(result.locator("[data-summary]")).to_contain_text(first)
    return [" ".join(text.split()) for text in result.locator("[data-summary] p").all_inner_texts()]


def test_the_issues_examples_match_scipy(follow_up, shared_visit):
    for example in EXAMPLES:
        fill(follow_up, *example)
        expected = expected_sentences(*example)
        expect(follow_up.locator("[data-summary]")).to_contain_text(expected["change"])
        shown = result_paragraphs(follow_up, f"Før: {example[0]} ydelser på {example[1]} dage")
        # the verdict first, then the numbers
        assert shown[:4] == [shown[0], expected["change"], expected["Før"], expected["Efter"]]
        assert shown[0].startswith(expected["verdict"]), shown[0]
        figure = follow_up.locator("[data-result] figure")
        assert figure.locator("svg > circle").count() == 2  # not the legend's
        assert figure.locator("svg").get_attribute("role") == "img"
        caption = figure.locator("figcaption").inner_text()
        for rate in expected["chart"]:
            assert rate in caption and rate in figure.locator("svg").text_content()
        for word in ("bedre", "dårligere"):
            assert word not in " ".join(shown)
    # 3 and 5 in 14 days: too few to tell, and the page says how many it would take.
    assert len(shown) == 5 and shown[4].startswith("Tallene er små")
    assert events_needed_text(*EXAMPLES[1]) in shown[4]
    assert shared_visit.console_errors == [] and shared_visit.foreign_requests == []


def test_danish_number_formats_are_read(follow_up):
    fill(follow_up, "1.200", " 365 ", "1 150", "365")
    assert result_paragraphs(follow_up, "Før: 1.200 ydelser på 365 dage")[2].startswith(
        "Før: 1.200 ydelser på 365 dage"
    )


BAD_INPUTS = [
    (("", "90", "18", "90"), "before", "Udfyld »Antal før«"),
    (("40", "0", "18", "90"), "before_days", "mindst 1 dag"),
    (("40", "90", "1,5", "90"), "after", "ikke et helt tal"),
    (("40", "90", "-3", "90"), "after", "negativt"),
    (("40", "90", "18", "mange"), "after_days", "»mange« er ikke et tal"),
    (("40", "90", "18", "14,5"), "after_days", "hele dage"),
]


@pytest.mark.parametrize(("typed", "field", "expected"), BAD_INPUTS)
def test_bad_input_gets_a_danish_message_on_its_field_and_keeps_what_was_typed(shared_visit, typed, field, expected):
    page = shared_visit.page
    fill(page, *typed)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(expected)
    assert LABELS[field] in alert.inner_text()
    assert not re.search(r"Traceback|Error|undefined|NaN", alert.inner_text())
    for name, value in zip(LABELS, typed):
        box = page.get_by_label(LABELS[name], exact=True)
        assert box.input_value() == value
        if name == field:
            expect(box).to_have_attribute("aria-invalid", "true")
            expect(box).to_be_focused()
            message_id = box.get_attribute("aria-errormessage")
            expect(page.locator(f"#{message_id}")).to_contain_text(expected)
        else:
            expect(box).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-result]")).to_be_hidden()
    assert shared_visit.console_errors == []


def test_keyboard_only(follow_up):
    for label in LABELS.values():
        follow_up.get_by_label(label, exact=True).fill("")
    follow_up.get_by_label("Hvad vil I sammenligne?").focus()
    for value in ("40", "90", "", "18", "90", ""):  # the list sizes may be left empty
        follow_up.keyboard.press("Tab")
        follow_up.keyboard.type(value)
    follow_up.keyboard.press("Tab")
    assert follow_up.evaluate("document.activeElement.textContent.trim()") == "Beregn"
    follow_up.keyboard.press("Enter")
    result_paragraphs(follow_up, "Før: 40 ydelser på 90 dage")
    assert follow_up.evaluate("document.activeElement.matches('[data-result]')")  # read next by a screen reader


def test_several_indicators_from_pasted_fee_codes(follow_up, site):
    reference = json.loads(next(site.glob("assets/data/videokonsultationer.*.json")).read_text(encoding="utf-8"))
    before = {"4436": 30, "1003": 10, "0101": 1200, "0120": 80, "0201": 900}
    after = {"4436": 12, "1003": 6, "0101": 1150, "0120": 75, "0201": 880}
    follow_up.get_by_label("Hvad vil I sammenligne?").select_option(value="table")
    follow_up.get_by_label("Jeres tal før (ydelseskode og antal)").fill(
        "\n".join(f"{code}\t{danish(count, 0)}" for code, count in before.items())
    )
    follow_up.get_by_label("Jeres tal efter (ydelseskode og antal)").fill(
        "\n".join(f"{code};{count}" for code, count in after.items())
    )
    follow_up.get_by_label("Dage før", exact=True).fill("90")
    follow_up.get_by_label("Dage efter", exact=True).fill("30")
    follow_up.get_by_role("button", name="Beregn").click()
    expect(follow_up.locator("[data-result]")).to_be_visible()
    blocks = follow_up.locator(".follow-up-indicator")
    expect(blocks).to_have_count(len(reference["indicators"]))
    for block, indicator in zip(blocks.all(), reference["indicators"]):
        counts = [sum(period[code.zfill(4)] for code in indicator["codes"]) for period in (before, after)]
        ratio, lower, upper, _ = scipy_rate_ratio(counts[0], 90, counts[1], 30)
        expect(block.locator("h3")).to_have_text(indicator["name"])
        text = " ".join(block.inner_text().split())
        assert (
            f"forholdet mellem efter og før er {danish(ratio, 2)} (95 % sikkerhedsinterval "
            f"{danish(lower, 2)}–{danish(upper, 2)})"
        ) in text, text
        assert block.locator("svg > circle").count() == 2  # not the legend's
    assert "Når flere indikatorer vurderes på én gang" in follow_up.locator("[data-summary]").inner_text()


def test_csv_download_with_context(follow_up):
    fill(follow_up, *EXAMPLES[0])
    result_paragraphs(follow_up, "Før: 40 ydelser på 90 dage")
    with follow_up.expect_download() as download_info:
        follow_up.get_by_role("button", name="Hent resultat som CSV").click()
    data = download_info.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # Excel reads æøå; Windows line ends
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    ratio, lower, upper, _ = scipy_rate_ratio(*EXAMPLES[0])
    fields = dict(zip(header, row))
    assert [fields["Antal før"], fields["Dage før"], fields["Antal efter"], fields["Dage efter"]] == [
        str(number) for number in EXAMPLES[0]
    ]
    assert [
        fields["Forhold efter/før"],
        fields["95 % sikkerhedsinterval, nedre"],
        fields["95 % sikkerhedsinterval, øvre"],
    ] == [
        danish(ratio, 3),
        danish(lower, 3),
        danish(upper, 3),
    ]


def test_accessible_with_a_result(follow_up):
    fill(follow_up, *EXAMPLES[1])
    result_paragraphs(follow_up, "Før: 3 ydelser på 14 dage")
    results = Axe().run(follow_up, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_answer_prints_on_one_sheet_without_the_form(follow_up):
    fill(follow_up, *EXAMPLES[1])  # the longer answer: five sentences
    result_paragraphs(follow_up, "Før: 3 ydelser på 14 dage")
    follow_up.emulate_media(media="print")
    expect(follow_up.locator("[data-result] figure")).to_be_visible()
    for chrome in (".follow-up-form", ".md-header", ".md-sidebar--primary", ".md-footer", ".calculator-actions"):
        expect(follow_up.locator(chrome).first).to_be_hidden()
    pdf = follow_up.pdf(format="A4", print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"svaret fylder {pages} sider"


def test_fields_have_no_name_and_beregn_starts_disabled(browser, base_url):
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE)
    assert page.locator("form.follow-up-form [name]").count() == 0
    expect(page.get_by_role("button", name="Beregn")).to_be_disabled()
    context.close()


def test_list_sizes_compare_per_patient(follow_up):
    """The issue's example: a list growing from 5.000 to 5.500 at an unchanged rate per patient is no change."""
    follow_up.get_by_label("Tilmeldte før", exact=True).fill("5.000")
    follow_up.get_by_label("Tilmeldte efter", exact=True).fill("5500")
    fill(follow_up, "1000", "90", "1100", "90")
    shown = result_paragraphs(follow_up, "med 5.500 tilmeldte")
    ratio, _, _, p_value = scipy_rate_ratio(1000, 90 * 5000, 1100, 90 * 5500)
    assert (danish(ratio, 2), danish(p_value, 2)) == ("1,00", "1,00")
    assert shown[0].startswith("Forskellen mellem de to perioder er ikke større, end tilfældigheder kan forklare")
    assert "forholdet mellem efter og før er 1,00" in shown[1]
    assert shown[2].startswith("Før: 1.000 ydelser på 90 dage med 5.000 tilmeldte, dvs. 15,6 pr. uge pr. 1.000")
    follow_up.get_by_label("Tilmeldte efter", exact=True).fill("")
    follow_up.get_by_role("button", name="Beregn").click()
    expect(follow_up.get_by_text("Udfyld både »Tilmeldte før« og »Tilmeldte efter«").first).to_be_visible()
    follow_up.get_by_label("Tilmeldte før", exact=True).fill("")


# Last, because it reloads the module's shared page.
def test_nothing_typed_is_stored_and_a_reload_forgets_it(follow_up):
    fill(follow_up, "4817", "97", "9731", "31")
    result_paragraphs(follow_up, "Før: 4.817 ydelser på 97 dage")
    stored = follow_up.evaluate(STORAGE_DUMP)
    assert not any(number in repr(stored) for number in ("4817", "9731")), stored
    assert stored["cookie"] == "" and follow_up.context.cookies() == []
    assert stored["databases"] == []
    origin = follow_up.url.split(PAGE)[0]
    assert all(url.startswith(origin) and "?" not in url for url in stored["caches"]), stored["caches"]
    follow_up.reload()
    for label in LABELS.values():
        assert follow_up.get_by_label(label, exact=True).input_value() == ""


def test_a_worker_that_cannot_load_says_so_in_danish_and_prøv_igen_recovers(browser, site):
    from servers import Fault, Server

    server = Server(site)
    package = next(site.glob("assets/calculators/calculators.*.zip")).relative_to(site).as_posix()  # hashed name
    server.faults[package] = Fault(status=404)  # the Python package
    context = browser.new_context(locale="da-DK")
    try:
        page = context.new_page()
        page.goto(server.url + PAGE)
        retry = page.get_by_role("button", name="Prøv igen")
        expect(page.get_by_role("alert")).to_contain_text("Beregneren kunne ikke hentes fra sitet", timeout=60_000)
        expect(page.get_by_role("status")).to_have_text("Beregneren kunne ikke indlæses")
        expect(page.get_by_role("button", name="Beregn")).to_be_disabled()
        expect(retry).to_be_visible()
        del server.faults[package]
        retry.click()
        expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
        expect(retry).to_be_hidden()  # the theme's button style must not overrule `hidden`
        expect(page.get_by_role("alert")).to_have_text("")
    finally:
        context.close()
        server.close()
