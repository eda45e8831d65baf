"""Fixtures for the calculator's unit tests: a small, hand-made reference pack."""

from __future__ import annotations

import copy

import pytest

INDICATORS = [
    {"id": "video", "name": "Videokonsultationer", "codes": ["4436", "1003"]},
    {"id": "konsultation", "name": "Konsultationer", "codes": ["0101"]},
]

# Five reference practices of 2,000 listed patients each, 20 video consultations each: the pooled video
# rate is exactly 10 per 1,000, which makes the expected verdicts easy to work out by hand.
CLUSTER_A = {
    "id": "A",
    "name": "Klynge A",
    "listed": [2000, 2000, 2000, 2000, 2000],
    "counts": {"video": [20, 20, 20, 20, 20], "konsultation": [6000, 5000, 7000, 6500, 5500]},
}
CLUSTER_B = {
    "id": "B",
    "name": "Klynge B",
    "listed": [1200, 3400, 2500, 1800, 5000, 2200],
    "counts": {"video": [12, 80, 30, 9, 60, 44], "konsultation": [4000, 10000, 9000, 6100, 15000, 7700]},
}
REFERENCE = {
    "indicators": INDICATORS,
    "clusters": [CLUSTER_A, CLUSTER_B],
    "period": {  # as the site's reference files carry it (calculators/period.py)
        "first": "2023-01-01",
        "last": "2024-12-31",
        "text": "1. januar 2023 – 31. december 2024",
        "length": "2 år",
        "text_and_length": "1. januar 2023 – 31. december 2024 (2 år)",
        "unit": "pr. 1.000 tilmeldte på 2 år",
    },
    "fictitious": True,
}


@pytest.fixture
def reference() -> dict:
    return copy.deepcopy(REFERENCE)


@pytest.fixture
def indicators() -> list[dict]:
    return copy.deepcopy(INDICATORS)


@pytest.fixture
def cluster_a() -> dict:
    return copy.deepcopy(CLUSTER_A)


@pytest.fixture
def cluster_b() -> dict:
    return copy.deepcopy(CLUSTER_B)
