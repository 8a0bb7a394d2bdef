"""Difference quotients: the derivative's definition, taken to a small but non-zero h.

Every quotient here is vectorised over ``h``: pass an array of step sizes and get an array
of slopes back. Used in: 02_derivatives.ipynb (and every notebook that checks a derivative).
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .tables import Table

EPS = float(np.finfo(float).eps)

METHODS = ("forward", "backward", "central", "complex", "richardson")


def _prepare(f, x, h):
    v.require_callable(f)
    x = v.real_number(x, "x")
    v.in_domain(f, x)
    return x, v.nonzero_steps(h)


def _shaped(result):
    return float(result) if np.ndim(result) == 0 else result


def forward_difference(f, x, h):
    """(f(x + h) - f(x)) / h: the slope of the secant to the right (for h > 0).

    Its error shrinks like h (first order).

    >>> bool(np.isclose(forward_difference(lambda t: t**2, 3.0, 0.1), 6.1))
    True
    """
    x, h = _prepare(f, x, h)
    return _shaped((v.evaluate(f, x + h) - v.evaluate(f, x)) / h)


def secant_slope(f, x, h):
    """Slope of the secant through (x, f(x)) and (x + h, f(x + h)); h may be negative.

    The same quotient as :func:`forward_difference`, named for the picture it draws.

    >>> secant_slope(lambda t: t**2, 3, [1, 0.1, 0.01, 0.001]).round(6).tolist()
    [7.0, 6.1, 6.01, 6.001]
    """
    return forward_difference(f, x, h)


def backward_difference(f, x, h):
    """(f(x) - f(x - h)) / h: the secant to the left. First order, like the forward one.

    >>> bool(np.isclose(backward_difference(lambda t: t**2, 3.0, 0.1), 5.9))
    True
    """
    x, h = _prepare(f, x, h)
    return _shaped((v.evaluate(f, x) - v.evaluate(f, x - h)) / h)


def central_difference(f, x, h):
    """(f(x + h) - f(x - h)) / (2h): symmetric, so its error shrinks like h**2.

    >>> bool(np.isclose(central_difference(lambda t: t**2, 3.0, 0.1), 6.0))
    True
    """
    x, h = _prepare(f, x, h)
    return _shaped((v.evaluate(f, x + h) - v.evaluate(f, x - h)) / (2 * h))


def complex_step(f, x, h=1e-20):
    """Im f(x + ih) / h: no subtraction, so no cancellation; exact to machine precision.

    ``f`` must accept complex numbers (numpy functions do; ``math`` functions do not) and
    be real-analytic: built from +, -, *, /, powers, exp, log, sin, cos and friends.

    >>> bool(np.isclose(complex_step(np.exp, 1.0), np.e, rtol=1e-15))
    True
    """
    x, h = _prepare(f, x, h)
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            f(complex(x, float(np.ravel(h)[0])))  # math.sin and friends refuse complex input here
            values = np.asarray(f(x + 1j * h))
    except (TypeError, np.exceptions.ComplexWarning):
        raise ValueError("`f` must accept complex arguments for the complex step (use numpy functions)") from None
    return _shaped(values.imag / h)


def richardson(f, x, *, h=0.1, levels=5):
    """Richardson extrapolation: central differences at h, h/2, h/4, ... combined so that
    their leading error terms cancel. Reaches about 1e-13 relative accuracy on smooth f.

    >>> bool(np.isclose(richardson(np.sin, 1.0), np.cos(1.0), rtol=1e-12))
    True
    """
    if isinstance(levels, bool) or not isinstance(levels, (int, np.integer)) or levels < 1:
        raise ValueError(f"`levels` must be a positive whole number, got {levels!r}")
    x, h = _prepare(f, x, h)
    if h.ndim:
        raise ValueError("`h` must be a single step size for Richardson extrapolation")
    steps = float(h) / 2.0 ** np.arange(levels)
    table = [np.atleast_1d(central_difference(f, x, steps))]
    for k in range(1, levels):  # each column removes the next even power of h
        prev = table[-1]
        table.append((4**k * prev[1:] - prev[:-1]) / (4**k - 1))
    return float(table[-1][0])


def default_step(method: str, x: float) -> float:
    """A step a numerical analyst would pick: balances truncation against rounding.

    >>> bool(default_step("forward", 1.0) == np.sqrt(EPS))
    True
    """
    scale = max(1.0, abs(x))
    return {"forward": np.sqrt(EPS), "backward": np.sqrt(EPS), "central": np.cbrt(EPS),
            "complex": 1e-20, "richardson": 0.1}[method] * scale


def derivative(f, x, *, method="central", h=None):
    """f'(x) estimated by the chosen ``method`` (see :data:`METHODS`).

    Parameters
    ----------
    f : callable
        A function of one real variable (numpy functions also work on arrays).
    x : float
        The point; f must be finite there.
    method : {"central", "forward", "backward", "complex", "richardson"}
        The estimator. "complex" needs an f that accepts complex numbers.
    h : float, optional
        The step. By default one that balances truncation against rounding (:func:`default_step`).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        ``f`` is not callable or ``x`` is not a number.
    ValueError
        ``x`` is outside f's domain, ``h`` is 0, or ``method`` is unknown.

    Examples
    --------
    >>> bool(np.isclose(derivative(np.sin, 0.0), 1.0))
    True
    >>> derivative(np.log, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: `x` = 0 is outside the domain of f: f(0) is -inf
    """
    v.one_of(method, METHODS, "method")
    step = default_step(method, v.real_number(x, "x")) if h is None else h
    if method == "richardson":
        return richardson(f, x, h=step)
    quotient = {"forward": forward_difference, "backward": backward_difference,
                "central": central_difference, "complex": complex_step}[method]
    return quotient(f, x, step)


def difference_table(f, x, hs, *, exact=None, method="forward") -> Table:
    """Slopes for each step in ``hs``, with the error against ``exact`` if given (8 digits shown).

    >>> print(difference_table(lambda t: t**2, 3, [1, 0.1], exact=6))
      h  slope  error
    ---  -----  -----
      1      7      1
    0.1    6.1    0.1
    """
    v.one_of(method, ("forward", "backward", "central"), "method")
    quotient = {"forward": forward_difference, "backward": backward_difference, "central": central_difference}[method]
    hs = np.atleast_1d(v.nonzero_steps(hs, "hs"))
    slopes = np.atleast_1d(quotient(f, x, hs))
    if exact is None:
        return Table(["h", "slope"], list(zip(hs, slopes)), digits=8)
    exact = v.real_number(exact, "exact")
    return Table(["h", "slope", "error"], list(zip(hs, slopes, np.abs(slopes - exact))), digits=8)


@dataclass(frozen=True)
class ErrorStudy:
    """Absolute error of each estimator over a range of step sizes."""

    h: np.ndarray
    errors: dict

    def best_step(self, method: str) -> float:
        """The step with the smallest observed error for ``method``."""
        v.one_of(method, tuple(self.errors), "method")
        return float(self.h[np.argmin(self.errors[method])])

    def observed_order(self, method: str, h_lo: float, h_hi: float) -> float:
        """Slope of log(error) against log(h) between two steps: the order of the method."""
        err = self.errors[method]
        i, j = (int(np.argmin(np.abs(self.h - t))) for t in (h_lo, h_hi))
        return float(np.log(err[j] / err[i]) / np.log(self.h[j] / self.h[i]))

    def __repr__(self) -> str:
        rows = [(m, self.best_step(m), float(np.min(self.errors[m]))) for m in self.errors]
        return repr(Table(["method", "best h", "smallest error"], rows, digits=2))


def error_study(f, dfdx, x, hs=None) -> ErrorStudy:
    """Measure |estimate - f'(x)| for forward, central and complex-step quotients.

    >>> s = error_study(np.exp, np.exp, 1.0)
    >>> 1e-9 < s.best_step("forward") < 1e-7
    True
    """
    v.require_callable(dfdx, "dfdx")
    hs = np.logspace(-16, 0, 161) if hs is None else np.sort(np.abs(v.nonzero_steps(hs, "hs")))
    exact = float(dfdx(v.real_number(x, "x")))
    errors = {
        "forward": np.abs(forward_difference(f, x, hs) - exact),
        "central": np.abs(central_difference(f, x, hs) - exact),
        "complex": np.abs(complex_step(f, x, hs) - exact),
    }
    floor = EPS * max(abs(exact), 1e-300) / 2  # an exact zero error cannot go on log axes
    return ErrorStudy(hs, {m: np.maximum(e, floor) for m, e in errors.items()})
