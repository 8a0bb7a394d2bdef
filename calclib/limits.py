"""Limits: approaching a point from both sides, without ever standing on it.

Used in: 01_limits.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import sympy as sp

from . import _validate as v
from .tables import Table, fmt


@dataclass(frozen=True)
class Undefined:
    """The marker for a value that does not exist, such as f(1) = 0/0.

    >>> Undefined("0/0")
    undefined (0/0)
    """

    form: str

    @property
    def label(self) -> str:
        return f"undefined ({self.form})"

    def __repr__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Quotient:
    """f(x) = numerator(x) / denominator(x), which knows when it meets 0/0.

    Calling it on an array gives nan where the denominator is zero (handy for plotting);
    :func:`value_at` reports those points as :class:`Undefined` instead.

    >>> f = Quotient(lambda x: x**2 - 1, lambda x: x - 1)
    >>> bool(np.isclose(f(0.9), 1.9))
    True
    >>> value_at(f, 1)
    undefined (0/0)
    """

    numerator: Callable
    denominator: Callable

    def __post_init__(self):
        v.require_callable(self.numerator, "numerator")
        v.require_callable(self.denominator, "denominator")

    def __call__(self, x):
        num = v.evaluate(self.numerator, x)
        den = v.evaluate(self.denominator, x)
        with np.errstate(all="ignore"):
            out = np.where(den == 0, np.nan, num / np.where(den == 0, 1.0, den))
        return float(out) if np.ndim(out) == 0 else out


def value_at(f, x):
    """f(x) as a float, or :class:`Undefined` where f has no value (0/0, c/0, nan).

    >>> value_at(lambda x: 1 / x, 0)
    undefined (division by zero)
    """
    v.require_callable(f)
    x = v.real_number(x, "x")
    if isinstance(f, Quotient):
        num = float(v.evaluate(f.numerator, x))
        den = float(v.evaluate(f.denominator, x))
        return Undefined(f"{fmt(num)}/0") if den == 0 else num / den
    try:
        value = float(v.evaluate(f, x))
    except ZeroDivisionError:
        return Undefined("division by zero")
    return value if np.isfinite(value) else Undefined(f"f(x) = {value}")


@dataclass(frozen=True)
class ApproachTable:
    """Values of f at points closing in on ``a`` from the left and from the right."""

    a: float
    left_x: np.ndarray
    left_fx: np.ndarray
    right_x: np.ndarray
    right_fx: np.ndarray
    at_a: object

    @property
    def left_estimate(self) -> float:
        """The value at the point nearest to ``a`` on the left."""
        return float(self.left_fx[-1])

    @property
    def right_estimate(self) -> float:
        """The value at the point nearest to ``a`` on the right."""
        return float(self.right_fx[0])

    def table(self) -> Table:
        rows = [("left", x, fx) for x, fx in zip(self.left_x, self.left_fx)]
        rows += [("right", x, fx) for x, fx in zip(self.right_x, self.right_fx)]
        title = f"Approaching x = {fmt(self.a)}; f({fmt(self.a)}) is {fmt(self.at_a)}"
        return Table(["side", "x", "f(x)"], rows, title=title)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def approach_table(f, a, *, steps=(0.1, 0.01, 0.001)) -> ApproachTable:
    """Evaluate f at a - s and a + s for each distance s in ``steps``.

    Rows run from far left to a, then from a to far right, as you would read a number line.

    Parameters
    ----------
    f : callable
        The function; a :class:`Quotient` reports 0/0 at ``a`` as undefined.
    a : float
        The point being approached.
    steps : sequence of float
        Distances from ``a``; their order does not matter, 0 is not allowed.

    Returns
    -------
    ApproachTable
        Shows as a table; ``left_fx`` and ``right_fx`` hold the values, ``at_a`` the value at a.

    >>> t = approach_table(Quotient(lambda x: x**2 - 1, lambda x: x - 1), 1)
    >>> t.left_fx.round(6).tolist()
    [1.9, 1.99, 1.999]
    >>> t.at_a
    undefined (0/0)
    """
    v.require_callable(f)
    a = v.real_number(a, "a")
    s = np.sort(np.abs(v.nonzero_steps(steps, "steps")))[::-1]
    left_x, right_x = a - s, (a + s)[::-1]
    return ApproachTable(a, left_x, v.evaluate(f, left_x), right_x, v.evaluate(f, right_x), value_at(f, a))


@dataclass(frozen=True)
class LimitResult:
    """One-sided limits and, when they agree, the limit."""

    left: sp.Expr
    right: sp.Expr

    @property
    def exists(self) -> bool:
        return bool(self.left == self.right) and bool(self.left.is_finite)

    @property
    def value(self):
        """The two-sided limit, or ``None`` when it does not exist."""
        return self.left if self.exists else None

    def __repr__(self) -> str:
        verdict = f"the limit is {self.value}" if self.exists else "the limit does not exist"
        return f"left limit {self.left}, right limit {self.right}: {verdict}"


def symbolic_limit(expr, symbol, point) -> LimitResult:
    """Both one-sided limits of a sympy expression, computed exactly by sympy.

    >>> x = sp.symbols("x")
    >>> symbolic_limit((x**2 - 1) / (x - 1), x, 1)
    left limit 2, right limit 2: the limit is 2
    >>> symbolic_limit(sp.Abs(x) / x, x, 0).exists
    False
    """
    if not isinstance(expr, sp.Basic):
        raise TypeError(f"`expr` must be a sympy expression, got {type(expr).__name__}")
    if not isinstance(symbol, sp.Symbol):
        raise TypeError(f"`symbol` must be a sympy Symbol, got {type(symbol).__name__}")
    left = sp.limit(expr, symbol, point, dir="-")
    right = sp.limit(expr, symbol, point, dir="+")
    return LimitResult(left, right)


@dataclass(frozen=True)
class EpsilonDelta:
    """A tolerance epsilon on the output and a delta on the input that achieves it."""

    epsilon: float
    delta: float

    def __repr__(self) -> str:
        return f"epsilon = {fmt(self.epsilon, 4)} -> delta = {fmt(self.delta, 4)}"


def delta_for_epsilon(f, a, limit, epsilon, *, delta_max=1.0, samples=4001) -> EpsilonDelta:
    """The largest delta (found by bisection on a dense grid) with |f(x) - limit| < epsilon
    for every sampled x with 0 < |x - a| < delta.

    A numerical picture of the definition, not a proof: the grid is finite.

    >>> f = Quotient(lambda x: x**2 - 1, lambda x: x - 1)
    >>> bool(np.isclose(delta_for_epsilon(f, 1, 2, 0.1).delta, 0.1, rtol=1e-3))
    True
    """
    v.require_callable(f)
    a, limit = v.real_number(a, "a"), v.real_number(limit, "limit")
    epsilon = v.positive_number(epsilon, "epsilon")
    delta_max = v.positive_number(delta_max, "delta_max")

    def works(delta):
        u = np.linspace(-1.0, 1.0, samples)
        x = a + delta * u[u != 0]
        return bool(np.all(np.abs(v.evaluate(f, x) - limit) < epsilon))

    lo, hi = 0.0, delta_max
    if works(hi):
        return EpsilonDelta(epsilon, hi)
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if works(mid) else (lo, mid)
    return EpsilonDelta(epsilon, lo)


@dataclass(frozen=True)
class StoredStep:
    """What the computer stores when you ask for a + h, and what that does to a quotient."""

    a: float
    typed: float
    stored: float

    def table(self, f) -> Table:
        """Evaluate (f(a + h) - f(a)) / h dividing by the step you typed and by the step you got."""
        x = self.a + self.typed
        rise = float(v.evaluate(f, x)) - float(v.evaluate(f, self.a))
        rows = [("the step you typed", self.typed, rise / self.typed),
                ("the step actually stored", self.stored, rise / self.stored)]
        return Table(["dividing by", "h", "quotient"], rows, digits=17)

    def __repr__(self) -> str:
        return f"a + {fmt(self.typed, 17)} is stored as a + {fmt(self.stored, 17)}"


def stored_step(a, h) -> StoredStep:
    """The step (a + h) - a that floating point really takes when you ask for a + h.

    >>> s = stored_step(1.0, 1e-15)
    >>> s.stored == 1e-15
    False
    >>> bool(np.isclose(s.stored, 1.1102230246251565e-15, rtol=0))
    True
    """
    a, h = v.real_number(a, "a"), float(v.nonzero_steps(h, "h"))
    return StoredStep(a, h, (a + h) - a)
