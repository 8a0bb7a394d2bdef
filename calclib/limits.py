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
        num = float(v.evaluate_or_nan(f.numerator, x))
        den = float(v.evaluate_or_nan(f.denominator, x))
        if den == 0:
            return Undefined(f"{fmt(num)}/0")
        with np.errstate(all="ignore"):
            value = num / den
        return value if np.isfinite(value) else Undefined(f"f(x) = {value}")
    try:
        value = float(v.evaluate(f, x))
    except ZeroDivisionError:
        return Undefined("division by zero")
    except (ValueError, OverflowError, ArithmeticError) as exc:
        return Undefined(f"f raised {type(exc).__name__}")
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
    name: str = "f"

    @property
    def left_estimate(self) -> float:
        """The value at the point nearest to ``a`` on the left."""
        return float(self.left_fx[-1])

    @property
    def right_estimate(self) -> float:
        """The value at the point nearest to ``a`` on the right."""
        return float(self.right_fx[0])

    def table(self, *, keep_together: bool = False) -> Table:
        """The table; ``keep_together`` joins each half of the title with no-break spaces, so that a narrow
        table's caption breaks only between its two halves (a student read: "f(0) is undefined / (0/0)")."""
        rows = [("left", x, fx) for x, fx in zip(self.left_x, self.left_fx)]
        rows += [("right", x, fx) for x, fx in zip(self.right_x, self.right_fx)]
        halves = [f"Approaching x = {fmt(self.a)};", f"{self.name}({fmt(self.a)}) is {fmt(self.at_a)}"]
        if keep_together:
            halves = [half.replace(" ", "\u00a0") for half in halves]
        return Table(["side", "x", f"{self.name}(x)"], rows, title=" ".join(halves))

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table(keep_together=True)._repr_html_()


def approach_table(f, a, *, steps=(0.1, 0.01, 0.001), name="f") -> ApproachTable:
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
    name : str
        The function's name in the table's header and title ("g" gives g(x) and g(0)).

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
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"`name` must be a function's name as text, such as \"g\", got {name!r}")
    steps = np.atleast_1d(v.nonzero_steps(steps, "steps"))
    if steps.ndim != 1 or steps.size > MAX_STEPS:
        raise ValueError(f"`steps` must be a list of at most {MAX_STEPS} distances")
    s = np.sort(np.abs(steps))[::-1]
    v.distinct_from(a, s, "steps", "a")
    left_x, right_x = a - s, (a + s)[::-1]
    left_fx, right_fx = v.evaluate_or_nan(f, left_x), v.evaluate_or_nan(f, right_x)
    for xs, fx in ((left_x, left_fx), (right_x, right_fx)):
        if not np.all(np.isfinite(fx)):
            bad = float(xs[~np.isfinite(fx)][0])
            raise ValueError(f"f has no finite value at x = {bad:g}, {abs(bad - a):g} from `a` = {a:g}: "
                             "approach a from where f is defined, with smaller `steps`")
    return ApproachTable(a, left_x, left_fx, right_x, right_fx, value_at(f, a), name)


MAX_STEPS = 100
MAX_SAMPLES = 1_000_001  # delta_for_epsilon: 50 bisections of this many points stay under a few seconds


@dataclass(frozen=True)
class LimitResult:
    """One-sided limits and, when they agree, the limit."""

    left: sp.Expr
    right: sp.Expr

    @staticmethod
    def _number(side) -> bool:
        """A one-sided limit that is a finite number (not oo, not an interval of oscillation)."""
        return isinstance(side, sp.Expr) and not isinstance(side, sp.AccumBounds) and bool(side.is_finite) \
            and not side.has(sp.Limit, sp.AccumBounds, sp.nan, sp.zoo)

    @property
    def exists(self) -> bool:
        return self._number(self.left) and self._number(self.right) and bool(sp.simplify(self.left - self.right) == 0)

    @property
    def value(self):
        """The two-sided limit, or ``None`` when it does not exist."""
        return self.left if self.exists else None

    def _why_not(self) -> str:
        for side in (self.left, self.right):
            if isinstance(side, sp.AccumBounds):
                return f"the values keep oscillating between {side.min} and {side.max}"
            if side in (sp.oo, -sp.oo, sp.zoo):
                return "the values grow without bound"
            if not self._number(side):
                return "sympy could not settle a one-sided limit"
        return "the one-sided limits differ"

    def __repr__(self) -> str:
        def show(side):
            return f"none (oscillates between {side.min} and {side.max})" if isinstance(side, sp.AccumBounds) else str(side)

        verdict = f"the limit is {self.value}" if self.exists else f"the limit does not exist ({self._why_not()})"
        return f"left limit {show(self.left)}, right limit {show(self.right)}: {verdict}"


def symbolic_limit(expr, symbol, point) -> LimitResult:
    """Both one-sided limits of a sympy expression, computed exactly by sympy.

    >>> x = sp.symbols("x")
    >>> symbolic_limit((x**2 - 1) / (x - 1), x, 1)
    left limit 2, right limit 2: the limit is 2
    >>> symbolic_limit(sp.Abs(x) / x, x, 0).exists
    False
    """
    v.no_text(expr, "expr")
    v.no_text(point, "point")
    if not isinstance(expr, sp.Expr):
        raise TypeError(f"`expr` must be a sympy expression, got {type(expr).__name__}")
    if not isinstance(symbol, sp.Symbol):
        raise TypeError(f"`symbol` must be a sympy Symbol, got {type(symbol).__name__}")
    if isinstance(point, sp.Expr) and point in (sp.oo, -sp.oo):
        pass
    elif isinstance(point, sp.Expr):
        if point.free_symbols or not point.is_real:
            raise ValueError(f"`point` must be a real number (or sp.oo), got {point}")
    else:
        point = v.sympy_expr(point, "point")
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
    samples = v.whole_number(samples, "samples", low=3, high=MAX_SAMPLES, why=" (a finer grid takes too long)")
    u = np.linspace(-1.0, 1.0, samples)
    u = u[u != 0]

    def works(delta):
        x = a + delta * u
        x = x[x != a]  # a step lost to rounding would stand on a itself
        if x.size == 0:
            return False
        with np.errstate(all="ignore"):
            return bool(np.all(np.abs(v.evaluate_or_nan(f, x) - limit) < epsilon))

    lo, hi = 0.0, delta_max
    if works(hi):
        return EpsilonDelta(epsilon, hi)
    for _ in range(50):  # bisection: 50 halvings pin delta to delta_max / 2**50
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if works(mid) else (lo, mid)
    if lo == 0:
        raise ValueError(f"no delta > {delta_max * 2.0**-50:.1e} keeps |f(x) - {limit:g}| below `epsilon` = {epsilon:g} "
                         f"near `a` = {a:g}: is `limit` the limit of f at a?")
    return EpsilonDelta(epsilon, lo)


@dataclass(frozen=True)
class StoredStep:
    """What the computer stores when you ask for a + h, and what that does to a quotient."""

    a: float
    typed: float
    stored: float

    def table(self, f) -> Table:
        """Evaluate (f(a + h) - f(a)) / h dividing by the step you typed and by the step you got."""
        v.require_callable(f)
        x = self.a + self.typed
        rise = float(v.evaluate(f, x)) - float(v.evaluate(f, self.a))
        if not np.isfinite(rise):
            raise ValueError(f"f is not finite at a = {self.a:g} or at a + h = {x:g}")
        if self.stored == 0:
            raise ValueError(f"the step {self.typed:g} is lost entirely: a + h == a, so no quotient can be formed")
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
    a, h = v.real_number(a, "a"), v.nonzero_steps(h, "h")
    if h.ndim:
        raise ValueError("`h` must be a single step")
    h = float(h)
    with np.errstate(over="ignore"):
        stored = (a + h) - a
    if not np.isfinite(stored):
        raise ValueError(f"`h` = {h:g} overflows when added to a = {a:g}")
    return StoredStep(a, h, stored)
