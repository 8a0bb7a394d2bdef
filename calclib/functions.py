"""Named functions of one variable, each defined once as a sympy expression.

The numeric function and its derivative are generated from that one expression, so the
value, the derivative and the label on a plot can never disagree.
Used in: 02_derivatives.ipynb and the secant explorer.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from . import _validate as v

x = sp.Symbol("x", real=True)


@dataclass(frozen=True)
class Function:
    """A real function of x with its derivative, domain and a sensible viewing window.

    >>> f = Function("x^2", x**2, view=(0, 5))
    >>> f(3.0), f.derivative(3.0)
    (9.0, 6.0)
    >>> f.label
    '$x^{2}$'
    """

    name: str
    expr: sp.Expr
    domain: tuple = (-np.inf, np.inf)  # open interval
    view: tuple = (-3.0, 3.0)
    _f: object = field(init=False, repr=False, compare=False)
    _df: object = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.expr, sp.Expr):
            raise TypeError(f"`expr` must be a sympy expression in x, got {type(self.expr).__name__}")
        object.__setattr__(self, "_f", sp.lambdify(x, self.expr, "numpy"))
        object.__setattr__(self, "_df", sp.lambdify(x, sp.diff(self.expr, x), "numpy"))

    def __call__(self, t):
        return self._evaluate(self._f, t)

    def derivative(self, t):
        """The exact derivative (from sympy) at t."""
        return self._evaluate(self._df, t)

    def _evaluate(self, fn, t):
        with np.errstate(all="ignore"):
            out = fn(t) + 0.0 * np.asarray(t, dtype=float)  # constants broadcast over arrays
            inside = (np.asarray(t) > self.domain[0]) & (np.asarray(t) < self.domain[1])
            out = np.where(inside, out, np.nan)
        return float(out) if np.ndim(out) == 0 else out

    def require_in_domain(self, t, name: str = "x") -> float:
        """Return t as a float, or raise ``ValueError`` naming ``name`` when t is outside the domain."""
        t = v.real_number(t, name)
        lo, hi = self.domain
        if not lo < t < hi:
            raise ValueError(f"`{name}` = {t:g} is outside the domain of {self.name}, which is ({lo:g}, {hi:g})")
        return t

    @property
    def label(self) -> str:
        """LaTeX for plot titles and legends."""
        return f"${sp.latex(self.expr)}$"

    @property
    def derivative_label(self) -> str:
        return f"${sp.latex(sp.diff(self.expr, x))}$"


def catalog() -> dict:
    """The functions offered by the secant explorer, by name.

    >>> sorted(catalog())
    ['cubic', 'e^x', 'ln x', 'sin x', 'x^2']
    """
    return {
        "x^2": Function("x^2", x**2, view=(-1.0, 5.0)),
        "sin x": Function("sin x", sp.sin(x), view=(-np.pi, np.pi)),
        "e^x": Function("e^x", sp.exp(x), view=(-2.0, 2.5)),
        "cubic": Function("cubic", x**3 - 3 * x, view=(-2.5, 2.5)),
        "ln x": Function("ln x", sp.log(x), domain=(0.0, np.inf), view=(0.05, 5.0)),
    }
