"""A small, hand-made cluster data file that the format's tests share."""

from __future__ import annotations

import dataclasses
import datetime

from calculators.cluster_file.format import Band, ClusterFile, Indicator, Practice
from calculators.period import Period

PRACTICES = (
    Practice("Praksis A", 10432, (908, 69875)),
    Practice("Praksis B", 7955, (119, 39699)),
    Practice("Praksis C", 11414, (1029, 58553)),
    Practice("Praksis D", 9132, (313, 54113)),
    Practice("Praksis E", 2210, (0, 12001)),
)
EXAMPLE = ClusterFile(
    pack="videokonsultationer",
    pack_name="Videokonsultationer i almen praksis",
    period=Period(datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
    cluster="Klynge Viborg; Nord",  # a semicolon in a name must survive
    date=datetime.date(2026, 11, 30),
    open=False,
    indicators=(
        Indicator("video", "Videokonsultationer", ("4436", "1003"), 14021),
        Indicator("konsultationer", "Konsultationer", ("0101",), 2904311),
    ),
    practices=PRACTICES,
    region_practices=56,
    region_listed=432187,
)

# The same file from an extract with sex and age bands (version 3): the region's bands add up to its totals.
BANDS = (
    Band("Kvinder", "0-39", 120_000, (5_000, 700_000)),
    Band("Kvinder", "40+", 98_000, (2_100, 800_311)),
    Band("Mænd", "0-39", 118_187, (4_521, 604_000)),
    Band("Mænd", "40+", 96_000, (2_400, 800_000)),
)
EXAMPLE_WITH_BANDS = dataclasses.replace(
    EXAMPLE,
    bands=BANDS,
    practices=tuple(
        dataclasses.replace(practice, expected=expected)
        for practice, expected in zip(
            PRACTICES,
            ((330.12, 70210.5), (250.0, 52000.07), (360.9, 76000.0), (290.44, 60010.3), (70.05, 14000.0)),
        )
    ),
)
