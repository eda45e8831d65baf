"""Independent computations the tests compare the calculator with: scipy, not the calculators package."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats


def scipy_rate_ci(x: int, population: float, level: float = 0.95, per: float = 1000):
    """The Fingertips definition written again with scipy: exact Poisson below 10 events, Byar from 10 up.
    Returns (rate, lower, upper) per `per` persons."""
    alpha = 1 - level
    if x < 10:
        lower = 0.0 if x == 0 else stats.chi2.ppf(alpha / 2, 2 * x) / 2
        upper = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    else:
        z = stats.norm.ppf(1 - alpha / 2)
        lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return x / population * per, lower / population * per, upper / population * per


def scipy_verdict(x, population: float, pooled_rate: float, level: float, per: float = 1000):
    """+1 (higher), -1 (lower) or 0 for counts `x` (an array): the pooled rate below, above or inside each
    count's own interval, PHE's benchmark comparison, with scipy's quantiles."""
    x = np.asarray(x)
    alpha = 1 - level
    xs = np.maximum(x, 1)
    exact_low = np.where(x == 0, 0.0, stats.chi2.ppf(alpha / 2, 2 * xs) / 2)
    exact_high = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    z = stats.norm.ppf(1 - alpha / 2)
    byar_low = xs * (1 - 1 / (9 * xs) - z / (3 * np.sqrt(xs))) ** 3
    byar_high = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * np.sqrt(x + 1))) ** 3
    low = np.where(x < 10, exact_low, byar_low) * per / population
    high = np.where(x < 10, exact_high, byar_high) * per / population
    return np.where(pooled_rate < low, 1, np.where(pooled_rate > high, -1, 0))


def numpy_overdispersion(counts, listed, per: float = 1000):
    """(phi, tau2) by Spiegelhalter (2005, Qual Saf Health Care 14:347) on the square-root scale, written from the
    paper with numpy: z-scores winsorised at 10 % at each end, phi the mean of their squares, tau2 the additive
    random-effects variance, 0 unless I*phi exceeds the 95 % chi-square quantile with I - 1 degrees of freedom."""
    observed = np.asarray(counts, dtype=float)
    population = np.asarray(listed, dtype=float)
    target = observed.sum() / population.sum()
    expected = target * population
    s = 1 / (2 * np.sqrt(expected))
    z = (np.sqrt(observed / expected) - 1) / s
    low, high = np.percentile(z, [10, 90])  # numpy's default is R's type 7
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    i = len(z)
    if i * phi <= stats.chi2.ppf(0.95, i - 1):
        return phi, 0.0
    w = 1 / s**2
    return phi, max(0.0, float((i * phi - (i - 1)) / (w.sum() - (w**2).sum() / w.sum())))


def numpy_overdispersed_verdict(x, population: float, pooled_rate: float, tau2: float, level: float,
                                per: float = 1000):
    """+1, -1 or 0 for counts `x`: outside both the Poisson verdict and Spiegelhalter's random-effects limits
    sqrt(O/E) = 1 +/- z sqrt(1/(4E) + tau2)."""
    x = np.asarray(x, dtype=float)
    expected = pooled_rate * population / per
    width = stats.norm.ppf(1 - (1 - level) / 2) * np.sqrt(1 / (4 * expected) + tau2)
    ratio = np.sqrt(x / expected)
    wide = np.where(ratio - 1 > width, 1, np.where(1 - ratio > width, -1, 0))
    poisson = scipy_verdict(x.astype(int), population, pooled_rate, level, per)
    return np.where(wide == poisson, poisson, 0)
