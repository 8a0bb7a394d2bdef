"""Gradient formulas for vectors and matrices, each checked against a numerical gradient.

Shape conventions: for f: R^n -> R the gradient has shape (n,); for f: R^n -> R^m the
Jacobian has shape (m, n). Used in: 08_matrix_calculus.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import _validate as v
from .gradients import numerical_gradient
from .tables import Table


@dataclass(frozen=True)
class GradientFormula:
    """A scalar function of x with parameters, and the claimed formula for its gradient."""

    name: str
    f: Callable  # f(x, params) -> float
    gradient: Callable  # gradient(x, params) -> (n,)
    make_params: Callable  # make_params(rng, n) -> params

    def check(self, rng, n: int, trials: int = 5) -> float:
        """Largest relative gap between formula and central differences at ``trials`` random points."""
        worst = 0.0
        for _ in range(trials):
            params = self.make_params(rng, n)
            x = rng.normal(size=n)
            claimed = np.asarray(self.gradient(x, params), dtype=float)
            if claimed.shape != (n,):
                raise AssertionError(f"{self.name}: gradient has shape {claimed.shape}, expected ({n},)")
            numeric = numerical_gradient(lambda p: self.f(p, params), x)
            worst = max(worst, float(np.max(np.abs(claimed - numeric)) / max(1.0, np.max(np.abs(claimed)))))
        return worst


def _matrix(rng, n):
    return rng.normal(size=(n, n))


FORMULAS = (
    GradientFormula("∇(aᵀx) = a", lambda x, a: a @ x, lambda x, a: a, lambda rng, n: rng.normal(size=n)),
    GradientFormula("∇(xᵀx) = 2x", lambda x, _: x @ x, lambda x, _: 2 * x, lambda rng, n: None),
    GradientFormula("∇(xᵀAx) = (A + Aᵀ)x", lambda x, A: x @ A @ x, lambda x, A: (A + A.T) @ x, _matrix),
    GradientFormula("∇‖x‖ = x / ‖x‖", lambda x, _: np.linalg.norm(x), lambda x, _: x / np.linalg.norm(x),
                    lambda rng, n: None),
)


def formula_table(rng, dims=(2, 3, 5, 10), trials=5, tolerance=1e-6) -> Table:
    """Check every formula at ``trials`` random points in each dimension of ``dims``.

    >>> t = formula_table(np.random.default_rng(0), dims=(2, 4), trials=2)
    >>> all(row[-1] == "yes" for row in t.rows)
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("`rng` must be a numpy Generator, e.g. np.random.default_rng(7)")
    rows = []
    for formula in FORMULAS:
        worst = max(formula.check(rng, n, trials) for n in dims)
        rows.append((formula.name, ", ".join(map(str, dims)), trials * len(dims), "yes" if worst < tolerance else "NO"))
    return Table(["formula", "dimensions n", "random points", f"agrees with central differences (< {tolerance:g})"],
                 rows)


def symmetric_part(A) -> np.ndarray:
    """S = (A + Aᵀ)/2: the only part of A that a quadratic form xᵀAx can see.

    >>> symmetric_part([[1, 2], [0, 3]]).tolist()
    [[1.0, 1.0], [1.0, 3.0]]
    """
    A = _square(A)
    return (A + A.T) / 2


def antisymmetric_part(A) -> np.ndarray:
    """K = (A - Aᵀ)/2, for which xᵀKx = 0 for every x."""
    A = _square(A)
    return (A - A.T) / 2


def _square(A) -> np.ndarray:
    A = v.real_array(A, "A")
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"`A` must be a square matrix, got shape {A.shape}")
    return A


def least_squares_loss(X, y):
    """(L, gradient) for the loss L(w) = ‖Xw − y‖² of fitting weights w to data, with ∇L = 2Xᵀ(Xw − y).

    X holds one data point per row, y the value measured at each.

    >>> L, grad = least_squares_loss([[1.0, 0.0], [1.0, 1.0]], [1.0, 3.0])
    >>> L(np.array([1.0, 2.0])), grad(np.array([0.0, 0.0])).tolist()
    (0.0, [-8.0, -6.0])
    """
    X, y = v.real_array(X, "X"), v.real_array(y, "y")
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"`X` must be a matrix (2-D), got shape {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"`y` must have shape ({X.shape[0]},) to match X's {X.shape[0]} rows")

    def f(w):
        with np.errstate(over="ignore", invalid="ignore"):
            r = X @ w - y
            value = float(r @ r)
        if not np.isfinite(value):
            raise OverflowError("the loss ‖Xw − y‖² overflows a float for these `X`, `y` and `w`: scale the data down")
        return value

    def gradient(w):
        with np.errstate(over="ignore", invalid="ignore"):
            g = 2 * X.T @ (X @ w - y)
        if not np.all(np.isfinite(g)):
            raise OverflowError("the gradient 2Xᵀ(Xw − y) overflows a float for these `X`, `y` and `w`: scale the data down")
        return g

    return f, gradient
