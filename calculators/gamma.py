"""The chi-square quantile, which the standard library lacks, via the incomplete gamma function.

P(a, x), the regularised lower incomplete gamma function, is the chi-square CDF in disguise:
chi2_cdf(x, df) = P(df/2, x/2). We evaluate it with the power series where it converges fast
(x < a + 1) and with the Lentz continued fraction for the upper tail elsewhere (Numerical Recipes,
ch. 6.2), then invert it with Newton steps guarded by bisection. Both tails are kept, so that
quantiles for p near 1 are found from Q = 1 - P without losing digits to cancellation.
"""

from __future__ import annotations

import math
from statistics import NormalDist

_EPS = 1e-16
_TINY = 1e-300  # keeps Lentz's denominators off zero
_MAX_ITERATIONS = 100_000  # a = 1000 needs a few hundred; the margin costs nothing when unused
_QUANTILE_TOLERANCE = 1e-14  # on log(x), i.e. relative on x


def gammainc_lower(a: float, x: float) -> float:
    """Regularised lower incomplete gamma function P(a, x) for a > 0, x >= 0."""
    return _gamma_p_q(a, x)[0]


def gammainc_upper(a: float, x: float) -> float:
    """Regularised upper incomplete gamma function Q(a, x) = 1 - P(a, x), accurate when small."""
    return _gamma_p_q(a, x)[1]


def chi2_cdf(x: float, df: float) -> float:
    return gammainc_lower(df / 2, x / 2)


def chi2_ppf(p: float, df: float) -> float:
    """The x with chi2_cdf(x, df) = p, for real df > 0 and 0 <= p <= 1."""
    if not df > 0 or math.isinf(df):
        raise ValueError(f"df must be a positive number, got {df!r}")
    if not 0 <= p <= 1:
        raise ValueError(f"p must be between 0 and 1, got {p!r}")
    if p == 0:
        return 0.0
    if p == 1:
        return math.inf
    return 2 * _gamma_quantile(df / 2, p)


def _gamma_p_q(a: float, x: float) -> tuple[float, float]:
    if not a > 0 or math.isinf(a):
        raise ValueError(f"a must be a positive number, got {a!r}")
    if not x >= 0:
        raise ValueError(f"x must be 0 or more, got {x!r}")
    if x == 0:
        return 0.0, 1.0
    if math.isinf(x):
        return 1.0, 0.0
    if x < a + 1:
        p = _series(a, x)
        return p, 1.0 - p
    q = _continued_fraction(a, x)
    return 1.0 - q, q


def _log_prefactor(a: float, x: float) -> float:
    """log(x^a e^-x / Gamma(a)), the factor both expansions share."""
    return a * math.log(x) - x - math.lgamma(a)


def _series(a: float, x: float) -> float:
    term = total = 1.0 / a
    denominator = a
    for _ in range(_MAX_ITERATIONS):
        denominator += 1
        term *= x / denominator
        total += term
        if abs(term) < abs(total) * _EPS:
            return min(1.0, total * math.exp(_log_prefactor(a, x)))
    raise ArithmeticError(f"gamma series did not converge for a={a}, x={x}")


def _continued_fraction(a: float, x: float) -> float:
    b = x + 1 - a
    c = 1 / _TINY
    d = 1 / b
    h = d
    for i in range(1, _MAX_ITERATIONS):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < _TINY:
            d = _TINY
        c = b + an / c
        if abs(c) < _TINY:
            c = _TINY
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < _EPS:
            return min(1.0, math.exp(_log_prefactor(a, x)) * h)
    raise ArithmeticError(f"gamma continued fraction did not converge for a={a}, x={x}")


def _gamma_quantile(a: float, p: float) -> float:
    """Solve P(a, x) = p on t = log(x), where the root is well scaled for tiny and huge x alike."""
    use_upper = p > 0.5
    target = 1.0 - p if use_upper else p

    def excess(t: float) -> float:
        # Increasing in t in both branches: P rises with x, Q falls.
        lower, upper = _gamma_p_q(a, math.exp(t))
        return target - upper if use_upper else lower - target

    def slope(t: float) -> float:
        # d/dt P(a, e^t) = x * density = exp(a log x - x - lgamma(a)), written in t so that
        # an x that underflows to 0 still has a slope.
        return math.exp(a * t - math.exp(t) - math.lgamma(a))

    t = _initial_log_guess(a, p)
    low, high = _bracket(excess, t)
    for _ in range(200):
        value = excess(t)
        if value == 0:
            return math.exp(t)
        if value < 0:
            low = t
        else:
            high = t
        derivative = slope(t)
        step = value / derivative if derivative > 0 else math.inf
        candidate = t - step
        if not low < candidate < high:
            candidate = (low + high) / 2  # Newton left the bracket: bisect instead
        if abs(candidate - t) <= _QUANTILE_TOLERANCE * max(1.0, abs(t)):
            return math.exp(candidate)
        t = candidate
    return math.exp(t)


def _bracket(excess, t: float) -> tuple[float, float]:
    """Walk out from t in doubling steps until the root lies between two points."""
    step = 1.0
    if excess(t) < 0:
        low, high = t, t + step
        while excess(high) < 0:
            low, step = high, step * 2
            high = low + step
        return low, high
    low, high = t - step, t
    while excess(low) > 0:
        high, step = low, step * 2
        low = high - step
    return low, high


def _initial_log_guess(a: float, p: float) -> float:
    """log of a first guess: Wilson-Hilferty for the bulk, P ~ x^a / Gamma(a + 1) for the far left."""
    z = NormalDist().inv_cdf(p)
    df = 2 * a
    cube = 1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))
    if cube > 0.1:
        return math.log(df * cube**3 / 2)
    return (math.log(p) + math.lgamma(a + 1)) / a
