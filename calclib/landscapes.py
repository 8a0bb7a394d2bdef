"""Functions of two variables to walk on: each defined once as a sympy expression in x and y.

Used in: 05_gradients.ipynb (the bowl, an elongated bowl, Rosenbrock's valley).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from . import _validate as v

x, y = sp.symbols("x y", real=True)


@dataclass(frozen=True)
class Landscape:
    """f(x, y) with its exact gradient, a viewing window and, if known, its minimum.

    >>> bowl = catalog()["bowl"]
    >>> bowl([3.0, 4.0]), bowl.gradient([3.0, 4.0]).tolist()
    (25.0, [6.0, 8.0])
    """

    name: str
    expr: sp.Expr
    xlim: tuple = (-5.0, 5.0)
    ylim: tuple = (-5.0, 5.0)
    minimum: tuple = None
    _f: object = field(init=False, repr=False, compare=False)
    _grad: object = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if not isinstance(self.expr, sp.Expr) or not self.expr.free_symbols <= {x, y}:
            raise TypeError("`expr` must be a sympy expression in x and y")
        object.__setattr__(self, "_f", sp.lambdify((x, y), self.expr, "numpy"))
        grad = [sp.diff(self.expr, s) for s in (x, y)]
        object.__setattr__(self, "_grad", sp.lambdify((x, y), grad, "numpy"))

    @property
    def partials(self) -> tuple:
        """(∂f/∂x, ∂f/∂y) as sympy expressions."""
        return tuple(sp.diff(self.expr, s) for s in (x, y))

    def __call__(self, p) -> float:
        p = v.real_array(p, "p")
        with np.errstate(all="ignore"):
            return float(self._f(p[0], p[1]))

    def gradient(self, p) -> np.ndarray:
        """The exact gradient (from sympy) at p = (x, y); shape (2,)."""
        p = v.real_array(p, "p")
        with np.errstate(all="ignore"):
            return np.array(self._grad(p[0], p[1]), dtype=float)

    def grid(self, n: int = 121, *, xlim=None, ylim=None):
        """X, Y, Z arrays over the window (or over ``xlim`` x ``ylim``), for contour and surface plots."""
        xlim = self.xlim if xlim is None else tuple(v.real_number(c, "xlim") for c in xlim)
        ylim = self.ylim if ylim is None else tuple(v.real_number(c, "ylim") for c in ylim)
        X, Y = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
        with np.errstate(all="ignore"):
            Z = np.asarray(self._f(X, Y), dtype=float) + 0 * X
        return X, Y, Z

    @property
    def label(self) -> str:
        return f"$f(x, y) = {sp.latex(self.expr)}$"


def catalog() -> dict:
    """The landscapes of notebook 05, by name (a new dict each call; the landscapes, frozen, are made once: each
    derives its gradient with sympy, 4 ms for the three, which the descent explorer paid at every move).

    >>> sorted(catalog())
    ['bowl', 'elongated bowl', 'rosenbrock']
    """
    return dict(_landscapes())


@functools.lru_cache(maxsize=1)
def _landscapes() -> dict:
    return {
        "bowl": Landscape("bowl", x**2 + y**2, xlim=(-6.0, 6.0), ylim=(-6.0, 6.0), minimum=(0.0, 0.0)),
        "elongated bowl": Landscape("elongated bowl", x**2 + 10 * y**2, minimum=(0.0, 0.0)),
        "rosenbrock": Landscape("rosenbrock", (1 - x) ** 2 + 100 * (y - x**2) ** 2, xlim=(-2.0, 2.0),
                                ylim=(-1.0, 3.0), minimum=(1.0, 1.0)),
    }
