"""Partial derivatives, gradients and directional derivatives of f: R^n -> R.

Shape contract: the gradient of f: R^n -> R at a point of shape (n,) has shape (n,).
Used in: 05_gradients.ipynb, 08_matrix_calculus.ipynb.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import _validate as v


def _point(x, name="x") -> np.ndarray:
    arr = v.real_array(x, name)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"`{name}` must be a 1-D array of n >= 1 coordinates, got shape {arr.shape}")
    return arr


def _scalar_value(f, x) -> float:
    with np.errstate(all="ignore"):
        try:
            value = f(x)
        except (ZeroDivisionError, OverflowError, ArithmeticError):
            return float("nan")
        if value is None or isinstance(value, (str, bytes)) or np.iscomplexobj(value):
            raise TypeError(f"`f` must return a real number, got {type(value).__name__}")
        value = np.asarray(value, dtype=float)
    if value.shape not in ((), (1,)):
        raise ValueError(f"`f` must return a single number (f: R^n -> R); it returned shape {value.shape}")
    return float(value.reshape(()))


def numerical_gradient(f, x, *, h=None) -> np.ndarray:
    """Central-difference gradient of f: R^n -> R at x; shape (n,).

    Each partial derivative holds every other coordinate fixed and nudges one by ±h.

    Parameters
    ----------
    f : callable
        Takes an array of shape (n,) and returns one number.
    x : array_like, shape (n,)
        The point.
    h : float, optional
        The step; by default cbrt(machine epsilon) times max(1, |x_i|), per coordinate.

    Returns
    -------
    ndarray, shape (n,)

    >>> numerical_gradient(lambda p: p[0]**2 + p[1]**2, [3.0, 4.0]).round(6).tolist()
    [6.0, 8.0]
    """
    v.require_callable(f)
    x = _point(x)
    center = _scalar_value(f, x)
    if not np.isfinite(center):
        raise ValueError(f"`x` is outside the domain of f: f(x) is {center}")
    return central_columns(lambda p: np.array([_scalar_value(f, p)]), x, h)[0]


def central_columns(values, x: np.ndarray, h=None) -> np.ndarray:
    """Column i: (values(x + h_i e_i) - values(x - h_i e_i)) / (2 h_i); shape (m, n).

    The one central-difference loop behind :func:`numerical_gradient` and
    :func:`calclib.jacobian.numerical_jacobian`. ``values`` returns a 1-D array. The default
    step is cbrt(machine epsilon) times max(1, |x_i|), per coordinate.
    """
    if h is None:
        h = np.cbrt(np.finfo(float).eps) * np.maximum(1.0, np.abs(x))
    else:
        h = v.nonzero_steps(h)
        if h.ndim:
            raise ValueError("`h` must be a single step")
        h = np.full(x.size, abs(float(h)))
        for xi in x:
            v.distinct_from(float(xi), h[:1], "h")
    center = values(x)
    columns = []
    with np.errstate(all="ignore"):
        for i, (e, hi) in enumerate(zip(np.eye(x.size) * h, h)):
            up, down = values(x + e), values(x - e)
            ok_up, ok_down = np.all(np.isfinite(up)), np.all(np.isfinite(down))
            if ok_up and ok_down:
                column = (up - down) / (2 * hi)
            elif ok_up or ok_down:  # at the edge of the domain: a one-sided difference, checked at two steps
                sign = 1.0 if ok_up else -1.0
                near = up if ok_up else down
                far = values(x + 2 * sign * e)
                column = (4 * near - 3 * center - far) / (2 * sign * hi)  # second order, one-sided
                coarse = (near - center) / (sign * hi)
                if not np.all(np.isfinite(column)) or np.any(np.abs(column - coarse) > 1e-3 * np.maximum(1.0, np.abs(column))):
                    raise ValueError(f"`x` is at the edge of f's domain in coordinate {i} (x[{i}] = {x[i]:g}) and the "
                                     "one-sided slopes do not settle: the derivative may not exist there")
            else:
                raise ValueError(f"`x` is too close to the edge of f's domain in coordinate {i} (x[{i}] = {x[i]:g}): "
                                 f"f is not finite at x[{i}] ± {hi:.2g}")
            if not np.all(np.isfinite(column)):
                raise OverflowError(f"the partial derivatives in coordinate {i} overflow a float")
            columns.append(column)
    return np.column_stack(columns)


def partial_derivative(f, x, i: int, *, h=None) -> float:
    """∂f/∂x_i at x: the slope along coordinate axis i.

    >>> round(partial_derivative(lambda p: p[0]**2 + p[1]**2, [3.0, 4.0], 1), 6)
    8.0
    """
    x = _point(x)
    if isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < x.size:
        raise ValueError(f"`i` must be a coordinate index from 0 to {x.size - 1}, got {i!r}")
    return float(numerical_gradient(f, x, h=h)[i])


def unit_vector(angle: float) -> np.ndarray:
    """(cos θ, sin θ): the unit step at angle θ (radians) from the east.

    >>> unit_vector(np.pi / 2).round(12).tolist()
    [0.0, 1.0]
    """
    angle = v.real_number(angle, "angle")
    return np.round([math.cos(angle), math.sin(angle)], 15) + 0.0  # cos(pi/2) is 6e-17: show it as 0


def directional_derivative(gradient, u) -> float:
    """D_u f = ∇f · u, the slope along the unit vector u.

    >>> directional_derivative([6, 8], [0.6, 0.8])
    10.0
    >>> directional_derivative([6, 8], [1, 1])
    Traceback (most recent call last):
    ...
    ValueError: `u` must be a unit vector (length 1); it has length 1.414, so use u / |u|
    """
    g, u = _point(gradient, "gradient"), _point(u, "u")
    if g.shape != u.shape:
        raise ValueError(f"`u` must have the gradient's shape {g.shape}, got {u.shape}")
    with np.errstate(over="ignore"):
        length = float(np.linalg.norm(u))
    if abs(length - 1) > 1e-9:
        raise ValueError(f"`u` must be a unit vector (length 1); it has length {length:.4g}, so use u / |u|")
    return float(g @ u)


def steepest_ascent(gradient) -> np.ndarray:
    """The unit vector along the gradient: the direction of steepest ascent.

    >>> steepest_ascent([6, 8]).tolist()
    [0.6, 0.8]
    """
    g = _point(gradient, "gradient")
    g = g / np.max(np.abs(g)) if np.any(g) else g  # rescale first: the norm of [1e200, 1e200] would overflow
    norm = float(np.linalg.norm(g))
    if norm == 0:
        raise ValueError("`gradient` is zero: at a flat point no direction climbs fastest")
    return g / norm


@dataclass(frozen=True)
class BruteForce:
    """How many grid points an exhaustive search would visit."""

    values_per_parameter: int
    parameters: int

    @property
    def exponent(self) -> float:
        """log10 of the number of combinations."""
        return self.parameters * math.log10(self.values_per_parameter)

    @property
    def count(self) -> int:
        """The exact number of combinations, as a Python integer (refused above 2,000,000 digits)."""
        if self.exponent > 2_000_000:
            raise ValueError(f"the count has about {self.exponent:,.0f} digits: too many to write out; "
                             "use .exponent (its log10) instead")
        return self.values_per_parameter**self.parameters

    def __repr__(self) -> str:
        digits = math.floor(self.exponent) + 1
        return (f"{self.values_per_parameter} values for each of {self.parameters:,} parameters: "
                f"about 10^{self.exponent:,.0f} combinations, a number with {digits:,} digits")


def brute_force(values_per_parameter: int, parameters: int) -> BruteForce:
    """The size of the search that gradient descent lets you skip.

    >>> brute_force(10, 3).count
    1000
    """
    for name, value in (("values_per_parameter", values_per_parameter), ("parameters", parameters)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"`{name}` must be a positive whole number, got {value!r}")
    return BruteForce(int(values_per_parameter), int(parameters))
