"""The normal quantile against the standard library's own (statistics.NormalDist), which the package avoids."""

from __future__ import annotations

import random
from statistics import NormalDist

from calculators.special.normal import normal_quantile


def test_normal_quantile_is_statistics_own():
    reference = NormalDist()
    rng = random.Random(1)
    for p in [rng.random() for _ in range(10_000)] + [1e-300, 1e-12, 0.025, 0.5, 0.975, 1 - 1e-12]:
        if 0 < p < 1:
            assert normal_quantile(p) == reference.inv_cdf(p), p
