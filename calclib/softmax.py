"""Softmax: logits to probabilities, safely; its Jacobian; cross-entropy; a tiny attention step.

Used in: 10_softmax.ipynb.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .autograd import Value


def _logits(z, name="z") -> np.ndarray:
    z = v.real_array(z, name)
    if z.ndim != 1 or z.size == 0:
        raise ValueError(f"`{name}` must be a 1-D array of at least one logit, got shape {z.shape}")
    return z


def softmax(z, *, temperature=1.0) -> np.ndarray:
    """p_i = e^(z_i / T) / Σ_j e^(z_j / T), computed as e^(z_i/T - max) to avoid overflow.

    Subtracting the largest logit changes nothing mathematically (it cancels between top
    and bottom) but keeps every exponent ≤ 0, so e^(...) never overflows.

    >>> softmax([1000.0, 1000.0]).tolist()
    [0.5, 0.5]
    >>> bool(np.isclose(softmax([2.0, 1.0, 0.1]).sum(), 1.0))
    True
    """
    z = _logits(z)
    t = v.positive_number(temperature, "temperature")
    with np.errstate(over="ignore", under="ignore"):
        scaled = (z - z.max()) / t  # every entry <= 0; -inf (from overflow) gives e^-inf = 0, never nan
        e = np.exp(scaled)
    return e / e.sum()


def naive_softmax(z) -> np.ndarray:
    """The textbook formula e^(z_i) / Σ e^(z_j), exactly as written: for contrast only.

    Large logits overflow to inf and the result becomes nan; this returns that result
    without a warning so that a notebook can show it.
    """
    z = _logits(z)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        e = np.exp(z)
        return e / e.sum()


def logsumexp(z) -> float:
    """log Σ e^(z_j), overflow-safe: max + log Σ e^(z_j - max).

    >>> bool(logsumexp([1000.0, 1000.0]) == 1000.0 + np.log(2))
    True
    """
    z = _logits(z)
    m = z.max()
    with np.errstate(under="ignore", over="ignore"):
        return float(m + np.log(np.exp(z - m).sum()))


def softmax_jacobian(z, *, temperature=1.0) -> np.ndarray:
    """∂p_i/∂z_j = p_i (δ_ij - p_j), i.e. diag(p) - p pᵀ (divided by T with a temperature); shape (n, n).

    Parameters
    ----------
    z : array_like, shape (n,)
        Finite logits, any size.
    temperature : float
        T > 0; p = softmax(z / T).

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric; every row sums to 0 (softmax(z + c) = softmax(z)) and every column sums
        to 0 (the probabilities always sum to 1).

    The diagonal p_i(1 - p_i) is computed as p_i Σ_{j≠i} p_j (equal, as the p's sum to 1):
    when p_i is within 1e-16 of 1, 1 - p_i rounds to exactly 0 in floating point, but the
    sum of the other, tiny probabilities does not, so a cold softmax's diagonal stays > 0.

    >>> J = softmax_jacobian([0.0, 0.0])
    >>> J.tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    >>> bool(softmax_jacobian([2.0, 1.0], temperature=0.01)[0, 0] > 0)  # 1 - p_1 would round to 0
    True
    """
    p = softmax(z, temperature=temperature)
    others = (1.0 - np.eye(p.size)) @ p  # Σ_{j≠i} p_j, summed directly: never the cancelling 1 - p_i
    with np.errstate(over="ignore", under="ignore"):
        J = -np.outer(p, p)
        np.fill_diagonal(J, p * others)
        J = J / float(temperature)
    if not np.all(np.isfinite(J)):
        raise OverflowError(f"`temperature` = {float(temperature):g} is so small that the Jacobian's entries "
                            "overflow a float")
    return J


def cross_entropy(z, target) -> float:
    """-Σ y_i log p_i with p = softmax(z), computed as logsumexp(z) - y·z (no log of 0).

    >>> round(cross_entropy([0.0, 0.0], [1.0, 0.0]), 6)
    0.693147
    """
    z = _logits(z)
    y = _target(target, z.size)
    m = z.max()
    with np.errstate(under="ignore", over="ignore"):
        log_sum = np.log(np.exp(z - m).sum())
        used = y > 0
        gaps = m - z[used]  # >= 0; forming (m - z_i) first keeps log 2 in cross_entropy([1e17, 1e17], [1, 0])
        loss = float(y.sum() * log_sum + y[used] @ gaps)
    if not np.isfinite(loss):
        raise OverflowError("the cross-entropy overflows a float: a target class has a logit about 1e308 below the largest")
    return loss


def cross_entropy_gradient(z, target) -> np.ndarray:
    """∇_z of softmax plus cross-entropy: p - y (for a target y that sums to 1).

    >>> cross_entropy_gradient([0.0, 0.0], [1.0, 0.0]).tolist()
    [-0.5, 0.5]
    """
    z = _logits(z)
    y = _target(target, z.size)
    return softmax(z) * y.sum() - y


def _target(y, n) -> np.ndarray:
    y = v.real_array(y, "target")
    if y.shape != (n,):
        raise ValueError(f"`target` must have shape ({n},) like the logits, got {y.shape}")
    if np.any(y < 0):
        raise ValueError("`target` must hold probabilities (no negative entries)")
    return y


# ---- a tiny attention step, built from calclib.autograd Values so the gradient can flow back ----

def value_softmax(scores):
    """Softmax of a list of Values, with the maximum subtracted (a constant) for safety."""
    shift = max(s.data for s in scores)
    exps = [(s - shift).exp() for s in scores]
    total = exps[0]
    for e in exps[1:]:
        total = total + e
    return [e / total for e in exps]


@dataclass
class Attention:
    """One query attending over a few keys: scores, weights, output, all as engine Values."""

    query: list
    scores: list
    weights: list
    output: list


def attention(query, keys, values) -> Attention:
    """scores_i = q·k_i / √d, weights = softmax(scores), output = Σ weights_i v_i.

    ``query`` is a list of d numbers (turned into named Values q1..qd) or of Values (used
    as they are); ``keys`` and ``values`` are lists of vectors. Call ``backward()`` on any
    scalar built from the output.
    """
    keys, vals = v.real_array(keys, "keys"), v.real_array(values, "values")
    q = [c if isinstance(c, Value) else Value(v.real_number(c, "query"), f"q{i + 1}") for i, c in enumerate(query)]
    if keys.ndim != 2 or keys.shape[1] != len(q):
        raise ValueError(f"`keys` must have shape (n, {len(q)}) to match the query, got {keys.shape}")
    if vals.ndim != 2 or vals.shape[0] != keys.shape[0]:
        raise ValueError(f"`values` must have one row per key ({keys.shape[0]}), got shape {vals.shape}")
    scale = 1 / np.sqrt(len(q))
    scores = []
    for i, k in enumerate(keys):
        s = q[0] * float(k[0])
        for qc, kc in zip(q[1:], k[1:]):
            s = s + qc * float(kc)
        scores.append((s * float(scale)).named(f"s{i + 1}"))
    weights = [w.named(f"a{i + 1}") for i, w in enumerate(value_softmax(scores))]
    output = []
    for j in range(vals.shape[1]):
        o = weights[0] * float(vals[0, j])
        for w, row in zip(weights[1:], vals[1:]):
            o = o + w * float(row[j])
        output.append(o.named(f"o{j + 1}"))
    return Attention(q, scores, weights, output)
