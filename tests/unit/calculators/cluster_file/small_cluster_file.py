"""A small, hand-made cluster data file that the format's tests share."""

from __future__ import annotations

import datetime

from calculators.cluster_file.format import ClusterFile, Indicator, Practice
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
