"""Activation functions and their derivatives, safe for large inputs.

Used in: 03_chain_rule.ipynb (the one-neuron network), 09_activations.ipynb.
"""
from __future__ import annotations

import numpy as np

from . import _validate as v


def _as_float(z, name="z"):
    arr = v.real_array(z, name)
    return arr


def _shaped(arr):
    return float(arr) if np.ndim(arr) == 0 else arr


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(-z)), computed without overflow for any finite z.

    For z < 0 it uses the equal form e^z / (1 + e^z), so e^(-z) is never formed for large |z|.

    >>> sigmoid(0.0)
    0.5
    >>> sigmoid(np.array([-1000.0, 1000.0])).tolist()
    [0.0, 1.0]
    """
    z = _as_float(z)
    with np.errstate(under="ignore"):  # e^-1000 is 0.0, which is the right answer here
        e = np.exp(-np.abs(z))  # always in [0, 1]: no overflow
    return _shaped(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_derivative(z):
    """σ'(z) = σ(z) (1 - σ(z)).

    >>> sigmoid_derivative(0.0)
    0.25
    """
    s = sigmoid(z)
    return _shaped(s * (1.0 - s))
