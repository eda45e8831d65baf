"""Generates calculators/special/temme_table.py's COEFFICIENTS: Temme's expansion of the incomplete gamma
functions, exactly, in rational arithmetic. Run it to extend the table; a unit test checks that the table is what it
generates. Kept outside the shipped package: the browser needs the table, not the generator.

    python scripts/precompute_temme.py
"""

from __future__ import annotations

import math
import sys
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculators.special.temme_table import A_MIN, ETA_MAX, TOLERANCE, terms_that_matter  # noqa: E402


def coefficients(
    k_max: int = 9, a_min: float = A_MIN, eta_max: float = ETA_MAX, tolerance: float = TOLERANCE
) -> tuple[tuple[float, ...], ...]:
    """COEFFICIENTS, computed exactly with fractions (the test suite's check, and how to extend the table).

    mu = lambda - 1 as a series in eta by Lagrange inversion of eta = mu sqrt(2(mu - ln(1 + mu))) / mu;
    c_0 = 1/mu - 1/eta; c_k = (1/eta) c_{k-1}' + (-1)^k g_k / mu, with g_k the coefficients of Stirling's series
    Gamma(a) ~ sqrt(2 pi / a) (a/e)^a sum g_k a^-k. Each row is cut where its remaining terms stay below
    `tolerance` for every a >= a_min and |eta| <= eta_max.
    """
    order = 48 + 2 * k_max  # every derivative in the recursion costs one order

    def multiply(a, b):
        return [sum(a[i] * b[k - i] for i in range(k + 1)) for k in range(order)]

    def inverse(a):
        out = [1 / Fraction(a[0])]
        for k in range(1, order):
            out.append(-sum(a[i] * out[k - i] for i in range(1, k + 1)) / a[0])
        return out

    def square_root(a):  # of a series starting with 1
        out = [Fraction(1)]
        for k in range(1, order):
            out.append((a[k] - sum(out[i] * out[k - i] for i in range(1, k))) / 2)
        return out

    # 2(mu - ln(1 + mu)) / mu^2 = sum_{j>=2} 2 (-1)^j mu^(j-2) / j; eta / mu is its square root.
    psi = inverse(square_root([Fraction(2 * (-1) ** j, j) for j in range(2, order + 2)]))  # mu = eta psi(mu)
    mu = [Fraction(0)] * order
    power = [Fraction(1)] + [Fraction(0)] * (order - 1)
    for n in range(1, order):
        power = multiply(power, psi)
        mu[n] = power[n - 1] / n  # Lagrange: [eta^n] mu = [mu^(n-1)] psi^n / n
    reciprocal = inverse(mu[1:] + [Fraction(0)])  # eta / mu; so 1/mu has coefficient reciprocal[i] at eta^(i-1)

    bernoulli = [Fraction(1)]
    for n in range(1, 2 * k_max + 3):
        bernoulli.append(-sum(math.comb(n + 1, j) * bernoulli[j] for j in range(n)) / (n + 1))
    log_stirling = [Fraction(0)] * (k_max + 1)  # ln of sum g_k u^k, u = 1/a
    for m in range(1, k_max + 1):
        if 2 * m - 1 <= k_max:
            log_stirling[2 * m - 1] = bernoulli[2 * m] / (2 * m * (2 * m - 1))
    g = [Fraction(1)] + [Fraction(0)] * k_max
    for k in range(1, k_max + 1):
        g[k] = sum(j * log_stirling[j] * g[k - j] for j in range(1, k + 1)) / k

    rows = [reciprocal[1:]]  # c_0: the 1/eta of 1/mu cancels -1/eta
    for k in range(1, k_max + 1):
        previous = rows[-1]
        laurent = [n * previous[n] for n in range(1, len(previous))]  # (1/eta) c' at eta^(n-2), from eta^-1
        laurent = [term + (-1) ** k * g[k] * reciprocal[i] for i, term in enumerate(laurent)]
        if laurent[0] != 0:
            raise ArithmeticError("the recursion left a pole")  # the exact arithmetic's own check
        rows.append(laurent[1:])

    return tuple(tuple(map(float, row)) for row in terms_that_matter(rows, a_min, eta_max, tolerance))


if __name__ == "__main__":
    print("COEFFICIENTS = (")
    for row in coefficients():
        print(f"    {row!r},")
    print(")")
