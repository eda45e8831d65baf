"""The binomial distribution's probabilities and tails, and the beta quantile, which the standard library lacks.

They are what an exact comparison of two periods' counts needs (rate_ratio.py): given n events in all, the number
in one period is binomial, its tails are the regularised incomplete beta function I_x(a, b), and the
Clopper-Pearson limits are beta quantiles.

Precision comes from two habits. The probability x and its complement y = 1 - x travel together, each computed
from the log-odds, so neither is ever found by subtracting from 1 (a limit near 1 has a tiny y, and the rate
ratio needs y to full relative precision). And the factor x^a y^b / B(a, b) that every tail shares is computed
with Loader's saddle-point form ("Fast and accurate computation of binomial probabilities", 2000, as R's dbinom
does), not from lgamma: lgamma(n) is about n log n, and its last bit alone is a relative error of about 1e-10
when n is a million. The tail itself is the continued fraction of Numerical Recipes (ch. 6.4), evaluated with
Lentz's method on whichever side of the mean it converges fast, which is also the side where the tail is small.
"""

from __future__ import annotations

import math

from .normal import normal_quantile

_LOG_2PI = math.log(2 * math.pi)
_EPS = 1e-16
_TINY = 1e-300  # keeps Lentz's denominators off zero
_MAX_FRACTION_TERMS = 100_000  # the worst case, x at the switch point, takes ~400 terms at a + b = 1e6, ~5,000 at 1e10
_MAX_NEWTON_STEPS = 200
_QUANTILE_TOLERANCE = 1e-14  # on the log-odds, i.e. relative on the odds
_LOG_ODDS_LIMIT = 700.0  # exp() of more overflows; a quantile's odds beyond e^700 are 0 or infinite here


def log_binomial_pmf(k: int, n: int, p: float, q: float) -> float:
    """log P(X = k) for X ~ Binomial(n, p), with q = 1 - p given to full precision (Loader 2000)."""
    if k < 0 or k > n:
        return -math.inf
    if p == 0:
        return 0.0 if k == 0 else -math.inf
    if q == 0:
        return 0.0 if k == n else -math.inf
    if k == 0:
        return -_bd0(n, n * q) - n * p if p < 0.1 else n * math.log(q)
    if k == n:
        return -_bd0(n, n * p) - n * q if q < 0.1 else n * math.log(p)
    return (
        _stirlerr(n)
        - _stirlerr(k)
        - _stirlerr(n - k)
        - _bd0(k, n * p)
        - _bd0(n - k, n * q)
        - 0.5 * (_LOG_2PI + math.log(k) + math.log1p(-k / n))
    )


def binomial_at_least(k: int, n: int, p: float, q: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), q = 1 - p: I_p(k, n - k + 1)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    return math.exp(log_beta_lower(k, n - k + 1, p, q))


def binomial_at_most(k: int, n: int, p: float, q: float) -> float:
    """P(X <= k) for X ~ Binomial(n, p), q = 1 - p: I_q(n - k, k + 1)."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return math.exp(log_beta_lower(n - k, k + 1, q, p))


def log_beta_lower(a: float, b: float, x: float, y: float) -> float:
    """log I_x(a, b), the beta(a, b) distribution's lower tail at x, for a, b > 0 and y = 1 - x."""
    return _log_beta_lower_and_front(a, b, x, y)[0]


def beta_log_odds_quantile(target: float, a: float, b: float) -> float:
    """The log-odds t = log(x / (1 - x)) of the x with I_x(a, b) = target, for 0 < target < 1.

    The beta(a, b) quantile is x = 1 / (1 + e^-t), and 1 - x = 1 / (1 + e^t) keeps its precision too. The other
    tail needs no code of its own: the x with 1 - I_x(a, b) = target has log-odds -beta_log_odds_quantile(
    target, b, a).
    """
    if not 0 < target < 1:
        raise ValueError(f"target must be between 0 and 1, got {target!r}")
    _check_shape(a, b)
    if target > 0.5:  # solve in the smaller tail, where log(target) is far from 0 and keeps its digits
        return -beta_log_odds_quantile(1.0 - target, b, a)
    return _solve_log_odds(math.log(target), a, b)


def _solve_log_odds(log_target: float, a: float, b: float) -> float:
    """Newton's method on g(t) = log I(t) - log(target), t the log-odds.

    In t the beta distribution is the logistic-beta distribution, whose density is log-concave; so is its
    distribution function, and g is concave and increasing. Newton's tangent then lies above g: from any start
    the first step lands left of the root, and from there the steps climb to it without overshooting. A bracket
    of the root is kept anyway, and bisection is used if rounding ever pushes a step outside it.
    """
    # The log-odds of a beta variable is roughly normal with mean log(a/b) and variance 1/a + 1/b.
    t = math.log(a / b) + normal_quantile(math.exp(log_target)) * math.sqrt(1 / a + 1 / b)
    t = max(-_LOG_ODDS_LIMIT, min(_LOG_ODDS_LIMIT, t))
    low, high = -_LOG_ODDS_LIMIT, _LOG_ODDS_LIMIT
    last_step = math.inf
    for _ in range(_MAX_NEWTON_STEPS):
        log_tail, log_front = _log_beta_lower_and_front(a, b, *_probabilities(t))
        value = log_tail - log_target
        if value == 0:
            return t
        if value < 0:
            low = t
        else:
            high = t
        # d(log I)/dt = (dI/dt) / I, and dI/dt = x^a y^b / B(a, b): the front factor itself.
        slope = math.exp(log_front - log_tail)
        candidate = t - value / slope if slope > 0 else math.nan
        newton = low <= candidate <= high
        if not newton:
            candidate = (low + high) / 2
        step = abs(candidate - t)
        # Done when the step is below the precision we promise, or when a Newton step is no smaller than the
        # last one: in exact arithmetic they shrink quadratically, so one that does not is rounding noise in I.
        if step <= _QUANTILE_TOLERANCE * max(1.0, abs(t)) or newton and step >= last_step:
            return candidate
        if newton:
            last_step = step
        t = candidate
    raise ArithmeticError(f"beta quantile did not converge for a={a}, b={b}, log target={log_target}")


def _probabilities(log_odds: float) -> tuple[float, float]:
    """(x, 1 - x) from log(x / (1 - x)), both to full relative precision."""
    return 1.0 / (1.0 + math.exp(-log_odds)), 1.0 / (1.0 + math.exp(log_odds))


def _log_beta_lower_and_front(a: float, b: float, x: float, y: float) -> tuple[float, float]:
    """(log I_x(a, b), log of x^a y^b / B(a, b))."""
    _check_shape(a, b)
    if not (0 <= x <= 1 and 0 <= y <= 1):
        raise ValueError(f"x and y must lie between 0 and 1, got {x!r}, {y!r}")
    if x == 0:
        return -math.inf, -math.inf
    if y == 0:
        return 0.0, -math.inf
    log_front = _log_front(a, b, x, y)
    if x * (a + b + 2) < a + 1:  # the fraction converges fast below the mean, where the lower tail is small
        return log_front - math.log(a) + math.log(_continued_fraction(a, b, x)), log_front
    upper = math.exp(log_front - math.log(b)) * _continued_fraction(b, a, y)
    return (math.log1p(-upper) if upper < 1 else -math.inf), log_front


def _log_front(a: float, b: float, x: float, y: float) -> float:
    """log(x^a y^b / B(a, b)) = log(a b / (a + b)) + log of the binomial(a + b, x) probability of a, in
    Loader's form, which has no large terms to cancel."""
    n = a + b
    return (
        _stirlerr(n)
        - _stirlerr(a)
        - _stirlerr(b)
        - _bd0(a, n * x)
        - _bd0(b, n * y)
        + 0.5 * (math.log(a) + math.log(b) - math.log(n) - _LOG_2PI)
    )


def _continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b) (Numerical Recipes' betacf), by Lentz's method."""
    c = 1.0
    d = 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) >= _TINY else _TINY)
    h = d
    for m in range(1, _MAX_FRACTION_TERMS):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) >= _TINY else _TINY)
            c = 1.0 + numerator / c
            if abs(c) < _TINY:
                c = _TINY
            delta = c * d
            h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise ArithmeticError(f"beta continued fraction did not converge for a={a}, b={b}, x={x}")


# Stirling's series for the error of Stirling's formula, with the cut-offs R uses (nmath/stirlerr.c).
_S0, _S1, _S2, _S3, _S4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
_LOG_SQRT_2PI = 0.5 * _LOG_2PI


def _stirlerr(n: float) -> float:
    """log(n!) - log(sqrt(2 pi n) (n/e)^n), for n > 0."""
    if n <= 15:
        # Here the terms are below 30, so computing the difference costs at most a few 1e-15, absolute: that is
        # what matters, since the result is added to a logarithm.
        return math.lgamma(n + 1) - (n + 0.5) * math.log(n) + n - _LOG_SQRT_2PI
    nn = n * n
    if n > 500:
        return (_S0 - _S1 / nn) / n
    if n > 80:
        return (_S0 - (_S1 - _S2 / nn) / nn) / n
    if n > 35:
        return (_S0 - (_S1 - (_S2 - _S3 / nn) / nn) / nn) / n
    return (_S0 - (_S1 - (_S2 - (_S3 - _S4 / nn) / nn) / nn) / nn) / n


def _bd0(x: float, mean: float) -> float:
    """x log(x / mean) + mean - x, without the cancellation of its terms when x is near mean (Loader)."""
    if abs(x - mean) < 0.1 * (x + mean):
        v = (x - mean) / (x + mean)
        total = (x - mean) * v
        if abs(total) < 1e-300:
            return total
        term = 2 * x * v
        v *= v
        for j in range(1, 1000):
            term *= v
            updated = total + term / (2 * j + 1)
            if updated == total:
                return updated
            total = updated
    return x * math.log(x / mean) + mean - x


def _check_shape(a: float, b: float) -> None:
    if not (a > 0 and b > 0 and math.isfinite(a) and math.isfinite(b)):
        raise ValueError(f"a and b must be positive numbers, got {a!r}, {b!r}")
