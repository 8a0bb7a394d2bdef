"""The product and quotient rules: claims to check, an area picture, a derivation.

Used in: 04_differentiation_rules.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from . import _validate as v
from .tables import Table, fmt


def _exprs(f, g, symbol):
    f, g = v.sympy_expr(f, "f"), v.sympy_expr(g, "g")
    if not isinstance(symbol, sp.Symbol):
        raise TypeError(f"`symbol` must be a sympy Symbol, got {type(symbol).__name__}")
    return f, g


def product_rule(f, g, symbol) -> sp.Expr:
    """The product rule's claim for d(f g)/dx: f' g + f g'.

    >>> x = sp.Symbol("x")
    >>> product_rule(x**2, sp.sin(x), x)
    x**2*cos(x) + 2*x*sin(x)
    """
    f, g = _exprs(f, g, symbol)
    return sp.diff(f, symbol) * g + f * sp.diff(g, symbol)


def quotient_rule(f, g, symbol) -> sp.Expr:
    """The quotient rule's claim for d(f/g)/dx: (f' g - f g') / g².

    >>> x = sp.Symbol("x")
    >>> sp.simplify(quotient_rule(sp.sin(x), x, x) - sp.diff(sp.sin(x) / x, x))
    0
    """
    f, g = _exprs(f, g, symbol)
    if g.is_zero or sp.simplify(g) == 0:
        raise ValueError("`g` is 0: the quotient f/g is undefined, and so is its derivative")
    return (sp.diff(f, symbol) * g - f * sp.diff(g, symbol)) / g**2


@dataclass(frozen=True)
class ProductIncrement:
    """How the area f·g grows when x grows by dx: two strips and a corner."""

    f: float
    g: float
    df: float
    dg: float

    @property
    def f_dg(self) -> float:
        return self.f * self.dg

    @property
    def g_df(self) -> float:
        return self.g * self.df

    @property
    def corner(self) -> float:
        return self.df * self.dg

    @property
    def total(self) -> float:
        """(f + df)(g + dg) - f g, which equals the three pieces added up."""
        return (self.f + self.df) * (self.g + self.dg) - self.f * self.g

    @property
    def corner_share(self) -> float:
        """The corner as a fraction of the whole increase: it vanishes as dx shrinks (0 when nothing grows)."""
        whole = abs(self.f_dg) + abs(self.g_df) + abs(self.corner)
        return abs(self.corner) / whole if whole else 0.0

    def __repr__(self) -> str:
        return (f"Δ(fg) = f·Δg + g·Δf + Δf·Δg = {fmt(self.f_dg, 6)} + {fmt(self.g_df, 6)} + {fmt(self.corner, 6)}; "
                f"corner share {fmt(100 * self.corner_share, 3)} %")


def product_increment(f, g, x, dx) -> ProductIncrement:
    """Evaluate f and g (callables) at x and x + dx.

    >>> inc = product_increment(lambda t: t, lambda t: 2 * t, 1.0, 0.1)
    >>> round(inc.f_dg, 6), round(inc.g_df, 6), round(inc.corner, 6)
    (0.2, 0.2, 0.02)
    """
    v.require_callable(f, "f")
    v.require_callable(g, "g")
    x, dx = v.real_number(x, "x"), v.nonzero_steps(dx, "dx")
    if dx.ndim:
        raise ValueError("`dx` must be a single step (use product_increment_table for several)")
    dx = float(dx)
    v.distinct_from(x, dx, "dx")
    values = []
    for name, fn in (("f", f), ("g", g)):
        for t in (x, x + dx):
            value = float(v.evaluate_or_nan(fn, t))
            if not np.isfinite(value):
                raise ValueError(f"`{name}` has no finite value at {t:g} (x = {x:g}, dx = {dx:g})")
            values.append(value)
    fx, fx1, gx, gx1 = values
    with np.errstate(all="ignore"):
        inc = ProductIncrement(fx, gx, fx1 - fx, gx1 - gx)
        pieces = (inc.f_dg, inc.g_df, inc.corner, inc.total)
    if not all(np.isfinite(p) for p in pieces):
        raise OverflowError(f"the areas at x = {x:g} overflow a float: use smaller values")
    return inc


@dataclass(frozen=True)
class Derivation:
    """Steps of a derivation, each a sympy expression checked equal to the target."""

    target: sp.Expr
    steps: tuple  # (reason, expression)

    @property
    def valid(self) -> list:
        return [sp.simplify(expr.doit() - self.target) == 0 for _, expr in self.steps]

    def __repr__(self) -> str:
        return "\n".join(f"{i + 1}. {why}: {expr}   [{'checked' if ok else 'WRONG'}]"
                         for i, ((why, expr), ok) in enumerate(zip(self.steps, self.valid)))

    def _repr_markdown_(self) -> str:
        return "\n".join(f"{i + 1}. {why}: $\\displaystyle {sp.latex(expr)}$ {'✔' if ok else '✘'}"
                         for i, ((why, expr), ok) in enumerate(zip(self.steps, self.valid)))


def quotient_rule_derivation(symbol) -> Derivation:
    """The quotient rule from the product rule and the chain rule, for abstract f and g.

    >>> all(quotient_rule_derivation(sp.Symbol("x")).valid)
    True
    """
    if not isinstance(symbol, sp.Symbol):
        raise TypeError(f"`symbol` must be a sympy Symbol, got {type(symbol).__name__}")
    f, g = sp.Function("f")(symbol), sp.Function("g")(symbol)
    df, dg = sp.diff(f, symbol), sp.diff(g, symbol)
    target = sp.diff(f / g, symbol)
    steps = (
        ("write the quotient as a product f · g⁻¹, then apply the product rule",
         df * g**-1 + f * sp.Derivative(g**-1, symbol)),
        ("chain rule for g⁻¹: the outer power gives -g⁻², the inner gives g'", df / g + f * (-g**-2 * dg)),
        ("put both terms over the common denominator g²", (df * g - f * dg) / g**2),
    )
    return Derivation(target, steps)


def product_increment_table(f, g, x, dxs) -> Table:
    """The three pieces of Δ(fg) for each dx, and the corner's share of the growth.

    >>> print(product_increment_table(lambda t: t, lambda t: t, 1.0, [0.1]))
     dx  f·Δg  g·Δf  corner Δf·Δg  corner share
    ---  ----  ----  ------------  ------------
    0.1   0.1   0.1          0.01         4.76%
    """
    rows = []
    dxs = np.atleast_1d(v.nonzero_steps(dxs, "dxs"))
    if dxs.ndim != 1 or dxs.size > 100:
        raise ValueError("`dxs` must be a list of at most 100 steps")
    for dx in dxs:
        inc = product_increment(f, g, x, dx)
        # a share to 3 figures, as the explorer's read-out gives it (3.88%, not 3.881701%: a student read)
        rows.append((dx, inc.f_dg, inc.g_df, inc.corner, f"{fmt(100 * inc.corner_share, 3)}%"))
    return Table(["dx", "f·Δg", "g·Δf", "corner Δf·Δg", "corner share"], rows, digits=6)
