"""Over-dispersion (Spiegelhalter 2005) against numpy, and what it does to the verdicts of a realistic cluster."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import numpy as np
import pytest
from independent import numpy_overdispersed_verdict, numpy_overdispersion, scipy_verdict
from scipy import stats

from calculators.comparison.compare import compare_with_cluster
from calculators.stats.overdispersion import estimate

ROOT = Path(__file__).resolve().parents[4]
INDICATOR = [{"id": "x", "name": "Konsultationer", "codes": ["0101"]}]


def random_cluster(rng: random.Random, practices: int, rate: float, spread: float):
    listed = [rng.randint(800, 12000) for _ in range(practices)]
    counts = [
        int(stats.poisson.rvs(n * rate / 1000 * rng.lognormvariate(0, spread), random_state=rng.randrange(2**31)))
        for n in listed
    ]
    return counts, listed


@pytest.mark.parametrize("seed", range(40))
def test_phi_and_tau2_match_numpy(seed):
    rng = random.Random(seed)
    practices = rng.choice([5, 6, 7, 9, 10, 20, 56, 300])
    counts, listed = random_cluster(rng, practices, rng.choice([0.5, 20.0, 3000.0]), rng.choice([0.0, 0.05, 0.3]))
    if sum(counts) == 0:
        counts[0] = 1
    pooled = sum(counts) / sum(listed) * 1000
    shipped = estimate(counts, listed, pooled)
    phi, tau2 = numpy_overdispersion(counts, listed)
    assert shipped.phi == pytest.approx(phi, rel=1e-9)
    assert shipped.tau2 == pytest.approx(tau2, rel=1e-9, abs=1e-15)
    assert shipped.widened == (tau2 > 0) and shipped.practices == practices


@pytest.mark.parametrize("practices", [9, 20])
def test_the_test_holds_its_level_under_pure_poisson_noise(practices, capsys):
    """Spiegelhalter's test reads the raw phi, so pure Poisson noise widens about 5 % of clusters (the winsorised
    phi would widen about 1 % of clusters of 9, and leave real spreads unwidened too often)."""
    rng = np.random.default_rng(practices)
    clusters = 2000
    widened = tested = 0
    for _ in range(clusters):
        listed = rng.integers(2000, 12000, practices)
        counts = rng.poisson(0.03 * listed)
        result = estimate([int(c) for c in counts], [int(n) for n in listed], counts.sum() / listed.sum() * 1000)
        widened += result.widened
        tested += practices * result.phi_raw > stats.chi2.ppf(0.95, practices - 1)
    with capsys.disabled():
        print(
            f"\npure Poisson, {clusters} clusters of {practices}: the test finds over-dispersion in "
            f"{tested / clusters:.1%}, limits widened in {widened / clusters:.1%}"
        )
    assert 0.03 <= widened / clusters <= 0.075
    assert 0.03 <= tested / clusters <= 0.075


def test_a_modest_real_spread_is_found_more_often_by_the_raw_test():
    """Rates 10 % apart in 9 practices of ~300 events: the raw test finds it in most clusters, more often than a
    test of the winsorised phi would."""
    rng = np.random.default_rng(3)
    raw = winsorised = 0
    critical = stats.chi2.ppf(0.95, 8)
    for _ in range(500):
        listed = [int(n) for n in rng.integers(8000, 12000, 9)]
        counts = [int(c) for c in rng.poisson(0.03 * np.array(listed) * rng.normal(1, 0.1, 9).clip(0.5))]
        result = estimate(counts, listed, sum(counts) / sum(listed) * 1000)
        raw += result.widened
        winsorised += 9 * result.phi > critical
    assert raw / 500 > 0.5 and raw > winsorised


def twenty_practices():
    """20 practices of 3,300 patients at about 3,000 per 1,000 (~10,000 events each), rates about 20 % apart
    (multipliers at the normal quantiles of a 20 % standard deviation)."""
    multipliers = [1 + 0.2 * stats.norm.ppf((i + 0.5) / 20) for i in range(20)]
    listed = [3300] * 20
    counts = [round(3300 * 3.0 * m) for m in multipliers]
    return counts, listed


def flagged(counts, listed, widened: bool):
    """How many of the cluster's own practices numpy/scipy flag at 99,8 %, judged against the whole cluster."""
    pooled = sum(counts) / sum(listed) * 1000
    _, tau2 = numpy_overdispersion(counts, listed)
    result = 0
    for count, n in zip(counts, listed):
        if widened:
            result += int(numpy_overdispersed_verdict(np.array([count]), n, pooled, tau2, 0.998)[0] != 0)
        else:
            result += int(scipy_verdict(np.array([count]), n, pooled, 0.998)[0] != 0)
    return result


def shipped_flagged(counts, listed) -> int:
    cluster = {"id": "c", "name": "c", "listed": listed, "counts": {"x": counts}}
    verdicts = [compare_with_cluster({"0101": c}, n, INDICATOR, cluster).indicators[0] for c, n in zip(counts, listed)]
    return sum(1 for v in verdicts if v.level == "99,8 %")


def test_twenty_practices_twenty_per_cent_apart(capsys):
    counts, listed = twenty_practices()
    before, after = flagged(counts, listed, widened=False), flagged(counts, listed, widened=True)
    assert shipped_flagged(counts, listed) == after
    assert after <= 3 < before
    cluster = {"id": "c", "name": "c", "listed": listed, "counts": {"x": counts}}
    pooled = sum(counts) / sum(listed) * 1000
    double = compare_with_cluster({"0101": round(2 * pooled * 3.3)}, 3300, INDICATOR, cluster).indicators[0]
    assert (double.verdict, double.level) == ("Højere end klyngens samlede rate", "99,8 %")
    half = compare_with_cluster({"0101": round(0.5 * pooled * 3.3)}, 3300, INDICATOR, cluster).indicators[0]
    assert (half.verdict, half.level) == ("Lavere end klyngens samlede rate", "99,8 %")
    with capsys.disabled():
        phi, tau2 = numpy_overdispersion(counts, listed)
        print(
            f"\n20 practices ~10.000 events, rates ~20 % apart: phi {phi:.1f}, tau2 {tau2:.4f}; flagged at 99,8 %: "
            f"Poisson {before} of 20, widened {after} of 20; twice the pooled rate: {double.verdict} ({double.level})"
        )


@pytest.mark.parametrize("tau2_seed", range(6))
def test_widened_verdicts_match_numpy_for_every_count(tau2_seed, indicators):
    rng = random.Random(tau2_seed)
    counts, listed = random_cluster(rng, rng.choice([5, 8, 20]), 3000.0, 0.2)
    cluster = {"id": "c", "name": "c", "listed": listed, "counts": {"x": counts}}
    pooled = sum(counts) / sum(listed) * 1000
    _, tau2 = numpy_overdispersion(counts, listed)
    assert tau2 > 0
    n = 2500
    expected = pooled * n / 1000
    for count in range(0, int(expected * 2.5), max(1, int(expected / 400))):
        result = compare_with_cluster({"0101": count}, n, INDICATOR, cluster).indicators[0]
        direction = {
            "Højere end klyngens samlede rate": 1,
            "Lavere end klyngens samlede rate": -1,
            "Ingen tydelig forskel fra klyngens samlede rate": 0,
        }[result.verdict]
        assert direction == numpy_overdispersed_verdict(np.array([count]), n, pooled, tau2, 0.95)[0], count
        strict = numpy_overdispersed_verdict(np.array([count]), n, pooled, tau2, 0.998)[0]
        assert (result.level == "99,8 %") == (strict != 0), count
        # and the chart's point at the practice's list size says the same
        rate, point = count * 1000 / n, result.limits
        assert (rate > point["high_95"]) == (direction == 1) and (rate < point["low_95"]) == (direction == -1)


def test_demo_data_before_and_after(capsys):
    with open(ROOT / "data" / "reference" / "videokonsultationer.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    codes = {"video": ("4436", "1003"), "konsultationer": ("0101",), "aarsstatus": ("0120",), "telefon": ("0201",)}
    lines = []
    total_before = total_after = 0
    for indicator, indicator_codes in codes.items():
        before = after = 0
        for name in sorted({row["klynge"] for row in rows}):
            members = [row for row in rows if row["klynge"] == name]
            listed = [int(row["tilmeldte"]) for row in members]
            counts = [sum(int(row[code]) for code in indicator_codes) for row in members]
            before += flagged(counts, listed, widened=False)
            after += flagged(counts, listed, widened=True)
        lines.append(f"{indicator} {before} -> {after}")
        total_before, total_after = total_before + before, total_after + after
    with capsys.disabled():
        print(f"\ndemo data, {len(rows)} practices, flagged at 99,8 % (Poisson -> widened): " + "; ".join(lines))
    assert total_after < total_before
