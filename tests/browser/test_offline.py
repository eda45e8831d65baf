"""After one visit the calculator opens and computes without a network (the service worker, overrides/sw.js)."""

from __future__ import annotations

import json
import re
import threading

from playwright.sync_api import expect
from servers import Fault, Server
from support.browser import CALCULATOR, PASTE, expected_row, fill, table_rows
from support.site import Visit, pyodide_folder

# Installed (its first fill done) and in charge of the page.
READY = "async () => { await navigator.serviceWorker.ready; return navigator.serviceWorker.controller !== null; }"
CACHED = """async () => Object.fromEntries(await Promise.all((await caches.keys()).map(async (name) =>
  [name, (await (await caches.open(name)).keys()).map((request) => request.url)])))"""


def wait_until(page, condition: str, seconds: int = 90):
    """Polls an async condition inside the page (wait_for_function would take its promise for a true value)."""
    assert page.evaluate(f"""async () => {{
      for (const deadline = Date.now() + {seconds * 1000}; Date.now() < deadline;) {{
        if (await ({condition})()) return true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }}
      return false;
    }}"""), f"not within {seconds} s: {condition}"


def reference(site) -> dict:
    return json.loads(next((site / "assets" / "data").glob("videokonsultationer.*.json")).read_text(encoding="utf-8"))


def visit_once(visit):
    page = visit.open(CALCULATOR)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    wait_until(page, READY)
    return page


def test_calculator_is_ready_and_computes_offline_after_one_visit(browser, base_url, site):
    visit = Visit(browser, base_url)
    page = visit_once(visit)
    visit.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    cluster = reference(site)["clusters"][2]
    fill(page, "4.500", PASTE, cluster=f"{cluster['name']} – {len(cluster['listed'])} praksis")
    assert table_rows(page) == [expected_row(indicator, cluster) for indicator in reference(site)["indicators"]]
    assert visit.foreign_requests == []
    visit.context.close()


def test_a_returning_visit_takes_the_webassembly_past_the_service_worker(browser, base_url):
    """V8 keeps a WebAssembly module's compiled code only beside a response from the browser's HTTP cache, so a
    returning visitor's wasm must not come from the service worker's Cache Storage (the rest still does)."""
    visit = Visit(browser, base_url)
    page = visit_once(visit)
    page.reload()
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=90_000)
    delivered = dict(
        page.workers[0].evaluate(
            """() => performance.getEntriesByType("resource").map((e) => [e.name.split("/").pop(), e.deliveryType])"""
        )
    )
    assert delivered["python_stdlib.zip"] == "cache-storage", delivered  # the service worker is in charge
    assert delivered["pyodide.asm.wasm"] != "cache-storage", delivered
    visit.context.close()


def test_a_returning_visit_on_a_line_that_carries_nothing_takes_the_offline_copy(browser, site):
    """The WebAssembly, which the service worker leaves to the network, comes from its offline copy when the
    network has not answered within the worker's patience (4 s): a cluster meeting's wifi may be there and carry
    nothing."""
    server = Server(site)  # no-store: the browser's HTTP cache keeps nothing, as after it has expired
    line = threading.Event()
    try:
        visit = Visit(browser, server.url)
        page = visit_once(visit)
        server.faults[pyodide_folder() + "pyodide.asm.wasm"] = Fault(hang=line)
        page.reload()
        expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
        assert not line.is_set()
        visit.context.close()
    finally:
        line.set()
        server.close()


def test_caches_hold_only_the_sites_own_files(browser, base_url, site):
    visit = Visit(browser, base_url)
    page = visit_once(visit)
    # A search's highlight puts what was searched for in the address: the page is kept by its path only.
    page.goto(base_url + "privatliv/?h=48213+cpr")
    expect(page.locator("h1")).to_contain_text("Privatliv og data")
    for _ in range(100):  # the service worker keeps the page once the network has answered it
        cached = page.evaluate(CACHED)
        if any("/privatliv/" in url for entries in cached.values() for url in entries):
            break
        page.wait_for_timeout(100)
    urls = [url for entries in cached.values() for url in entries]
    assert all(url.startswith(base_url) and "?" not in url for url in urls), urls
    assert "48213" not in repr(cached) and base_url + "privatliv/" in urls
    assert base_url + CALCULATOR in urls
    assert any(re.search(r"/assets/calculators/worker\.[0-9a-f]{10}\.mjs$", url) for url in urls)
    assert sum(url.endswith("/pyodide.asm.wasm") for url in urls) == 1
    visit.context.close()


def test_a_new_deployment_replaces_the_editions_old_cache(browser, site):
    server = Server(site)
    try:
        visit = Visit(browser, server.url)
        page = visit_once(visit)
        before = set(page.evaluate("caches.keys()"))
        worker = server.file("sw.js").decode("utf-8")
        old_id = re.search(r'"id": "([0-9a-f]+)"', worker)[1]
        server.faults["sw.js"] = Fault(body=worker.replace(old_id, "0" * len(old_id)).encode("utf-8"))
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        new_id = "0" * len(old_id)
        wait_until(
            page,
            f"""async () => {{ const names = await caches.keys();
          return names.some((n) => n.endsWith(':{new_id}')) && !names.some((n) => n.endsWith(':{old_id}')); }}""",
        )
        after = set(page.evaluate("caches.keys()"))
        assert {name.rsplit(":", 1)[0] for name in after} == {name.rsplit(":", 1)[0] for name in before}
        assert [name for name in after if "pyodide" not in name] == [f"midtkraft:{server.url}:{new_id}"]
        visit.context.close()
    finally:
        server.close()
