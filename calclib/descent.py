"""Gradient descent that records its path and says why it stopped.

Used in: 05_gradients.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .tables import fmt

DIVERGENCE_NORM = 1e6
# as the read-out names it: 1e6, as 01 writes powers of ten (not 1e+06); "the point", not |x| (x is a coordinate)
_FAR = f"{DIVERGENCE_NORM:.0e}".replace("e+0", "e")
#: At the step limit, a walk whose f fell by less than this share over the second half of its steps has
#: stopped falling although its gradient is not small: each step overshoots (it oscillates), it is not converging.
STALL = 1e-6
MAX_STEPS = 100_000  # each step calls your gradient once in Python: more would take minutes


@dataclass(frozen=True)
class DescentPath:
    """Every point visited, the value there, and the reason the walk ended."""

    points: np.ndarray  # shape (k + 1, n)
    values: np.ndarray  # shape (k + 1,)
    status: str  # "converged", "converging" (step limit, f still falling), "oscillating" (step limit, f no longer falls) or "diverged"
    learning_rate: float
    tolerance: float = 1e-6
    gradient_norm: float = float("nan")  # |∇f| at the last point (nan if the walk diverged)

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
                    f"every step overshoots further (stopped once the point was more than {_FAR} from the origin)")
        half = self.values[self.steps // 2]
        if self.status == "converging":
            return (f"still converging when stopped at the limit of {self.steps} steps: f = {fmt(self.values[-1], 3)} "
                    f"at {where} and still falling ({self.steps - self.steps // 2} steps earlier it was {fmt(half, 3)}); "
                    f"|∇f| = {fmt(self.gradient_norm, 3)} is not yet below {fmt(self.tolerance, 3)}")
        before = "(" + ", ".join(fmt(c, 4) for c in self.points[-2]) + ")"
        # the last two points show the overshoot: at rate 0.1 on x² + 10y², y flips between 2 and −2 (a student
        # read saw f = 40 and |∇f| = 40 and a flat loss line, and could not tell what was going on)
        return (f"oscillating, not converging: after {self.steps} steps (the limit) f = {fmt(self.values[-1], 3)} "
                f"no longer falls, yet |∇f| = {fmt(self.gradient_norm, 3)}: the ground is not level, every step "
                f"overshoots the valley (the last two points: {before} and {where})")

    def __repr__(self) -> str:
        return self.message


def gradient_descent(f, gradient, x0, *, learning_rate, steps=100, tolerance=1e-6) -> DescentPath:
    """Walk x <- x - learning_rate * gradient(x), stopping on convergence or divergence.

    Converged: the gradient's norm fell below ``tolerance``. Diverged: |x| passed 1e6 or
    stopped being finite; the walk stops there, without overflow warnings. A walk that reaches
    ``steps`` is still "converging" if f fell over the second half of its steps (by more than
    STALL of itself), else "oscillating": f stopped falling on ground that is not level.

    >>> path = gradient_descent(lambda p: p @ p, lambda p: 2 * p, [3.0, 4.0], learning_rate=0.1)
    >>> path.status, path.points.shape[1]
    ('converged', 2)
    >>> gradient_descent(lambda p: p @ p, lambda p: 2 * p, [3.0, 4.0], learning_rate=1.5).status
    'diverged'
    """
    v.require_callable(f)
    v.require_callable(gradient, "gradient")
    x = v.real_array(x0, "x0")
    if x.ndim > 1 or x.size == 0:
        raise ValueError(f"`x0` must be a number or a 1-D array of at least one coordinate, got shape {x.shape}")
    scalar = x.ndim == 0  # a 1-D problem: f and gradient are called with plain numbers
    x = np.atleast_1d(x)
    lr = v.positive_number(learning_rate, "learning_rate")
    steps = v.whole_number(steps, "steps", high=MAX_STEPS, why=" (see calclib.descent.MAX_STEPS)")
    tolerance = v.positive_number(tolerance, "tolerance")
    arg = (lambda p: float(p[0])) if scalar else (lambda p: p.copy())

    def where(p):  # for the error messages only (written at every step, it was a tenth of a walk's time)
        return "(" + ", ".join(fmt(c, 6) for c in p) + ")"

    def grad_at(p, k):
        with np.errstate(all="ignore"):
            raw = gradient(arg(p))
        if raw is None or isinstance(raw, (str, bytes)) or np.iscomplexobj(raw):
            raise TypeError(f"`gradient` must return {x.size} real number(s), got {type(raw).__name__} at x = {where(p)}")
        g = np.asarray(raw, dtype=float)
        if g.shape != x.shape and not (x.size == 1 and g.size == 1):
            raise ValueError(f"`gradient` must return one number per coordinate, shape {x.shape}; "
                             f"got shape {g.shape} at x = {where(p)}")
        g = g.reshape(x.shape)
        if not np.all(np.isfinite(g)):
            raise ValueError(f"`gradient` returned a value that is not finite ({g.tolist()}) at x = {where(p)}, step {k}")
        return g

    points, status, norm = [x], "step limit", float("nan")
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(steps):
            g = grad_at(points[-1], k)
            norm = float(np.linalg.norm(g))
            if norm < tolerance:
                status = "converged"
                break
            nxt = points[-1] - lr * g
            if not np.all(np.isfinite(nxt)) or np.linalg.norm(nxt) > DIVERGENCE_NORM:
                status, norm = "diverged", float("nan")
                break
            points.append(nxt)
        else:
            norm = float(np.linalg.norm(grad_at(points[-1], steps)))
            if norm < tolerance:
                status = "converged"
    pts = np.array(points)
    values = []
    for p in pts:
        with np.errstate(all="ignore"):
            raw = f(arg(p))
        value = np.asarray(raw, dtype=float) if not (raw is None or isinstance(raw, (str, bytes))
                                                     or np.iscomplexobj(raw)) else np.array([np.nan, np.nan])
        if value.size != 1 or not np.isfinite(value.reshape(-1)[0]):
            raise ValueError(f"`f` must return one finite number at every point; at x = {where(p)} it returned {raw!r}")
        values.append(float(value.reshape(-1)[0]))
    if status == "step limit":
        half, end = values[(len(values) - 1) // 2], values[-1]
        status = "converging" if half - end > STALL * max(abs(half), abs(end)) else "oscillating"
    return DescentPath(pts, np.array(values), status, lr, tolerance, norm)
