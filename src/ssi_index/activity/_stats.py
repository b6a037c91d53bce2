"""The little statistics :func:`effects` needs, in pure Python: least squares and t quantiles.

Sizes are tiny (a year is 52 weeks, a fit has at most a handful of columns), so
plain lists and Gauss-Jordan elimination are quick enough and need no numpy.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import attrs

__all__ = ["Fit", "median", "ols", "solve", "t_quantile"]


@attrs.frozen
class Fit:
    """An ordinary least squares fit: coefficients, their standard errors, residuals."""

    beta: tuple[float, ...]
    se: tuple[float, ...]  # the larger of the classical and the HC3 (robust) standard error
    residuals: tuple[float, ...]
    rss: float
    df: int


def _inverse(a: list[list[float]]) -> list[list[float]] | None:
    """Invert a small symmetric matrix by Gauss-Jordan with partial pivoting (None if singular)."""
    n = len(a)
    m = [row[:] + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(a)]
    scale = max((abs(a[i][i]) for i in range(n)), default=0.0) or 1.0
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) <= 1e-10 * scale:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        p = m[col][col]
        row = [v / p for v in m[col]]
        m[col] = row
        for r in range(n):
            if r != col:
                f = m[r][col]
                if f:
                    mr = m[r]
                    m[r] = [x - f * y for x, y in zip(mr, row, strict=True)]
    return [row[n:] for row in m]


def solve(a: list[list[float]], b: list[float]) -> list[float] | None:
    """Solve ``a x = b`` for a small square *a* (Gaussian elimination); ``None`` if singular."""
    n = len(a)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
    scale = max((abs(a[i][i]) for i in range(n)), default=0.0) or 1.0
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) <= 1e-10 * scale:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        pr = m[col]
        p = pr[col]
        for r in range(col + 1, n):
            f = m[r][col] / p
            if f:
                mr = m[r]
                for c in range(col, n + 1):
                    mr[c] -= f * pr[c]
    x = [0.0] * n
    for i in range(n - 1, -1, -1):
        row = m[i]
        x[i] = (row[n] - sum(row[j] * x[j] for j in range(i + 1, n))) / row[i]
    return x


def ols(columns: Sequence[Sequence[float]], y: Sequence[float]) -> Fit | None:
    """Fit ``y = b0 + b1 x1 + ...`` where *columns* are ``x1, x2 ...`` (the intercept is added).

    Returns ``None`` when the columns are collinear or leave no degrees of freedom.
    """
    n = len(y)
    xs = [[1.0] * n, *[list(c) for c in columns]]
    k = len(xs)
    df = n - k
    if df <= 0:
        return None
    xtx = [
        [math.fsum(a * b for a, b in zip(xs[i], xs[j], strict=True)) for j in range(k)]
        for i in range(k)
    ]
    xty = [math.fsum(a * b for a, b in zip(xs[i], y, strict=True)) for i in range(k)]
    inv = _inverse(xtx)
    if inv is None:
        return None
    beta = [math.fsum(inv[i][j] * xty[j] for j in range(k)) for i in range(k)]
    fitted = [math.fsum(beta[i] * xs[i][t] for i in range(k)) for t in range(n)]
    residuals = tuple(yt - ft for yt, ft in zip(y, fitted, strict=True))
    rss = math.fsum(r * r for r in residuals)
    sigma2 = rss / df
    # HC3: heteroskedasticity-consistent, with the small-sample leverage correction.
    rows = [[xs[i][t] for i in range(k)] for t in range(n)]
    weights = []
    for t, row in enumerate(rows):
        a = [math.fsum(inv[i][j] * row[j] for j in range(k)) for i in range(k)]
        h = math.fsum(row[i] * a[i] for i in range(k))
        weights.append((residuals[t] / max(1.0 - h, 1e-6)) ** 2)
    se_list = []
    for i in range(k):
        # (inv X' W X inv)[i][i] = sum_t w_t (inv row_t)[i]^2
        robust = math.fsum(
            w * math.fsum(inv[i][j] * row[j] for j in range(k)) ** 2
            for w, row in zip(weights, rows, strict=True)
        )
        classical = max(inv[i][i], 0.0) * sigma2
        se_list.append(math.sqrt(max(robust, classical)))
    se = tuple(se_list)
    return Fit(beta=tuple(beta), se=se, residuals=residuals, rss=rss, df=df)


def median(values: Sequence[float]) -> float:
    """The median of a non-empty sequence."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2.0


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def _betai(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _t_cdf(t: float, df: int) -> float:
    x = df / (df + t * t)
    tail = 0.5 * _betai(df / 2.0, 0.5, x)
    return 1.0 - tail if t > 0 else tail


@functools.cache
def t_quantile(p: float, df: int) -> float:
    """The *p* quantile (``0.5 < p < 1``) of Student's t with *df* degrees of freedom.

    Example:
        >>> round(t_quantile(0.975, 10), 3)
        2.228
    """
    low, high = 0.0, 1.0
    while _t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(80):
        mid = (low + high) / 2.0
        if _t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
    return (low + high) / 2.0
