"""Build: `mkdocs build --strict` of the site as it is and of copies with 10, 50 and 100 generated packs, and how
the time grows per pack."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from harness import ROOT, holds, timed_build
from support.site import copy_project

PACK_COUNTS = (10, 50, 100)
BUDGET_BUILD_S = 10.0
BUDGET_PER_PACK_S = 0.3
NAV_ANCHOR = "          - klyngepakker/videokonsultationer/beregner.md\n"


def project_with_packs(target: Path, extra_packs: int, features: list[str] = ()) -> Path:
    """A copy of the project with `extra_packs` more packs: the videokonsultationer pack's pages and data under new
    slugs, each in the nav; `features` ("+navigation.prune", "-navigation.sections") added to or removed from the
    theme's features."""
    copy_project(target)
    pack_dir = target / "docs" / "klyngepakker" / "videokonsultationer"
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    if NAV_ANCHOR not in config:
        raise SystemExit("benchmarks: mkdocs.yml no longer lists klyngepakker/videokonsultationer/beregner.md")
    nav = []
    for number in range(1, extra_packs + 1):
        slug, name = f"bench-{number:03d}", f"Benchmarkpakke {number:03d}"
        copy = pack_dir.parent / slug
        shutil.copytree(pack_dir, copy)
        index = copy / "index.md"
        index.write_text(
            index.read_text(encoding="utf-8").replace(
                "  name: Videokonsultationer i almen praksis", f"  name: {name}", 1
            ),
            encoding="utf-8",
        )
        calculator = copy / "beregner.md"
        calculator.write_text(
            calculator.read_text(encoding="utf-8").replace(
                'calculator("videokonsultationer")', f'calculator("{slug}")'
            ),
            encoding="utf-8",
        )
        shutil.copy2(
            target / "data" / "klyngepakker" / "videokonsultationer.yaml",
            target / "data" / "klyngepakker" / f"{slug}.yaml",
        )
        shutil.copy2(
            target / "data" / "reference" / "videokonsultationer.csv", target / "data" / "reference" / f"{slug}.csv"
        )
        nav.append(
            f"      - {name}:\n"
            + "".join(f"          - klyngepakker/{slug}/{page.name}\n" for page in sorted(pack_dir.glob("*.md")))
        )
    config = config.replace(NAV_ANCHOR, NAV_ANCHOR + "".join(nav), 1)
    for feature in features:
        line = f"    - {feature[1:]}\n"
        if feature.startswith("+") and line not in config:
            config = config.replace("  features:\n", "  features:\n" + line, 1)
        elif feature.startswith("-"):
            config = config.replace(line, "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """(slope, intercept, r squared) of the least-squares line."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    slope = sxy / sxx
    intercept = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys))
    return slope, intercept, 1 - ss_res / ss_tot if ss_tot else 1.0


def measure(work: Path, features: list[str] = ()) -> dict:
    """Three builds of the site as it is (the first is kept for the browser parts), then one per pack count."""
    base = project_with_packs(work / "project-0", 0, features) if features else ROOT
    as_is = [timed_build(base, work / f"site-as-is-{i}") for i in range(3)]
    shutil.rmtree(work / "site-as-is-1"), shutil.rmtree(work / "site-as-is-2")
    walls = {0: statistics.median(w for w, _ in as_is)}
    reported = {0: statistics.median(r for _, r in as_is)}
    for count in PACK_COUNTS:
        project = project_with_packs(work / f"project-{count}", count, features)
        walls[count], reported[count] = timed_build(project, work / f"site-{count}")
        shutil.rmtree(project), shutil.rmtree(work / f"site-{count}")
    counts = [0, *PACK_COUNTS]
    slope, _, r2 = linear_fit(counts, [walls[c] for c in counts])
    segments = [(a, b, (walls[b] - walls[a]) / (b - a)) for a, b in zip(counts, counts[1:])]
    return {
        "site": work / "site-as-is-0",
        "walls": walls,
        "reported": reported,
        "slope": slope,
        "r2": r2,
        "segments": segments,
    }


def rows(result: dict) -> list[tuple[str, str, str, str]]:
    walls = result["walls"]
    rows = [
        (
            "Build, site as is (median of 3; MkDocs' own figure)",
            f"{walls[0]:.1f} s ({result['reported'][0]:.1f} s)",
            f"< {BUDGET_BUILD_S:.0f} s",
            holds(walls[0] < BUDGET_BUILD_S),
        )
    ]
    for count in PACK_COUNTS:
        rows.append((f"Build, +{count} packs", f"{walls[count]:.1f} s ({result['reported'][count]:.1f} s)", "", ""))
    worst = max(s for _, _, s in result["segments"])
    linear = result["r2"] >= 0.98
    rows.append(
        (
            "Build, seconds per extra pack: fit (worst segment), R²",
            f"{result['slope']:.3f} s ({worst:.3f} s), {result['r2']:.3f}",
            f"< {BUDGET_PER_PACK_S} s, linear",
            holds(result["slope"] < BUDGET_PER_PACK_S and worst < BUDGET_PER_PACK_S and linear),
        )
    )
    return rows


def details(result: dict) -> list[tuple[str, list]]:
    return [("Build segments (packs a→b: s per pack)", [f"{a}→{b}: {s:.3f}" for a, b, s in result["segments"]])]
