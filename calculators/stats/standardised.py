"""Indirectly standardised ratios: a practice's count against the count its own patients would give at the region's
rates, sex and age band by band, so that a practice with many older patients is not judged by its age profile.

The method of PHEindicatormethods' `calculate_ISRatio` (Public Health England's Fingertips tools):

- the expected count E = sum over bands of the practice's listed patients in the band times the reference rate of
  the band (the reference's events in the band / its listed patients in the band);
- the ratio = observed / E, 1 where the practice has exactly the reference's rate in every band;
- its interval = the interval of the observed count (exact below 10 events, Byar's from 10: rates.count_interval,
  Breslow & Day 1987) divided by E.

Judging a ratio against 1 is judging the observed count against E, the very question the crude verdict asks of a rate
and the cluster's pooled rate, where E = pooled rate x list size / 1,000. So a ratio is handled as a rate of PER per
E "patients": its interval, funnel limits and over-dispersion come from rates.py, funnel.py and overdispersion.py
with the same arithmetic, and a ratio's verdict and limits can no more disagree than a rate's. `SCALE` turns such a
rate back into a ratio.
"""

from __future__ import annotations

from collections.abc import Sequence

from .rates import PER

SCALE = PER  # a ratio of 1 is a rate of PER per E
EXPECTED_DECIMALS = 2  # an expected count as a cluster data file writes it and the pages show it


def band_rates(counts: Sequence[int], listed: Sequence[int]) -> tuple[float | None, ...]:
    """The reference's rate per patient in each band; None for a band with no patients, which has no rate."""
    return tuple(count / n if n > 0 else None for count, n in zip(counts, listed, strict=True))


def expected_count(listed_by_band: Sequence[int], rates: Sequence[float | None]) -> float:
    """The events the practice's patients would have at the reference's rates: sum of patients x rate, band by band.
    A band the practice has no patients in adds nothing; patients in a band without a reference rate cannot be
    expected anything, and raise ValueError."""
    total = 0.0
    for patients, band_rate in zip(listed_by_band, rates, strict=True):
        if patients < 0:
            raise ValueError(f"listed patients must be 0 or more, got {patients!r}")
        if patients == 0:
            continue
        if band_rate is None:
            raise ValueError("patients in a band where the reference has no patients have no expected count")
        total += patients * band_rate
    return total
