"""Describing a cluster's practices: lowest, quartiles, median and highest of their rates."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple


class Quantiles(NamedTuple):
    min: float
    q1: float
    median: float
    q3: float
    max: float


def quantiles(values: Sequence[float]) -> Quantiles:
    """Lowest, quartiles, median and highest, interpolating linearly between the sorted values.

    This is R's type 7 and numpy's default, so the numbers match what a consultant gets in R or Excel
    (QUARTILE.INC).
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("quantiles of no values")
    return Quantiles(
        ordered[0],
        linear_quantile(ordered, 0.25),
        linear_quantile(ordered, 0.5),
        linear_quantile(ordered, 0.75),
        ordered[-1],
    )


def linear_quantile(ordered: Sequence[float], p: float) -> float:
    """The p-quantile of already sorted values, type 7."""
    h = (len(ordered) - 1) * p
    below = math.floor(h)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (h - below) * (ordered[above] - ordered[below])
