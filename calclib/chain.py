"""Chains of one-variable functions: values, local derivatives, and nudges passed along.

A chain x -> u -> y is given as links (output symbol, expression in the previous symbol).
Each link's derivative is its *local gain*; the chain rule says the gains multiply.
Used in: 03_chain_rule.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from . import _validate as v
from .tables import Table, fmt


@dataclass(frozen=True)
class Link:
    """One function in a chain: ``output = expr(input)``."""

    input: sp.Symbol
    output: sp.Symbol
    expr: sp.Expr

    @property
    def local(self) -> sp.Expr:
        """d output / d input, exactly."""
        return sp.diff(self.expr, self.input)


class Chain:
    """x -> u -> ... -> y, built from sympy expressions, each in the previous variable.

    >>> x, u, y = sp.symbols("x u y")
    >>> chain = Chain(x, [(u, 3 * x + 1), (y, u**2)])
    >>> chain.values(2)
    [2.0, 7.0, 49.0]
    >>> chain.local_gains(2)
    [3.0, 14.0]
    >>> chain.derivative(2)
    42.0
    >>> chain.composed()
    (3*x + 1)**2
    """

    def __init__(self, input_symbol, links):
        if not isinstance(input_symbol, sp.Symbol):
            raise TypeError(f"`input_symbol` must be a sympy Symbol, got {type(input_symbol).__name__}")
        v.no_text(links, "links")
        try:
            links = list(links)
        except TypeError:
            raise TypeError(f"`links` must be a list of (symbol, expression) pairs, got {type(links).__name__}") from None
        if not links:
            raise ValueError("`links` must hold at least one (symbol, expression) pair")
        self.input = input_symbol
        self.links = []
        previous = input_symbol
        for i, pair in enumerate(links):
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], sp.Symbol)):
                raise TypeError(f"`links[{i}]` must be a pair (sympy Symbol, expression)")
            out, expr = pair
            expr = v.sympy_expr(expr, f"links[{i}]")
            if out == input_symbol or out in [l.output for l in self.links]:
                raise ValueError(f"`links[{i}]` reuses the symbol {out}: give every stage its own symbol")
            extra = expr.free_symbols - {previous}
            if extra:
                names = ", ".join(sorted(map(str, extra)))
                raise ValueError(f"`links[{i}]` must be an expression in {previous} only; it also uses {names}")
            self.links.append(Link(previous, out, expr))
            previous = out
        self._value_fns = [sp.lambdify(l.input, l.expr, "numpy") for l in self.links]
        self._gain_fns = [sp.lambdify(l.input, l.local, "numpy") for l in self.links]
        # what an error names, written once (printing sympy on every call cost more than the arithmetic)
        self._value_names = [f"{l.output} = {l.expr}" for l in self.links]
        self._gain_names = [f"d{l.output}/d{l.input} = {l.local}" for l in self.links]

    @property
    def names(self) -> list:
        return [str(self.input)] + [str(l.output) for l in self.links]

    def values(self, x) -> list:
        """The value at every stage, input first."""
        out = [v.real_number(x, "x")]
        for link, fn, what in zip(self.links, self._value_fns, self._value_names):
            out.append(_finite_at(fn, out[-1], what, link.input, out[0]))
        return out

    def local_gains(self, x) -> list:
        """Each link's derivative, evaluated where the chain passes through it."""
        vals = self.values(x)
        return [_finite_at(fn, val, what, l.input, vals[0])
                for fn, val, l, what in zip(self._gain_fns, vals, self.links, self._gain_names)]

    def derivative(self, x) -> float:
        """dy/dx by the chain rule: the product of the local gains."""
        gains = self.local_gains(x)
        with np.errstate(all="ignore"):
            product = float(np.prod(gains))
        if not np.isfinite(product):
            raise OverflowError(f"the product of the local gains at `x` = {float(x):g} overflows a float")
        return product

    def composed(self) -> sp.Expr:
        """The whole chain as one expression in the input (for sympy to differentiate)."""
        expr = self.links[-1].output
        for link in reversed(self.links):
            expr = expr.subs(link.output, link.expr)
        return expr

    def nudge(self, x, dx) -> "Nudge":
        """Push x to x + dx and follow the change through every stage."""
        x = v.real_number(x, "x")
        dx = v.nonzero_steps(dx, "dx")
        if dx.ndim:
            raise ValueError("`dx` must be a single nudge (use gap_table for several)")
        dx = float(dx)
        v.distinct_from(x, dx, "dx")
        after = x + dx
        if not np.isfinite(after):
            raise ValueError(f"`dx` = {dx:g} moves x = {x:g} beyond the largest float")
        return Nudge(self, self.values(x), self.values(after))


def _finite_at(fn, t, what, symbol, x0) -> float:
    """fn(t) as a finite real float, or a clear error naming the stage and the input x."""
    try:
        with np.errstate(all="ignore"):
            out = complex(np.asarray(fn(t) + 0.0).reshape(()))
    except (ZeroDivisionError, ValueError, OverflowError, TypeError, ArithmeticError):
        out = complex(np.nan)
    if out.imag != 0 or not np.isfinite(out.real):
        raise ValueError(f"`x` = {x0:g}: the stage {what} has no finite real value at {symbol} = {t:g}")
    return out.real


@dataclass(frozen=True)
class Nudge:
    """Every stage before and after a nudge of the input."""

    chain: Chain
    before: list
    after: list

    @property
    def changes(self) -> list:
        return [b - a for a, b in zip(self.before, self.after)]

    @property
    def ratios(self) -> list:
        """Measured gain of each link: change out / change in."""
        d = self.changes
        return [d[i + 1] / d[i] if d[i] != 0 else float("nan") for i in range(len(d) - 1)]

    @property
    def overall(self) -> float:
        """Measured Δy/Δx over the whole chain."""
        with np.errstate(all="ignore"):
            return float(np.float64(self.changes[-1]) / self.changes[0])

    def table(self) -> Table:
        names, d = self.chain.names, self.changes
        rows = [(names[0], self.before[0], self.after[0], d[0], "")]
        for i, ratio in enumerate(self.ratios):
            rows.append((names[i + 1], self.before[i + 1], self.after[i + 1], d[i + 1],
                         f"Δ{names[i + 1]}/Δ{names[i]} = {fmt(ratio, 8)}"))
        rows.append((f"Δ{names[-1]}/Δ{names[0]}", "", "", "", fmt(self.overall, 8)))
        return Table(["stage", "before", "after", "change", "measured gain"], rows, digits=8)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def gap_table(chain: Chain, x, dxs) -> Table:
    """How far the measured Δy/Δx is from the chain-rule derivative, for each nudge size.

    >>> x, u, y = sp.symbols("x u y")
    >>> print(gap_table(Chain(x, [(u, 3 * x + 1), (y, u**2)]), 2, [0.1, 0.01]))
      Δx  measured Δy/Δx  chain rule   gap
    ----  --------------  ----------  ----
     0.1            42.9          42   0.9
    0.01           42.09          42  0.09
    """
    if not isinstance(chain, Chain):
        raise TypeError(f"`chain` must be a Chain, got {type(chain).__name__}")
    exact = chain.derivative(x)
    rows = []
    dxs = np.atleast_1d(v.nonzero_steps(dxs, "dxs"))
    if dxs.ndim != 1 or dxs.size > 100:
        raise ValueError("`dxs` must be a list of at most 100 nudges")
    for dx in dxs:
        measured = chain.nudge(x, dx).overall
        rows.append((dx, measured, exact, abs(measured - exact)))
    return Table(["Δx", "measured Δy/Δx", "chain rule", "gap"], rows, digits=6)
