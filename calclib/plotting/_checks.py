"""Door checks for the plotting layer: every plot function names the argument that is wrong."""
from __future__ import annotations

import functools
import inspect

import numpy as np
from matplotlib.axes import Axes


def takes_axes(*names):
    """Decorate a plot function so that each named argument must be a matplotlib Axes (or an array of them)."""

    def decorate(fn):
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            for name in names:
                value = bound.arguments.get(name)
                items = np.ravel(np.asarray(value, dtype=object)) if isinstance(value, (list, tuple, np.ndarray)) else [value]
                if len(items) == 0 or not all(isinstance(item, Axes) for item in items):
                    raise TypeError(f"`{name}` must be a matplotlib Axes (for example from "
                                    f"calclib.plotting.new_figure()), got {type(value).__name__}")
            return fn(*args, **kwargs)

        return wrapper

    return decorate
