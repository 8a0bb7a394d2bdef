"""Jacobians of f: R^n -> R^m, the linear approximation, and the multi-path chain rule.

Shape contract: the Jacobian of f: R^n -> R^m at a point of shape (n,) has shape (m, n):
row j is the gradient of output j, column i is how every output responds to input i.
Used in: 06_jacobian.ipynb, 07_backprop.ipynb, 08_matrix_calculus.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from . import _validate as v
from .gradients import _point, central_columns
from .tables import Table, fmt


def _vector_value(f, x) -> np.ndarray:
    with np.errstate(all="ignore"):
        try:
            out = f(x)
        except (ZeroDivisionError, OverflowError, ArithmeticError):
            return np.full(1, np.nan)
        if out is None or isinstance(out, (str, bytes)) or np.iscomplexobj(out):
            raise TypeError(f"`f` must return real numbers, got {type(out).__name__}")
        out = np.asarray(out, dtype=float)
    if out.ndim > 1:
        raise ValueError(f"`f` must return a number or a 1-D array, got shape {out.shape}")
    return np.atleast_1d(out)


def numerical_jacobian(f, x, *, h=None) -> np.ndarray:
    """Central-difference Jacobian of f: R^n -> R^m at x; shape (m, n).

    Parameters
    ----------
    f : callable
        Takes an array of shape (n,) and returns a number or an array of shape (m,).
    x : array_like, shape (n,)
        The point.
    h : float, optional
        The step; by default cbrt(machine epsilon) times max(1, |x_i|), per coordinate.

    Returns
    -------
    ndarray, shape (m, n)
        Row j is the gradient of output j; column i is the response to input i.

    >>> f = lambda p: np.array([p[0]**2 + p[1], p[0] * p[1]])
    >>> numerical_jacobian(f, [3.0, 2.0]).round(6).tolist()
    [[6.0, 1.0], [2.0, 3.0]]
    """
    v.require_callable(f)
    x = _point(x)
    center = _vector_value(f, x)
    if not np.all(np.isfinite(center)):
        raise ValueError("`x` is outside the domain of f: f(x) is not finite")
    return central_columns(lambda p: _vector_value(f, p), x, h)


@dataclass(frozen=True)
class Linearization:
    """f near x0 against its linear approximation f(x0) + J dx."""

    x0: np.ndarray
    dx: np.ndarray
    y0: np.ndarray
    predicted: np.ndarray  # J dx
    actual: np.ndarray  # f(x0 + dx) - f(x0)

    @property
    def gap(self) -> float:
        """|actual - predicted|: the error of the linear approximation."""
        return float(np.linalg.norm(self.actual - self.predicted))

    def table(self) -> Table:
        rows = [(f"y{i + 1}", self.y0[i], self.predicted[i], self.actual[i], self.actual[i] - self.predicted[i])
                for i in range(self.y0.size)]
        return Table(["output", "at x0", "predicted change J·dx", "actual change", "gap"], rows, digits=8)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def linearize(f, x0, dx, *, jacobian=None) -> Linearization:
    """Compare the Jacobian's prediction J·dx with the true change f(x0 + dx) - f(x0).

    >>> f = lambda p: np.array([p[0]**2 + p[1], p[0] * p[1]])
    >>> lin = linearize(f, [3.0, 2.0], [0.1, 0.2])
    >>> lin.predicted.round(6).tolist(), lin.actual.round(6).tolist()
    ([0.8, 0.8], [0.81, 0.82])
    """
    x0, dx = _point(x0, "x0"), _point(dx, "dx")
    if dx.shape != x0.shape:
        raise ValueError(f"`dx` must have the shape of x0 {x0.shape}, got {dx.shape}")
    J = numerical_jacobian(f, x0) if jacobian is None else np.atleast_2d(v.real_array(jacobian, "jacobian"))
    y0 = _vector_value(f, x0)
    if J.shape != (y0.size, x0.size):
        raise ValueError(f"`jacobian` must have shape (m, n) = {(y0.size, x0.size)}, got {J.shape}")
    moved = _vector_value(f, x0 + dx)
    if moved.shape != y0.shape or not np.all(np.isfinite(moved)):
        raise ValueError("`dx` moves x0 outside the domain of f: f(x0 + dx) is not finite")
    with np.errstate(over="ignore", invalid="ignore"):
        lin = Linearization(x0, dx, y0, J @ dx, moved - y0)
    if not (np.all(np.isfinite(lin.predicted)) and np.all(np.isfinite(lin.actual))):
        raise OverflowError("the changes overflow a float: use a smaller `dx`")
    return lin


@dataclass(frozen=True)
class PathSum:
    """The multi-path chain rule: one product per path, then their sum."""

    names: tuple  # the intermediate variables
    outer: tuple  # ∂z/∂y_k
    inner: tuple  # dy_k/dx
    x_name: str
    z_name: str

    @property
    def products(self) -> tuple:
        return tuple(a * b for a, b in zip(self.outer, self.inner))

    @property
    def total(self) -> float:
        return float(sum(self.products))

    def table(self) -> Table:
        rows = [(f"{self.x_name} → {n} → {self.z_name}", o, i, p)
                for n, o, i, p in zip(self.names, self.outer, self.inner, self.products)]
        rows.append(("sum over paths", "", "", self.total))
        return Table(["path", f"∂{self.z_name}/∂y", f"dy/d{self.x_name}", "product"], rows, digits=8)

    def __repr__(self) -> str:
        return repr(self.table())

    def _repr_html_(self) -> str:
        return self.table()._repr_html_()


def path_sum(z_expr, intermediates, x_symbol, x0) -> PathSum:
    """Differentiate z(y_1, ..., y_k) with y_k = y_k(x) path by path, at x = x0.

    ``intermediates`` is a list of (symbol y_k, expression in x).

    >>> x, y1, y2, z = sp.symbols("x y1 y2 z")
    >>> s = path_sum(y1 * y2, [(y1, x**2), (y2, sp.sin(x))], x, 1.0)
    >>> bool(np.isclose(s.total, 2 * np.sin(1) + np.cos(1)))
    True
    """
    z_expr = v.sympy_expr(z_expr, "z_expr")
    v.no_text(intermediates, "intermediates")
    if not isinstance(x_symbol, sp.Symbol):
        raise TypeError(f"`x_symbol` must be a sympy Symbol, got {type(x_symbol).__name__}")
    x0 = v.real_number(x0, "x0")
    names, values, inner = [], {}, []
    for k, pair in enumerate(intermediates):
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], sp.Symbol)):
            raise TypeError(f"`intermediates[{k}]` must be a pair (sympy Symbol, expression in {x_symbol})")
        sym, expr = pair
        expr = v.sympy_expr(expr, f"intermediates[{k}]")
        if expr.free_symbols - {x_symbol}:
            raise ValueError(f"`intermediates[{k}]` must be an expression in {x_symbol} only")
        names.append(sym)
        values[sym] = _finite(expr.subs(x_symbol, x0), f"intermediates[{k}]", f"{sym} at {x_symbol} = {x0:g}")
        inner.append(_finite(sp.diff(expr, x_symbol).subs(x_symbol, x0), f"intermediates[{k}]",
                             f"d{sym}/d{x_symbol} at {x_symbol} = {x0:g}"))
    if not names:
        raise ValueError("`intermediates` must hold at least one (symbol, expression) pair")
    extra = z_expr.free_symbols - set(names)
    if extra:
        raise ValueError(f"`z_expr` must be an expression in {', '.join(map(str, names))} only; "
                         f"it also uses {', '.join(sorted(map(str, extra)))}")
    outer = [_finite(sp.diff(z_expr, s).subs(values), "z_expr", f"∂z/∂{s}") for s in names]
    return PathSum(tuple(map(str, names)), tuple(outer), tuple(inner), str(x_symbol), "z")


def _finite(value, name, what) -> float:
    try:
        out = complex(value)
    except (TypeError, ValueError):
        raise ValueError(f"`{name}`: {what} is not a number ({value})") from None
    if out.imag != 0 or not np.isfinite(out.real):
        raise ValueError(f"`{name}`: {what} is not a finite real number ({value})")
    return out.real


def matrix_text(M, digits: int = 6) -> str:
    """A small matrix as text, rounded for display.

    >>> print(matrix_text([[6.000000001, 1], [2, 3]]))
    [[6, 1],
     [2, 3]]
    """
    M = np.atleast_2d(v.real_array(M, "M"))
    if M.ndim != 2 or M.size > 400:
        raise ValueError(f"`M` must be a small matrix (at most 400 entries), got shape {M.shape}")
    digits = v.whole_number(digits, "digits", high=17)
    rows = ["[" + ", ".join(fmt(c, digits) for c in row) + "]" for row in M]
    return "[" + ",\n ".join(rows) + "]"
