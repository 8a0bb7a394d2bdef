"""Checks at the door of every public function: the argument named, what was expected."""
from __future__ import annotations

import numbers

import numpy as np


def require_callable(f, name: str = "f") -> None:
    """Raise ``TypeError`` unless ``f`` can be called."""
    if not callable(f):
        raise TypeError(f"`{name}` must be a function (a callable such as np.sin), got {type(f).__name__}")


def real_number(value, name: str) -> float:
    """Return ``value`` as a finite float, or raise a clear error naming the argument."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"`{name}` must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"`{name}` must be finite, got {value}")
    return value


def positive_number(value, name: str) -> float:
    """A finite float greater than zero."""
    value = real_number(value, name)
    if value <= 0:
        raise ValueError(f"`{name}` must be greater than 0, got {value:g}")
    return value


def real_array(values, name: str) -> np.ndarray:
    """A finite float array (any shape), or a clear error."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"`{name}` must be a real number or an array of real numbers") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}` must hold only finite numbers")
    return arr


def nonzero_steps(h, name: str = "h") -> np.ndarray:
    """Step sizes: finite and non-zero (a secant through one point is undefined)."""
    arr = real_array(h, name)
    if np.any(arr == 0):
        raise ValueError(f"`{name}` must be non-zero: the secant through a single point is undefined")
    return arr


def one_of(value, choices, name: str):
    """``value`` must be one of ``choices``."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"`{name}` must be one of {options}; got {value!r}")
    return value


def evaluate(f, x):
    """Call ``f`` on a float or array without numpy warnings; fall back to a loop for scalar-only ``f``."""
    with np.errstate(all="ignore"):
        try:
            return np.asarray(f(x), dtype=float)
        except TypeError:
            if np.ndim(x) == 0:
                raise
            flat = [float(f(float(v))) for v in np.ravel(x)]
            return np.asarray(flat, dtype=float).reshape(np.shape(x))


def in_domain(f, x: float, name: str = "x") -> float:
    """Return f(x), raising ``ValueError`` naming ``name`` when f is not finite there."""
    try:
        value = float(evaluate(f, x))
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        raise ValueError(f"`{name}` = {x:g} is outside the domain of f: evaluating f there failed ({exc})") from None
    if not np.isfinite(value):
        raise ValueError(f"`{name}` = {x:g} is outside the domain of f: f({x:g}) is {value}")
    return value
