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

METHODS = ("auto", "central", "forward", "backward", "complex", "richardson")

LEVELS = 32  # step halvings the adaptive estimator tries from the largest usable step
MAX_LEVELS = 30  # the most halvings :func:`richardson` accepts for a step you choose
COLUMNS = 8  # extrapolation columns: removes the error terms up to h**16 (central) or h**8 (one-sided)
SETTLED = 1e-3  # an estimate whose last change exceeds this share of it has not settled: f is not smooth at x
PROBES = 1100  # halvings searched for a usable step near a domain edge (0.5 * 2**-1100 is below every float)


class Derivative(float):
    """A derivative estimate: a ``float`` that also says how good it is.

    It behaves as the number itself (arithmetic, ``round``, ``np.isclose``) and carries
    ``error`` (an estimate of the absolute error), ``success`` (whether that estimate meets
    the requested relative accuracy ``rtol``, as scipy's ``success`` flag does), ``step``
    (the step h behind the chosen estimate), ``evaluations`` (the points f was evaluated at) and
    ``message``.
    """

    def __new__(cls, value=0.0, *, error=0.0, rtol=1e-8, step=float("nan"), method="", evaluations=0):
        obj = super().__new__(cls, value)
        obj.error, obj.rtol, obj.step, obj.method, obj.evaluations = float(error), rtol, step, method, evaluations
        obj.exact_zero = False  # every difference was exactly 0 (a constant function): 0 is then exact
        return obj

    @property
    def success(self) -> bool:
        return bool(self.error <= self.rtol * abs(float(self)) or (float(self) == 0 and self.exact_zero))

    @property
    def message(self) -> str:
        if self.success:
            return f"f'(x) ≈ {float(self)!r}, error about {self.error:.1e} (within rtol = {self.rtol:g})"
        return (f"f'(x) ≈ {float(self)!r}, but the error estimate {self.error:.1e} does not meet "
                f"rtol = {self.rtol:g}: f may not be smooth near x, or rounding limits the accuracy")


def _prepare(f, x, h):
    v.require_callable(f)
    x = v.real_number(x, "x")
    v.in_domain(f, x)
    h = v.nonzero_steps(h)
    v.distinct_from(x, h, "h")
    with np.errstate(over="ignore"):
        if not (np.all(np.isfinite(2 * h)) and np.all(np.isfinite(x + h)) and np.all(np.isfinite(x - h))):
            raise ValueError(f"`h` = {float(np.max(np.abs(h))):g} is too large: x ± h and 2h must stay below "
                             "the largest float (about 1.8e308)")
    return x, h


def _shaped(result):
    return float(result) if np.ndim(result) == 0 else result


def _checked(x, h, values, *stencil):
    """Raise a clear error when a stencil point leaves f's domain or the quotient overflows."""
    for offset, fx in stencil:
        bad = ~np.isfinite(fx) & np.ones(np.shape(h), bool)
        if np.any(bad):
            hb = float(np.ravel(h * np.ones(np.shape(fx)))[np.argmax(np.ravel(bad))])
            where = x + offset * hb
            raise ValueError(f"`h` = {hb:g} leaves the domain of f: f({where:g}) is not finite "
                             f"(x = {x:g}); use a smaller step")
    if not np.all(np.isfinite(values)):
        raise OverflowError(f"the quotient overflows for `h` = {np.ravel(h)[0]:g} at x = {x:g}; use a moderate step")
    return _shaped(values)


def _forward(f, x, h):
    with np.errstate(all="ignore"):
        fx, fp = v.evaluate_or_nan(f, x), v.evaluate_or_nan(f, x + h)
        return (fp - fx) / h, fx, fp


def _central(f, x, h):
    with np.errstate(all="ignore"):
        fp, fm = v.evaluate_or_nan(f, x + h), v.evaluate_or_nan(f, x - h)
        return (fp - fm) / (2 * h), fp, fm


def forward_difference(f, x, h):
    """(f(x + h) - f(x)) / h: the slope of the secant to the right (for h > 0).

    Its error shrinks like h (first order).

    >>> bool(np.isclose(forward_difference(lambda t: t**2, 3.0, 0.1), 6.1))
    True
    """
    x, h = _prepare(f, x, h)
    q, _, fp = _forward(f, x, h)
    return _checked(x, h, q, (1, fp))


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
    q, _, fm = _forward(f, x, -h)
    return _checked(x, h, q, (-1, fm))


def central_difference(f, x, h):
    """(f(x + h) - f(x - h)) / (2h): symmetric, so its error shrinks like h**2.

    >>> bool(np.isclose(central_difference(lambda t: t**2, 3.0, 0.1), 6.0))
    True
    """
    x, h = _prepare(f, x, h)
    q, fp, fm = _central(f, x, h)
    return _checked(x, h, q, (1, fp), (-1, fm))


def _complex(f, x, h):
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            f(complex(x, float(np.ravel(h)[0])))  # math.sin and friends refuse complex input here
            values = np.asarray(f(x + 1j * h))
    except (TypeError, np.exceptions.ComplexWarning):
        raise ValueError("`f` must accept complex arguments for the complex step (use numpy functions)") from None
    if values.dtype.kind not in "fc" or values.shape != np.shape(h):
        raise ValueError("`f` must return one number per complex input for the complex step")
    with np.errstate(all="ignore"):
        return values.imag / h


def complex_step(f, x, h=1e-20):
    """Im f(x + ih) / h: no subtraction, so no cancellation; exact to machine precision.

    ``f`` must accept complex numbers (numpy functions do; ``math`` functions do not) and
    be real-analytic: built from +, -, *, /, powers, exp, log, sin, cos and friends.

    >>> bool(np.isclose(complex_step(np.exp, 1.0), np.e, rtol=1e-15))
    True
    """
    v.require_callable(f)
    x = v.real_number(x, "x")
    v.in_domain(f, x)
    h = v.nonzero_steps(h)
    q = _complex(f, x, h)
    if not np.all(np.isfinite(q)):
        raise ValueError(f"the complex step is not finite at x = {x:g} for `h` = {np.ravel(h)[0]:g}: "
                         "f is not analytic there, or the step is too large")
    return _shaped(q)


def _rounding(x, h, *values):
    """The rounding error of a difference quotient with step h: eps * |f| / h (f and x both rounded)."""
    with np.errstate(over="ignore"):
        return sum(EPS * np.abs(a) / np.abs(h) for a in values)


def _tableau(d, rounding, ratio, columns=COLUMNS):
    """Neville tableau of the estimates ``d`` (steps shrinking by 2), removing powers ``ratio**j``.

    Returns (value, error estimate, change, level) of the entry with the smallest error
    estimate, where ``change`` is the larger difference from its two parents and the error
    estimate is the larger of that change and a rounding bound.
    """
    n = len(d)
    values = np.full((columns, n), np.nan)
    changes = np.full((columns, n), np.inf)
    prev = np.asarray(d, dtype=float)
    with np.errstate(all="ignore"):
        for j in range(1, min(columns + 1, n)):
            cur = prev[1:] + (prev[1:] - prev[:-1]) / (ratio**j - 1.0)  # no 4**j * T: that overflows near 1e308
            values[j - 1, j:] = cur
            changes[j - 1, j:] = np.maximum(np.abs(cur - prev[1:]), np.abs(cur - prev[:-1]))
            prev = cur
        err = np.maximum(changes, 4.0 * np.asarray(rounding)[None, :])
        err[~np.isfinite(values)] = np.inf
    j, k = np.unravel_index(int(np.argmin(err)), err.shape)
    return float(values[j, k]), float(err[j, k]), float(changes[j, k]), int(k)


def _first_usable(f, x, top, offsets):
    """The first k with f finite at x + o * top * 2**-k for every o in ``offsets`` (coarse probes, then halvings)."""
    def ok(k):
        h = top * 2.0**-k
        if (x + h) - x == 0 or (x - h) - x == 0:
            return None  # the step has vanished against x
        return all(np.isfinite(v.evaluate_or_nan(f, x + o * h)) for o in offsets)

    for k in range(0, PROBES, 16):
        found = ok(k)
        if found is None:
            return None
        if found:
            lo = max(k - 16, 0)
            for j in range(lo, k + 1):  # the first usable level is within the last 16 halvings
                if ok(j):
                    return j
    return None


def _no_kink(x, fx, h, fp, fm, rounding, level):
    """Central differences see only the average of the two one-sided slopes; at a kink (|x| at 0)
    that average settles to a number that is not a derivative. The one-sided slopes differ by
    (f(x+h) - 2f(x) + f(x-h)) / h, which shrinks like h where f is smooth and stays put at a kink."""
    if h.size < 4:
        return
    with np.errstate(all="ignore"):
        gap = (fp - 2 * fx + fm) / h
    # A kink keeps the gap from shrinking at every pair of levels 3 halvings apart, from the chosen
    # level down to where rounding takes over; a smooth f shrinks it somewhere (steps far larger
    # than f's features, as for sin at x = 200 with h = 100, may not shrink it at first).
    pairs = [j for j in range(max(0, min(level, h.size - 4)), h.size - 3) if abs(gap[j + 3]) > 1e3 * rounding[j + 3]]
    if pairs and all(abs(gap[j + 3]) > 0.5 * abs(gap[j]) for j in pairs):
        k = pairs[-1]
        right = (fp[k + 3] - fx) / h[k + 3]
        left = (fx - fm[k + 3]) / h[k + 3]
        raise ValueError(f"f has no derivative at `x` = {x:g}: the slope from the left is about {left:.6g}, "
                         f"from the right about {right:.6g} (a kink or a jump)")


class _Counted:
    """f, counting the points it is evaluated at (an array of n points counts n)."""

    def __init__(self, f):
        self.f, self.points = f, 0

    def __call__(self, t):
        self.points += int(np.size(t))
        return self.f(t)


def _adaptive(f, x, fx, rtol):
    """The adaptive estimate, cross-checked against one small central difference.

    Large first steps can alias: at x = 2513.7 a step of 6.28 (nearly 2π) makes every level of
    sin's tableau agree on a wrong slope. A plain central difference with a small step cannot be
    fooled that way, only be less precise; when the two disagree by more than that imprecision,
    the tableau starts again from a step 64 times smaller. So it does when the tableau finds no
    derivative (aliased steps can make sin look kinked at x = 1600π); the last try decides.
    """
    top = min(0.5 * max(abs(x), 1.0), max(1.0, 1e-2 * abs(x)))
    small = 6e-6 * max(abs(x), 1.0)
    with np.errstate(all="ignore"):
        plain = float((f(x + small) - f(x - small)) / (2 * small))
    result = None
    for attempt in range(4):
        try:
            result = _tableau_estimate(f, x, fx, rtol, top)
        except ValueError:
            if attempt == 3 or not np.isfinite(plain):
                raise
        else:
            if not np.isfinite(plain) or abs(result - plain) <= 1e-3 * max(abs(plain), abs(fx) / max(abs(x), 1.0), 1e-8):
                return result
        top /= 64
    return result


def _tableau_estimate(f, x, fx, rtol, top):
    """Richardson extrapolation of central differences over 32 halvings of the step from ``top``,
    keeping the estimate with the smallest error estimate; one-sided differences when x is at a
    domain edge."""
    candidates = []
    for kind, offsets in (("central", (1, -1)), ("forward", (1,)), ("backward", (-1,))):
        if candidates and candidates[0][4] and (candidates[0][1] <= rtol * abs(candidates[0][0]) or candidates[0][5]):
            break  # central differences did it (or were all exactly 0); the one-sided ones are the fallback
        k0 = _first_usable(f, x, top, offsets)
        if k0 is None:
            continue
        h = top * 2.0 ** -np.arange(k0, k0 + LEVELS)
        with np.errstate(over="ignore", invalid="ignore"):  # x near the largest float: x ± h may overflow
            h = (x + h) - x  # the step floating point really takes: x + h and x - h are then exact
            h = h[np.isfinite(h) & (h != 0) & np.isfinite(x - h) & ((x - h) - x != 0)]
        if kind == "central":
            d, fp, fm = _central(f, x, h)
            round_err = _rounding(x, h, fp, fm, fx)
            ok = np.isfinite(fp) & np.isfinite(fm)
            ratio = 4.0
        else:
            sign = 1.0 if kind == "forward" else -1.0
            d, _, fo = _forward(f, x, sign * h)
            round_err = _rounding(x, h, fo, fx)
            ok = np.isfinite(fo)
            ratio = 2.0
        n = int(np.argmin(ok)) if not np.all(ok) else ok.size  # the contiguous usable block
        exact_zero = kind == "central" and bool(np.all(d[:n] == 0))
        if n < 2:
            continue
        value, err, change, level = _tableau(d[:n], round_err[:n], ratio)
        if kind == "central":
            _no_kink(x, fx, h[:n], fp[:n], fm[:n], round_err[:n], level)
        settled = change <= SETTLED * abs(value) or change <= 4.0 * float(round_err[level])
        candidates.append((value, err, float(h[level]), kind, settled, exact_zero))
        candidates.sort(key=lambda c: (not c[4], c[1]))
    if not candidates or not np.isfinite(candidates[0][1]) or not candidates[0][4]:
        raise ValueError(f"no estimate of f'(x) settles at `x` = {x:g}: f may not be differentiable there "
                         "(a kink, a jump, a vertical tangent, or the edge of its domain)")
    value, err, step, kind, _, exact_zero = candidates[0]
    if not np.isfinite(value):
        raise OverflowError(f"f'(x) at `x` = {x:g} is too large for a float")
    out = Derivative(value, error=err, rtol=rtol, step=step, method=f"adaptive ({kind})")
    out.exact_zero = exact_zero  # every central difference was exactly 0: so is the tableau's value
    return out


def richardson(f, x, *, h=None, levels=5, rtol=1e-8):
    """Richardson extrapolation: central differences at h, h/2, h/4, ... combined so that
    their leading error terms cancel. Reaches about 1e-13 relative accuracy on smooth f.

    With ``h=None`` (the default) the starting step is chosen for you: the adaptive
    estimator behind :func:`derivative`, which also copes with points near a domain edge.
    With a step ``h`` of your own, exactly ``levels`` halvings are combined (at most
    :data:`MAX_LEVELS`); every step must keep x ± h inside f's domain.

    Returns a :class:`Derivative`: a float with ``error`` and ``success``.

    >>> bool(np.isclose(richardson(np.sin, 1.0), np.cos(1.0), rtol=1e-12))
    True
    >>> bool(np.isclose(richardson(np.sin, 1.0, h=0.1), np.cos(1.0), rtol=1e-12))
    True
    """
    levels = v.whole_number(levels, "levels", high=MAX_LEVELS, why=" (more halvings only add rounding error)")
    rtol = v.positive_number(rtol, "rtol")
    v.require_callable(f)
    x = v.real_number(x, "x")
    if h is None:
        counted = _Counted(f)  # the adaptive search probes, retries and cross-checks: count them all
        out = _adaptive(counted, x, v.in_domain(counted, x), rtol)
        out.evaluations = counted.points
        return out
    fx = v.in_domain(f, x)
    h = v.nonzero_steps(h)
    if h.ndim:
        raise ValueError("`h` must be a single step size for Richardson extrapolation")
    steps = float(h) / 2.0 ** np.arange(levels)
    v.distinct_from(x, steps[-1:], "h", "x")
    d, fp, fm = _central(f, x, steps)
    _checked(x, steps, d, (1, fp), (-1, fm))
    if levels == 1:
        return Derivative(float(d[0]), error=np.inf, rtol=rtol, step=float(h), method="central", evaluations=3)
    round_err = _rounding(x, steps, fp, fm, fx)
    prev = d
    with np.errstate(all="ignore"):
        for k in range(1, levels):  # each column removes the next even power of h
            last = prev
            prev = prev[1:] + (prev[1:] - prev[:-1]) / (4.0**k - 1)
    value = float(prev[0])
    err = max(abs(value - float(last[-1])), abs(value - float(last[0])), 4.0 * float(round_err[-1]))
    if not np.isfinite(value):
        raise OverflowError(f"the extrapolation overflows at x = {x:g}; use a smaller `h`")
    diffs = np.abs(np.diff(d))
    if levels >= 3 and diffs[-1] > 100 * round_err[-1] and not 2.0 <= diffs[-2] / diffs[-1] <= 8.0:
        raise ValueError(f"the central differences from `h` = {float(h):g} at x = {x:g} change by a factor "
                         f"{diffs[-2] / diffs[-1]:.3g} per halving instead of 4: f is not smooth between x - h "
                         "and x + h (a pole or a domain edge nearby?); use a smaller h, or leave h out to have it chosen")
    # Not one digit settled. Also where f'(x) is 0 up to rounding (cos at 0): from steps of one's own, a smooth
    # zero slope cannot be told from a kink under curvature (|x| + 100x^2 at 0 from h = 0.5); h=None can.
    if err >= abs(value):
        raise ValueError(f"the extrapolation from `h` = {float(h):g} does not settle at x = {x:g}: f is not smooth "
                         "between x - h and x + h (a pole, a kink or a domain edge?) or the steps are lost to "
                         "rounding; use a smaller h, or leave h out to have it chosen")
    return Derivative(value, error=err, rtol=rtol, step=float(h), method="richardson", evaluations=2 * levels + 1)


def default_step(method: str, x: float) -> float:
    """A step a numerical analyst would pick: balances truncation against rounding.

    >>> bool(default_step("forward", 1.0) == np.sqrt(EPS))
    True
    """
    v.one_of(method, METHODS, "method")
    scale = max(1.0, abs(v.real_number(x, "x")))
    return {"forward": np.sqrt(EPS), "backward": np.sqrt(EPS), "central": np.cbrt(EPS),
            "complex": 1e-20, "richardson": 0.1, "auto": 0.1}[method] * scale


def derivative(f, x, *, method="auto", h=None, rtol=1e-8):
    """f'(x) estimated by the chosen ``method`` (see :data:`METHODS`).

    Parameters
    ----------
    f : callable
        A function of one real variable (numpy functions also work on arrays).
    x : float
        The point; f must be finite there.
    method : {"auto", "central", "forward", "backward", "complex", "richardson"}
        The estimator. "auto" (the default) extrapolates central differences over many
        step sizes and keeps the one with the smallest error estimate (relative error
        about 1e-13 on smooth functions, even near a domain edge or far from 0); it falls
        back to one-sided differences at the very edge of f's domain. "complex" needs an
        f that accepts complex numbers.
    h : float, optional
        The step. By default one that balances truncation against rounding (:func:`default_step`);
        "auto" chooses its own steps and accepts no h.
    rtol : float
        The relative accuracy that "auto" and "richardson" report as reached (``success``).

    Returns
    -------
    float or Derivative
        "auto" and "richardson" return a :class:`Derivative`: a float with ``error``,
        ``success`` and ``step``.

    Raises
    ------
    TypeError
        ``f`` is not callable or ``x`` is not a number.
    ValueError
        ``x`` is outside f's domain, a step leaves it or vanishes against x, ``h`` is 0,
        ``method`` is unknown, or no estimate settles (f is not differentiable at x).

    Examples
    --------
    >>> d = derivative(np.sin, 1000.0)
    >>> bool(abs(d - np.cos(1000.0)) < 1e-12), d.success
    (True, True)
    >>> derivative(np.log, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: `x` = 0 is outside the domain of f: f(0) is -inf
    """
    v.one_of(method, METHODS, "method")
    if method == "auto":
        if h is not None:
            raise ValueError("`h` cannot be given with method='auto', which chooses its own steps; "
                             "pick method='central' (or another) to use your own step")
        return richardson(f, x, rtol=rtol)
    if method == "richardson":
        return richardson(f, x, h=h, rtol=rtol)
    step = default_step(method, v.real_number(x, "x")) if h is None else h
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

    Steps too small to move x (x + h == x) are kept on purpose: their error shows why
    naive steps fail. By default the steps run from 1e-16 to 1, leaving out those that
    would leave f's domain; steps of your own must all stay inside it.

    >>> s = error_study(np.exp, np.exp, 1.0)
    >>> 1e-9 < s.best_step("forward") < 1e-7
    True
    """
    v.require_callable(f)
    v.require_callable(dfdx, "dfdx")
    x = v.real_number(x, "x")
    v.in_domain(f, x)
    given = hs is not None
    hs = np.logspace(-16, 0, 161) if hs is None else np.sort(np.abs(np.atleast_1d(v.nonzero_steps(hs, "hs"))))
    if hs.ndim != 1 or hs.size > 10_000:
        raise ValueError("`hs` must be a list of at most 10,000 steps")
    exact = v.in_domain(dfdx, x)
    forward, _, fp = _forward(f, x, hs)
    central, _, fm = _central(f, x, hs)
    inside = np.isfinite(fp) & np.isfinite(fm) & np.isfinite(forward) & np.isfinite(central)
    if given and not np.all(inside):
        bad = float(hs[~inside][0])
        raise ValueError(f"`hs` holds the step {bad:g}, which leaves the domain of f at x = {x:g}; "
                         "keep every step smaller than the distance to the domain's edge")
    hs = hs[inside]
    if hs.size == 0:
        raise ValueError(f"`x` = {x:g} is too close to the edge of f's domain for any step from 1e-16 to 1")
    errors = {
        "forward": np.abs(forward[inside] - exact),
        "central": np.abs(central[inside] - exact),
        "complex": np.abs(_complex(f, x, hs) - exact),
    }
    if not all(np.all(np.isfinite(e)) for e in errors.values()):
        raise ValueError(f"the complex step is not finite for f at x = {x:g} (f must be analytic there)")
    floor = EPS * max(abs(exact), 1e-300) / 2  # an exact zero error cannot go on log axes
    return ErrorStudy(hs, {m: np.maximum(e, floor) for m, e in errors.items()})
