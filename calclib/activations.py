"""Activation functions and their derivatives, safe for large inputs.

Each activation is written once here and checked three ways in the tests: its derivative
formula, sympy's derivative of its defining expression, and finite differences.
Used in: 03_chain_rule.ipynb (the one-neuron network), 09_activations.ipynb.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import sympy as sp

from . import _validate as v

_erfc = np.frompyfunc(math.erfc, 1, 1)
MAX_DEPTH = 10_000  # gradient_through_depth: layers computed one by one in Python
SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def _as_float(z, name="z"):
    return v.real_array(z, name)


def _shaped(arr):
    arr = np.asarray(arr, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


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
    """σ'(z) = σ(z) (1 - σ(z)), computed as e^(-|z|) / (1 + e^(-|z|))², the same number.

    The symmetric form keeps every digit in the tails, where 1 - σ(z) would cancel.

    >>> sigmoid_derivative(0.0)
    0.25
    """
    z = _as_float(z)
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        return _shaped(e / (1.0 + e) ** 2)


def tanh(z):
    """tanh z = (e^z - e^-z) / (e^z + e^-z), squashing into (-1, 1); numpy's is overflow-safe.

    >>> tanh(0.0), tanh(1000.0)
    (0.0, 1.0)
    """
    return _shaped(np.tanh(_as_float(z)))


def tanh_derivative(z):
    """tanh'(z) = 1 - tanh(z)².

    >>> tanh_derivative(0.0)
    1.0
    """
    z = _as_float(z)
    t = np.tanh(z)
    with np.errstate(under="ignore", over="ignore"):
        e = np.exp(-2.0 * np.abs(z))  # sech² z = 4e / (1 + e)²: keeps its digits where 1 - t² cancels
        tail = 4.0 * e / (1.0 + e) ** 2
    return _shaped(np.where(np.abs(z) < 0.5, 1.0 - t * t, tail))


def relu(z):
    """max(0, z).

    >>> relu(np.array([-2.0, 0.0, 3.0])).tolist()
    [0.0, 0.0, 3.0]
    """
    return _shaped(np.maximum(0.0, _as_float(z)))


def relu_derivative(z, *, at_zero=0.0):
    """1 for z > 0, 0 for z < 0, and ``at_zero`` at z = 0, where the true derivative does not exist.

    Frameworks pick 0 (the common choice, and the default here) or 1.

    >>> relu_derivative(np.array([-1.0, 0.0, 2.0])).tolist()
    [0.0, 0.0, 1.0]
    >>> relu_derivative(0.0, at_zero=1.0)
    1.0
    """
    at_zero = v.real_number(at_zero, "at_zero")
    if not 0.0 <= at_zero <= 1.0:
        raise ValueError(f"`at_zero` must lie between 0 and 1 (a subgradient of ReLU at 0), got {at_zero:g}")
    z = _as_float(z)
    return _shaped(np.where(z > 0, 1.0, np.where(z < 0, 0.0, at_zero)))


def normal_cdf(z):
    """Φ(z) = (1 + erf(z / √2)) / 2 = erfc(-z / √2) / 2, the standard normal's cumulative distribution.

    The erfc form keeps its digits in the left tail (Φ(-10) = 7.6e-24, not 0).
    """
    z = _as_float(z)
    with np.errstate(under="ignore"):  # erfc(27) is 0.0 to float precision: the right answer
        return _shaped(0.5 * np.asarray(_erfc(-z / math.sqrt(2)), dtype=float))


def gelu(z):
    """GELU(z) = z Φ(z), the exact form through erf.

    >>> round(gelu(1.0), 6)
    0.841345
    """
    z = _as_float(z)
    with np.errstate(under="ignore"):
        return _shaped(z * normal_cdf(z))


def gelu_derivative(z):
    """GELU'(z) = Φ(z) + z φ(z), with φ the standard normal density."""
    z = _as_float(z)
    with np.errstate(under="ignore", over="ignore"):
        density = np.exp(-0.5 * z * z) / math.sqrt(2 * math.pi)  # z*z may overflow to inf: e^-inf = 0
        slope = np.where(density > 0, z * density, 0.0)
    return _shaped(normal_cdf(z) + slope)


def gelu_tanh(z):
    """The common approximation 0.5 z (1 + tanh(√(2/π) (z + 0.044715 z³))).

    >>> abs(gelu_tanh(1.0) - gelu(1.0)) < 1e-3
    True
    """
    z = _as_float(z)
    with np.errstate(over="ignore"):  # z**3 may overflow to ±inf; tanh(±inf) = ±1 is then right
        t = np.tanh(SQRT_2_OVER_PI * (z + 0.044715 * z**3))
    return _shaped(0.5 * z * (1.0 + t))


def gelu_tanh_derivative(z):
    """Derivative of :func:`gelu_tanh`, by the product and chain rules."""
    z = _as_float(z)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        u = SQRT_2_OVER_PI * (z + 0.044715 * z**3)
        t = np.tanh(u)
        e = np.exp(-2.0 * np.abs(u))
        sech2 = 4.0 * e / (1.0 + e) ** 2  # 1 - t², without cancellation; 0 once |u| is huge
        slope = 0.5 * z * sech2 * SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * z * z)
        slope = np.where(sech2 > 0, slope, 0.0)
    return _shaped(0.5 * (1.0 + t) + slope)


@dataclass(frozen=True)
class Activation:
    """An activation, its derivative, and the sympy expression that defines it."""

    name: str
    f: Callable
    derivative: Callable
    expr: sp.Expr  # in the symbol X below; None where sympy cannot say it smoothly (ReLU)
    ylim: tuple


X = sp.Symbol("x", real=True)


def catalog() -> dict:
    """The activations of notebook 09, by name.

    >>> list(catalog())
    ['sigmoid', 'tanh', 'relu', 'gelu', 'gelu (tanh approx.)']
    """
    return {
        "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, 1 / (1 + sp.exp(-X)), (-0.2, 1.2)),
        "tanh": Activation("tanh", tanh, tanh_derivative, sp.tanh(X), (-1.3, 1.3)),
        "relu": Activation("relu", relu, relu_derivative, None, (-1.0, 6.0)),
        "gelu": Activation("gelu", gelu, gelu_derivative, X * (1 + sp.erf(X / sp.sqrt(2))) / 2, (-1.0, 6.0)),
        "gelu (tanh approx.)": Activation(
            "gelu (tanh approx.)", gelu_tanh, gelu_tanh_derivative,
            X / 2 * (1 + sp.tanh(sp.sqrt(2 / sp.pi) * (X + sp.Rational(44715, 1000000) * X**3))), (-1.0, 6.0)),
    }


def gelu_approximation_error(lo=-10.0, hi=10.0, n=200_001):
    """Largest |gelu_tanh - gelu| on a grid, and where it happens: (error, z)."""
    lo, hi = v.real_number(lo, "lo"), v.real_number(hi, "hi")
    if not lo < hi:
        raise ValueError(f"`lo` must be below `hi`, got {lo:g} and {hi:g}")
    n = v.whole_number(n, "n", low=2, high=2_000_001, why=" (a finer grid takes too long)")
    z = np.linspace(lo, hi, n)
    gap = np.abs(gelu_tanh(z) - gelu(z))
    i = int(np.argmax(gap))
    return float(gap[i]), float(z[i])


def gradient_through_depth(name: str, depth: int, *, x0=0.5, weight=1.0):
    """|d h_L / d h_0| for h_l = act(weight * h_(l-1)), for L = 1 .. depth: the chain rule through L layers."""
    acts = catalog()
    if not isinstance(name, str) or name not in acts:
        raise ValueError(f"`name` must be one of {', '.join(acts)}; got {name!r}")
    depth = v.whole_number(depth, "depth", high=MAX_DEPTH, why=" (each layer is a step of a Python loop)")
    act = acts[name]
    weight = v.real_number(weight, "weight")
    h, product, out = v.real_number(x0, "x0"), 1.0, []
    for layer in range(depth):
        z = weight * h
        if not math.isfinite(z):
            raise OverflowError(f"`weight` = {weight:g} makes the pre-activation overflow at layer {layer + 1}")
        product *= weight * float(act.derivative(z))
        if not math.isfinite(product):
            raise OverflowError(f"`weight` = {weight:g} makes the gradient overflow a float after {layer + 1} layers")
        h = float(act.f(z))
        out.append(abs(product))
    return np.array(out)
