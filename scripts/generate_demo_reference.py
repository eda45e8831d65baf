"""Writes fictitious reference data for the video pack's calculator (fixed seed: the same file every time).

The figures are invented to exercise the site, marked "fiktive data" wherever they are shown, and must be
replaced by MidtKraft's anonymised data. Run: .venv/bin/python scripts/generate_demo_reference.py
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


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["klynge", "tilmeldte", *RATES], delimiter=";")
        writer.writeheader()
        writer.writerows(rows(random.Random(SEED)))
    print(f"Skrev {OUTPUT}")


if __name__ == "__main__":
    main()
