"""Gradient descent that records its path and says why it stopped.

Used in: 05_gradients.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .tables import fmt

DIVERGENCE_NORM = 1e6


@dataclass(frozen=True)
class DescentPath:
    """Every point visited, the value there, and the reason the walk ended."""

    points: np.ndarray  # shape (k + 1, n)
    values: np.ndarray  # shape (k + 1,)
    status: str  # "converged", "diverged" or "max steps"
    learning_rate: float

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    @property
    def message(self) -> str:
        last = self.points[-1]
        where = "(" + ", ".join(fmt(c, 4) for c in last) + ")"
        if self.status == "converged":
            return f"converged after {self.steps} steps at {where}, f = {fmt(self.values[-1], 3)}"
        if self.status == "diverged":
            return (f"diverged after {self.steps} steps: learning rate {fmt(self.learning_rate, 3)} is too large, "
                    f"every step overshoots further (stopped once |x| passed {DIVERGENCE_NORM:.0e})")
        return f"stopped after {self.steps} steps at {where}, f = {fmt(self.values[-1], 3)}, not yet converged"

    def __repr__(self) -> str:
        return self.message


def gradient_descent(f, gradient, x0, *, learning_rate, steps=100, tolerance=1e-6) -> DescentPath:
    """Walk x <- x - learning_rate * gradient(x), stopping on convergence or divergence.

    Converged: the gradient's norm fell below ``tolerance``. Diverged: |x| passed 1e6 or
    stopped being finite; the walk stops there, without overflow warnings.

    >>> path = gradient_descent(lambda p: p @ p, lambda p: 2 * p, [3.0, 4.0], learning_rate=0.1)
    >>> path.status, path.points.shape[1]
    ('converged', 2)
    >>> gradient_descent(lambda p: p @ p, lambda p: 2 * p, [3.0, 4.0], learning_rate=1.5).status
    'diverged'
    """
    v.require_callable(f)
    v.require_callable(gradient, "gradient")
    x = v.real_array(x0, "x0")
    lr = v.positive_number(learning_rate, "learning_rate")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"`steps` must be a positive whole number, got {steps!r}")
    points, status = [x], "max steps"
    with np.errstate(all="ignore"):
        for _ in range(steps):
            g = np.asarray(gradient(points[-1]), dtype=float)
            if np.linalg.norm(g) < tolerance:
                status = "converged"
                break
            nxt = points[-1] - lr * g
            if not np.all(np.isfinite(nxt)) or np.linalg.norm(nxt) > DIVERGENCE_NORM:
                status = "diverged"
                break
            points.append(nxt)
        else:
            if np.linalg.norm(np.asarray(gradient(points[-1]), dtype=float)) < tolerance:
                status = "converged"
        pts = np.array(points)
        values = np.array([float(f(p)) for p in pts])
    return DescentPath(pts, values, status, lr)
