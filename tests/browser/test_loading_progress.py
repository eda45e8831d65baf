"""While Pyodide downloads, the calculator's status shows a real progress bar: the bytes received of the total, in
Danish megabytes, rising as a slowed server sends the WebAssembly, then »Klar«. The total is the sum of the files
the worker fetches, read from the built site; it is known from the first byte, also when the server sends no
Content-Length (then from the sizes written at build time)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from servers import Server, Slow
from support.site import Visit

PAGE = "klyngepakker/videokonsultationer/beregner/"
# What the calculator page's worker fetches (Pyodide's two modules are imported, not fetched, and not counted).
FETCHED = (
    "_pyodide/*/pyodide.asm.wasm",
    "_pyodide/*/python_stdlib.zip",
    "_pyodide/*/pyodide-lock.json",
    "assets/calculators/calculators.*.zip",
    "assets/data/videokonsultationer.*.json",
)
BYTES_PER_SECOND = 3_000_000  # the 9,6 MB WebAssembly takes some 3 s, as on a 24 Mbit/s line
TEXT = re.compile(r"Henter beregneren: (\d+,\d) af (\d+,\d) MB …")
# Every change of the status line or its bar while loading, with the time it happened.
RECORD_STATUS = """
window.statusLog = [];
new MutationObserver(() => {
  const text = document.querySelector("[data-status-text]")?.textContent;
  const bar = document.querySelector("[data-status] progress");
  if (!text || !bar) return;
  const entry = [text, bar.getAttribute("value") === null ? null : bar.value, bar.max, !bar.hidden,
                 bar.getAttribute("aria-valuetext")];
  if (JSON.stringify(entry) !== JSON.stringify(window.statusLog.at(-1)?.[0])) {
    window.statusLog.push([entry, performance.now()]);
  }
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
"""


def one_file(site, pattern: str):
    matches = sorted(site.glob(pattern))
    assert len(matches) == 1, f"{pattern}: {matches}"
    return matches[0]


def megabytes(text: str) -> float:
    return float(text.replace(",", "."))


@pytest.fixture
def slow_site(site):
    server = Server(site)
    yield server
    server.close()


@pytest.mark.parametrize("announce_length", [True, False], ids=["med-content-length", "uden-content-length"])
def test_progress_bar_counts_the_bytes_received_then_klar(browser, site, slow_site, announce_length):
    wasm = one_file(site, FETCHED[0]).relative_to(site).as_posix()
    slow_site.faults[wasm] = Slow(BYTES_PER_SECOND, announce_length=announce_length)
    total = sum(one_file(site, pattern).stat().st_size for pattern in FETCHED)
    context = browser.new_context(locale="da-DK")
    context.add_init_script(RECORD_STATUS)
    page = context.new_page()
    try:
        page.goto(slow_site.url + PAGE)
        bar = page.locator("[data-status] progress")
        # Half-way through the WebAssembly: the bar is shown with a value, and the status says how far.
        # (A polled evaluate: wait_for_function would need eval, which the site's security policy forbids.)
        for _ in range(600):
            if page.evaluate(
                "() => { const b = document.querySelector('[data-status] progress');"
                " return Boolean(b && b.value > 4e6 && !b.hidden); }"
            ):
                break
            page.wait_for_timeout(100)
        else:
            pytest.fail("the bar never passed 4 MB")
        expect(page.get_by_role("status")).to_have_text(TEXT)
        expect(page.get_by_role("status")).to_have_attribute("aria-busy", "true")
        expect(page.get_by_role("status")).to_have_text("Klar", timeout=120_000)
        expect(bar).to_be_hidden()
        expect(page.get_by_role("status")).not_to_have_attribute("aria-busy", "true")
        log = page.evaluate("window.statusLog")
    finally:
        context.close()

    loading = [entry for entry, _ in log if entry[0].startswith("Henter beregneren")]
    assert len(loading) >= 10, log  # it rose many times during the ~3 s
    values = [value for _, value, *_ in loading]
    assert values == sorted(values) and values[-1] > values[0], values
    for text, value, maximum, shown, value_text in loading:
        received, of = TEXT.fullmatch(text).groups()
        assert shown and value <= maximum
        assert abs(megabytes(received) - value / 1e6) <= 0.05 + 1e-9, (text, value)
        assert abs(megabytes(of) - maximum / 1e6) <= 0.05 + 1e-9, (text, maximum)
        assert value_text == text.removesuffix(" …")  # what a screen reader hears on the bar
    # The end is known from the start (Pyodide's sizes are written at build time): the total never jumps by more
    # than the small files that are not Pyodide's, and it ends at every byte the worker fetched.
    maxima = [maximum for _, _, maximum, *_ in loading]
    assert max(maxima) - min(maxima) < 0.05 * total, maxima
    final_value, final_max = log[-2][0][1], log[-2][0][2]
    assert (final_value, final_max) == (total, total), log[-3:]
    assert log[-2][0][0] == "Starter beregneren …" and log[-1][0][0] == "Klar", log[-3:]
    # At most ten changes a second, plus one as each file starts and one as it ends (the worker throttles its
    # reports to one per 100 ms between those). Counted over the whole load, not per second: a busy page takes the
    # worker's messages in bunches, so the times the page sees them say little of how often they were sent. Without
    # the throttle every chunk of the 3 MB/s stream is a report, several times this bound.
    times = [time for entry, time in log if entry[0].startswith("Henter")]
    seconds = (times[-1] - times[0]) / 1000
    assert len(times) <= 10 * seconds + 2 * len(FETCHED) + 2, (len(times), seconds)


def test_the_pages_first_script_starts_the_one_worker(browser, base_url):
    """Issue 25: the worker started when the page script's modules had all arrived (266 ms after navigation start in
    `make bench`, against 54 ms for a bare page); worker_start.js, the first module in <head>, starts it as soon as
    it arrives (145 ms), and the form takes that worker instead of starting a second. Pyodide asks for each of its
    files once."""
    visit = Visit(browser, base_url, init_script=COUNT_WORKERS)
    try:
        page = visit.open(PAGE)
        expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
        head = page.evaluate("[...document.head.querySelectorAll('script[type=module]')].map((s) => s.src)")
        assert "/worker_start." in head[0] and "/calculator." in head[1], head
        assert page.evaluate("window.__workers") == 1
        requests = page.workers[0].evaluate(
            "() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop())"
        )
        for file in ("pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
            assert requests.count(file) == 1, f"{file}: {requests}"
    finally:
        visit.close()


COUNT_WORKERS = """(() => {
  window.__workers = 0;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    // The calculator's worker (a blob: wrapper); the theme starts one of its own for search.
    constructor(...args) { if (String(args[0]).startsWith("blob:")) window.__workers += 1; super(...args); }
  };
})();"""
