"""Checks at the door of every public function: the argument named, what was expected."""
from __future__ import annotations

import numbers
import warnings

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
    """A finite float array (any shape), or a clear error.

    Text, booleans and complex numbers are refused (a complex number would silently lose
    its imaginary part; text is never parsed).
    """
    if type(values) is np.ndarray and values.dtype == np.float64:  # nothing to convert (a walk's every step)
        if not np.isfinite(values).all():
            raise ValueError(f"`{name}` must hold only finite numbers")
        return values
    if isinstance(values, (str, bytes)):
        raise TypeError(f"`{name}` must be a real number or an array of real numbers, not text")
    try:
        raw = np.asarray(values)
    except (TypeError, ValueError):  # ragged nested lists
        raise TypeError(f"`{name}` must be a real number or a rectangular array of real numbers") from None
    if raw.dtype.kind in "USVb" or (raw.dtype.kind == "O" and any(isinstance(c, (str, bytes, bool, complex))
                                                                 for c in raw.ravel())):
        raise TypeError(f"`{name}` must hold real numbers, got {raw.dtype.name if raw.dtype.kind != 'O' else 'other objects'}")
    if raw.dtype.kind == "c":
        raise TypeError(f"`{name}` must hold real numbers, got complex numbers")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError, OverflowError, Warning):
        raise TypeError(f"`{name}` must be a real number or an array of real numbers") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}` must hold only finite numbers")
    return arr


def whole_number(value, name: str, *, low: int = 1, high: int | None = None, why: str = "") -> int:
    """An ``int`` in [low, high], or a clear error; ``high`` bounds loops a student can make long."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"`{name}` must be a whole number, got {type(value).__name__}")
    value = int(value)
    if value < low:
        need = "a positive whole number" if low == 1 else f"at least {low}"
        raise ValueError(f"`{name}` must be {need}, got {value}")
    if high is not None and value > high:
        raise ValueError(f"`{name}` must be at most {high:,}{why}, got {value:,}")
    return value


def number_in(value, name: str, low: float, high: float) -> float:
    """A finite float with low <= value <= high (the range a slider can show)."""
    value = real_number(value, name)
    if not low <= value <= high:
        raise ValueError(f"`{name}` must lie between {low:g} and {high:g}, got {value:g}")
    return value


def distinct_from(x: float, steps, name: str, where: str = "x") -> None:
    """Every step must move x in floating point: x + h == x would divide a zero rise by h."""
    steps = np.atleast_1d(steps)
    with np.errstate(all="ignore"):
        moved = ((x + steps) - x != 0) & ((x - steps) - x != 0)
    if not np.all(moved):
        h = float(steps[~moved][0])
        raise ValueError(f"`{name}` = {h:g} vanishes against {where} = {x:g}: {where} + {h:g} == {where} in floating "
                         f"point (steps must be larger than about {np.spacing(abs(x)):.1e} here)")


def no_text(value, name: str) -> None:
    """Refuse a string before sympy sees it: ``sympify`` would run it as Python code."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"`{name}` must be a sympy expression, not text: calclib never runs text as code. "
                        "Build it from sympy symbols instead, e.g. x = sp.Symbol('x'); then 2*x + sp.sin(x)")


def sympy_expr(value, name: str):
    """A sympy expression, or a plain number turned into one; text and other objects are refused."""
    import sympy as sp

    no_text(value, name)
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr):
            raise TypeError(f"`{name}` must be a sympy expression, got {type(value).__name__}")
        return value
    if isinstance(value, bool) or not isinstance(value, (numbers.Number, np.number)) or isinstance(value, complex):
        raise TypeError(f"`{name}` must be a sympy expression (built from sympy symbols), got {type(value).__name__}")
    return sp.sympify(real_number(value, name) if not isinstance(value, (int, np.integer)) else int(value))


def nonzero_steps(h, name: str = "h") -> np.ndarray:
    """Step sizes: finite and non-zero (a secant through one point is undefined)."""
    arr = real_array(h, name)
    if arr.size == 0:
        raise ValueError(f"`{name}` must hold at least one step")
    if np.any(arr == 0):
        raise ValueError(f"`{name}` must be non-zero: the secant through a single point is undefined")
    return arr


def one_of(value, choices, name: str):
    """``value`` must be one of ``choices``."""
    if not isinstance(value, (str, int)) or isinstance(value, bool) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"`{name}` must be one of {options}; got {value!r}")
    return value


def evaluate(f, x):
    """Call ``f`` on a float or array without numpy warnings; fall back to a loop for scalar-only ``f``.

    Raises ``TypeError`` naming ``f`` when it returns something that is not a real number
    (None, text, a complex number) or an array of the wrong shape.
    """
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            out = f(x)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            if np.ndim(x) == 0:
                raise
            out = np.asarray([_real_value(f(float(v))) for v in np.ravel(x)], dtype=float).reshape(np.shape(x))
        out = _real_value(out)
        if out.shape != np.shape(x):
            if out.ndim == 0:  # a constant function written without x: broadcast its value
                return np.full(np.shape(x), float(out))
            if np.ndim(x) == 0 or out.size != np.size(x):
                raise TypeError(f"`f` must return one number per input, got shape {out.shape} for input shape {np.shape(x)}")
            out = out.reshape(np.shape(x))
        return out


class ComplexResult(TypeError):
    """f returned a complex number where a real one was needed (e.g. (-1.0) ** 0.5 in Python)."""


def _real_value(out) -> np.ndarray:
    if isinstance(out, (str, bytes)) or out is None:
        raise TypeError(f"`f` must return real numbers, got {type(out).__name__}")
    raw = np.asarray(out)
    if raw.dtype.kind == "c":
        if np.all(raw.imag == 0):
            return raw.real.astype(float)
        raise ComplexResult("`f` must return real numbers, got complex ones")
    try:
        return np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"`f` must return real numbers, got {type(out).__name__}") from None


def in_domain(f, x: float, name: str = "x") -> float:
    """Return f(x), raising ``ValueError`` naming ``name`` when f is not finite there."""
    try:
        value = float(evaluate(f, x))
    except (ZeroDivisionError, ValueError, OverflowError, ArithmeticError) as exc:
        raise ValueError(f"`{name}` = {x:g} is outside the domain of f: evaluating f there failed ({exc})") from None
    if not np.isfinite(value):
        raise ValueError(f"`{name}` = {x:g} is outside the domain of f: f({x:g}) is {value}")
    return value


def evaluate_or_nan(f, x):
    """Like :func:`evaluate`, but a point where f raises an arithmetic error (math.log(-1),
    1/0, an overflow) gives nan instead, so that callers can test the domain point by point."""
    try:
        return evaluate(f, x)
    except (ValueError, ZeroDivisionError, OverflowError, ArithmeticError, ComplexResult):
        pass
    out = []
    for t in np.ravel(x):
        try:
            out.append(float(evaluate(f, float(t))))
        except (ValueError, ZeroDivisionError, OverflowError, ArithmeticError, ComplexResult):
            out.append(np.nan)
    return np.asarray(out, dtype=float).reshape(np.shape(x))
