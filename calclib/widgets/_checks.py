"""Checks at the door of every explorer, with the math layer's convention: the argument named
in backticks and what was expected. A default outside a slider's range is refused here, before
any figure is drawn (a log slider cannot show 0 or a negative value)."""
from __future__ import annotations

import numpy as np

from .. import _validate as v


def in_range(value, name: str, low: float, high: float) -> float:
    """A finite number between low and high: the range of the slider that will show it."""
    return v.number_in(value, name, low, high)


# Beyond this size a value drawn on an axis overflows matplotlib's tick arithmetic.
DRAWABLE = 1e100


def drawable(value, name: str) -> float:
    """A finite number small enough to be drawn on an axis (at most 1e100 in size)."""
    return v.number_in(value, name, -DRAWABLE, DRAWABLE)


def interval(pair, name: str, *, around=None) -> tuple:
    """(lo, hi) with lo < hi, both finite; ``around`` (if given) must lie strictly inside."""
    if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
        raise TypeError(f"`{name}` must be a pair (lo, hi) of numbers")
    lo, hi = (v.real_number(t, name) for t in pair)
    if not lo < hi:
        raise ValueError(f"`{name}` must have lo < hi, got ({lo:g}, {hi:g})")
    if around is not None and not lo < around < hi:
        raise ValueError(f"`{name}` = ({lo:g}, {hi:g}) must contain the point {around:g}")
    return lo, hi


def window(a: float, half_width: float, name: str = "a") -> tuple:
    """(a − half_width, a + half_width), refused where floats cannot tell those ends from a."""
    lo, hi = a - half_width, a + half_width
    if not lo < a < hi:
        raise ValueError(f"`{name}` = {a:g} is too large to look around: at that size a ± {half_width:g} "
                         f"rounds to a itself")
    return lo, hi


def point(values, name: str, size: int) -> np.ndarray:
    """Exactly ``size`` finite coordinates."""
    arr = v.real_array(values, name)
    if arr.shape != (size,):
        raise ValueError(f"`{name}` must have exactly {size} coordinates, got shape {arr.shape}")
    return arr


def finite_near(f, a: float, lo: float, hi: float, name: str = "f") -> None:
    """f must be finite on both sides of a inside (lo, hi), where the explorer will look."""
    xs = np.concatenate([np.linspace(lo, a, 9)[1:-1], np.linspace(a, hi, 9)[1:-1], [a - 1e-6 * max(1, abs(a)),
                                                                                    a + 1e-6 * max(1, abs(a))]])
    values = v.evaluate_or_nan(f, xs)
    if not np.all(np.isfinite(values)):
        bad = float(xs[~np.isfinite(values)][0])
        raise ValueError(f"`{name}` must be finite on both sides of a = {a:g} in the window; f({bad:g}) is not")
