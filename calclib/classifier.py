"""A softmax classifier on points in the plane, trained by gradient descent with p - y.

The model gives every point x (a row of two numbers) one logit per class, z = x W + b, and
p = softmax(z). The loss is the mean cross-entropy; its gradient with respect to the logits
of each point is p - y, so ∇_W = Xᵀ(P - Y)/n and ∇_b = the column means of P - Y.

Used in: 10_softmax.ipynb (the payoff: a classifier whose decision regions move).
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from . import _validate as v

MAX_STEPS = 100_000  # every step is kept in the history


def _whole(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"`{name}` must be a whole number, got {type(value).__name__}")
    if not low <= int(value) <= high:
        raise ValueError(f"`{name}` must be a whole number from {low} to {high}, got {int(value)}")
    return int(value)


def _points(X, name: str = "X") -> np.ndarray:
    X = v.real_array(X, name)
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(f"`{name}` must have shape (n, 2): one row (x1, x2) per point, got shape {X.shape}")
    return X


def _labels(labels, n: int) -> np.ndarray:
    arr = np.asarray(labels)
    if arr.shape != (n,) or not np.issubdtype(arr.dtype, np.integer) or np.any(arr < 0):
        raise ValueError(f"`labels` must be {n} class numbers (whole numbers 0, 1, 2, ...), one per point")
    return arr.astype(int)


def blobs(seed: int, centers, *, per_class: int = 40, spread: float = 1.0):
    """Points scattered around each centre (normal, standard deviation ``spread``): (X, labels).

    Seeded, so the same call gives the same data set every time.

    >>> X, labels = blobs(0, [(0, 0), (3, 3)], per_class=2)
    >>> X.shape, labels.tolist()
    ((4, 2), [0, 0, 1, 1])
    """
    seed = _whole(seed, "seed", 0, 2**63 - 1)
    centers = _points(centers, "centers")
    per_class = _whole(per_class, "per_class", 1, 100_000)
    spread = v.positive_number(spread, "spread")
    rng = np.random.default_rng(seed)
    X = np.concatenate([c + rng.normal(scale=spread, size=(per_class, 2)) for c in centers])
    return X, np.repeat(np.arange(len(centers)), per_class)


def softmax_rows(Z) -> np.ndarray:
    """Softmax of every row of ``Z`` (largest logit subtracted first, so nothing overflows).

    >>> softmax_rows([[0.0, 0.0], [1000.0, 0.0]]).tolist()
    [[0.5, 0.5], [1.0, 0.0]]
    """
    Z = v.real_array(Z, "Z")
    if Z.ndim != 2 or Z.shape[1] == 0:
        raise ValueError(f"`Z` must have shape (n, k): one row of logits per point, got shape {Z.shape}")
    with np.errstate(under="ignore"):
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def one_hot(labels, classes: int) -> np.ndarray:
    """Row i is the target y of point i: 1 in column labels[i], 0 elsewhere.

    >>> one_hot([0, 2], 3).tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    """
    classes = _whole(classes, "classes", 1, 10_000)
    labels = _labels(labels, len(np.asarray(labels)))
    if np.any(labels >= classes):
        raise ValueError(f"`labels` must lie between 0 and {classes - 1} for {classes} classes")
    return np.eye(classes)[labels]


def loss(P, labels) -> float:
    """Mean cross-entropy -mean(log p_label) of the probabilities ``P`` (one row per point)."""
    P = v.real_array(P, "P")
    labels = _labels(labels, P.shape[0])
    with np.errstate(divide="ignore"):  # a probability of 0 gives an infinite loss, reported by train
        return float(-np.mean(np.log(P[np.arange(len(labels)), labels])))


@dataclass(frozen=True)
class History:
    """Every step of one training run: weights, biases, loss and accuracy after 0, 1, ... steps."""

    W: np.ndarray  # shape (steps + 1, 2, classes)
    b: np.ndarray  # shape (steps + 1, classes)
    losses: np.ndarray  # shape (steps + 1,)
    accuracies: np.ndarray  # shape (steps + 1,): the fraction of points classified right
    learning_rate: float

    @property
    def steps(self) -> int:
        return len(self.losses) - 1

    def logits(self, X, step: int) -> np.ndarray:
        """z = x W + b for every row of ``X``, with the weights after ``step`` steps."""
        step = _whole(step, "step", 0, self.steps)
        return _points(X) @ self.W[step] + self.b[step]

    def predict(self, X, step: int) -> np.ndarray:
        """The class with the largest probability, for every row of ``X``."""
        return np.argmax(self.logits(X, step), axis=1)


def train(X, labels, *, steps: int = 200, learning_rate: float = 0.1, classes: int | None = None) -> History:
    """Gradient descent on the mean cross-entropy from W = 0, b = 0, recording every step.

    Each step: P = softmax(X W + b), G = (P - Y) / n (p - y for each point, averaged),
    W ← W - η XᵀG, b ← b - η Σ_rows G.

    >>> X, labels = blobs(1, [(-3, 0), (3, 0)], per_class=10)
    >>> run = train(X, labels, steps=50)
    >>> bool(run.losses[-1] < run.losses[0]), float(run.accuracies[-1])
    (True, 1.0)
    """
    X = _points(X)
    labels = _labels(labels, X.shape[0])
    classes = int(labels.max()) + 1 if classes is None else _whole(classes, "classes", 1, 10_000)
    Y = one_hot(labels, classes)
    steps = _whole(steps, "steps", 0, MAX_STEPS)
    eta = v.positive_number(learning_rate, "learning_rate")
    n = X.shape[0]
    W, b = np.zeros((2, classes)), np.zeros(classes)
    Ws, bs, losses, accuracies = [], [], [], []
    for step in range(steps + 1):
        P = softmax_rows(X @ W + b)
        Ws.append(W.copy())
        bs.append(b.copy())
        losses.append(loss(P, labels))
        accuracies.append(float(np.mean(np.argmax(P, axis=1) == labels)))
        if step == steps:
            break
        G = (P - Y) / n
        W = W - eta * X.T @ G
        b = b - eta * G.sum(axis=0)
    if not np.isfinite(losses[-1]):
        raise ValueError(f"`learning_rate` = {eta:g} is too large: the loss overflowed")
    return History(np.array(Ws), np.array(bs), np.array(losses), np.array(accuracies), eta)
