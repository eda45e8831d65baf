"""The calculator when the site fails it: every load failure ends in Danish within a minute, stays failed until
"Prøv igen", never blames the browser, and no error leaves an old result on screen. Also the input limit."""

from __future__ import annotations

import re
import threading

import pytest
from playwright.sync_api import expect
from servers import Fault, Server, Slow

PAGE = "klyngepakker/videokonsultationer/beregner/"
RESULT_TABLE = "Jeres rater pr. 1.000 patienter"
PASTE = "4436\t120\n1003\t8\n0101\t21000\n0120\t1100\n0201\t30000\n"


@pytest.fixture
def faulty(site):
    server = Server(site)
    yield server
    server.close()


# The tests paste as a person does, through the clipboard, so the page sees a real paste event.
CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    context.grant_permissions(CLIPBOARD)
    yield context.new_page()
    context.close()


def truncated(server: Server, path: str) -> Fault:
    return Fault(body=server.file(path)[:4096])


# Asset names carry content hashes and Pyodide sits under a path naming its version: find each in the built site.
WASM = "_pyodide/*/pyodide.asm.wasm"
STDLIB = "_pyodide/*/python_stdlib.zip"
PACKAGE = "assets/calculators/calculators.*.zip"


def asset(server: Server, pattern: str) -> str:
    matches = sorted(server.directory.glob(pattern))
    assert len(matches) == 1, f"{pattern}: {matches}"
    return matches[0].relative_to(server.directory).as_posix()


def missing(server: Server, pattern: str) -> dict[str, Fault]:
    return {asset(server, pattern): Fault(404)}


def cut_short(server: Server, pattern: str) -> dict[str, Fault]:
    return {asset(server, pattern): truncated(server, asset(server, pattern))}


FAULTS = {
    "wasm 404": lambda s: missing(s, WASM),
    "wasm truncated": lambda s: cut_short(s, WASM),
    "stdlib 404": lambda s: missing(s, STDLIB),
    "stdlib truncated": lambda s: cut_short(s, STDLIB),
    "lock file 404": lambda s: missing(s, "_pyodide/*/pyodide-lock.json"),
    "package zip 404": lambda s: missing(s, PACKAGE),
    "package zip truncated": lambda s: cut_short(s, PACKAGE),
    "reference data 404": lambda s: missing(s, "assets/data/videokonsultationer.*.json"),
    "worker module 404": lambda s: missing(s, "assets/calculators/worker.*.mjs"),
    "pyodide module 404": lambda s: missing(s, "_pyodide/*/pyodide.asm.mjs"),
}


def expect_failed(page, timeout=60_000):
    expect(page.get_by_role("status")).to_have_text("Beregneren kunne ikke indlæses", timeout=timeout)
    message = page.get_by_role("alert").inner_text()
    assert "Prøv igen" in message and "genindlæs siden" in message and "midtkraft@stab.rm.dk" in message, message
    assert not re.search(r"browser|Chrome|Firefox|Error|undefined", message), message
    expect(page.get_by_role("button", name="Prøv igen")).to_be_visible()
    expect(page.get_by_role("button", name="Beregn")).to_be_disabled()
    return message


@pytest.mark.parametrize("fault", FAULTS)
def test_a_load_failure_ends_in_danish_and_survives_beregn(page, faulty, fault):
    faulty.faults.update(FAULTS[fault](faulty))
    page.goto(faulty.url + PAGE)
    message = expect_failed(page)
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill("4500")
    page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).fill("0101;10")
    page.get_by_label("Antal tilmeldte patienter", exact=True).press("Enter")
    page.get_by_role("button", name="Beregn").click(force=True)
    page.wait_for_timeout(500)
    assert page.get_by_role("alert").inner_text() == message
    expect(page.get_by_role("status")).to_have_text("Beregneren kunne ikke indlæses")


def test_a_failure_before_the_page_has_arrived_is_told_all_the_same(page, faulty):
    """The page's first script starts the worker (worker_start.js); with a missing file the worker fails while the
    rest of the page, and with it the form, is still on its way. The form hears it when it is built."""
    faulty.faults.update(missing(faulty, WASM))
    faulty.faults[PAGE] = Slow(10_000)  # the page's 35 kB over some 3 s; its <head> in the first
    page.goto(faulty.url + PAGE, wait_until="commit")
    expect_failed(page, timeout=30_000)


def test_a_load_that_never_answers_ends_within_a_minute(page, faulty):
    release = threading.Event()
    faulty.faults[asset(faulty, WASM)] = Fault(hang=release)
    page.clock.install()
    page.goto(faulty.url + PAGE)
    # Every other file has been answered (each answer restarts the 50 s wait), only the WebAssembly hangs.
    others = ("pyodide-lock.json", "python_stdlib.zip", "/calculators.", "/videokonsultationer.")
    for _ in range(120):
        if all(any(name in request for request in faulty.requests) for name in others):
            break
        page.wait_for_timeout(500)
    page.wait_for_timeout(3000)
    loading = re.compile(r"(Beregneren indlæses|Henter .*) …")  # the stage of the load, while it lasts
    expect(page.get_by_role("status")).to_have_text(loading)
    page.clock.fast_forward("00:45")
    assert page.get_by_role("alert").inner_text() == ""
    expect(page.get_by_role("status")).to_have_text(loading)
    page.clock.fast_forward("00:06")
    assert "har ikke svaret beregneren i 50 sekunder" in expect_failed(page, timeout=5_000)
    release.set()


def test_prøv_igen_restarts_the_worker_without_reloading(page, faulty):
    wasm = asset(faulty, WASM)
    faulty.faults[wasm] = Fault(404)
    page.goto(faulty.url + PAGE)
    expect_failed(page)
    page.evaluate("window.notReloaded = true")
    del faulty.faults[wasm]
    page.get_by_role("button", name="Prøv igen").click()
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    expect(page.get_by_role("alert")).to_have_text("")
    expect(page.get_by_role("button", name="Prøv igen")).to_be_hidden()
    assert page.evaluate("window.notReloaded") is True
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill("4500")
    page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).fill(PASTE)
    page.get_by_role("button", name="Beregn").click()
    expect(page.get_by_role("table", name=RESULT_TABLE)).to_be_visible(timeout=30_000)


# 7. No stale result, and 8. bounded input, on one loaded calculator ---------------------------------------------


@pytest.fixture(scope="module")
def calculator(browser, base_url):
    context = browser.new_context(locale="da-DK", accept_downloads=True)
    context.grant_permissions(CLIPBOARD)
    page = context.new_page()
    page.goto(base_url + PAGE)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    yield page
    context.close()


def paste(page, text: str):
    """Into an empty box, as a person pastes: the text on the clipboard, then Ctrl+V in the box."""
    remove = page.get_by_role("button", name="Fjern teksten")
    if remove.is_visible():  # a long paste before this one is held out of view
        remove.click()
    field = page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True)
    field.fill("")
    page.evaluate("(text) => navigator.clipboard.writeText(text)", text)
    field.focus()
    page.keyboard.press("Control+V")


def compute(page, listed: str, text: str):
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill(listed)
    paste(page, text)
    page.get_by_role("button", name="Beregn").click()


def expect_no_result(page):
    expect(page.locator("[data-result]")).to_be_hidden()
    expect(page.get_by_role("table", name=RESULT_TABLE)).to_have_count(0)
    expect(page.locator("figure.calculator-figure")).to_have_count(0)
    expect(page.get_by_role("button", name="Hent resultat som CSV")).to_be_hidden()


@pytest.mark.parametrize(("listed", "text"), [("4500", "0101;12\n4436;-5"), ("mange", PASTE)])
def test_an_error_after_a_good_result_removes_it(calculator, listed, text):
    compute(calculator, "4500", PASTE)
    expect(calculator.locator("figure.calculator-figure")).to_have_count(4, timeout=30_000)
    compute(calculator, listed, text)
    expect(calculator.get_by_role("alert")).not_to_be_empty()
    expect_no_result(calculator)


def paste_of(size: int) -> str:
    """Realistic lines, repeated to `size` bytes: many months of the same codes."""
    lines = "4436\t12\n1003\t1\n0101\t2100\n0120\t110\n0201\t3000\n"
    return (lines * (size // len(lines) + 1))[:size].rsplit("\n", 1)[0] + "\n"


def danish(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# The issue: no main-thread task over 200 ms, from the paste to the drawn result. A 2 MB text in the box itself would
# break that by far: Chromium lays out every line of a <textarea>, 10 s for 2 MB (0,6 s for 100 kB) on the test
# machine, with no script of ours running. So the page holds a long paste out of the box (held_paste.mjs); this test
# checks that it does, and that every line still counts. The times themselves (the worker's, and the longest
# main-thread task from the paste to the charts) are figures of `make bench`, not pass/fail here.
def test_two_megabytes_are_held_out_of_the_box_and_computed(calculator):
    text = paste_of(2_000_000)
    # Tens of thousands of months of counts: a list size to match them, which no practice has, so the page rightly
    # asks to check it first; »Beregn« again, unchanged, says it is meant.
    calculator.get_by_label("Antal tilmeldte patienter", exact=True).fill("20.000.000")
    paste(calculator, text)
    expect(calculator.get_by_text(f"Den indsatte tekst har {danish(text.count(chr(10)))} linjer.")).to_be_visible()
    box = calculator.get_by_label("Jeres tal (ydelseskode og antal)", exact=True)
    expect(box).to_be_hidden()
    assert len(box.input_value()) < 10_000, "the 2 MB went into the text box, which Chromium lays out for seconds"
    calculator.get_by_role("button", name="Beregn").click()
    expect(calculator.get_by_role("alert")).to_contain_text("20.000.000 er langt fra klyngens praksis", timeout=90_000)
    calculator.get_by_role("button", name="Beregn").click()
    expect(calculator.locator("figure.calculator-figure")).to_have_count(4, timeout=90_000)
    # Every line counted: the video count is 4436 + 1003 summed over all repeated blocks.
    blocks = text.count("4436\t12\n")
    video = calculator.get_by_role("table", name=RESULT_TABLE).locator("tbody tr").first.locator("td").first
    expect(video).to_have_text(danish(13 * blocks))
    # Each repeated code is one short warning, its lines named briefly.
    warnings = calculator.locator("[data-warnings] li")
    expect(warnings.first).to_have_text(
        f"Ydelseskode 4436 står på flere linjer (linje 1, 6, 11 og "
        f"{danish(blocks - 3)} andre); antallene er lagt sammen."
    )


def test_a_long_paste_counts_where_it_was_pasted_and_can_be_removed(calculator):
    field = calculator.get_by_label("Jeres tal (ydelseskode og antal)", exact=True)
    paste(calculator, "0101;5\n4436;7\n")  # short: in the box as usual
    expect(field).to_have_value("0101;5\n4436;7\n")
    calculator.get_by_label("Antal tilmeldte patienter", exact=True).fill("4500")
    field.focus()
    field.evaluate("(box) => box.setSelectionRange(7, 14)")  # "4436;7\n" selected: the paste replaces it
    long_text = "1003;1\n" * 3000  # 21.000 characters
    calculator.evaluate("(text) => navigator.clipboard.writeText(text)", long_text)
    calculator.keyboard.press("Control+V")
    expect(calculator.get_by_text("Den indsatte tekst har 3.001 linjer.")).to_be_focused()
    calculator.get_by_role("button", name="Beregn").click()
    expect(calculator.locator("[data-warnings] li").first).to_have_text(
        "Ydelseskode 1003 står på flere linjer (linje 2, 3, 4 og 2.997 andre); antallene er lagt sammen.",
        timeout=30_000,
    )
    calculator.get_by_role("button", name="Fjern teksten").click()
    expect(field).to_be_visible()
    expect(field).to_be_focused()
    expect(field).to_have_value("")
    calculator.get_by_role("button", name="Beregn").click()
    expect(calculator.get_by_role("alert")).to_have_text("Indsæt jeres tal: én ydelseskode og ét antal pr. linje.")


def test_a_long_text_dropped_on_the_box_is_held_after_what_it_holds(calculator):
    field = calculator.get_by_label("Jeres tal (ydelseskode og antal)", exact=True)
    field.fill("0101;5")
    calculator.get_by_label("Antal tilmeldte patienter", exact=True).fill("4500")
    dragged = calculator.evaluate_handle(
        "(text) => { const data = new DataTransfer(); data.setData('text/plain', text); return data; }",
        "1003;1\n" * 3000,
    )
    field.dispatch_event("drop", {"dataTransfer": dragged})
    expect(calculator.get_by_text("Den indsatte tekst har 3.001 linjer.")).to_be_focused()
    expect(field).to_be_hidden()
    calculator.get_by_role("button", name="Beregn").click()
    expect(calculator.locator("[data-warnings] li").first).to_have_text(
        "Ydelseskode 1003 står på flere linjer (linje 2, 3, 4 og 2.997 andre); antallene er lagt sammen.",
        timeout=30_000,
    )


def test_more_than_two_megabytes_get_a_danish_message_naming_the_limit(calculator):
    page = calculator
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill("4500")
    paste(page, paste_of(2_100_000))
    page.get_by_role("button", name="Beregn").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("2 MB", timeout=60_000)
    assert "Teksten fylder 2,1 MB" in alert.inner_text()
    expect(page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True)).to_have_attribute("aria-invalid", "true")
    expect_no_result(page)


def test_the_follow_up_page_holds_a_long_paste_too(page, base_url):
    page.goto(base_url + "klyngepakker/videokonsultationer/foelg-op/")
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    page.get_by_label("Hvad vil I sammenligne?").select_option(value="table")
    before = page.get_by_label("Jeres tal før (ydelseskode og antal)", exact=True)
    page.evaluate("(text) => navigator.clipboard.writeText(text)", "4436;2\n" * 3000)
    before.focus()
    page.keyboard.press("Control+V")
    expect(page.get_by_text("Den indsatte tekst har 3.000 linjer.")).to_be_visible()
    expect(before).to_be_hidden()
    page.get_by_label("Jeres tal efter (ydelseskode og antal)", exact=True).fill("4436;30")
    page.get_by_label("Dage før", exact=True).fill("90")
    page.get_by_label("Dage efter", exact=True).fill("30")
    page.get_by_role("button", name="Beregn").click()
    expect(page.locator("[data-warnings] li").first).to_have_text(
        "Før: Ydelseskode 4436 står på flere linjer (linje 1, 2, 3 og 2.997 andre); antallene er lagt sammen.",
        timeout=30_000,
    )


def test_a_one_line_field_takes_a_hundred_characters_at_most(calculator):
    """Two megabytes typed or pasted into »Antal tilmeldte patienter« stalled the page for seconds: a list size is a
    dozen characters, and the field keeps the first hundred, which the page then questions in Danish."""
    field = calculator.get_by_label("Antal tilmeldte patienter", exact=True)
    field.fill("")
    field.focus()
    calculator.keyboard.insert_text("4" * 2_000_000)
    assert len(field.input_value()) == 100
    paste(calculator, "0101;10")  # into an empty box: an earlier case's long paste is removed first
    calculator.get_by_role("button", name="Beregn").click()
    expect(calculator.get_by_role("alert")).not_to_be_empty(timeout=30_000)
    expect(field).to_have_attribute("aria-invalid", "true")
