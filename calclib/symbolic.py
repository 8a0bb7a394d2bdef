"""Symbolic checks: sympy's exact derivative against a numerical one.

Used in: 02_derivatives.ipynb, 03_chain_rule.ipynb, 04_differentiation_rules.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from . import _validate as v
from .differences import derivative
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
    symbol: sp.Symbol = sp.Symbol("x")  # the variable differentiated by

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
        return (f"d/d{self.symbol} {self.expr}", str(self.claimed), yes(self.symbolic_match), yes(self.numeric_match))

    def __repr__(self) -> str:
        return repr(derivative_table([self]))

    def _repr_html_(self) -> str:
        """The same table as every other table of the notebooks (a student read found this one alone printed
        as monospace text, its words right-aligned)."""
        return derivative_table([self])._repr_html_()


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
    v.no_text(expr, "expr")
    v.no_text(claimed, "claimed")
    if not isinstance(expr, sp.Expr):
        raise TypeError(f"`expr` must be a sympy expression, got {type(expr).__name__}")
    if not isinstance(symbol, sp.Symbol):
        raise TypeError(f"`symbol` must be a sympy Symbol, got {type(symbol).__name__}")
    others = expr.free_symbols - {symbol}
    if others:
        names = ", ".join(sorted(map(str, others)))
        raise ValueError(f"`expr` must depend on {symbol} only; substitute values for {names} first")
    points = tuple(float(p) for p in np.atleast_1d(v.real_array(points, "points")).ravel())
    if not points:
        raise ValueError("`points` must hold at least one point")
    if len(points) > MAX_POINTS:
        raise ValueError(f"`points` must hold at most {MAX_POINTS} points, got {len(points)}")
    exact = sp.diff(expr, symbol)
    claimed = exact if claimed is None else v.sympy_expr(claimed, "claimed")
    extra = claimed.free_symbols - {symbol}
    if extra:
        raise ValueError(f"`claimed` must depend on {symbol} only; it also uses {', '.join(sorted(map(str, extra)))}")
    f = sp.lambdify(symbol, expr, "numpy")
    claimed_fn = sp.lambdify(symbol, claimed, "numpy")
    symbolic_values, numeric_values = [], []
    for p in points:
        value = _real_at(claimed_fn, p)
        if value is None:
            raise ValueError(f"`points`: the claimed derivative {claimed} has no finite real value at {symbol} = {p:g}")
        if _real_at(f, p) is None:
            raise ValueError(f"`points`: {expr} has no finite real value at {symbol} = {p:g}")
        try:
            numeric = float(derivative(f, p))
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"`points`: no numerical derivative of {expr} at {symbol} = {p:g} ({exc})") from None
        symbolic_values.append(value)
        numeric_values.append(numeric)
    symbolic_values, numeric_values = tuple(symbolic_values), tuple(numeric_values)
    return DerivativeCheck(expr, claimed, exact, points, symbolic_values, numeric_values, symbol)


MAX_POINTS = 1000


def _real_at(fn, p):
    """fn(p) as a finite float, or None (complex, nan, inf, or an arithmetic error)."""
    try:
        with np.errstate(all="ignore"):
            out = complex(np.asarray(fn(p)).reshape(()))
    except (ValueError, TypeError, ZeroDivisionError, OverflowError, ArithmeticError):
        return None
    if out.imag != 0 or not np.isfinite(out.real):
        return None
    return out.real


def derivative_table(checks) -> Table:
    """Many :class:`DerivativeCheck` results as one table."""
    checks = [checks] if isinstance(checks, DerivativeCheck) else list(checks)
    for i, c in enumerate(checks):
        if not isinstance(c, DerivativeCheck):
            raise TypeError(f"`checks[{i}]` must be a result of check_derivative, got {type(c).__name__}")
    columns = ["derivative", "claimed", "sympy agrees", "finite differences agree"]
    return Table(columns, [c.row() for c in checks])
