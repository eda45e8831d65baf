"""What several browser tests share: the axe settings, how a practice fills in the calculator, the answer it must
see (computed independently, with scipy and numpy), and the example cluster data file."""

from __future__ import annotations

import numpy as np
from independent import (
    numpy_overdispersed_verdict,
    numpy_overdispersion,
    pandas_cluster_file,
    scipy_rate_ci,
    scipy_verdict,
    verdict_words,
)
from playwright.sync_api import expect
from scipy.stats import rankdata

# WCAG 2.1 A and AA; only the violations are gathered, the one result the tests read.
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# The theme fades colours in over 125-250 ms; a computed style read mid-fade would be neither state.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

CALCULATOR = "klyngepakker/videokonsultationer/beregner/"
EXAMPLE_PATH = "klyngepakker/videokonsultationer/eksempel-klyngedata.csv"
# A practice's paste: a header line and every code of the pack, in the shapes people type.
PASTE = "Ydelseskode\tAntal\n4436\t120\n1003\t8\n101\t21.000\n0120\t1 100\n0201\t30.000\n"
LISTED = 4500
COUNTS = {"video": 128, "konsultationer": 21000, "aarsstatus": 1100, "telefon": 30000}
STORAGE_DUMP = """async () => {
  const dump = (storage) => Object.fromEntries(Object.keys(storage).map((key) => [key, storage.getItem(key)]));
  const databases = indexedDB.databases ? (await indexedDB.databases()).map((db) => db.name) : [];
  return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie,
           databases,
           // the service worker keeps the site's own files for offline use: the URLs it keeps
           caches: (await Promise.all((await caches.keys()).map(async (name) =>
             (await (await caches.open(name)).keys()).map((request) => request.url)))).flat() };
}"""


def open_calculator(visit):
    page = visit.open(CALCULATOR)
    expect(page.get_by_role("status")).to_have_text("Klar", timeout=60_000)
    return page


def fill(page, listed: str, text: str, cluster: str | None = None):
    if cluster:
        page.get_by_label("Klynge", exact=True).select_option(label=cluster)
    page.get_by_label("Antal tilmeldte patienter").fill(listed)
    page.get_by_label("Jeres tal (ydelseskode og antal)").fill(text)
    page.get_by_role("button", name="Beregn").click()


def table_rows(page) -> list[list[str]]:
    table = page.get_by_role("table", name="Jeres rater pr. 1.000 patienter")
    expect(table).to_be_visible()
    return [
        [cell.inner_text().split("\n")[0].strip() for cell in row.locator("th, td").all()]
        for row in table.locator("tbody tr").all()
    ]


# An independent computation of what the page must show, with scipy and numpy rather than the calculators package.
def danish(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def interval(count: int, population: int, level: float) -> tuple[float, float]:
    return scipy_rate_ci(count, population, level)[1:]


def expected_row(indicator: dict, cluster: dict) -> list[str]:
    count = COUNTS[indicator["id"]]
    rate = count / LISTED * 1000
    low, high = interval(count, LISTED, 0.95)
    counts = np.array(cluster["counts"][indicator["id"]])
    listed = np.array(cluster["listed"])
    rates = counts / listed * 1000
    # The practice joins its cluster: its events are in the rate it is compared with, once.
    counts, listed = np.append(counts, count), np.append(listed, LISTED)
    pooled = counts.sum() / listed.sum() * 1000
    equal = int((rates == rate).sum())
    rank = int(rankdata(np.append(rates, rate), method="min")[-1])  # 1 = the lowest, ties share the lowest
    ties = f" (lige med {equal})" if equal else ""
    if equal == len(rates):
        position = f"Lige med alle klyngens {len(rates)} praksis"
    elif rank == 1:
        position = f"Lavest i klyngen{ties}"
    elif rank + equal == len(rates) + 1:
        position = f"Højest i klyngen{ties}"
    else:
        position = f"Nr. {rank} af {len(rates) + 1}{ties}"
    # Spiegelhalter's over-dispersion, when the cluster's practices differ more than chance explains, else PHE's
    _, tau2 = numpy_overdispersion(counts, listed)
    if tau2 > 0:
        direction, strict = (
            numpy_overdispersed_verdict(np.array([count]), LISTED, pooled, tau2, level)[0] for level in (0.95, 0.998)
        )
    else:
        direction, strict = (scipy_verdict(np.array([count]), LISTED, pooled, level)[0] for level in (0.95, 0.998))
    verdict = verdict_words(direction, strict, tau2 > 0)
    return [
        indicator["name"],
        danish(count, 0),
        danish(rate),
        f"{danish(low)}–{danish(high)}",
        danish(pooled),
        LimitsText(LISTED, pooled, tau2),
        position,
        verdict,
    ]


class LimitsText:
    """The 95 % limits a page prints at a list size, checked against scipy/numpy's verdicts: the upper limit lies
    between the last count called as expected and the first called higher (likewise the lower), as the funnel's lines
    run between counts. Compares equal to the page's »12,3–45,6« when both printed ends fit, to their decimal."""

    def __init__(self, listed: int, pooled: float, tau2: float):
        counts = np.arange(int(pooled * listed / 1000 * 40) + 100)  # past the widest limits (video: 5 times)
        if tau2 > 0:
            verdicts = numpy_overdispersed_verdict(counts, listed, pooled, tau2, 0.95)
        else:
            verdicts = scipy_verdict(counts, listed, pooled, 0.95)
        per = 1000 / listed
        higher, lower = counts[verdicts == 1], counts[verdicts == -1]
        self.high = ((higher.min() - 1) * per, higher.min() * per)
        self.low = (lower.max() * per, (lower.max() + 1) * per) if lower.size else (0.0, 0.0)

    def __eq__(self, text) -> bool:
        low, high = (float(end.replace(".", "").replace(",", ".")) for end in str(text).split("–"))
        return all(a - 0.05 <= value <= b + 0.05 for value, (a, b) in ((low, self.low), (high, self.high)))

    def __repr__(self) -> str:
        return f"LimitsText(low in {self.low}, high in {self.high})"


def example_text(example) -> str:
    return example.read_bytes().decode("utf-8-sig")


def assert_nothing_stored(page, visit, text: str):
    stored = page.evaluate(STORAGE_DUMP)
    assert stored["cookie"] == "" and stored["databases"] == [], stored
    assert all(url.startswith(visit.base_url) and "?" not in url for url in stored["caches"]), stored["caches"]
    _, practices, _ = pandas_cluster_file(text)
    dump = repr(stored)
    # The theme keeps only its own settings; no label, list size or cluster name of the file is anywhere.
    assert not any(str(value) in dump for value in [*practices["Praksis"], *practices["Tilmeldte"]]), stored
    assert "Klynge Nord" not in dump
    assert visit.foreign_requests == [] and visit.console_errors == []
