"""The site as a GP meets it: the front page, the results table and form, and the handouts on A4 paper.

Colours are read from the browser's computed styles and checked against WCAG's contrast formula written out here,
page counts are read from the PDF Chromium prints, addresses are compared with site_url from mkdocs.yml.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from support.browser import CALCULATOR, NO_TRANSITIONS, PASTE, WCAG
from support.site import ROOT, Visit

GUIDE = "klyngepakker/videokonsultationer/droeftelsesguide/"
CHECKLIST = "videokonference/forudsaetninger/"
# The results table fits its column: nothing to scroll sideways (and no scroll region a keyboard cannot reach).
TABLE_FITS = (
    "(() => { const box = document.querySelector('[data-table]'); return box.scrollWidth <= box.clientWidth; })()"
)


def site_address() -> str:
    """site_url from mkdocs.yml without its scheme, as a printed address shows it."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = re.search(r"^site_url:\s*(\S+)", text, flags=re.MULTILINE)[1]
    return re.sub(r"^https?://", "", url)


def rgb(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio; a translucent foreground is blended onto the background first."""
    *fg, alpha = rgb(foreground)
    *bg, _ = rgb(background)
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg)]
    high, low = sorted([luminance(blended), luminance(bg)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def pdf_pages(page) -> int:
    pdf = page.pdf(format="A4", print_background=False)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def style(locator, prop: str, pseudo: str | None = None) -> str:
    return locator.evaluate("(el, [p, pseudo]) => getComputedStyle(el, pseudo).getPropertyValue(p)", [prop, pseudo])


def test_contrast_formula_matches_wcag_examples():
    # Fixed points of the formula: black on white is 21:1, Material's default H1 grey (54 % black) about 4.6:1.
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgba(0, 0, 0, 0.54)", "rgb(255, 255, 255)") == pytest.approx(4.6, abs=0.1)


# --- Front page ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (768, 1024)])
def test_front_page_leads_to_the_three_tasks(visit, size):
    page = visit.open("")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    tasks = {
        "Forbered klyngemødet": GUIDE,
        "Se jeres egne tal": CALCULATOR,
        "Videokonference på tværs af sektorer": CHECKLIST,
    }
    for name, target in tasks.items():
        link = page.locator(".md-content").get_by_role("link", name=name, exact=True)
        expect(link).to_be_visible()
        # Above the fold on a laptop: the first thing after the H1 and the lead.
        if size != (768, 1024):
            assert link.bounding_box()["y"] < size[1], f"»{name}« ligger under skærmkanten"
        link.click()
        assert page.url == visit.base_url + target
        # Back to the front page by its address: the history's »back« can lose Playwright's hold on the page when
        # Chromium swaps the page's process (a protocol error seen once on a loaded machine), which is not the page's.
        page.goto(visit.base_url)
    expect(page.locator(".md-content")).to_contain_text("ingen tal forlader jeres computer")


def test_front_page_has_a_strong_h1_and_no_repository_badge(visit):
    page = visit.open("")
    h1 = page.locator("h1")
    assert contrast(style(h1, "color"), style(page.locator("body"), "background-color")) >= 7
    assert int(style(h1, "font-weight")) >= 600
    header = page.locator(".md-header")
    assert header.locator("a[href*='github.com']:visible").count() == 0
    assert header.locator(".md-source:visible").count() == 0
    # Editors keep their way in: the edit button on the page itself.
    assert page.locator(".md-content a.md-content__button[href*='github.com']").count() == 1
    # The wordmark in the header is text, not an image.
    assert "MidtKraft" in header.locator(".md-logo").inner_text()
    assert header.locator(".md-logo img").count() == 0


def test_front_page_is_accessible(visit):
    page = visit.open("")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    assert visit.foreign_requests == []


def test_links_keep_their_contrast_when_hovered(visit):
    page = visit.open("")
    page.add_style_tag(content=NO_TRANSITIONS)
    link = page.locator(".md-content").get_by_role("link", name="hele klyngepakken")
    white = "rgb(255, 255, 255)"
    assert contrast(style(link, "color"), white) >= 4.5
    link.hover()
    assert contrast(style(link, "color"), white) >= 4.5


# --- Handouts -----------------------------------------------------------------------------------------------------


def test_discussion_guide_prints_on_one_page_with_pack_date_and_address(visit):
    page = visit.open(GUIDE)
    page.emulate_media(media="print")
    assert pdf_pages(page) == 1
    header = page.locator(".print-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text("Videokonsultationer i almen praksis")
    expect(header).to_contain_text(re.compile(r"\d{1,2}\. [a-zæøå]+ \d{4}"))
    expect(header).to_contain_text(site_address() + GUIDE)
    expect(page.locator(".print-notes")).to_be_visible()
    printed = page.locator("body").inner_text()
    assert "Ctrl+P" not in printed
    assert "Hvordan vil I arbejde videre med temaet i klyngen" in printed
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-content__button"):
        assert not page.locator(chrome).first.is_visible(), chrome


def test_handout_header_and_notes_stay_off_the_screen(visit):
    page = visit.open(GUIDE)
    expect(page.locator(".print-header")).to_be_hidden()
    expect(page.locator(".print-notes")).to_be_hidden()


def test_checklist_prints_on_one_page_and_links_print_their_address(visit):
    page = visit.open(CHECKLIST)
    page.emulate_media(media="print")
    assert pdf_pages(page) == 1
    link = page.locator(".checklist").get_by_role("link", name="Tekniske løsninger")
    after = style(link, "content", "::after")
    assert site_address() + "videokonference/tekniske-loesninger/" in after
    assert style(link, "overflow-wrap", "::after") == "anywhere"


def test_recommendations_keep_each_list_together_in_print(visit):
    page = visit.open("videokonference/anbefalinger/")
    page.emulate_media(media="print")
    numbered = page.locator("#de-fem-anbefalinger ~ ol").first
    assert style(numbered, "break-inside") == "avoid"
    lead_in = page.locator("#de-fem-anbefalinger + p")
    assert style(lead_in, "break-after") == "avoid"
    # A link within the page has no address worth printing; a link to another page prints its own.
    assert style(numbered.locator("a[href='#anbefaling-1']"), "content", "::after") == "none"
    other_page = page.locator(".md-content a[href*='erfaringer/']").first
    assert site_address() + "videokonference/erfaringer/" in style(other_page, "content", "::after")


# --- Calculator: table, form, print -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def result_page(browser, base_url):
    """One calculator with a result (Pyodide loads once for all the checks below)."""
    visit = Visit(browser, base_url)
    page = visit.open(CALCULATOR)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.add_style_tag(content=NO_TRANSITIONS)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
    page.get_by_label("Antal tilmeldte patienter").fill("4500")
    page.get_by_label("Jeres tal (ydelseskode og antal)").fill(PASTE)
    page.get_by_role("button", name="Beregn").click()
    expect(page.locator(".calculator-table tbody tr")).to_have_count(4, timeout=30_000)
    yield page
    visit.context.close()


def test_results_table_has_borders_header_and_right_aligned_tabular_numbers(result_page):
    table = result_page.locator(".calculator-table")
    for cell in (table.locator("thead th").first, table.locator("td.number").first, table.locator("td").last):
        assert style(cell, "border-top-style") == "solid"
        assert float(style(cell, "border-top-width").removesuffix("px")) >= 1
        # Padding keeps "Telefonkonsultationer" and "15.432" apart.
        assert float(style(cell, "padding-left").removesuffix("px")) >= 4
        assert float(style(cell, "padding-right").removesuffix("px")) >= 4
    numbers = table.locator("td.number")
    assert numbers.count() >= table.locator("tbody tr").count() >= 4
    for index in range(numbers.count()):
        assert style(numbers.nth(index), "text-align") == "right"
        assert "tabular-nums" in style(numbers.nth(index), "font-variant-numeric")
    assert style(table.locator("tbody th").first, "text-align") == "left"
    assert style(table.locator("tbody td:not(.number)").first, "text-align") == "left"
    header = table.locator("thead th").first
    assert style(header, "background-color") != style(table.locator("tbody td").first, "background-color")


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_placement_cells_take_at_most_two_lines_on_a_laptop(result_page, size):
    result_page.set_viewport_size({"width": size[0], "height": size[1]})
    assert result_page.evaluate(TABLE_FITS), "tabellen er for bred"
    lines = result_page.evaluate("""() => [...document.querySelectorAll('.calculator-table tbody td')]
        .filter((td) => !td.classList.contains('number'))
        .map((td) => { const range = document.createRange(); range.selectNodeContents(td);
                       return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; })""")
    assert lines and max(lines) <= 2, lines
    result_page.set_viewport_size({"width": 1366, "height": 768})


def test_results_table_fits_an_upright_tablet(result_page):
    result_page.set_viewport_size({"width": 768, "height": 1024})
    try:
        assert result_page.evaluate(TABLE_FITS), "tabellen er for bred"
        results = Axe().run(result_page, options=WCAG)
        assert results.violations_count == 0, results.generate_report()
    finally:
        result_page.set_viewport_size({"width": 1366, "height": 768})


def test_every_field_and_button_shows_a_visible_focus_ring(result_page):
    white = "rgb(255, 255, 255)"
    for label in ("Klynge", "Antal tilmeldte patienter", "Jeres tal (ydelseskode og antal)"):
        field = result_page.get_by_label(label, exact=True)
        field.focus()
        assert style(field, "outline-style") == "solid", label
        assert float(style(field, "outline-width").removesuffix("px")) >= 2, label
        assert contrast(style(field, "outline-color"), white) >= 3, label
    result_page.get_by_label("Jeres tal (ydelseskode og antal)").focus()
    for _ in range(10):  # the boxes for patients by sex and age
        result_page.keyboard.press("Tab")
        box = result_page.locator(":focus")
        assert (box.get_attribute("data-field") or "").startswith("band-")
        assert style(box, "outline-style") == "solid" and contrast(style(box, "outline-color"), white) >= 3
    for _ in range(3):  # the cluster data file and its example file (under the paste box), then »Beregn«
        result_page.keyboard.press("Tab")
    button = result_page.get_by_role("button", name="Beregn")
    assert result_page.evaluate("document.activeElement.textContent.trim()") == "Beregn"
    assert style(button, "outline-style") == "solid"
    assert float(style(button, "outline-width").removesuffix("px")) >= 2


def test_beregn_has_enough_contrast_in_every_state(result_page):
    button = result_page.get_by_role("button", name="Beregn")

    def ratio() -> float:
        return contrast(style(button, "color"), style(button, "background-color"))

    assert ratio() >= 4.5, "normal"
    button.hover()
    assert ratio() >= 4.5, "hover"
    result_page.mouse.move(0, 0)
    button.focus()
    assert ratio() >= 4.5, "fokus"
    # While Pyodide loads, the button is disabled; set that state directly rather than racing the load.
    button.evaluate("(el) => { el.disabled = true; }")
    assert ratio() >= 4.5, "deaktiveret"
    button.evaluate("(el) => { el.disabled = false; }")


def test_result_heading_comes_to_rest_below_the_sticky_header(result_page):
    result_page.get_by_role("button", name="Beregn").click()
    expect(result_page.locator("[data-result]")).to_be_focused()
    result_page.wait_for_timeout(300)  # the scroll that follows the focus
    header = result_page.locator(".md-header").bounding_box()
    heading = result_page.locator("#calc-result-heading").bounding_box()
    assert heading["y"] >= header["y"] + header["height"], (heading, header)


def test_retry_button_stays_hidden_until_needed(result_page):
    expect(result_page.get_by_role("button", name="Prøv igen")).to_be_hidden()


def test_result_prints_compactly_without_the_page_around_it(result_page):
    expect(result_page.locator(".calculator-figure")).to_have_count(4)
    result_page.emulate_media(media="print")
    try:
        assert pdf_pages(result_page) <= 3
        assert style(result_page.locator(".calculator-table"), "break-inside") == "avoid"
        assert style(result_page.locator(".calculator-figure").first, "break-inside") == "avoid"
        expect(result_page.get_by_text("Beregneren viser disse indikatorer:")).to_be_hidden()
        expect(result_page.locator(".admonition").first).to_be_hidden()
        expect(result_page.get_by_role("table", name="Jeres rater pr. 1.000 patienter")).to_be_visible()
        expect(result_page.get_by_text("Hvad tager hver praksis med hjem?")).to_be_visible()
        printed = Axe().run(result_page, options=WCAG)
        assert printed.violations_count == 0, printed.generate_report()
    finally:
        result_page.emulate_media(media="screen")


def test_no_legend_entry_runs_into_another_on_paper(result_page):
    """On paper the legend's »Jeres praksis med 95 % sikkerhedsinterval« ran into »99,8 %-grænse«: every entry's
    text ends before the next entry on its row begins, in the print layout (its fonts are the paper's)."""
    expect(result_page.locator("figure.calculator-figure")).to_have_count(4, timeout=30_000)
    result_page.emulate_media(media="print")
    try:
        overlaps = result_page.evaluate("""() => [...document.querySelectorAll("svg.calculator-chart .legend")]
            .flatMap((legend) => {
              const boxes = [...legend.querySelectorAll("text")].map((text) => text.getBBox());
              return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => Math.abs(a.y - b.y) < 1 &&
                a.x < b.x + b.width && b.x < a.x + a.width + 8).map((b) => [a.x, a.width, b.x]));
            })""")
    finally:
        result_page.emulate_media(media="screen")
    assert overlaps == [], overlaps


def test_back_to_top_keeps_its_contrast(result_page):
    """»Tilbage til start« appears once a page is scrolled back up; the theme's grey was 3.9:1 on white."""
    button = result_page.locator(".md-top")
    assert contrast(style(button, "color"), "rgb(255, 255, 255)") >= 4.5
