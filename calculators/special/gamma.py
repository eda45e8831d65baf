"""The chi-square quantile, which the standard library lacks, via the incomplete gamma function.

P(a, x), the regularised lower incomplete gamma function, is the chi-square CDF in disguise: the chi-square CDF at
x with df degrees of freedom is P(df/2, x/2). We evaluate it with Temme's uniform asymptotic expansion for large a
near its mean (temme_table.py: a few dozen multiplications), else with the power series where it converges fast
(x < a + 1) and with the Lentz continued fraction for the upper tail (Numerical Recipes, ch. 6.2). We invert it on
log(x) from the Wilson-Hilferty guess with a sixth-order step whose derivatives come free with one evaluation, guarded
by bisection: for a above about 50, as in a funnel plot's limits, one evaluation of P is enough. Both tails are
kept, so that quantiles for p near 1 are found from Q = 1 - P without losing digits to cancellation.

The funnel of a cluster of any size takes about 650 quantiles; this is what keeps the calculator's answer
within a few milliseconds in CPython, where a plain series and Newton's method take hundreds.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

from .normal import normal_quantile
from .temme_table import A_MIN as _TEMME_A_MIN
from .temme_table import COEFFICIENTS as _TEMME_COEFFICIENTS
from .temme_table import ETA_MAX as _TEMME_ETA_MAX
from .temme_table import terms_that_matter

_EPS = 1e-16
_TINY = 1e-300  # keeps Lentz's denominators off zero
_MAX_ITERATIONS = 100_000  # a = 1000 needs a few hundred; the margin costs nothing when unused
_QUANTILE_TOLERANCE = 1e-15  # on log(x), i.e. relative on x: steps this small are rounding noise
_MAX_QUANTILE_STEPS = 200
_LARGEST_LOG = 709.0  # exp() of more overflows


def chi2_ppf(p: float, df: float) -> float:
    """The x at which the chi-square CDF with df degrees of freedom is p, for real df > 0 and 0 <= p <= 1."""
    if not df > 0 or math.isinf(df):
        raise ValueError(f"df must be a positive number, got {df!r}")
    if not 0 <= p <= 1:
        raise ValueError(f"p must be between 0 and 1, got {p!r}")
    if p == 0:
        return 0.0
    if p == 1:
        return math.inf
    return 2 * _gamma_quantile(df / 2, p)


def incomplete_gamma(a: float, x: float) -> tuple[float, float]:
    """(P, Q): the regularised lower incomplete gamma function P(a, x) for a > 0, x >= 0, and Q = 1 - P, each
    accurate when small."""
    if not a > 0 or math.isinf(a):
        raise ValueError(f"a must be a positive number, got {a!r}")
    if not x >= 0:
        raise ValueError(f"x must be 0 or more, got {x!r}")
    if x == 0:
        return 0.0, 1.0
    if math.isinf(x):
        return 1.0, 0.0
    if a >= _TEMME_A_MIN and 0.2 * a < x < 2.5 * a:  # |eta| <= 1 lies within 0.23 a < x < 2.26 a
        eta = _temme_eta(a, x)
        if -_TEMME_ETA_MAX <= eta <= _TEMME_ETA_MAX:
            return _temme(a, eta)
    if x < a + 1:
        p = _series(a, x)
        return p, 1.0 - p
    q = _continued_fraction(a, x)
    return 1.0 - q, q


def _temme_eta(a: float, x: float) -> float:
    """eta with eta^2 / 2 = mu - ln(1 + mu), mu = x/a - 1, of the sign of mu; to full precision near mu = 0,
    where the expansion is used most and the subtraction would cancel."""
    mu = (x - a) / a
    if -0.5 < mu < 0.5:
        # ln(1 + mu) = 2 atanh(y), mu = 2y / (1 - y): mu - ln(1 + mu) = 2y^2/(1 - y) - 2(atanh(y) - y), and
        # atanh(y) - y = y t (1/3 + t/5 + t^2/7 + ...) with t = y^2 < 1/9: two terms that never cancel.
        y = mu / (2.0 + mu)
        t = y * y
        total, power, odd = 0.0, 1.0, 3.0
        while True:
            term = power / odd
            total += term
            if term <= 1e-17 * total:
                break
            power *= t
            odd += 2.0
        half_square = 2.0 * t / (1.0 - y) - 2.0 * y * t * total
    else:
        half_square = mu - math.log1p(mu)
    return math.copysign(math.sqrt(2.0 * half_square), mu)


_A_EDGES = (100.0, 200.0, 500.0, 1e3, 3e3, 1e4, 3e4, 1e5, 1e6)
_ETA_EDGES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0)
_TEMME_ROWS: dict[tuple[int, int], tuple[tuple[float, ...], ...]] = {}


def _temme_rows(a: float, eta: float) -> tuple[tuple[float, ...], ...]:
    """The coefficient rows c_k, each cut to the terms that matter for this a and eta and reversed for Horner's
    rule; worked out once per band of a and |eta|, for the band's smallest a and largest |eta|."""
    band_a = bisect_right(_A_EDGES, a) - 1
    band_eta = bisect_left(_ETA_EDGES, abs(eta))
    rows = _TEMME_ROWS.get((band_a, band_eta))
    if rows is None:
        kept = terms_that_matter(_TEMME_COEFFICIENTS, _A_EDGES[band_a], _ETA_EDGES[band_eta])
        rows = _TEMME_ROWS[(band_a, band_eta)] = tuple(row[::-1] for row in kept)
    return rows


def _temme(a: float, eta: float) -> tuple[float, float]:
    """(P, Q) from Temme's expansion (temme_table.py) for a >= 100 and |eta| <= 1."""
    u = eta * math.sqrt(0.5 * a)
    inverse_a = 1.0 / a
    total = 0.0
    for row in reversed(_temme_rows(a, eta)):
        c = 0.0
        for coefficient in row:
            c = c * eta + coefficient
        total = total * inverse_a + c
    r = math.exp(-u * u) / math.sqrt(2.0 * math.pi * a) * total
    return 0.5 * math.erfc(-u) - r, 0.5 * math.erfc(u) + r


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
    """Solve P(a, x) = p on t = log(x), where the root is well scaled for tiny and huge x alike.

    In t, F(t) = P(a, e^t) has the derivative F1 = x * density = exp(a t - x - lgamma(a)), and each higher
    derivative is F1 times a polynomial in A = a - x and x (the log of F1 has the derivative A, and all its
    higher derivatives are -x). So one evaluation of P gives the Taylor polynomial of F to sixth order for free,
    and solving that polynomial is a step of sixth order: from the Wilson-Hilferty guess it leaves less than
    1e-16 for a above about 50, which the step's own size predicts, so most quantiles cost a single evaluation
    of P. Far from the root, where the polynomial says nothing, Halley or Newton steps are taken; a bracket of
    the root is kept from the signs seen, and bisection takes over whenever a step would leave it.
    """
    use_upper = p > 0.5
    target = 1.0 - p if use_upper else p
    log_gamma = math.lgamma(a)
    t = _initial_log_guess(a, p)
    low, high = -math.inf, math.inf
    reach = 1.0  # how far to walk, doubling, while the root is bracketed on one side only
    for _ in range(_MAX_QUANTILE_STEPS):
        x = math.exp(t)
        lower, upper = incomplete_gamma(a, x)
        # Increasing in t in both branches: P rises with x, Q falls.
        value = target - upper if use_upper else lower - target
        if value == 0:
            return x
        if value < 0:
            low = t
        else:
            high = t
        # Written in t so that an x that underflows to 0 still has a slope.
        slope = math.exp(a * t - x - log_gamma)
        step, predicted = _step(value / slope if slope > 0 else math.inf, a - x, x)
        candidate = t - step
        if (predicted <= 1e-16 or abs(step) <= _QUANTILE_TOLERANCE * max(1.0, abs(t))) and low <= candidate <= high:
            return math.exp(candidate)  # this step leaves less error than the float itself
        if math.isinf(high) and not candidate < t + reach or math.isinf(low) and not candidate > t - reach:
            # Not yet bracketed, and far to go (or no slope to go by): walk, doubling the stride each time.
            candidate = t + reach if value < 0 else t - reach
            reach *= 2
        elif not low < candidate < high:
            candidate = (low + high) / 2  # the step left the bracket: bisect instead
        if candidate == t:
            return math.exp(t)  # the bracket has closed to adjacent floats
        t = min(candidate, _LARGEST_LOG)
    return math.exp(t)


def _step(newton: float, A: float, x: float) -> tuple[float, float]:
    """(the step to subtract from t, the error it is predicted to leave), given Newton's step value / F1.

    Near the root: the root of the sixth-order Taylor polynomial of F, whose k-th coefficient is F1 times
    d_k(A, x) / k!. Farther out: Halley (the second derivative over the first is A) or Newton. The predicted
    errors bound |d_k| by (|A| + 2 sqrt(x))^(k - 1).
    """
    if not math.isfinite(newton):
        return newton, math.inf
    scale = abs(A) + 2.0 * math.sqrt(x)
    if abs(newton) * scale < 0.25:
        A2 = A * A
        c2 = A / 2
        c3 = (A2 - x) / 6
        c4 = (A * (A2 - 3 * x) - x) / 24
        c5 = (A2 * (A2 - 6 * x) - 4 * A * x + 3 * x * x - x) / 120
        c6 = (A * A2 * (A2 - 10 * x) - 10 * A2 * x + 15 * A * x * x - 5 * A * x + 10 * x * x - x) / 720
        # Solve delta + c2 delta^2 + ... + c6 delta^6 = goal: the reversed series (Abramowitz & Stegun 3.6.25)
        # to sixth order, then one Newton correction on the polynomial itself.
        goal = -newton
        b6 = -42 * c2**5 + 84 * c2**3 * c3 - 28 * c2 * c2 * c4 - 28 * c2 * c3 * c3 + 7 * c2 * c5 + 7 * c3 * c4 - c6
        b5 = 14 * c2**4 - 21 * c2 * c2 * c3 + 6 * c2 * c4 + 3 * c3 * c3 - c5
        b4 = -5 * c2**3 + 5 * c2 * c3 - c4
        b3 = 2 * c2 * c2 - c3
        delta = goal * (1 + goal * (-c2 + goal * (b3 + goal * (b4 + goal * (b5 + goal * b6)))))
        excess = delta * (1 + delta * (c2 + delta * (c3 + delta * (c4 + delta * (c5 + delta * c6))))) - goal
        derivative = 1 + delta * (2 * c2 + delta * (3 * c3 + delta * (4 * c4 + delta * (5 * c5 + delta * 6 * c6))))
        delta -= excess / derivative
        return -delta, scale**6 * abs(delta) ** 7 / 5040
    halley = 1.0 - 0.5 * newton * A
    if 0.5 <= halley <= 2.0:
        step = newton / halley
        return step, (A * A / 12 + x / 6) * abs(step) ** 3
    return newton, abs(A) / 2 * newton * newton


_NORMAL_QUANTILES: dict[float, float] = {}


def _initial_log_guess(a: float, p: float) -> float:
    """log of a first guess: Wilson-Hilferty for the bulk, P ~ x^a / Gamma(a + 1) for the far left."""
    z = _NORMAL_QUANTILES.get(p)
    if z is None:
        z = normal_quantile(p)
        if len(_NORMAL_QUANTILES) < 64:  # the funnel asks for the same four levels hundreds of times
            _NORMAL_QUANTILES[p] = z
    df = 2 * a
    cube = 1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))
    if cube > 0.1:
        return math.log(df * cube**3 / 2)
    return (math.log(p) + math.lgamma(a + 1)) / a
