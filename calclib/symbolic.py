"""Symbolic checks: sympy's exact derivative against a numerical one.

Used in: 02_derivatives.ipynb, 03_chain_rule.ipynb, 04_differentiation_rules.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from .differences import central_difference
from .tables import Table


@dataclass(frozen=True)
class DerivativeCheck:
    """A claimed derivative formula checked symbolically and at sample points."""

    expr: sp.Expr
    claimed: sp.Expr
    exact: sp.Expr
    points: tuple
    symbolic_values: tuple
    numeric_values: tuple

    @property
    def symbolic_match(self) -> bool:
        """sympy agrees that claimed - d/dx expr simplifies to 0."""
        return sp.simplify(self.claimed - self.exact) == 0

    @property
    def max_numeric_error(self) -> float:
        return float(max(abs(a - b) for a, b in zip(self.symbolic_values, self.numeric_values)))

    @property
    def numeric_match(self) -> bool:
        """Every sample point agrees with a central difference to 1e-6 (relative to the size)."""
        scale = max(1.0, *(abs(s) for s in self.symbolic_values))
        return self.max_numeric_error < 1e-6 * scale

    @property
    def ok(self) -> bool:
        return self.symbolic_match and self.numeric_match

    def row(self):
        yes = lambda flag: "yes" if flag else "NO"
        return (f"d/dx {self.expr}", str(self.claimed), yes(self.symbolic_match), yes(self.numeric_match))

    def __repr__(self) -> str:
        return repr(derivative_table([self]))


def check_derivative(expr, symbol, points, *, claimed=None) -> DerivativeCheck:
    """Check ``claimed`` (default: sympy's own derivative) for d expr / d symbol.

    Symbolically: claimed - diff(expr) simplifies to zero. Numerically: claimed at each of
    ``points`` agrees with a central difference of expr.

    >>> x = sp.Symbol("x")
    >>> check_derivative(sp.sin(x), x, [0.0, 1.0], claimed=sp.cos(x)).ok
    True
    >>> check_derivative(sp.sin(x), x, [0.5], claimed=-sp.cos(x)).ok
    False
    """
    if not isinstance(expr, sp.Expr):
        raise TypeError(f"`expr` must be a sympy expression, got {type(expr).__name__}")
    if not isinstance(symbol, sp.Symbol):
        raise TypeError(f"`symbol` must be a sympy Symbol, got {type(symbol).__name__}")
    others = expr.free_symbols - {symbol}
    if others:
        names = ", ".join(sorted(map(str, others)))
        raise ValueError(f"`expr` must depend on {symbol} only; substitute values for {names} first")
    points = tuple(float(p) for p in np.atleast_1d(points))
    if not points:
        raise ValueError("`points` must hold at least one point")
    exact = sp.diff(expr, symbol)
    claimed = exact if claimed is None else sp.sympify(claimed)
    if not isinstance(claimed, sp.Expr):
        raise TypeError("`claimed` must be a sympy expression")
    f = sp.lambdify(symbol, expr, "numpy")
    claimed_fn = sp.lambdify(symbol, claimed, "numpy")
    symbolic_values = tuple(float(claimed_fn(p)) for p in points)
    numeric_values = tuple(float(central_difference(f, p, 1e-5)) for p in points)
    return DerivativeCheck(expr, claimed, exact, points, symbolic_values, numeric_values)


def derivative_table(checks) -> Table:
    """Many :class:`DerivativeCheck` results as one table."""
    columns = ["derivative", "claimed", "sympy agrees", "finite differences agree"]
    return Table(columns, [c.row() for c in checks])
