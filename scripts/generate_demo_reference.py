"""Writes fictitious reference data for the video pack's calculator (fixed seed: the same file every time).

The figures are invented to exercise the site, marked "fiktive data" wherever they are shown, and must be
replaced by MidtKraft's anonymised data. Run: .venv/bin/python scripts/generate_demo_reference.py

It also writes the demo region's patients and counts by sex and age band (videokonsultationer-koen-og-alder.csv),
from which a practice that types its own patients by sex and age gets its standardised ratios: the demo practices'
totals shared out over invented bands, by an invented age profile and invented differences in use by sex and age.
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

SEED = 20261123
CLUSTERS = {"Klynge A (fiktiv)": 9, "Klynge B (fiktiv)": 14, "Klynge C (fiktiv)": 21, "Klynge D (fiktiv)": 12}
# Typical counts per 1,000 listed patients over two years (invented), and how much practices vary (log sd).
RATES = {"4436": (25.0, 0.9), "1003": (6.0, 1.0), "0101": (5200.0, 0.15), "0120": (260.0, 0.3), "0201": (6100.0, 0.2)}
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "reference" / "videokonsultationer.csv"
BANDS_OUTPUT = OUTPUT.with_name("videokonsultationer-koen-og-alder.csv")
SEXES = {"Kvinder": 1.15, "Mænd": 0.9}  # invented: how much more or less each sex uses every code
AGES = ("0-17", "18-44", "45-64", "65-79", "80+")
AGE_SHARES = (0.20, 0.34, 0.26, 0.14, 0.06)  # an invented "typical" list, tilted younger or older per practice
AGE_USE = {  # invented: each code's relative use in each age band
    "4436": (0.8, 1.3, 1.0, 0.6, 0.3),
    "1003": (0.8, 1.3, 1.0, 0.6, 0.3),
    "0101": (0.6, 0.8, 1.0, 1.6, 2.2),
    "0120": (0.1, 0.4, 1.0, 2.5, 3.0),
    "0201": (0.7, 0.9, 1.0, 1.4, 1.9),
}


def poisson(rng: random.Random, mean: float) -> int:
    if mean < 50:  # Knuth's method is exact and fast enough for small means
        limit, count, product = math.exp(-mean), 0, rng.random()
        while product > limit:
            count += 1
            product *= rng.random()
        return count
    return max(0, round(rng.gauss(mean, math.sqrt(mean))))


def rows(rng: random.Random):
    for cluster, size in CLUSTERS.items():
        for _ in range(size):
            listed = rng.randrange(1000, 12001)
            counts = {
                code: poisson(rng, listed / 1000 * median * math.exp(rng.gauss(0, spread)))
                for code, (median, spread) in RATES.items()
            }
            yield {"klynge": cluster, "tilmeldte": listed, **counts}


def shares(total: int, weights: list[float]) -> list[int]:
    """`total` shared out in proportion to `weights` in whole numbers that add up to it (largest remainders)."""
    exact = [total * w / sum(weights) for w in weights]
    whole = [math.floor(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: whole[i] - exact[i])[: total - sum(whole)]:
        whole[i] += 1
    return whole


def band_rows(practices: list[dict]):
    """The region's patients and counts per code in each sex and age band: its totals shared out by the invented
    profile and use, so that every band's rate rises or falls with age as AGE_USE says."""
    listed = sum(p["tilmeldte"] for p in practices)
    groups = [(sex, age) for sex in SEXES for age in AGES]
    band_listed = shares(listed, [0.5 * share for _ in SEXES for share in AGE_SHARES])
    counts = {
        code: shares(
            sum(p[code] for p in practices),
            [n * SEXES[sex] * AGE_USE[code][AGES.index(age)] for n, (sex, age) in zip(band_listed, groups)],
        )
        for code in RATES
    }
    for index, (sex, age) in enumerate(groups):
        yield {"køn": sex, "aldersgruppe": age, "tilmeldte": band_listed[index], **{c: counts[c][index] for c in RATES}}


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["klynge", "tilmeldte", *RATES], delimiter=";")
        writer.writeheader()
        practices = list(rows(random.Random(SEED)))
        writer.writerows(practices)
    print(f"Skrev {OUTPUT}")
    with BANDS_OUTPUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["køn", "aldersgruppe", "tilmeldte", *RATES], delimiter=";")
        writer.writeheader()
        writer.writerows(band_rows(practices))
    print(f"Skrev {BANDS_OUTPUT}")


if __name__ == "__main__":
    main()
