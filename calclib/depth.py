"""The gradient through a stack of layers with a weight: the factor w·act'(z), layer after layer.

A layer computes x_k = act(z_k) with z_k = w x_(k-1) + b. By the chain rule it multiplies
the gradient ∂x_k/∂x_0 by ∂x_k/∂x_(k-1) = w·act'(z_k). When every layer has the same weight
w and its bias puts it at the same input z, every factor is the same number w·act'(z), and
after D layers the gradient is (w·act'(z))^D: it vanishes when |w·act'(z)| < 1 and explodes
when it is above 1.

Used in: 09_activations.ipynb (the depth explorer).
"""
from __future__ import annotations

import numbers

import numpy as np

from . import _validate as v
from .activations import catalog

MAX_DEPTH = 1000


def layer_factor(name: str, weight: float, z: float) -> float:
    """w·act'(z): what one layer multiplies the gradient by.

    >>> layer_factor("sigmoid", 8.0, 0.0)  # sigmoid's slope 0.25 times 8: each layer doubles it
    2.0
    """
    acts = catalog()
    if name not in acts:
        raise ValueError(f"`name` must be one of {', '.join(acts)}; got {name!r}")
    weight, z = v.real_number(weight, "weight"), v.real_number(z, "z")
    return weight * float(acts[name].derivative(z))


def gradient_with_weight(name: str, depth: int, *, weight: float, z: float) -> np.ndarray:
    """|∂x_D/∂x_0| = |w·act'(z)|^D for D = 1 .. depth, every layer at weight ``weight`` and input ``z``.

    >>> gradient_with_weight("sigmoid", 3, weight=8.0, z=0.0).tolist()
    [2.0, 4.0, 8.0]
    """
    if isinstance(depth, bool) or not isinstance(depth, (numbers.Integral, np.integer)) or not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"`depth` must be a whole number from 1 to {MAX_DEPTH}, got {depth!r}")
    factor = abs(layer_factor(name, weight, z))
    with np.errstate(over="ignore", under="ignore"):  # a huge or tiny product is the point being made
        return factor ** np.arange(1, int(depth) + 1, dtype=float)
