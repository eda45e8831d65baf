"""Weight: bytes transferred by a cold visit to the calculator page and to a plain guidance page, raw (Python's
http.server compresses nothing) and as a host that gzips text would send them."""

from __future__ import annotations

import gzip
from pathlib import Path

from harness import KB, PLAIN_PATH, PYODIDE_CORE, PYODIDE_FOLDER, ColdVisit, holds

BUDGET_PLAIN_BYTES = 400_000
BUDGET_ABOVE_CORE_BYTES = 300_000


def transferred(visit: ColdVisit) -> list[dict]:
    """Every response of the visit: URL path, bytes on the wire (headers + body as sent) and body bytes."""
    rows = []
    for request in visit.requests:
        sizes = request.sizes()
        path = request.url.removeprefix(visit.base_url).split("?")[0]
        rows.append(
            {
                "path": path,
                "wire": sizes["responseHeadersSize"] + sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
                "body": sizes["responseBodySize"],
            }
        )
    return rows


def record_calculator(results: dict, visit: ColdVisit) -> None:
    """The first cold visit to the calculator page is weighed (compute.py makes it)."""
    if "weight_calculator" not in results:
        results["weight_calculator"] = transferred(visit)


def visit_plain(browser, url: str, results: dict) -> None:
    visit = ColdVisit(browser, url)
    try:
        visit.open(PLAIN_PATH)
        visit.settle()
        results["weight_plain"] = transferred(visit)
    finally:
        visit.close()


def gzip_estimates(site: Path, rows: list[dict]) -> dict[str, int]:
    """Body size of each served file after gzip -6, as a host that compresses would send it."""
    sizes = {}
    for row in rows:
        path = row["path"]
        if path in sizes:
            continue
        file = site / path
        if path == "" or path.endswith("/"):
            file = file / "index.html"
        sizes[path] = len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else row["body"]
    return sizes


def summary(rows: list[dict], gz: dict[str, int]) -> dict:
    core = [r for r in rows if r["path"].startswith(PYODIDE_FOLDER) and r["path"].rsplit("/", 1)[-1] in PYODIDE_CORE]
    other = [r for r in rows if r not in core]

    def total(items, key):
        return sum(r[key] for r in items)

    def gzipped(items):
        return sum(r["headers"] + gz.get(r["path"], r["body"]) for r in items)

    return {
        "requests": len(rows),
        "total": total(rows, "wire"),
        "core": total(core, "wire"),
        "other": total(other, "wire"),
        "total_gz": gzipped(rows),
        "core_gz": gzipped(core),
        "other_gz": gzipped(other),
        "pyodide_requests": [r["path"] for r in rows if "pyodide" in r["path"]],
        "largest_other": sorted(other, key=lambda r: -r["wire"])[:6],
    }


def rows(browser: dict) -> list[tuple[str, str, str, str]]:
    calc = summary(browser["weight_calculator"], browser["gzip"])
    plain = summary(browser["weight_plain"], browser["gzip"])
    none = not plain["pyodide_requests"]
    return [
        (
            f"Weight, plain page /{PLAIN_PATH} (gzip estimate)",
            f"{plain['total'] / KB:,.0f} kB ({plain['total_gz'] / KB:,.0f} kB), "
            f"{len(plain['pyodide_requests'])} Pyodide requests",
            f"< {BUDGET_PLAIN_BYTES // KB} kB, none",
            f"raw {holds(plain['total'] < BUDGET_PLAIN_BYTES and none)}, "
            f"gzip {holds(plain['total_gz'] < BUDGET_PLAIN_BYTES and none)}",
        ),
        (
            "Weight, calculator page: all (gzip estimate)",
            f"{calc['total'] / KB:,.0f} kB ({calc['total_gz'] / KB:,.0f} kB)",
            "",
            "",
        ),
        (
            "  Pyodide core files / everything else (gzip estimate)",
            f"{calc['core'] / KB:,.0f} kB / {calc['other'] / KB:,.0f} kB "
            f"({calc['core_gz'] / KB:,.0f} / {calc['other_gz'] / KB:,.0f} kB)",
            f"else ≤ {BUDGET_ABOVE_CORE_BYTES // KB} kB",
            f"raw {holds(calc['other'] <= BUDGET_ABOVE_CORE_BYTES)}, "
            f"gzip {holds(calc['other_gz'] <= BUDGET_ABOVE_CORE_BYTES)}",
        ),
    ]


def details(browser: dict) -> list[tuple[str, list]]:
    calc = summary(browser["weight_calculator"], browser["gzip"])
    plain = summary(browser["weight_plain"], browser["gzip"])
    return [
        (
            "Calculator page: largest responses besides Pyodide's core (bytes on the wire)",
            [f"{r['path']}: {r['wire']:,}" for r in calc["largest_other"]],
        ),
        (
            "Plain page: largest responses (bytes on the wire)",
            [f"{r['path']}: {r['wire']:,}" for r in plain["largest_other"]],
        ),
    ]
