"""Temme's uniform asymptotic expansion of the incomplete gamma functions, for large a.

    Q(a, x) = erfc(eta sqrt(a/2)) / 2 + R,    P(a, x) = erfc(-eta sqrt(a/2)) / 2 - R,
    R = exp(-a eta^2 / 2) / sqrt(2 pi a) * sum_k c_k(eta) a^-k,

with lambda = x / a and eta^2 / 2 = lambda - 1 - ln(lambda), eta of the sign of lambda - 1 (DLMF 8.12.3-8.12.10;
N. M. Temme, SIAM J. Math. Anal. 10 (1979) 757-766). It costs a few dozen multiplications where the power series
and the continued fraction need about 9 sqrt(a) terms each, which is what makes funnel limits for large expected
counts cheap. The c_k are power series in eta; their coefficients COEFFICIENTS[k][n] (of eta^n) are generated
exactly, in rational arithmetic, by `coefficients()` below; a unit test checks that the table is what it
generates.
"""

from __future__ import annotations

import math

A_MIN = 100.0  # below this, the series and continued fraction are as cheap and the expansion needs more terms
ETA_MAX = 1.0  # beyond this, x is so far from a that the series and continued fraction converge fast
TOLERANCE = 1e-19  # largest term left out of the sum (which is about 1/3)

# c_k(eta) = sum_n COEFFICIENTS[k][n] eta^n, as many k and n as a >= A_MIN and |eta| <= ETA_MAX need.
COEFFICIENTS = (
    (
        -0.3333333333333333,
        0.08333333333333333,
        -0.014814814814814815,
        0.0011574074074074073,
        0.0003527336860670194,
        -0.0001787551440329218,
        3.919263178522438e-05,
        -2.185448510679992e-06,
        -1.85406221071516e-06,
        8.296711340953087e-07,
        -1.7665952736826078e-07,
        6.707853543401498e-09,
        1.0261809784240309e-08,
        -4.382036018453353e-09,
        9.14769958223679e-10,
        -2.5514193994946248e-11,
        -5.830772132550426e-11,
        2.4361948020667415e-11,
        -5.0276692801141755e-12,
        1.1004392031956135e-13,
        3.371763262400985e-13,
        -1.392388722418162e-13,
        2.8534893807047445e-14,
        -5.139111834242572e-16,
        -1.9752288294349442e-15,
        8.099521156704561e-16,
        -1.6522531216398162e-16,
        2.5305430097478883e-18,
        1.1686939738559576e-17,
        -4.770037049820485e-18,
        9.699126059056237e-19,
    ),
    (
        -0.001851851851851852,
        -0.003472222222222222,
        0.0026455026455026454,
        -0.0009902263374485596,
        0.00020576131687242798,
        -4.018775720164609e-07,
        -1.8098550334489977e-05,
        7.64916091608111e-06,
        -1.6120900894563446e-06,
        4.647127802807434e-09,
        1.378633446915721e-07,
        -5.752545603517705e-08,
        1.1951628599778148e-08,
        -1.7543241719747647e-11,
        -1.0091543710600413e-09,
        4.162792991842583e-10,
        -8.56390702649298e-11,
        6.067215101604758e-14,
        7.1624989648114856e-12,
        -2.933186643771437e-12,
        5.996696365683689e-13,
        -2.1671786527323313e-16,
        -4.978339972369262e-14,
        2.0291628823713425e-14,
        -4.13125571381061e-15,
        8.286516239883097e-19,
        3.4100308869333327e-16,
        -1.3854195302893971e-16,
        2.812346653228875e-17,
    ),
    (
        0.004133597883597883,
        -0.0026813271604938273,
        0.0007716049382716049,
        2.0093878600823047e-06,
        -0.0001073665322636516,
        5.2923448829120125e-05,
        -1.2760635188618728e-05,
        3.423578734096138e-08,
        1.3721957309062934e-06,
        -6.298992138380055e-07,
        1.4280614206064242e-07,
        -2.0477098421990866e-10,
        -1.409252991086752e-08,
        6.228974084922022e-09,
        -1.3670488396617114e-09,
        9.428356159014678e-13,
        1.2872252400089318e-10,
        -5.5645956134363323e-11,
        1.197593554636698e-11,
        -4.1689782251838634e-15,
        -1.0940640427884595e-12,
        4.662239946390136e-13,
        -9.905105763906907e-14,
        1.8931876768373515e-17,
        8.859221872591127e-15,
        -3.737820398046405e-15,
    ),
    (
        0.0006494341563786008,
        0.00022947209362139917,
        -0.0004691894943952557,
        0.00026772063206283885,
        -7.561801671883977e-05,
        -2.396505113867297e-07,
        1.1082654115347302e-05,
        -5.6749528269915965e-06,
        1.4230900732435883e-06,
        -2.7861080291528143e-11,
        -1.6958404091930278e-07,
        8.099464905388083e-08,
        -1.9111168485973655e-08,
        2.3928620439808118e-12,
        2.0620131815488797e-09,
        -9.460496661855133e-10,
        2.1541049775774907e-10,
        -1.388823336813903e-14,
        -2.1894761681963938e-11,
        9.790998951171684e-12,
        -2.178219188018096e-12,
        6.208819573407901e-17,
        2.126978363279737e-13,
    ),
    (
        -0.0008618882909167117,
        0.0007840392217200666,
        -0.0002990724803031902,
        -1.4638452578843418e-06,
        6.641498215465122e-05,
        -3.968365047179435e-05,
        1.1375726970678419e-05,
        2.507497226237533e-10,
        -1.6954149536558305e-06,
        8.907507532205309e-07,
        -2.292934834000805e-07,
        2.956794137544049e-11,
        2.8865829742708783e-08,
        -1.4189739437803219e-08,
        3.4463580499464896e-09,
        -2.3024517174528067e-13,
        -3.9409233028046403e-10,
        1.86023389685045e-10,
        -4.356323005056618e-11,
    ),
    (
        -0.00033679855336635813,
        -6.972813758365857e-05,
        0.0002772753244959392,
        -0.00019932570516188847,
        6.797780477937208e-05,
        1.419062920643967e-07,
        -1.3594048189768693e-05,
        8.018470256334202e-06,
        -2.291481176508095e-06,
        -3.252473551298454e-10,
        3.4652846491085265e-07,
        -1.8447187191171344e-07,
        4.8240967037894184e-08,
        -1.7989466721743514e-14,
        -6.306194500013523e-09,
        3.162417628774568e-09,
    ),
    (
        0.0005313079364639922,
        -0.0005921664373536939,
        0.0002708782096718045,
        7.902353232660328e-07,
        -8.153969367561969e-05,
        5.61168275310625e-05,
        -1.8329116582843375e-05,
        -3.0796134506033047e-09,
        3.465155368803609e-06,
        -2.0291327396058603e-06,
        5.788792863149004e-07,
    ),
    (
        0.00034436760689237765,
        5.171790908260592e-05,
        -0.00033493161081142234,
        0.0002812695154763237,
        -0.00010976582244684731,
        -1.2741009095484485e-07,
        2.7744451511563645e-05,
        -1.8263488805711332e-05,
    ),
)


def coefficients(
    k_max: int = 9, a_min: float = A_MIN, eta_max: float = ETA_MAX, tolerance: float = TOLERANCE
) -> tuple[tuple[float, ...], ...]:
    """COEFFICIENTS, computed exactly with fractions (the test suite's check, and how to extend the table).

    mu = lambda - 1 as a series in eta by Lagrange inversion of eta = mu sqrt(2(mu - ln(1 + mu))) / mu;
    c_0 = 1/mu - 1/eta; c_k = (1/eta) c_{k-1}' + (-1)^k g_k / mu, with g_k the coefficients of Stirling's series
    Gamma(a) ~ sqrt(2 pi / a) (a/e)^a sum g_k a^-k. Each row is cut where its remaining terms stay below
    `tolerance` for every a >= a_min and |eta| <= eta_max.
    """
    from fractions import Fraction

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

    table = []
    for k, row in enumerate(rows):
        scale = tolerance * a_min**k
        kept = [n for n, value in enumerate(row) if abs(value) * eta_max**n >= scale]
        if not kept:
            break
        table.append(tuple(float(value) for value in row[: kept[-1] + 1]))
    return tuple(table)
