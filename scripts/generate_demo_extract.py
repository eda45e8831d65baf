"""Writes a fictitious billing-data extract, shaped like MidtKraft's, to try `make klyngedata` on and to test it
(fixed seed: the same file every time). Every practice, name and number is invented and says "(fiktiv)".

It also writes the same extract split into sex and age bands (fiktivt-udtraek-aldersgrupper.csv): each practice's
patients and counts shared out over the bands, so that every practice's totals are exactly the unbanded extract's
and the cluster data file made from it (the site's example file) has the same crude numbers, plus what an
indirectly standardised ratio needs. The bands, the practices' age profiles and the way each code's use rises or
falls with age are invented for the demo: none is a real figure.

Run: .venv/bin/python scripts/generate_demo_extract.py
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

from generate_demo_reference import AGE_SHARES, AGE_USE, AGES, RATES, SEXES, poisson, shares

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
BANDED_OUTPUT = OUTPUT.with_name("fiktivt-udtraek-aldersgrupper.csv")
BANDED_COLUMNS = ("Ydernummer", "Praksis", "Klynge", "Køn", "Aldersgruppe", "Tilmeldte", "Ydelseskode", "Antal")
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


def banded_rows(extract_rows, rng: random.Random):
    """The extract's rows split into sex and age bands, each practice's totals kept exactly. A band with patients
    has at least one row (with antal 0 if it has no services), or its patients would be lost."""
    bands = [(sex, age) for sex in SEXES for age in AGES]
    practices: dict[str, list] = {}
    for row in extract_rows:
        practices.setdefault(row[0], []).append(row)
    for ydernummer, rows_of_practice in practices.items():
        _, practice, cluster, listed = rows_of_practice[0][:4]
        tilt, women = rng.uniform(-1, 1), rng.uniform(0.46, 0.54)
        ages = [share * math.exp(0.45 * tilt * (i - 2)) for i, share in enumerate(AGE_SHARES)]
        band_listed = shares(
            listed, [(women if sex == "Kvinder" else 1 - women) * age for sex in SEXES for age in ages]
        )
        counted = set()
        for _, _, _, _, code, count, _ in rows_of_practice:
            use = [n * SEXES[sex] * AGE_USE[code][AGES.index(age)] for n, (sex, age) in zip(band_listed, bands)]
            for (sex, age), n, band_count in zip(bands, band_listed, shares(count, use)):
                if band_count:
                    counted.add((sex, age))
                    yield (ydernummer, practice, cluster, sex, age, n, code, band_count)
        for (sex, age), n in zip(bands, band_listed):
            if n and (sex, age) not in counted:
                yield (ydernummer, practice, cluster, sex, age, n, "0101", 0)


def write(path: Path, columns, table) -> None:
    # As Excel saves »CSV UTF-8«: a BOM, semicolons in a Danish Excel, CRLF line ends.
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(table)
    print(f"Skrev {path}")


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    extract = list(rows(random.Random(SEED)))
    write(OUTPUT, COLUMNS, extract)
    write(BANDED_OUTPUT, BANDED_COLUMNS, banded_rows(extract, random.Random(SEED + 1)))


if __name__ == "__main__":
    main()
