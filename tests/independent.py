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


def scipy_rate_ratio(before: int, before_days: float, after: int, after_days: float, level: float = 0.95):
    """R's poisson.test(c(after, before), c(after_days, before_days)) written again with scipy: (ratio, lower,
    upper, p_value). The after period's share of all events is binomial; its Clopper-Pearson limits are beta
    quantiles, and share / (1 - share) is taken as a ratio of two quantiles (beta.ppf over beta.isf of the mirrored
    distribution), never as 1 - share, which loses the digits of a share near 1. The p-value is binomtest's."""
    half = (1 - level) / 2
    days_factor = before_days / after_days
    if after == 0:
        lower = 0.0
    else:
        lower = stats.beta.ppf(half, after, before + 1) / stats.beta.isf(half, before + 1, after) * days_factor
    if before == 0:
        upper = math.inf
    else:
        upper = stats.beta.isf(half, after + 1, before) / stats.beta.ppf(half, before, after + 1) * days_factor
    if before == 0:
        ratio = math.nan if after == 0 else math.inf
    else:
        ratio = (after / after_days) / (before / before_days)
    total = before + after
    p_value = 1.0 if total == 0 else stats.binomtest(after, total, after_days / (after_days + before_days)).pvalue
    return ratio, float(lower), float(upper), float(p_value)


def scipy_exact_count_interval(count: int, level: float = 0.95):
    """The exact (Garwood) interval of a Poisson mean with scipy's chi-square quantiles, for every count."""
    alpha = 1 - level
    lower = 0.0 if count == 0 else stats.chi2.ppf(alpha / 2, 2 * count) / 2
    return float(lower), float(stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2)


def scipy_ratio_test_power(
    total: int, ratio: float, before_days: float, after_days: float, level: float = 0.95
) -> float:
    """Power of "the exact interval of the rate ratio leaves out 1" with `total` events when the true rate ratio
    is `ratio`: the probabilities (under the true share of events after) of every split of the events whose
    Clopper-Pearson interval of the after share leaves out the share under no change. The interval's lower limit
    is above that share exactly when P(X >= x) < alpha/2 under no change (and the upper below it when
    P(X <= x) < alpha/2), which tests/unit/test_follow_up.py checks against binomtest's own interval."""
    import numpy as np

    null_share = after_days / (after_days + before_days)
    true_share = ratio * after_days / (ratio * after_days + before_days)
    splits = np.arange(total + 1)
    half = (1 - level) / 2
    # Clopper-Pearson's lower limit is above the null share exactly when P(X >= x) < alpha/2 under the null.
    leaves_out = (stats.binom.sf(splits - 1, total, null_share) < half) | (
        stats.binom.cdf(splits, total, null_share) < half
    )
    return float(stats.binom.pmf(splits, total, true_share)[leaves_out].sum())


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
    paper with numpy: phi the mean of the squared z-scores winsorised at 10 % at each end, tau2 the additive
    random-effects variance from it, 0 unless I times the mean of the raw squared z-scores exceeds the 95 %
    chi-square quantile with I - 1 degrees of freedom (the paper's test)."""
    observed = np.asarray(counts, dtype=float)
    population = np.asarray(listed, dtype=float)
    return numpy_overdispersion_around(observed, observed.sum() / population.sum() * population)


def numpy_overdispersion_around(counts, expected):
    """numpy_overdispersion of counts around given expected counts (from age and sex, for a standardised ratio)."""
    observed, expected = np.asarray(counts, dtype=float), np.asarray(expected, dtype=float)
    s = 1 / (2 * np.sqrt(expected))
    z = (np.sqrt(observed / expected) - 1) / s
    low, high = np.percentile(z, [10, 90])  # numpy's default is R's type 7
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    i = len(z)
    if i * float(np.mean(z**2)) <= stats.chi2.ppf(0.95, i - 1):
        return phi, 0.0
    w = 1 / s**2
    return phi, max(0.0, float((i * phi - (i - 1)) / (w.sum() - (w**2).sum() / w.sum())))


def numpy_overdispersed_verdict(x, population: float, pooled_rate: float, tau2: float, level: float, per: float = 1000):
    """+1, -1 or 0 for counts `x`: outside both the Poisson verdict and Spiegelhalter's random-effects limits
    sqrt(O/E) = 1 +/- z sqrt(1/(4E) + tau2)."""
    x = np.asarray(x, dtype=float)
    expected = pooled_rate * population / per
    width = stats.norm.ppf(1 - (1 - level) / 2) * np.sqrt(1 / (4 * expected) + tau2)
    ratio = np.sqrt(x / expected)
    wide = np.where(ratio - 1 > width, 1, np.where(1 - ratio > width, -1, 0))
    poisson = scipy_verdict(x.astype(int), population, pooled_rate, level, per)
    return np.where(wide == poisson, poisson, 0)


def joined_verdict(count: int, listed: int, cluster_counts, cluster_listed) -> tuple[int, str | None, bool]:
    """(+1, -1 or 0; "95 %", "99,8 %" or None; whether the limits are widened) for a practice that joins its
    cluster: the pooled rate and the over-dispersion of the cluster with the practice among its practices, judged by
    scipy's intervals or, when widened, by numpy's Spiegelhalter limits."""
    counts, sizes = [*cluster_counts, count], [*cluster_listed, listed]
    pooled = sum(counts) / sum(sizes) * 1000
    _, tau2 = numpy_overdispersion(counts, sizes)
    if tau2 > 0:
        direction, strict = (numpy_overdispersed_verdict([count], listed, pooled, tau2, lv)[0] for lv in (0.95, 0.998))
    else:
        direction, strict = (scipy_verdict([count], listed, pooled, lv)[0] for lv in (0.95, 0.998))
    return int(direction), None if not direction else "99,8 %" if strict else "95 %", bool(tau2 > 0)


def standardised_verdict(observed: int, expected: float, cluster_observed, cluster_expected):
    """(+1, -1 or 0; "95 %", "99,8 %" or None; widened) for an indirectly standardised ratio O/E judged against 1:
    a rate of 1 per E "patients", judged by scipy's intervals or numpy's Spiegelhalter limits; the spread is the
    practices' around their expected counts scaled to the cluster's own observed total (the cluster's own ratio)."""
    observed_all, expected_all = np.asarray(cluster_observed, dtype=float), np.asarray(cluster_expected, dtype=float)
    _, tau2 = numpy_overdispersion_around(observed_all, expected_all * observed_all.sum() / expected_all.sum())
    if tau2 > 0:
        direction, strict = (
            numpy_overdispersed_verdict([observed], expected, 1.0, tau2, level, per=1)[0] for level in (0.95, 0.998)
        )
    else:
        direction, strict = (scipy_verdict([observed], expected, 1.0, level, per=1)[0] for level in (0.95, 0.998))
    return int(direction), None if not direction else "99,8 %" if strict else "95 %", bool(tau2 > 0)


def danish_number(value: float, decimals: int = 1) -> str:
    """12345.67 -> "12.345,7", with Python's own formatting rather than calculators.danish."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def pandas_cluster_file(text: str):
    """A cluster data file read with pandas from its text: (indicators, practices, region_listed) as DataFrames and
    an int. The indicator block starts at its header line and ends at a blank line; the practice block runs from
    its header line up to the closing line."""
    import io

    import pandas as pd

    lines = text.lstrip("\ufeff").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Indikator;")))
    end = lines.index("", start)
    indicators = pd.read_csv(io.StringIO("\n".join(lines[start:end])), sep=";", dtype={"Ydelseskoder": str})
    first = lines.index(next(line for line in lines if line.startswith("Praksis;Tilmeldte;")))
    last = lines.index(next(line for line in lines if line.startswith("Slut på klyngedatafilen")))
    practices = pd.read_csv(io.StringIO("\n".join(lines[first:last])), sep=";")
    region_listed = int(next(line for line in lines if line.startswith("Regionens tilmeldte;")).split(";")[1])
    return indicators, practices, region_listed


def verdict_words(direction: int, strict: int, widened: bool = False, standardised: bool = False) -> str:
    """The verdict as the page words it: against the pooled rate (or, for a standardised ratio, the count expected
    from age and sex), or, with widened limits, against the spread."""
    if widened:
        words = {
            1: "Over spredningen mellem klyngens praksis",
            -1: "Under spredningen mellem klyngens praksis",
            0: "Inden for spredningen mellem klyngens praksis",
        }[int(direction)]
    elif standardised:
        words = {
            1: "Højere end forventet ud fra alder og køn",
            -1: "Lavere end forventet ud fra alder og køn",
            0: "Ingen tydelig forskel fra det forventede ud fra alder og køn",
        }[int(direction)]
    else:
        words = {
            1: "Højere end klyngens samlede rate",
            -1: "Lavere end klyngens samlede rate",
            0: "Ingen tydelig forskel fra klyngens samlede rate",
        }[int(direction)]
    return words if direction == 0 else f"{words} (uden for {'99,8' if strict else '95'} %-grænsen)"


def numpy_cluster_overview(text: str) -> dict:
    """Every practice of a cluster data file judged against its whole cluster, as the overview must show it:
    {indicator id: {"cluster_rate", "region_rate", "rows": [(label, listed, count, rate, low, high, verdict)]}}.
    Spiegelhalter's widened limits when the cluster is over-dispersed, else PHE's interval comparison."""
    indicators, practices, region_listed = pandas_cluster_file(text)
    listed = practices["Tilmeldte"].to_numpy()
    result = {}
    for _, indicator in indicators.iterrows():
        counts = practices[indicator["Indikator"]].to_numpy()
        pooled = counts.sum() / listed.sum() * 1000
        _, tau2 = numpy_overdispersion(counts, listed) if counts.sum() else (None, 0.0)
        rows = []
        for label, n, count in zip(practices["Praksis"], listed, counts):
            rate, low, high = scipy_rate_ci(int(count), int(n))
            if tau2 > 0:
                direction, strict = (
                    int(numpy_overdispersed_verdict(np.array([count]), n, pooled, tau2, level)[0])
                    for level in (0.95, 0.998)
                )
            else:
                direction, strict = (
                    int(scipy_verdict(np.array([count]), n, pooled, level)[0]) for level in (0.95, 0.998)
                )
            rows.append((label, int(n), int(count), rate, low, high, verdict_words(direction, strict, tau2 > 0)))
        result[indicator["Indikator"]] = {
            "name": indicator["Navn"],
            "cluster_rate": pooled,
            "region_rate": indicator["Regionens antal"] / region_listed * 1000,
            "rows": rows,
        }
    return result
