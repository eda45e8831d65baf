"""The cluster data file ("klyngedatafil"): one cluster's practices, made by MidtKraft's data consultant with
`make klyngedata` and opened by the cluster in the browser. This package both writes (write.py) and reads (read.py) the
format, so the script and the browser can never disagree about a file; this module holds what both need.

The file is a CSV that Danish Excel opens as it is (`;`, UTF-8 with BOM) and a consultant can read:

    MidtKraft klyngedatafil;version 2
    Klyngepakke;videokonsultationer;Videokonsultationer i almen praksis
    Første dag;2024-01-01             (the period the counts cover, both days included)
    Sidste dag;2025-12-31
    Klynge;Klynge Viborg Nord
    Dato;2026-11-30
    Data;anonyme                      (or »åbne«: the practices' own names)
    Antal praksis;9                   (a file cut short is caught by this)
    Regionens praksis;56
    Regionens tilmeldte;432100
                                      (blank line)
    Indikator;Navn;Ydelseskoder;Regionens antal;Regionens rate pr. 1.000
    video;Videokonsultationer;4436, 1003;12345;28,6
                                      (blank line)
    Praksis;Tilmeldte;video;…         (one count column per indicator, in the order above)
    Praksis A;10432;908;…
    Slut på klyngedatafilen           (a file cut inside its last number is caught by this)

Version 3 is version 2 for an extract with sex and age bands (`make klyngedata` writes version 2 without them): a
section of the region's bands between the indicators and the practices, and each practice's expected counts
after its counts (the count its own patients would give at the region's band rates, to two decimals), from which the
pages judge an indirectly standardised ratio beside the crude rate:

    MidtKraft klyngedatafil;version 3
    …                                 (the same fields, indicators and blank lines)
    Køn;Aldersgruppe;Regionens tilmeldte;video;…      (the region's patients and counts in each band)
    Kvinder;0-17;41200;310;…
                                      (blank line)
    Praksis;Tilmeldte;video;…;Forventet video;…
    Praksis A;10432;908;…;850,31;…

The bands' patients and counts are checked against the region's totals on reading. A practice's expected counts
cannot be checked without its own bands, which the file leaves out: a practice's age profile tells colleagues more
about who it is than its expected counts do.

Counts are per indicator (the sum of its fee codes), so the file holds exactly what the comparison uses. The
region's rate is written for the reader's eye and checked against its count and list size on reading, so a
hand-edited figure cannot pass unnoticed. Whole numbers are plain digits: no spreadsheet misreads "1.234".
Version 1 named its period in words ("de seneste to år"); a practice could not pull matching figures, so version 2
dates it, and a version 1 file is refused with a request for a new one.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from ..csv_writer import starts_a_formula
from ..danish import format_number
from ..period import Period
from ..stats.rates import rate
from ..stats.standardised import EXPECTED_DECIMALS

SIGNATURE = ("MidtKraft klyngedatafil", "version 2")
SIGNATURE_WITH_BANDS = ("MidtKraft klyngedatafil", "version 3")
MIN_PRACTICES = 5  # fewer practices than this and a cluster's figures could point at one practice
# A cluster is a handful of practices, a few dozen at most; far more is not a cluster's file, and each practice costs
# the overview a comparison of its own (10.000 practices took minutes). The overview of 500 takes a few seconds.
MAX_PRACTICES = 500
MAX_NAME = 80  # characters in a practice's, a cluster's or an indicator's name: wider would break tables and charts
CLUSTER_ID = (
    "datafil"  # the loaded cluster's id beside the site's own clusters (slugs of their names, e.g. klynge-a-fiktiv)
)
OPEN, ANONYMOUS = "åbne", "anonyme"
INDICATOR_HEADER = ("Indikator", "Navn", "Ydelseskoder", "Regionens antal", "Regionens rate pr. 1.000")
PRACTICE_HEADER = ("Praksis", "Tilmeldte")
BAND_HEADER = ("Køn", "Aldersgruppe", "Regionens tilmeldte")
EXPECTED_PREFIX = "Forventet "  # the column of an indicator's expected count: »Forventet video«
END = "Slut på klyngedatafilen"
RATE_DECIMALS = 1


def name_problem(text: str) -> str | None:
    """Why a name cannot stand in a cluster data file, in Danish, or None. Every name is shown on the pages and
    written into CSVs: no invisible or direction-reversing characters (`Praksis\u200bB` would pass for »Praksis B«,
    U+202E turns »A gnp.exe« around), not too long for a table, and nothing a spreadsheet runs as a formula."""
    if not text:
        return "er tomt"
    if len(text) > MAX_NAME:
        return f"er {len(text)} tegn langt; et navn har højst {MAX_NAME} tegn"
    hidden = [char for char in text if unicodedata.category(char) in ("Cc", "Cf")]
    if hidden:
        return f"indeholder et usynligt tegn (U+{ord(hidden[0]):04X}), så to navne kan se ens ud uden at være det"
    if starts_a_formula(text):
        return (
            f"begynder med »{text[0]}«, som et regneark læser som en formel (et navn må ikke begynde med =, +, - "
            "eller @)"
        )
    return None


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    codes: tuple[str, ...]
    region_count: int  # the indicator's count summed over every practice in the region's extract


@dataclass(frozen=True)
class Practice:
    label: str  # "Praksis A" in an anonymous file, the practice's name in an open one
    listed: int
    counts: tuple[int, ...]  # one per indicator, in the file's order
    # One per indicator in a file with bands: the count the practice's patients would give at the region's band rates,
    # rounded to EXPECTED_DECIMALS; empty in a file without bands.
    expected: tuple[float, ...] = ()


@dataclass(frozen=True)
class Band:
    """One sex and age band of the region: its listed patients and its count per indicator."""

    sex: str
    age: str
    listed: int
    counts: tuple[int, ...]


@dataclass(frozen=True)
class ClusterFile:
    pack: str
    pack_name: str
    period: Period
    cluster: str
    date: datetime.date
    open: bool
    indicators: tuple[Indicator, ...]
    practices: tuple[Practice, ...]
    region_practices: int
    region_listed: int
    bands: tuple[Band, ...] = ()  # empty in a file made from an extract without sex and age bands

    @property
    def standardised(self) -> bool:
        return bool(self.bands)

    def region_rate(self, indicator: Indicator) -> float:
        return rate(indicator.region_count, self.region_listed)

    def counts_by_code(self, practice: Practice) -> dict[str, int]:
        """The practice's counts as the calculator reads a paste: the file holds one count per indicator, so an
        indicator of several codes puts its count on its first code and 0 on the rest (the comparison sums them)."""
        return {
            code: count if n == 0 else 0
            for indicator, count in zip(self.indicators, practice.counts)
            for n, code in enumerate(indicator.codes)
        }

    def reference_bands(self) -> list[dict]:
        """The bands as the pack's reference data give them to the calculator (macros/reference.py): each band's
        patients and its count per indicator id."""
        ids = [indicator.id for indicator in self.indicators]
        return [
            {"sex": b.sex, "age": b.age, "listed": b.listed, "counts": dict(zip(ids, b.counts))} for b in self.bands
        ]

    def cluster_entry(self) -> dict:
        """The cluster as one entry of the reference JSON's `clusters`, so the calculator compares against it."""
        return {
            "id": CLUSTER_ID,
            "name": self.cluster,
            "listed": [practice.listed for practice in self.practices],
            "counts": {
                indicator.id: [practice.counts[i] for practice in self.practices]
                for i, indicator in enumerate(self.indicators)
            },
        }


def anonymous_labels(n: int) -> list[str]:
    """Praksis A … Z, then AA, AB, … as spreadsheet columns go, for clusters of more than 26 practices."""
    labels = []
    for number in range(1, n + 1):
        letters = ""
        while number:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("A") + remainder) + letters
        labels.append(f"Praksis {letters}")
    return labels


def rate_text(value: float) -> str:
    return format_number(value, RATE_DECIMALS, grouping=False)


def expected_text(value: float) -> str:
    """850.3125 -> "850,31", as the file writes an expected count (and Danish Excel reads it)."""
    return format_number(value, EXPECTED_DECIMALS, grouping=False)


def rounded_expected(value: float) -> float:
    """An expected count as the file holds it, so that what is written is read back exactly."""
    return float(expected_text(value).replace(",", "."))
