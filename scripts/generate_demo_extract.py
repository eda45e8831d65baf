"""Writes a fictitious billing-data extract, shaped like MidtKraft's, to try `make klyngedata` on and to test it
(fixed seed: the same file every time). Every practice, name and number is invented and says "(fiktiv)".

Run: .venv/bin/python scripts/generate_demo_extract.py
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

from generate_demo_reference import RATES, poisson

SEED = 20261130
# Klynge Vest is too small for a file on purpose: the script must leave it out and say so.
CLUSTERS = {"Klynge Nord (fiktiv)": 9, "Klynge Syd (fiktiv)": 12, "Klynge Øst (fiktiv)": 7, "Klynge Vest (fiktiv)": 3}
STREETS = (
    "Birkevej",
    "Ågade",
    "Torvet",
    "Skovbrynet",
    "Søndergade",
    "Møllevej",
    "Kirkepladsen",
    "Engvej",
    "Bakkedraget",
    "Havnegade",
    "Østergade",
    "Lindealle",
)
OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "klyngedata" / "fiktivt-udtraek.csv"
VIDEO_CODES = ("4436", "1003")
COLUMNS = ("Ydernummer", "Praksis", "Klynge", "Tilmeldte", "Ydelseskode", "Antal", "Region")


def rows(rng: random.Random):
    number = 0
    for cluster, size in CLUSTERS.items():
        for _ in range(size):
            number += 1
            practice = f"Lægehuset {STREETS[number % len(STREETS)]} {number} (fiktiv)"
            ydernummer, listed = f"{990000 + number}", rng.randrange(1000, 12001)
            no_video = rng.random() < 0.15  # some practices never took up video consultations
            for code, (median, spread) in RATES.items():
                count = poisson(rng, listed / 1000 * median * math.exp(rng.gauss(0, spread)))
                if no_video and code in VIDEO_CODES:
                    continue
                if count:  # a billing extract has no row for a code the practice never billed
                    yield (ydernummer, practice, cluster, listed, code, count, "Midtjylland (fiktiv)")


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    # As Excel saves »CSV UTF-8«: a BOM, semicolons in a Danish Excel, CRLF line ends.
    with OUTPUT.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows(random.Random(SEED)))
    print(f"Skrev {OUTPUT}")


if __name__ == "__main__":
    main()
